import { describe, expect, it } from "vitest";
import { enqueueMessages, PRIORITY } from "../../src/delivery/outbox.js";
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
      expect(before).toEqual({ status: 200, body: { ok: true, database: true, outboxLagSeconds: 0, lastUpdateAt: null, mode: "webhook" } });

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
      expect(await getHealth(app.port)).toEqual({ status: 200, body: { ok: true, database: true, outboxLagSeconds: 0, lastUpdateAt: null, mode: "polling" } });
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
      expect(await getHealth(app.port)).toEqual({ status: 503, body: { ok: false, database: false, outboxLagSeconds: null, lastUpdateAt: null, mode: "webhook" } });
    } finally {
      await app.stop();
    }
  });
});
