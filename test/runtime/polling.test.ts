import { describe, expect, it } from "vitest";
import { withTestDatabase } from "../helpers/database.js";
import { getHealth, startTestApp } from "./harness.js";
import { eventually, TelegramStub, textUpdate } from "./telegram-stub.js";

const database = withTestDatabase({ truncate: false });

describe("polling mode", () => {
  it("goes on through a failing getUpdates and a failing reply, and stops cleanly", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    stub.failGetUpdates(1); // Telegram answers 500 first; grammY waits 3 s and polls again
    stub.telegram.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, { chatId: 7401 });
    const app = await startTestApp(database, stub, "polling");
    const first = textUpdate(7401, "/bantuan");
    const second = textUpdate(7402, "/bantuan");
    try {
      stub.push(first); // its reply fails: logged by bot.catch, polling goes on
      stub.push(second);
      await eventually(() => stub.sentTo(7402).length === 1, "the second update's reply");
      expect(stub.sentTo(7401)).toEqual([]);
      expect(stub.telegram.callsOf("deleteWebhook")).toHaveLength(1);
      const health = await getHealth(app.port);
      expect(health.status).toBe(200);
      expect(health.body.mode).toBe("polling");
      expect(health.body.lastUpdateAt).not.toBeNull();
    } finally {
      await app.stop();
    }
    // Stopping confirmed the handled updates to Telegram (getUpdates with the next offset).
    const last = stub.started.filter((call) => call.method === "getUpdates").at(-1)!;
    expect(last.payload).toMatchObject({ offset: second.update_id + 1, limit: 1 });
  });
});
