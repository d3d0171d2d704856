import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "../../src/db/schema/index.js";
import { enqueueMessages, PRIORITY } from "../../src/delivery/outbox.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { BotProcess } from "../runtime/child.js";
import { webhookProcessEnv } from "../runtime/harness.js";
import { eventually, TelegramStub } from "../runtime/telegram-stub.js";

// Real bot processes (src/main.ts, webhook mode) sharing one PostgreSQL: skipped on PGlite, which is one process's.
const noServer = !process.env.TEST_DATABASE_URL;
const ELECTED = "this instance is now the outbox sender";
const ROWS = 60;
const FIRST_CHAT = 8_100;

let database: TestDatabase;

beforeAll(async () => {
  if (!noServer) database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

describe.skipIf(noServer)("the outbox sender killed mid-broadcast", () => {
  it("one of three instances sends; killed with SIGKILL, another takes over and every row goes out", async () => {
    const stub = new TelegramStub();
    const apiRoot = await stub.serve();
    // Telegram is slow, so rows are claimed and in flight when the sender dies.
    stub.delays.set("sendMessage", 150);
    const instances = [1, 2, 3].map(() =>
      BotProcess.start("src/main.ts", webhookProcessEnv(apiRoot, { databaseUrl: database.url! })),
    );
    try {
      await Promise.all(instances.map((instance) => instance.port()));
      await eventually(() => instances.some((instance) => instance.logged(ELECTED).length > 0), "a sender to be elected");
      const first = instances.find((instance) => instance.logged(ELECTED).length > 0)!;
      expect(instances.filter((instance) => instance.logged(ELECTED).length > 0)).toHaveLength(1);

      await enqueueMessages(
        database.db,
        Array.from({ length: ROWS }, (_, i) => ({ dedupeKey: `failover-${i}`, chatId: FIRST_CHAT + i, priority: PRIORITY.announcement, payload: { text: `pesan ${i}` }, notBefore: new Date() })),
      );
      const delivered = () => Array.from({ length: ROWS }, (_, i) => stub.sentTo(FIRST_CHAT + i).length);
      await eventually(() => delivered().filter((count) => count > 0).length >= 10, "the first messages to go out");
      first.kill("SIGKILL");
      await first.exited;
      const survivors = instances.filter((instance) => instance !== first);

      await eventually(() => survivors.some((instance) => instance.logged(ELECTED).length > 0), "another instance to take the seat", 20_000);
      await eventually(() => delivered().every((count) => count > 0), "every row to go out", 30_000);
      await eventually(async () => (await database.db.select({ status: outbox.status }).from(outbox)).every((row) => row.status === "sent"), "every row to be recorded as sent");
      expect(survivors.filter((instance) => instance.logged(ELECTED).length > 0)).toHaveLength(1);
      // At least once: only a message Telegram had in hand at the kill may go twice (the engine has
      // at most 8 rows claimed at once).
      const duplicated = delivered().reduce((sum, count) => sum + count - 1, 0);
      expect(duplicated).toBeLessThanOrEqual(8);
    } finally {
      for (const instance of instances) instance.kill("SIGTERM");
      await Promise.all(instances.map((instance) => instance.exited));
      await stub.close();
    }
  }, 120_000);
});
