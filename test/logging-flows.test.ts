import { BotError } from "grammy";
import type { Update } from "grammy/types";
import { beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { addKetua, addMember, addRt } from "./helpers/fixtures.js";
import { type TestUser, withTestBot } from "./helpers/test-bot.js";

/**
 * Logs carry no personal identifiers: no Telegram id (a person's, or a group's chat id), no name,
 * nothing anyone wrote. The bot runs typical flows at trace level, Telegram refusing some of its
 * messages on the way, and every line written is searched.
 */
const lines: string[] = [];
const logger = createLogger("trace", { write: (line: string) => void lines.push(line) });
const { database, harness } = withTestBot({ logger, flood: { windowMs: 60_000, perWindow: 12, clock: () => 0 } });

beforeEach(() => {
  lines.length = 0;
});

/** Ids and words that exist only in personal data and in what people typed. */
const RESIDENT: TestUser = { id: 987_654_321, first_name: "Kartikasari", last_name: "Wulandanu" };
const KETUA: TestUser = { id: 876_543_219, first_name: "Prawirodirjo" };
const NEIGHBOUR: TestUser = { id: 765_432_198, first_name: "Sekarwangi" };
const GROUP_ID = -1_009_876_543_210;
const HOUSEHOLD = "Keluarga Wulandanu No. 7";
const MESSAGE = "pesan rahasia Zamrud 4821";
const ANNOUNCEMENT = "Rapat warga Giokbiru malam ini";
const FORBIDDEN = [RESIDENT.id, KETUA.id, NEIGHBOUR.id, GROUP_ID, -GROUP_ID].map(String).concat("Kartikasari", "Wulandanu", "Prawirodirjo", "Sekarwangi", "Zamrud", "Giokbiru");

function groupMessage(user: TestUser, text: string): Update {
  const update = harness.messageUpdate(user, text);
  return { ...update, message: { ...update.message!, chat: { id: GROUP_ID, type: "supergroup", title: "Warga RT 05" } } } as Update;
}

/** As the polling loop and the webhook do: a failed update goes to the bot's error handler. */
async function sendLogged(user: TestUser, text: string): Promise<void> {
  try {
    await harness.send(user, text);
  } catch (error) {
    if (!(error instanceof BotError)) throw error;
    await harness.bot.errorHandler(error);
  }
}

describe("logs of typical flows", () => {
  it("hold no Telegram id, name or typed text, though Telegram refuses, slows down and floods are dropped", async () => {
    const place = await addRt(database.db, 5);
    await addKetua(database.db, KETUA, place.id);
    await addMember(database.db, NEIGHBOUR, place.id, "No. 9");

    // A resident registers; Telegram refuses the join-request notice to the ketua (an outbox send).
    harness.telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" }, { chatId: KETUA.id });
    await harness.send(RESIDENT, "/start");
    await harness.press(RESIDENT, "Saya setuju");
    await harness.press(RESIDENT, "Telanaipura");
    await harness.press(RESIDENT, "Simpang IV Sipin");
    await harness.press(RESIDENT, "RT 05");
    await harness.send(RESIDENT, "Kartikasari Wulandanu");
    await harness.press(RESIDENT, "saja");
    await harness.send(RESIDENT, HOUSEHOLD);
    await harness.press(RESIDENT, "Kirim permintaan");
    expect(harness.telegram.callsOf("sendMessage").some((call) => call.payload.chat_id === KETUA.id && call.error?.error_code === 400)).toBe(true);

    // The ketua links the RT's group and announces to it and the residents; the group copy is refused.
    harness.telegram.setChatMember(GROUP_ID, KETUA.id, "administrator");
    await harness.deliver(groupMessage(KETUA, "/hubungkan"));
    harness.telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: not enough rights to send text messages to the chat" }, { chatId: GROUP_ID });
    await harness.send(KETUA, "/umumkan");
    await harness.press(KETUA, "Keduanya");
    await harness.press(KETUA, "Tidak");
    await harness.send(KETUA, ANNOUNCEMENT);
    await harness.press(KETUA, "Kirim");
    expect(harness.telegram.textsTo(NEIGHBOUR.id).some((text) => text.endsWith(`\n\n${ANNOUNCEMENT}`))).toBe(true);

    // A reply inside an update is refused: the error carries the payload (chat id and text).
    harness.telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" }, { chatId: RESIDENT.id });
    await sendLogged(RESIDENT, MESSAGE);

    // The resident floods the bot until some of it is dropped.
    for (let i = 0; i < 20 && !lines.join("").includes("flood control"); i++) await sendLogged(RESIDENT, MESSAGE);

    // Last (its pause holds the sender a second): Telegram asks the bot to slow down for a notice.
    harness.telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } }, { chatId: NEIGHBOUR.id });
    await harness.send(KETUA, "/umumkan");
    await harness.press(KETUA, "Chat pribadi warga");
    await harness.send(KETUA, ANNOUNCEMENT);
    await harness.press(KETUA, "Kirim");

    const output = lines.join("");
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const refused = entries.filter((entry) => entry.msg === "message refused by Telegram");
    expect(refused).toHaveLength(2);
    for (const entry of refused) expect(entry).toMatchObject({ outboxId: expect.any(Number), code: 400 });
    expect(entries.find((entry) => entry.msg === "Telegram asked us to slow down")).toMatchObject({ outboxId: expect.any(Number), retryAfterMs: 1000 });
    expect(output).toContain("Forbidden: bot was blocked by the user");
    expect(output).toContain("flood control: updates dropped");
    for (const word of FORBIDDEN) expect(output, word).not.toContain(word);
  });

  it("reduce an error logged under any key, at any depth, to its codes", () => {
    const payload = { chat_id: RESIDENT.id, text: `Halo ${RESIDENT.first_name}` };
    const refusal = Object.assign(new Error("Call to 'sendMessage' failed! (400: Bad Request: group chat was upgraded to a supergroup chat)"), {
      error_code: 400,
      description: "Bad Request: group chat was upgraded to a supergroup chat",
      parameters: { migrate_to_chat_id: GROUP_ID },
      method: "sendMessage",
      payload,
    });
    logger.warn({ reason: refusal, context: { cause: { err: refusal } } }, "nested");
    logger.warn({ err: refusal, chatId: RESIDENT.id, user: { telegramId: KETUA.id }, list: [{ from: { id: NEIGHBOUR.id } }] }, "keys");
    const output = lines.join("");
    expect(output).toContain("group chat was upgraded to a supergroup chat");
    for (const word of FORBIDDEN) expect(output, word).not.toContain(word);
  });
});
