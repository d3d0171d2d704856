import { Api, GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { FakeTelegram, NOT_MODIFIED } from "../../src/testing/fake-telegram.js";

const KEYBOARD = { inline_keyboard: [[{ text: "A", callback_data: "a" }]] };

function telegram(options: ConstructorParameters<typeof FakeTelegram>[0] = {}) {
  const model = new FakeTelegram(options);
  return { model, api: new Api("0:test", { fetch: model.fetch as unknown as typeof fetch }) };
}

describe("the Telegram model", () => {
  it("refuses an edit that changes nothing, text or buttons, with Telegram's 400", async () => {
    const { model, api } = telegram();
    const sent = await api.sendMessage(42, "Pilih", { reply_markup: KEYBOARD });
    const unchanged = api.editMessageText(42, sent.message_id, "Pilih", { reply_markup: KEYBOARD });
    await expect(unchanged).rejects.toBeInstanceOf(GrammyError);
    await expect(unchanged).rejects.toMatchObject({ error_code: 400, description: NOT_MODIFIED });
    await expect(api.editMessageReplyMarkup(42, sent.message_id, { reply_markup: KEYBOARD })).rejects.toMatchObject({ description: NOT_MODIFIED });
    // Trailing whitespace and grammY's empty last row are not a change either.
    await expect(api.editMessageText(42, sent.message_id, "Pilih\n", { reply_markup: { inline_keyboard: [...KEYBOARD.inline_keyboard, []] } })).rejects.toMatchObject({ description: NOT_MODIFIED });
    expect(model.callsOf("editMessageText").map((call) => call.error?.error_code)).toEqual([400, 400]);

    // Editing the text without buttons is a change: the buttons go.
    await api.editMessageText(42, sent.message_id, "Pilih");
    expect(model.message(42, sent.message_id)).toMatchObject({ text: "Pilih", markup: null });
  });

  it("sends a photo by file_id with a caption of up to 1,024 characters, and refuses one without a photo", async () => {
    const { model, api } = telegram();
    const sent = await api.sendPhoto(42, "poster-file-id", { caption: "Lomba 17-an" });
    expect(model.message(42, sent.message_id)).toMatchObject({ kind: "photo", text: "Lomba 17-an" });
    await api.sendPhoto(42, "poster-file-id", { caption: "x".repeat(1024) });
    await expect(api.sendPhoto(42, "poster-file-id", { caption: "x".repeat(1025) })).rejects.toMatchObject({ error_code: 400, description: "Bad Request: message caption is too long" });
    await expect(api.sendPhoto(42, "")).rejects.toMatchObject({ error_code: 400, description: "Bad Request: there is no photo in the request" });
    // An edit of its text is refused: a photo has a caption, not a text.
    await expect(api.editMessageText(42, sent.message_id, "x")).rejects.toMatchObject({ error_code: 400 });
  });

  it("refuses edits of messages it never sent, and of the user's own", async () => {
    const { model, api } = telegram();
    await expect(api.editMessageText(42, 999, "x")).rejects.toMatchObject({ error_code: 400, description: "Bad Request: message to edit not found" });
    const typed = model.receive(42, "halo");
    await expect(api.editMessageText(42, typed.messageId, "x")).rejects.toMatchObject({ description: "Bad Request: message can't be edited" });
    await expect(api.deleteMessage(42, 999)).rejects.toMatchObject({ description: "Bad Request: message to delete not found" });
  });

  it("numbers messages per chat, the user's and the bot's alike, from the first id it is given", async () => {
    const { model, api } = telegram({ firstMessageId: 101 });
    expect(model.receive(42, "/start").messageId).toBe(101);
    expect((await api.sendMessage(42, "Halo")).message_id).toBe(102);
    expect((await api.sendMessage(-100, "Grup")).message_id).toBe(101);
    expect(model.messagesIn(42).map((m) => [m.fromBot, m.text])).toEqual([[false, "/start"], [true, "Halo"]]);
  });

  it("fails the calls it is told to, per method, per chat or per payload, then answers again", async () => {
    const { model, api } = telegram();
    model.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" }, { chatId: 7 });
    model.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 5", parameters: { retry_after: 5 } }, { when: (payload) => payload.text === "kedua", times: 2 });
    await expect(api.sendMessage(7, "pertama")).rejects.toMatchObject({ error_code: 403 });
    await expect(api.sendMessage(8, "kedua")).rejects.toMatchObject({ error_code: 429, parameters: { retry_after: 5 } });
    await expect(api.sendMessage(8, "kedua")).rejects.toMatchObject({ error_code: 429 });
    await api.sendMessage(7, "pertama");
    await api.sendMessage(8, "kedua");
    expect(model.messagesIn(7)).toHaveLength(1);
    expect(model.callsOf("sendMessage").map((call) => call.result === undefined)).toEqual([true, true, true, false, false]);
  });

  it("when strict, knows only opened chats and answers a callback query once", async () => {
    const { model, api } = telegram({ strict: true });
    model.openChat({ id: 42, first_name: "Siti" });
    await expect(api.sendMessage(43, "x")).rejects.toMatchObject({ description: "Bad Request: chat not found" });
    model.openQuery("q1", 42);
    await api.answerCallbackQuery("q1");
    await expect(api.answerCallbackQuery("q1")).rejects.toMatchObject({ error_code: 400 });
    await expect(api.sendMessage(42, "   ")).rejects.toMatchObject({ description: "Bad Request: message text is empty" });
  });

  it("tells a user's standing in a group: a plain member unless set, an administrator with its rights", async () => {
    const { model, api } = telegram({ strict: true });
    model.openChat({ id: 42, first_name: "Siti" });
    model.setChatMember(-100, 42, "administrator");
    model.setChatMember(-100, 43, "creator");
    const admin = await api.getChatMember(-100, 42);
    expect(admin).toMatchObject({ status: "administrator", user: { id: 42, first_name: "Siti", is_bot: false }, can_pin_messages: true });
    expect((await api.getChatMember(-100, 43)).status).toBe("creator");
    expect((await api.getChatMember(-100, 44)).status).toBe("member");
    model.setChatMember(-100, 42, "left");
    expect((await api.getChatMember(-100, 42)).status).toBe("left");
    // A private chat holds its user only; an unknown group does not exist for a strict Telegram.
    expect((await api.getChatMember(42, 42)).status).toBe("member");
    await expect(api.getChatMember(42, 43)).rejects.toMatchObject({ description: "Bad Request: user not found" });
    await expect(api.getChatMember(-200, 42)).rejects.toMatchObject({ description: "Bad Request: chat not found" });
  });

  it("keeps command menus per scope and language, shows a chat's own first, and checks Telegram's limits", async () => {
    const { model, api } = telegram();
    const menuEvents: (number | null)[] = [];
    model.onEvent((event) => {
      if (event.kind === "commands") menuEvents.push(event.chatId);
    });
    await api.setMyCommands([{ command: "start", description: "Mulai" }]);
    await api.setMyCommands([{ command: "start", description: "Start" }], { language_code: "en" });
    await api.setMyCommands([{ command: "jadwal", description: "Jadwal" }], { scope: { type: "chat", chat_id: 42 } });
    expect(model.menuShownTo(42)).toEqual(["jadwal"]);
    expect(model.menuShownTo(42, "en")).toEqual(["jadwal"]);
    expect(model.menuShownTo(43, "en")).toEqual(["start"]);
    expect(await api.getMyCommands({ scope: { type: "chat", chat_id: 42 } })).toEqual([{ command: "jadwal", description: "Jadwal" }]);
    // The console and tests read whose menu changed from the event: the chat's id, none for the default.
    expect(menuEvents).toEqual([null, null, 42]);

    await api.deleteMyCommands({ scope: { type: "chat", chat_id: 42 } });
    expect(model.menuShownTo(42)).toEqual(["start"]);
    expect(model.menuOf("chat:42")).toBeUndefined();

    const refused = (promise: Promise<unknown>) => expect(promise).rejects.toMatchObject({ error_code: 400 });
    await refused(api.setMyCommands([{ command: "Jadwal", description: "x" }], { scope: { type: "chat", chat_id: 42 } }));
    await refused(api.setMyCommands([{ command: "jadwal", description: "" }], { scope: { type: "chat", chat_id: 42 } }));
    await refused(api.setMyCommands([{ command: "jadwal", description: "x".repeat(257) }]));
    await refused(api.setMyCommands(Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: "x" }))));
    await refused(api.setMyCommands([{ command: "jadwal", description: "x" }], { scope: { type: "nowhere" } as never }));
    await refused(api.setMyCommands([{ command: "jadwal", description: "x" }], { language_code: "indonesia" as never }));
    expect(model.menuShownTo(42)).toEqual(["start"]);
  });

  it("a strict Telegram refuses a chat's menu for a chat that does not exist", async () => {
    const { model, api } = telegram({ strict: true });
    await expect(api.setMyCommands([{ command: "jadwal", description: "x" }], { scope: { type: "chat", chat_id: 42 } })).rejects.toMatchObject({ description: "Bad Request: chat not found" });
    model.openChat({ id: 42, first_name: "Siti" });
    await api.setMyCommands([{ command: "jadwal", description: "x" }], { scope: { type: "chat", chat_id: 42 } });
    expect(model.menuShownTo(42)).toEqual(["jadwal"]);
  });
});
