import { describe, expect, it } from "vitest";
import { enqueueMessages, PRIORITY } from "../../src/delivery/outbox.js";
import { createLogger } from "../../src/logger.js";
import { WEBHOOK_REFUSED } from "../../src/runtime/http-server.js";
import { createTestDatabase, withTestDatabase } from "../helpers/database.js";
import { getHealth, postUpdate, startTestApp } from "./harness.js";
import { eventually, TelegramStub, textUpdate } from "./telegram-stub.js";

const database = withTestDatabase({ truncate: false });

describe("GET /healthz", () => {
  it("reports the database, the outbox lag and the last update, in webhook mode", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    const app = await startTestApp(database, stub, "webhook");
    try {
      const before = await getHealth(app.port);
      expect(before).toEqual({ status: 200, body: { ok: true, database: true, outboxLagSeconds: 0, lastUpdateAt: null, mode: "webhook", webhookRefused: 0 } });

      const postedAt = Date.now();
      expect((await postUpdate(app.port, textUpdate(7101, "/bantuan"))).status).toBe(200);
      const after = await getHealth(app.port);
      expect(after.status).toBe(200);
      expect(Date.parse(after.body.lastUpdateAt!)).toBeGreaterThanOrEqual(postedAt - 1000);
      expect(after.body.lastUpdateAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      // A slow Telegram: the sender holds 8 messages in flight, the other 4 wait, overdue by a minute.
      stub.delays.set("sendMessage", 3_000);
      const overdue = new Date(Date.now() - 60_000);
      await enqueueMessages(
        database.db,
        Array.from({ length: 12 }, (_, i) => ({ dedupeKey: `lag-${i}`, chatId: 7200 + i, priority: PRIORITY.announcement, payload: { text: "x" }, notBefore: overdue })),
      );
      await eventually(() => stub.started.filter((call) => call.method === "sendMessage").length >= 8, "the sender to fill its slots");
      const lagging = await getHealth(app.port);
      expect(lagging.status).toBe(200);
      expect(lagging.body.outboxLagSeconds).toBeGreaterThanOrEqual(60);
      expect(lagging.body.outboxLagSeconds).toBeLessThan(120);
    } finally {
      await app.stop();
    }
  });

  it("answers in polling mode too", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    const app = await startTestApp(database, stub, "polling");
    try {
      expect(await getHealth(app.port)).toEqual({ status: 200, body: { ok: true, database: true, outboxLagSeconds: 0, lastUpdateAt: null, mode: "polling", webhookRefused: 0 } });
      expect((await fetch(`http://127.0.0.1:${app.port}/telegram/hook`, { method: "POST", body: "{}" })).status).toBe(404); // no webhook in polling mode
    } finally {
      await app.stop();
    }
  });

  it("answers 503 when the database does not", async () => {
    const doomed = await createTestDatabase();
    const stub = new TelegramStub();
    const app = await startTestApp(doomed, stub, "webhook");
    try {
      expect((await getHealth(app.port)).status).toBe(200);
      await doomed.close();
      expect(await getHealth(app.port)).toEqual({ status: 503, body: { ok: false, database: false, outboxLagSeconds: null, lastUpdateAt: null, mode: "webhook", webhookRefused: 0 } });
    } finally {
      await app.stop();
    }
  });

  it("counts webhook requests refused for their secret, and logs them at most once a minute", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    const lines: { msg: string; refused?: number; total?: number; remote?: unknown }[] = [];
    const logger = createLogger("info", { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) });
    let now = new Date("2026-11-22T03:00:00Z");
    const app = await startTestApp(database, stub, "webhook", { logger, clock: () => now });
    const refusedLines = () => lines.filter((line) => line.msg === WEBHOOK_REFUSED);
    try {
      // 400 requests with a wrong secret (or none) in one minute: one line, at the first.
      for (let batch = 0; batch < 8; batch++) {
        const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => postUpdate(app.port, textUpdate(7300 + i, "/bantuan"), i % 5 === 0 ? null : `wrong-${batch}-${i}`)));
        expect(answers.every((answer) => answer.status === 401)).toBe(true);
      }
      expect(refusedLines()).toEqual([expect.objectContaining({ refused: 1, total: 1 })]);
      expect(refusedLines()[0]).not.toHaveProperty("remote"); // nothing about who sent it
      expect((await getHealth(app.port)).body.webhookRefused).toBe(400);
      expect(stub.telegram.callsOf("sendMessage")).toEqual([]);

      // Still within the minute: counted, not logged. A minute after the line: one line with the count since.
      now = new Date(now.getTime() + 59_000);
      expect((await postUpdate(app.port, textUpdate(7400, "/bantuan"), "wrong")).status).toBe(401);
      expect(refusedLines()).toHaveLength(1);
      now = new Date(now.getTime() + 1_000);
      expect((await postUpdate(app.port, textUpdate(7401, "/bantuan"), "wrong")).status).toBe(401);
      expect(refusedLines()).toHaveLength(2);
      expect(refusedLines()[1]).toMatchObject({ refused: 401, total: 402 });

      // The right secret still gets in; what is left unlogged is logged at shutdown.
      expect((await postUpdate(app.port, textUpdate(7402, "/bantuan"))).status).toBe(200);
      expect((await postUpdate(app.port, textUpdate(7403, "/bantuan"), "wrong")).status).toBe(401);
      expect((await getHealth(app.port)).body.webhookRefused).toBe(403);
    } finally {
      await app.stop();
    }
    expect(refusedLines()).toHaveLength(3);
    expect(refusedLines()[2]).toMatchObject({ refused: 1, total: 403 });
  });
});
