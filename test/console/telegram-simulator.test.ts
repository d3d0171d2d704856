import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { CONSOLE_BOT_INFO } from "../../src/console/session.js";
import { TelegramSimulator, type TelegramEvent } from "../../src/console/telegram-simulator.js";

const user = { id: 42, first_name: "Siti" };

function simulator() {
  const telegram = new TelegramSimulator(CONSOLE_BOT_INFO, () => new Date("2026-11-22T03:00:00Z"));
  telegram.addUser(user);
  const events: TelegramEvent[] = [];
  telegram.onEvent((event) => events.push(event));
  const api = new Api("0:test", { fetch: telegram.fetch as unknown as typeof fetch });
  return { telegram, events, api };
}

describe("TelegramSimulator", () => {
  it("numbers messages per chat across the user's and the bot's, and updates in order", async () => {
    const { telegram, api } = simulator();
    const first = telegram.textFrom(user, "/start");
    expect(first.message?.message_id).toBe(1);
    expect(first.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    const reply = await api.sendMessage(user.id, "Halo", { reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] } });
    expect(reply.message_id).toBe(2);
    expect(reply.chat).toMatchObject({ id: user.id, type: "private", first_name: "Siti" });
    const second = telegram.textFrom(user, "42");
    expect(second.update_id).toBe(first.update_id + 1);
    expect(second.message?.message_id).toBe(3);
    expect(second.message?.entities).toBeUndefined();
  });

  it("answers like Telegram: unchanged edits, unknown chats and second answers are refused", async () => {
    const { telegram, api, events } = simulator();
    const sent = await api.sendMessage(user.id, "Pilih", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
    await expect(api.editMessageText(user.id, sent.message_id, "Pilih", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } })).rejects.toThrow(
      "message is not modified",
    );
    await expect(api.sendMessage(999, "Halo")).rejects.toThrow("chat not found");
    await expect(api.sendMessage(user.id, "x", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "x".repeat(65) }]] } })).rejects.toThrow("BUTTON_DATA_INVALID");

    // Editing the text without reply_markup takes the buttons away, as Telegram does.
    await api.editMessageText(user.id, sent.message_id, "Dipilih: A");
    expect(telegram.activeKeyboard(user.id)).toBeUndefined();

    await api.editMessageReplyMarkup(user.id, sent.message_id, { reply_markup: { inline_keyboard: [[{ text: "B", callback_data: "b" }]] } });
    const message = telegram.activeKeyboard(user.id)!;
    const press = telegram.pressFrom(user, message, "b");
    expect(press.callback_query?.message).toMatchObject({ message_id: sent.message_id, text: "Dipilih: A", reply_markup: { inline_keyboard: [[{ text: "B", callback_data: "b" }]] } });
    await api.answerCallbackQuery(press.callback_query!.id, { text: "Oke", show_alert: true });
    await expect(api.answerCallbackQuery(press.callback_query!.id)).rejects.toThrow("query ID is invalid");
    expect(events).toContainEqual({ kind: "answered", userId: user.id, text: "Oke", alert: true });
    expect(events.filter((event) => event.kind === "refused")).toHaveLength(4);
  });
});
