import { describe, expect, it } from "vitest";
import { processedUpdate } from "../../src/db/schema/index.js";
import { withTestDatabase } from "../helpers/database.js";
import { getHealth, startTestApp } from "./harness.js";
import { eventually, TelegramStub, textUpdate } from "./telegram-stub.js";

const database = withTestDatabase({ truncate: false });
const claimed = async () => (await database.db.select({ updateId: processedUpdate.updateId }).from(processedUpdate)).map((row) => row.updateId).sort();

describe("polling mode", () => {
  it("goes on through a failing getUpdates and a failing reply, and stops cleanly", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    stub.failGetUpdates(1); // Telegram answers 500 first; polling waits 1 s and polls again
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

  it("handles other chats while one chat's update is slow, and a chat's own updates one after another", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    const releaseSlow = stub.hold("sendMessage", 7411); // Telegram slow to take the reply to chat 7411
    const app = await startTestApp(database, stub, "polling");
    try {
      stub.push(textUpdate(7411, "/bantuan"));
      await eventually(() => stub.started.some((call) => call.method === "sendMessage" && call.payload.chat_id === 7411), "the slow reply to begin");
      stub.push(textUpdate(7411, "/profil")); // the same chat again: waits for the first
      stub.push(textUpdate(7412, "/bantuan"));
      stub.push(textUpdate(7413, "/bantuan"));
      await eventually(() => stub.sentTo(7412).length === 1 && stub.sentTo(7413).length === 1, "the other chats' replies");
      // Chat 7411's second update has not begun: nothing more was sent to it while its first is held.
      expect(stub.started.filter((call) => call.method === "sendMessage" && call.payload.chat_id === 7411)).toHaveLength(1);
      expect(stub.sentTo(7411)).toEqual([]);
      releaseSlow();
      await eventually(() => stub.sentTo(7411).length === 2, "chat 7411's two replies");
      const [first, second] = stub.sentTo(7411);
      expect(second).not.toBe(first); // /bantuan's reply, then /profil's: in their order
      expect(stub.telegram.callsOf("sendMessage").filter((call) => call.payload.chat_id === 7411).map((call) => call.payload.text)).toEqual([first, second]);
    } finally {
      await app.stop();
    }
  });

  it("on stop, lets the update in progress finish, confirms it, and takes no update after it", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    const release = stub.hold("sendMessage", 7421);
    const app = await startTestApp(database, stub, "polling");
    const inFlight = textUpdate(7421, "/bantuan");
    stub.push(inFlight);
    await eventually(() => stub.started.some((call) => call.method === "sendMessage" && call.payload.chat_id === 7421), "the reply to begin");
    const stopping = app.stop();
    // The stop has begun (polling stopped at once) and waits for the reply in progress, let through only now.
    stub.push(textUpdate(7422, "/bantuan"));
    release();
    await stopping;
    expect(stub.sentTo(7421)).toHaveLength(1);
    expect(stub.sentTo(7422)).toEqual([]);
    const last = stub.started.filter((call) => call.method === "getUpdates").at(-1)!;
    expect(last.payload).toMatchObject({ offset: inFlight.update_id + 1, limit: 1 });
    expect(await claimed()).toEqual([inFlight.update_id]);
  });

  it("polls again after a 409 (another poller still stopping) and handles what waits", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    stub.failGetUpdates(2, 409);
    const app = await startTestApp(database, stub, "polling");
    try {
      stub.push(textUpdate(7431, "/bantuan"));
      await eventually(() => stub.sentTo(7431).length === 1, "the reply after the conflicts");
      expect(stub.started.filter((call) => call.method === "getUpdates").length).toBeGreaterThanOrEqual(3);
    } finally {
      await app.stop();
    }
  });

  it("polls again after a 429 that says retry_after, and handles what waits", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    stub.failGetUpdates(1, 429);
    const app = await startTestApp(database, stub, "polling");
    try {
      stub.push(textUpdate(7435, "/bantuan"));
      await eventually(() => stub.sentTo(7435).length === 1, "the reply after the 429");
      expect(stub.started.filter((call) => call.method === "getUpdates").length).toBeGreaterThanOrEqual(2);
    } finally {
      await app.stop();
    }
  });

  it("handles an update Telegram gives again after a restart once", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    const update = textUpdate(7441, "/bantuan");
    stub.push(update);
    const first = await startTestApp(database, stub, "polling");
    try {
      await eventually(() => stub.sentTo(7441).length === 1, "the first reply");
    } finally {
      await first.stop();
    }
    // The stub keeps every update: a new poller (offset 0) is given it again, then the next one of the chat.
    const second = await startTestApp(database, stub, "polling");
    try {
      stub.push(textUpdate(7441, "/profil"));
      await eventually(() => stub.sentTo(7441).length >= 2, "the reply to the next update");
      // The chat's updates go in order: the redelivery was done (dropped) before /profil was answered.
      const [bantuan, profil] = stub.sentTo(7441);
      expect(profil).not.toBe(bantuan);
      expect(stub.sentTo(7441)).toHaveLength(2);
      expect(await claimed()).toHaveLength(2);
    } finally {
      await second.stop();
    }
  });
});

/** Updates the app handed to the bot (the tracker counts each once it is done): from its /metrics. */
async function updatesDone(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const count = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1] ?? 0);
  return count("bantar_updates_handled_total") + count("bantar_updates_failed_total");
}

describe("polling confirms only finished updates (crash safety)", () => {
  it("never confirms a slow update in flight, handles other chats meanwhile, takes a redelivery once, and confirms it once done", async () => {
    await database.truncate();
    const stub = new TelegramStub();
    const hold = stub.hold("sendMessage", 7451);
    let held = true;
    const releaseSlow = () => {
      if (held) hold();
      held = false;
    };
    const app = await startTestApp(database, stub, "polling");
    const slow = textUpdate(7451, "/bantuan");
    const getUpdates = () => stub.started.filter((call) => call.method === "getUpdates");
    try {
      stub.push(slow);
      await eventually(() => stub.started.some((call) => call.method === "sendMessage" && call.payload.chat_id === 7451), "the slow reply to begin");
      const fetchedAt = getUpdates().length;
      stub.push(textUpdate(7452, "/bantuan"));
      stub.push(slow); // Telegram sends the update in flight again
      const other = textUpdate(7453, "/bantuan");
      stub.push(other);
      await eventually(() => stub.sentTo(7452).length === 1 && stub.sentTo(7453).length === 1, "the other chats' replies");
      await eventually(() => getUpdates().length > fetchedAt + 2, "polling to go on while the slow update is in flight");
      // A SIGKILL now must not lose the slow update: no getUpdates since it was fetched confirmed it.
      const offsets = getUpdates().slice(fetchedAt).map((call) => Number(call.payload.offset));
      expect(offsets.length).toBeGreaterThan(2);
      for (const offset of offsets) expect(offset).toBeLessThanOrEqual(slow.update_id);
      expect(stub.sentTo(7451)).toEqual([]);
      releaseSlow();
      await eventually(() => stub.sentTo(7451).length === 1, "the slow reply");
      // Once it finished, polling confirms past it (and past the others, all finished).
      await eventually(() => getUpdates().some((call) => Number(call.payload.offset) > other.update_id), "the offset to move past the finished updates");
      // Given back by Telegram at every poll while in flight, and pushed again: handed to the bot once.
      expect(await updatesDone(app.port)).toBe(3);
      expect(stub.sentTo(7451)).toHaveLength(1);
    } finally {
      releaseSlow(); // a failed expectation above must not leave the stop waiting on the held reply
      await app.stop();
    }
    expect(await claimed()).toHaveLength(3);
  });
});
