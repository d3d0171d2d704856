import { createServer } from "node:net";
import { BotError } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { DatabaseUnavailableError } from "../../src/db/errors.js";
import { newUser } from "../helpers/fixtures.js";
import { callbackAnswerTo, TestBot } from "../helpers/test-bot.js";
import { rondaVolunteer } from "../../src/messages/buttons/ronda.js";

const TRY_AGAIN = "Maaf, sistem sedang gangguan sebentar. Coba lagi sebentar.";

/** A port nothing listens on: every connection is refused, as when the server is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let handle: DatabaseHandle;
let harness: TestBot;

beforeAll(async () => {
  handle = await openDatabase({ kind: "postgres", url: `postgres://bantar@127.0.0.1:${await closedPort()}/bantar` });
  harness = new TestBot(handle.db);
});
afterAll(async () => {
  await handle.close();
});

/** Handles an update as a webhook would: its promise rejects when the update was not handled. */
async function failureOf(update: Parameters<TestBot["bot"]["handleUpdate"]>[0]): Promise<unknown> {
  try {
    await harness.bot.handleUpdate(update);
  } catch (error) {
    return error;
  }
  throw new Error("the update was handled although the database is down");
}

describe("an update while the database cannot be reached", () => {
  it("tells the person to try again shortly, and fails (a webhook answers non-2xx, Telegram redelivers)", async () => {
    const siti = newUser("Siti");
    const error = await failureOf(harness.messageUpdate(siti, "/profil"));
    expect(error).toBeInstanceOf(BotError);
    expect((error as BotError).error).toBeInstanceOf(DatabaseUnavailableError);
    expect(harness.telegram.textsTo(siti.id)).toEqual([TRY_AGAIN]);
  });

  it("answers a button press with the same words", async () => {
    const budi = newUser("Budi");
    const press = harness.callbackUpdate(budi, rondaVolunteer.data({ on: true }), 5);
    expect(((await failureOf(press)) as BotError).error).toBeInstanceOf(DatabaseUnavailableError);
    expect(callbackAnswerTo(harness.telegram, press)).toEqual(expect.objectContaining({ text: TRY_AGAIN, show_alert: true }));
  });

  it("still fails the update as unhandled when Telegram refuses the apology too", async () => {
    const dewi = newUser("Dewi");
    harness.telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" }, { chatId: dewi.id });
    expect(((await failureOf(harness.messageUpdate(dewi, "/bantuan"))) as BotError).error).toBeInstanceOf(DatabaseUnavailableError);
  });

  it("keeps quiet in a group (ordinary chatter is not answered line by line)", async () => {
    const yanto = newUser("Yanto");
    const update = harness.messageUpdate(yanto, "selamat pagi semua");
    const message = update.message as unknown as { chat: { id: number; type: string; title?: string } };
    message.chat = { id: -100123, type: "supergroup", title: "RT 05" };
    expect(((await failureOf(update)) as BotError).error).toBeInstanceOf(DatabaseUnavailableError);
    expect(harness.telegram.textsTo(-100123)).toEqual([]);
  });

  it("is logged and left behind by the polling loop's error handler, which does not throw", async () => {
    const error = await failureOf(harness.messageUpdate(newUser("Rina"), "/start"));
    await expect(Promise.resolve(harness.bot.errorHandler(error as BotError<never>))).resolves.toBeUndefined();
  });
});
