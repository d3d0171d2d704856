import { Bot } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it, vi } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { dedupeUpdates } from "../../src/bot/middlewares/dedupe.js";
import type { Database } from "../../src/db/client.js";
import { processedUpdate } from "../../src/db/schema/index.js";
import { withTestDatabase } from "../helpers/database.js";
import { BOT_INFO } from "../helpers/test-bot.js";

const database = withTestDatabase({ truncate: false });

const refused = () => Object.assign(new Error("write ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

/**
 * The database goes away in the middle of an update: the claim was committed, then the handler
 * and the release both fail. `down` makes the handler and every delete fail; claims still work.
 */
function flakyBot() {
  const state = { down: false, handled: 0 };
  const db = new Proxy(database.db, {
    get(target, property, receiver) {
      if (property === "delete" && state.down) {
        return () => {
          throw refused();
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  }) as Database;
  const bot = new Bot<BotContext>("1:fake", { botInfo: BOT_INFO });
  bot.use(dedupeUpdates({ db, clock: () => new Date() }));
  bot.use(() => {
    if (state.down) throw refused();
    state.handled++;
  });
  return { bot, state };
}

const update = (id: number): Update => ({ update_id: id, message: { message_id: 1, date: 0, chat: { id: 7, type: "private", first_name: "Siti" }, from: { id: 7, is_bot: false, first_name: "Siti" }, text: "halo" } }) as Update;

describe("dedupe when the database goes away mid-update", () => {
  it("handles the redelivery once the database is back, though the claim could not be released", async () => {
    const { bot, state } = flakyBot();
    state.down = true;
    await expect(bot.handleUpdate(update(501))).rejects.toThrow("ECONNREFUSED");
    // The claim stayed behind: without care, the redelivery would be dropped as a duplicate.
    expect(await database.db.select().from(processedUpdate)).toHaveLength(1);
    state.down = false;
    await bot.handleUpdate(update(501));
    expect(state.handled).toBe(1);
    await bot.handleUpdate(update(501));
    expect(state.handled).toBe(1);
  });

  it("releases the claim in the background once the database is back, so another instance can take the redelivery", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const { bot, state } = flakyBot();
      state.down = true;
      await expect(bot.handleUpdate(update(601))).rejects.toThrow("ECONNREFUSED");
      await vi.advanceTimersByTimeAsync(1_000); // first retry: still down
      state.down = false;
      await vi.advanceTimersByTimeAsync(2_000); // second retry: released
      vi.useRealTimers(); // the release itself is a round trip to the server
      await vi.waitFor(async () => expect((await database.db.select().from(processedUpdate)).map((row) => row.updateId)).not.toContain(601));
      // Another instance (its own middleware, no memory of the claim) handles the redelivery.
      const other = flakyBot();
      await other.bot.handleUpdate(update(601));
      expect(other.state.handled).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
