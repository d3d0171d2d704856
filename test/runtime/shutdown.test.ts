import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { processedUpdate } from "../../src/db/schema/index.js";
import { withTestDatabase } from "../helpers/database.js";
import { BotProcess } from "./child.js";
import { postUpdate, SECRET, startTestApp, TOKEN, webhookProcessEnv } from "./harness.js";
import { eventually, TelegramStub, textUpdate } from "./telegram-stub.js";

const database = withTestDatabase({ truncate: false });

const claimed = async (ids: number[]) => (await database.db.select().from(processedUpdate).where(inArray(processedUpdate.updateId, ids))).map((row) => row.updateId);

/** A new request to a stopping instance is refused: the connection, or 503. */
async function refused(request: Promise<Response>): Promise<boolean> {
  try {
    return (await request).status === 503;
  } catch {
    return true; // connection refused: the server no longer listens
  }
}

describe("graceful shutdown", () => {
  it("finishes the update in progress, refuses new ones, and stops well inside 10 s", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    stub.delays.set("sendMessage", 1_500); // the reply is on its way when the stop comes
    const app = await startTestApp(database, stub);
    const inFlight = textUpdate(7301, "/bantuan");
    const late = textUpdate(7302, "/bantuan");
    const answer = postUpdate(app.port, inFlight);
    await eventually(() => stub.started.some((call) => call.method === "sendMessage"), "the reply to start");

    const stopStarted = Date.now();
    const stopping = app.stop();
    expect(app.stop()).toBe(stopping); // stopping twice is one stop
    expect(await refused(postUpdate(app.port, late))).toBe(true);
    expect((await answer).status).toBe(200);
    await stopping;
    const tookMs = Date.now() - stopStarted;

    expect(stub.sentTo(7301)).toHaveLength(1); // the reply completed
    expect(stub.sentTo(7302)).toEqual([]);
    expect(await claimed([inFlight.update_id, late.update_id])).toEqual([inFlight.update_id]);
    expect(tookMs).toBeGreaterThanOrEqual(1_000); // it waited for the reply…
    expect(tookMs).toBeLessThan(10_000); // …within the deadline
  });

  it("cuts a Telegram call that hangs near the deadline, so the stop still ends in time", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    stub.hangNext("sendMessage");
    const app = await startTestApp(database, stub, "webhook", { telegramTimeoutMs: 60_000, shutdownDeadlineMs: 3_000 });
    const answer = postUpdate(app.port, textUpdate(7303, "/bantuan"));
    await eventually(() => stub.started.some((call) => call.method === "sendMessage"), "the reply to start");
    const stopStarted = Date.now();
    await app.stop();
    expect(Date.now() - stopStarted).toBeLessThan(3_000);
    expect((await answer).status).toBe(500); // not handled: Telegram gives it to another instance
  });

  it("a real process on SIGTERM: the update in progress completes, exit code 0, under 10 s, no secret in the logs", async () => {
    const stub = new TelegramStub();
    const apiRoot = await stub.serve();
    const dataDir = database.url ? null : mkdtempSync(join(tmpdir(), "bantar-shutdown-"));
    try {
      await database.truncate();
      const bot = BotProcess.start("src/main.ts", webhookProcessEnv(apiRoot, database.url ? { databaseUrl: database.url } : { dataDir: dataDir! }));
      const port = await bot.port();
      stub.delays.set("sendMessage", 1_500);
      const inFlight = textUpdate(7304, "/bantuan");
      const answer = postUpdate(port, inFlight);
      await eventually(() => stub.started.some((call) => call.method === "sendMessage" && call.payload.chat_id === 7304), "the reply to start");

      const killedAt = Date.now();
      bot.kill("SIGTERM");
      // The process takes a moment to see the signal; a request in that moment is still handled.
      await eventually(() => bot.logged("shutting down").length > 0, "the process to begin stopping");
      expect(await refused(postUpdate(port, textUpdate(7305, "/bantuan")))).toBe(true);
      expect((await answer).status).toBe(200);
      const { code } = await bot.exited;
      const tookMs = Date.now() - killedAt;

      expect(code).toBe(0);
      expect(tookMs).toBeLessThan(10_000);
      expect(stub.sentTo(7304)).toHaveLength(1);
      expect(stub.sentTo(7305)).toEqual([]);
      expect(bot.logged("stopped")).toHaveLength(1);
      const output = bot.output.join("\n");
      expect(output).not.toContain(TOKEN.split(":")[1]);
      expect(output).not.toContain(SECRET);
    } finally {
      await stub.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
