import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "../../src/db/schema/index.js";
import { enqueueMessages, PRIORITY } from "../../src/delivery/outbox.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { BotProcess } from "./child.js";
import { postUpdate, webhookProcessEnv } from "./harness.js";
import { eventually, TelegramStub, textUpdate } from "./telegram-stub.js";

// Several instances need a shared PostgreSQL (PGlite is one process's). Skipped without TEST_DATABASE_URL.
const server = !process.env.TEST_DATABASE_URL;

let database: TestDatabase;

beforeAll(async () => {
  if (!server) database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

describe.skipIf(server)("three instances in webhook mode on one PostgreSQL", () => {
  it("handle each update once, send each outbox row once, and run each scheduled tick once", async () => {
    const stub = new TelegramStub();
    const apiRoot = await stub.serve();
    const instances = [1, 2, 3].map(() =>
      BotProcess.start("test/runtime/fixtures/instance.ts", webhookProcessEnv(apiRoot, { databaseUrl: database.url! })),
    );
    try {
      const ports = await Promise.all(instances.map((instance) => instance.port()));
      const firstTick = Math.ceil(Date.now() / 2000); // every instance's scheduler runs from here on

      // Messages the bot initiates, queued once; any instance's sender may take them.
      await enqueueMessages(
        database.db,
        Array.from({ length: 6 }, (_, i) => ({ dedupeKey: `three-${i}`, chatId: 7600 + i, priority: PRIORITY.notification, payload: { text: `outbox ${i}` }, notBefore: new Date() })),
      );
      // Telegram retrying the same updates at every instance at once…
      const shared = Array.from({ length: 8 }, (_, i) => textUpdate(7500 + i, "/bantuan"));
      // …and distinct updates spread over the three, as a load balancer would.
      const spread = Array.from({ length: 9 }, (_, i) => textUpdate(7520 + i, "/bantuan"));
      const answers = await Promise.all([
        ...shared.flatMap((update) => ports.map((port) => postUpdate(port, update))),
        ...spread.map((update, i) => postUpdate(ports[i % 3]!, update)),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));

      await eventually(() => Array.from({ length: 6 }, (_, i) => stub.sentTo(7600 + i).length).every((count) => count >= 1), "the outbox rows to go out");
      const ticks = () => instances.flatMap((instance) => instance.logged("test tick ran").map((line) => Number(line.tick))).filter((tick) => tick >= firstTick);
      await eventually(() => new Set(ticks()).size >= 3, "three scheduled ticks after all instances are up");

      for (const update of [...shared, ...spread]) {
        const chatId = update.message!.chat.id;
        expect(stub.sentTo(chatId), `replies to chat ${chatId}`).toHaveLength(1);
      }
      for (let i = 0; i < 6; i++) expect(stub.sentTo(7600 + i)).toEqual([`outbox ${i}`]);
      const rows = await database.db.select({ status: outbox.status }).from(outbox);
      expect(rows.map((row) => row.status)).toEqual(rows.map(() => "sent"));
      const runs = new Map<number, number>();
      for (const tick of ticks()) runs.set(tick, (runs.get(tick) ?? 0) + 1);
      expect([...runs.values()].every((count) => count === 1), `runs per tick: ${JSON.stringify([...runs])}`).toBe(true);
    } finally {
      for (const instance of instances) instance.kill("SIGTERM");
      const exits = await Promise.all(instances.map((instance) => instance.exited));
      await stub.close();
      expect(exits.map((exit) => exit.code)).toEqual([0, 0, 0]);
    }
    // Three tsx processes start, migrate and stop: seconds on a quiet machine, but a shared one at
    // load 20 took over the default 30 s. A guard against a hang, not a measure of speed.
  }, 120_000);
});
