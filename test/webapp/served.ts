import { afterAll, beforeAll, expect } from "vitest";
import type { App } from "../../src/runtime/app.js";
import type { withTestDatabase } from "../helpers/database.js";
import { signInitData } from "../helpers/init-data.js";
import type { TestUser } from "../helpers/test-bot.js";
import { startWebAppTestApp, TOKEN } from "../runtime/harness.js";
import { TelegramStub } from "../runtime/telegram-stub.js";
import { signIn } from "./client.js";

/**
 * The real app with the Mini App on, on the file's test database, its clock stopped at `now`:
 * started before the file's tests and stopped after them. `sessionOf` signs a person in as the
 * boot page does (fresh initData each time) and gives their session cookie.
 */
export function withServedApp(database: ReturnType<typeof withTestDatabase>, now: Date): { readonly port: number; sessionOf(user: TestUser): Promise<string> } {
  let app: App | undefined;
  beforeAll(async () => {
    app = await startWebAppTestApp(database, new TelegramStub(), { clock: () => now });
  });
  afterAll(async () => {
    await app?.stop();
  });
  return {
    get port() {
      if (!app) throw new Error("the app is started in beforeAll");
      return app.port;
    },
    async sessionOf(user) {
      const answer = await signIn(this.port, signInitData({ botToken: TOKEN, user: { id: user.id, first_name: user.first_name, language_code: "id" }, authDate: now }));
      expect(answer.status).toBe(204);
      return answer.cookie!;
    },
  };
}
