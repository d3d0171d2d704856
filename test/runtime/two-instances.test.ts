import { eq, inArray } from "drizzle-orm";
import type { Update } from "grammy/types";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { broadcast, event, eventOccurrence } from "../../src/db/schema/index.js";
import { announceWhen } from "../../src/messages/buttons/broadcast.js";
import { eventForm, eventKindChoice, eventRepeatChoice, eventSummary } from "../../src/messages/buttons/events.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { addKetua, addMember, addRt, newUser } from "../helpers/fixtures.js";
import { BotProcess } from "./child.js";
import { postUpdate, webhookProcessEnv } from "./harness.js";
import { eventually, TelegramStub, textUpdate } from "./telegram-stub.js";

// Two real bot processes (src/main.ts, webhook mode) on one PostgreSQL: PGlite is one process's,
// so the file is skipped without TEST_DATABASE_URL.
const noServer = !process.env.TEST_DATABASE_URL;

/**
 * Telegram answers these calls slowly, so an update handled on one instance is still running when
 * the other instance's update arrives: without a lock between them both read the form's state
 * before either wrote it.
 */
const SLOW_MS = 400;

let database: TestDatabase;
let stub: TelegramStub;
let instances: BotProcess[] = [];
let ports: number[] = [];
let nextId = 900_000;

beforeAll(async () => {
  if (!noServer) database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

beforeEach(async () => {
  if (noServer) return;
  stub = new TelegramStub();
  const apiRoot = await stub.serve();
  instances = [1, 2].map(() =>
    BotProcess.start("src/main.ts", webhookProcessEnv(apiRoot, { databaseUrl: database.url! })),
  );
  ports = await Promise.all(instances.map((instance) => instance.port()));
});

afterEach(async () => {
  if (noServer) return;
  for (const instance of instances) instance.kill("SIGTERM");
  const exits = await Promise.all(instances.map((instance) => instance.exited));
  await stub.close();
  expect(exits.map((exit) => exit.code)).toEqual([0, 0]);
});

/** A ketua of a fresh RT, whose private chat is `chatId`. */
async function ketua(rtNumber: number) {
  const place = await addRt(database.db, rtNumber);
  const user = newUser(`Ketua ${rtNumber}`);
  const { personId } = await addKetua(database.db, user, place.id);
  return { rtId: place.id, chatId: user.id, user, personId };
}

/** Messages the bot sent to the chat carrying a button with `data`, oldest first. */
function sentWithButton(chatId: number, data: string): { messageId: number }[] {
  return stub.telegram
    .callsOf("sendMessage")
    .filter((call) => call.payload.chat_id === chatId && call.result !== undefined && JSON.stringify(call.payload.reply_markup ?? null).includes(JSON.stringify(data)))
    .map((call) => ({ messageId: (call.result as { message_id: number }).message_id }));
}

/** The callback data of the latest /acara summary's Simpan in the chat (it carries the form's tag). */
function summarySave(chatId: number): string {
  const data = stub.telegram
    .callsOf("sendMessage")
    .filter((call) => call.payload.chat_id === chatId)
    .flatMap((call) => ((call.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat())
    .flatMap((button) => (button.callback_data && eventSummary.read(button.callback_data)?.action === "save" ? [button.callback_data] : []));
  if (data.length === 0) throw new Error(`no summary in chat ${chatId}`);
  return data.at(-1)!;
}

/** A tap on the button `data` of the bot's latest message carrying it, as Telegram posts it. */
function tap(chatId: number, data: string): Update {
  const shown = sentWithButton(chatId, data).at(-1);
  if (!shown) throw new Error(`no message with button ${data} in chat ${chatId}`);
  const message = stub.telegram.message(chatId, shown.messageId)!;
  const id = nextId++;
  stub.telegram.openQuery(String(id), chatId);
  return {
    update_id: id,
    callback_query: { id: String(id), chat_instance: String(chatId), from: { id: chatId, is_bot: false, first_name: "Ketua", language_code: "id" }, data, message: stub.telegram.messageObject(message) },
  } as Update;
}

function typed(chatId: number, text: string): Update {
  stub.telegram.receive(chatId, text);
  return textUpdate(chatId, text, nextId++);
}

/** Posts updates one after the other (each made once the one before was answered), alternating between the instances. */
async function oneByOne(...updates: (() => Update)[]): Promise<void> {
  for (const [i, update] of updates.entries()) {
    const answer = await postUpdate(ports[i % 2]!, update());
    expect(answer.status).toBe(200);
  }
}

/** /acara up to the question `until` waits on: a rapat tomorrow at 19.00. */
async function openEventForm(chatId: number, until: "place" | "confirm"): Promise<void> {
  await oneByOne(
    () => typed(chatId, "/acara"),
    () => tap(chatId, eventKindChoice.data({ kind: "rapat" })),
    () => typed(chatId, "besok 19.00"),
  );
  if (until === "place") return;
  await oneByOne(
    () => typed(chatId, "Balai RW"),
    () => tap(chatId, eventForm.data({ choice: "notes-skip" })),
    () => tap(chatId, eventRepeatChoice.data({ repeat: "none" })),
  );
}

describe.skipIf(noServer)("two instances on one PostgreSQL", () => {
  it("a save tapped twice, one tap reaching each instance at once, makes one event", async () => {
    const { rtId, chatId } = await ketua(5);
    await openEventForm(chatId, "confirm");
    const save = summarySave(chatId);
    expect(sentWithButton(chatId, save)).toHaveLength(1);

    stub.delays.set("answerCallbackQuery", SLOW_MS);
    // A double tap: two callback queries (two update ids), the same button, one to each instance.
    const answers = await Promise.all([postUpdate(ports[0]!, tap(chatId, save)), postUpdate(ports[1]!, tap(chatId, save))]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);

    const events = await database.db.select().from(event).where(eq(event.rtId, rtId));
    expect(events.map((row) => ({ kind: row.kind, place: row.place }))).toEqual([{ kind: "rapat", place: "Balai RW" }]);
    expect(await database.db.select().from(eventOccurrence).where(inArray(eventOccurrence.eventId, events.map((row) => row.id)))).toHaveLength(1);
  });

  it("a send tapped twice, one tap reaching each instance at once, starts one announcement, sent to each resident once", async () => {
    const { rtId, chatId, personId } = await ketua(7);
    const residents = [newUser("Siti"), newUser("Budi")];
    for (const [i, resident] of residents.entries()) await addMember(database.db, resident, rtId, `Rumah ${i + 1}`);
    const text = "Gotong royong Minggu pagi, bawa cangkul.";
    // A ketua has one audience (the RT) and no group: /umumkan asks for the text, then to confirm.
    await oneByOne(() => typed(chatId, "/umumkan"), () => typed(chatId, text));
    const send = announceWhen.data({ when: "now" }); // "📣 Kirim sekarang"
    expect(sentWithButton(chatId, send)).toHaveLength(1);

    stub.delays.set("answerCallbackQuery", SLOW_MS);
    const answers = await Promise.all([postUpdate(ports[0]!, tap(chatId, send)), postUpdate(ports[1]!, tap(chatId, send))]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);

    expect(await database.db.select({ id: broadcast.id }).from(broadcast).where(eq(broadcast.senderPersonId, personId))).toHaveLength(1);
    // Each copy opens with its sender line ("Dari Ketua RT 07, …"), then the text.
    const isAnnouncement = (sent: string) => sent.startsWith("Dari Ketua RT 07") && sent.endsWith(`\n\n${text}`);
    await eventually(() => residents.every((resident) => stub.sentTo(resident.id).some(isAnnouncement)), "the announcement to reach the residents", 30_000);
    for (const resident of residents) expect(stub.sentTo(resident.id).filter(isAnnouncement)).toHaveLength(1);
  });

  it("two messages of one chat, one reaching each instance at once, are taken one after the other", async () => {
    const { rtId, chatId } = await ketua(6);
    await openEventForm(chatId, "place");
    const skipNotes = eventForm.data({ choice: "notes-skip" });
    const repeatNone = eventRepeatChoice.data({ repeat: "none" });

    stub.delays.set("sendMessage", SLOW_MS);
    // The person types the place and then the notes quickly; Telegram posts each to another instance.
    const answers = await Promise.all([postUpdate(ports[0]!, typed(chatId, "Balai RW")), postUpdate(ports[1]!, typed(chatId, "Bawa kursi sendiri"))]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    stub.delays.delete("sendMessage");

    // One answered the place question, the other the notes question: the form went on to the repetition.
    expect(sentWithButton(chatId, skipNotes)).toHaveLength(1);
    await eventually(() => sentWithButton(chatId, repeatNone).length === 1, "the repetition question");
    await oneByOne(() => tap(chatId, repeatNone), () => tap(chatId, summarySave(chatId)));
    const [saved, ...more] = await database.db.select().from(event).where(eq(event.rtId, rtId));
    expect(more).toHaveLength(0);
    expect(new Set([saved!.place, saved!.notes])).toEqual(new Set(["Balai RW", "Bawa kursi sendiri"]));
  });
});
