import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outbox, processedUpdate } from "../../src/db/schema/index.js";
import { enqueueMessages, PRIORITY } from "../../src/delivery/outbox.js";
import type { App } from "../../src/runtime/app.js";
import { withTestDatabase } from "../helpers/database.js";
import { getHealth, postUpdate, SECRET, startTestApp, WEBHOOK_PATH } from "./harness.js";
import { eventually, TelegramStub, textUpdate } from "./telegram-stub.js";

const database = withTestDatabase();
let stub: TelegramStub;
let app: App;

const claimedIds = async () => (await database.db.select({ id: processedUpdate.updateId }).from(processedUpdate)).map((row) => row.id);

beforeEach(async () => {
  stub = new TelegramStub();
  app = await startTestApp(database, stub, "webhook", { telegramTimeoutMs: 500 });
});

afterEach(async () => {
  await app.stop();
});

describe("webhook mode", () => {
  it("sets the webhook with the secret and the update types at start", async () => {
    await eventually(() => stub.telegram.callsOf("setWebhook").length > 0, "setWebhook");
    expect(stub.telegram.callsOf("setWebhook")[0]!.payload).toEqual({
      url: `https://bot.example.org${WEBHOOK_PATH}`,
      secret_token: SECRET,
      allowed_updates: ["message", "callback_query", "my_chat_member", "poll_answer", "poll"],
    });
  });

  it("handles an update posted with the right secret: Telegram sees the reply", async () => {
    const update = textUpdate(7001, "/bantuan");
    const response = await postUpdate(app.port, update);
    expect(response.status).toBe(200);
    expect(stub.sentTo(7001)).toHaveLength(1);
    expect(await claimedIds()).toEqual([update.update_id]);
  });

  it("refuses a wrong or missing secret with 401 and handles nothing", async () => {
    for (const secret of [null, "wrong", SECRET.toUpperCase(), `${SECRET}x`, ""]) {
      const response = await postUpdate(app.port, textUpdate(7002, "/bantuan"), secret);
      expect(response.status, `secret ${JSON.stringify(secret)}`).toBe(401);
    }
    expect(stub.telegram.callsOf("sendMessage")).toEqual([]);
    expect(await claimedIds()).toEqual([]);
  });

  it("answers a redelivered update 200 without handling it twice", async () => {
    const update = textUpdate(7003, "/bantuan");
    expect((await postUpdate(app.port, update)).status).toBe(200);
    expect((await postUpdate(app.port, update)).status).toBe(200);
    expect(stub.sentTo(7003)).toHaveLength(1);
  });

  it("takes updates only by POST on the webhook's path", async () => {
    const base = `http://127.0.0.1:${app.port}`;
    expect((await fetch(`${base}${WEBHOOK_PATH}`)).status).toBe(404);
    expect((await fetch(`${base}/other`, { method: "POST", body: JSON.stringify(textUpdate(7004, "/bantuan")) })).status).toBe(404);
    expect((await postUpdate(app.port, { not: "an update" } as never)).status).toBe(400);
    expect(stub.telegram.callsOf("sendMessage")).toEqual([]);
  });

  it("answers 500 when Telegram fails the reply, so Telegram redelivers; the redelivery is handled", async () => {
    stub.telegram.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" });
    const update = textUpdate(7005, "/bantuan");
    expect((await postUpdate(app.port, update)).status).toBe(500);
    expect(await claimedIds()).toEqual([]); // the claim was released for the redelivery
    expect((await postUpdate(app.port, update)).status).toBe(200);
    expect(stub.sentTo(7005)).toHaveLength(1);
    expect((await getHealth(app.port)).status).toBe(200);
  });

  it("answers 200 to a failure a redelivery would meet again (Telegram refuses the reply: 403), and keeps taking updates", async () => {
    stub.telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    expect((await postUpdate(app.port, textUpdate(7010, "/bantuan"))).status).toBe(200);
    expect((await postUpdate(app.port, textUpdate(7011, "/bantuan"))).status).toBe(200);
    expect(stub.sentTo(7011)).toHaveLength(1);
  });

  it("answers 500 when a call to Telegram times out, and keeps taking updates", async () => {
    stub.hangNext("sendMessage");
    expect((await postUpdate(app.port, textUpdate(7006, "/bantuan"))).status).toBe(500);
    expect((await postUpdate(app.port, textUpdate(7007, "/bantuan"))).status).toBe(200);
    expect(stub.sentTo(7007)).toHaveLength(1);
    expect((await getHealth(app.port)).body.ok).toBe(true);
  });

  it("keeps an outbox message through a Telegram 500 and sends it on the retry", async () => {
    stub.telegram.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" });
    await enqueueMessages(database.db, [{ dedupeKey: "runtime-outbox-1", chatId: 7008, priority: PRIORITY.notification, payload: { text: "pengumuman" }, notBefore: new Date() }]);
    // The first try fails; the row waits its backoff (2 s) and goes out on the second.
    await eventually(() => stub.sentTo(7008).length === 1, "the retried outbox message", 10_000);
    // The stub answers before the sender marks the row: wait for the mark, not only the delivery.
    const status = async () => (await database.db.select().from(outbox).where(eq(outbox.dedupeKey, "runtime-outbox-1")))[0]?.status;
    await eventually(async () => (await status()) === "sent", "the row marked sent", 5_000);
    expect(await status()).toBe("sent");
    expect(stub.telegram.callsOf("sendMessage").filter((call) => call.payload.chat_id === 7008)).toHaveLength(2);
  });
});
