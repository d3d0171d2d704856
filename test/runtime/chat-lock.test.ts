import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { CHAT_LOCK_CLASS, chatLockKey, openChatLocks } from "../../src/db/chat-lock.js";
import { processedUpdate } from "../../src/db/schema/index.js";
import { withTestDatabase } from "../helpers/database.js";
import { postUpdate, startTestApp } from "./harness.js";
import { TelegramStub, textUpdate } from "./telegram-stub.js";

// The chat lock is PostgreSQL's (another instance holding a chat); PGlite has none: skipped without TEST_DATABASE_URL.
describe.skipIf(!process.env.TEST_DATABASE_URL)("webhook mode with a chat held by another instance", () => {
  const database = withTestDatabase();
  const other = { sql: null as postgres.Sql | null };
  afterAll(async () => {
    await other.sql?.end();
  });

  it("waits a bounded time, answers 500 with nothing handled or claimed, and handles Telegram's redelivery once the chat is free", async () => {
    const stub = new TelegramStub();
    const chatLocks = openChatLocks(database.url!, { waitMs: 300 });
    const app = await startTestApp({ ...database, chatLocks }, stub, "webhook");
    try {
      // "Another instance" holds chat 7301: a session lock on a connection of its own.
      other.sql = postgres(database.url!, { max: 1, onnotice: () => {} });
      const held = await other.sql.reserve();
      await held`select pg_advisory_lock(${CHAT_LOCK_CLASS}::int4, ${chatLockKey(7301)}::int4)`;
      const update = textUpdate(7301, "/bantuan");
      const busy = await postUpdate(app.port, update);
      expect(busy.status).toBe(500);
      expect(stub.sentTo(7301)).toHaveLength(0);
      expect(await database.db.select().from(processedUpdate)).toHaveLength(0);
      // Another chat is not held up.
      expect((await postUpdate(app.port, textUpdate(7302, "/bantuan"))).status).toBe(200);

      await held`select pg_advisory_unlock(${CHAT_LOCK_CLASS}::int4, ${chatLockKey(7301)}::int4)`;
      held.release();
      expect((await postUpdate(app.port, update)).status).toBe(200);
      expect(stub.sentTo(7301)).toHaveLength(1);
    } finally {
      await app.stop();
      await chatLocks.close();
    }
  });
});
