import type { Update } from "grammy/types";

/** The latest inline keyboard the bot showed in a chat: the message it sits on and its buttons' data. */
export type ShownKeyboard = { messageId: number; text: string; data: string[] };

const BOT = { id: 1, is_bot: true, first_name: "BANTAR" };

/**
 * A stand-in for the Bot API behind grammY's `client.fetch`, cheap enough not to weigh on what is
 * measured: no network, no log of calls. It answers like Telegram (message ids per chat, edits
 * return the edited message) and keeps, per chat, only the latest inline keyboard, so a simulated
 * person can press a button the bot really sent (a deposit's confirm button carries an id made
 * inside the conversation). Both the real bot and the ceiling bot run behind one of these.
 */
export class BenchTelegram {
  readonly calls = new Map<string, number>();
  private readonly messageIds = new Map<number, number>();
  private readonly keyboards = new Map<number, ShownKeyboard>();
  private readonly date = Math.floor(Date.now() / 1000);

  constructor(private readonly trackKeyboards: boolean) {}

  keyboardIn(chatId: number): ShownKeyboard | undefined {
    return this.keyboards.get(chatId);
  }

  readonly fetch = async (input: unknown, init?: { body?: unknown }): Promise<Response> => {
    const url = String(input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    // grammY sends JSON as a string; only uploads (exports, which the stream does not ask for) are multipart.
    const payload = typeof init?.body === "string" && init.body ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    return new Response(JSON.stringify({ ok: true, result: this.result(method, payload) }), { headers: { "content-type": "application/json" } });
  };

  private result(method: string, payload: Record<string, unknown>): unknown {
    const chatId = Number(payload.chat_id ?? 0);
    const chat = { id: chatId, type: "private", first_name: "Warga" };
    switch (method) {
      case "sendMessage":
      case "sendDocument":
      case "sendPhoto": {
        const messageId = (this.messageIds.get(chatId) ?? 100) + 1;
        this.messageIds.set(chatId, messageId);
        this.track(chatId, messageId, payload, false);
        return { message_id: messageId, date: this.date, chat, from: BOT, ...(method === "sendMessage" ? { text: payload.text } : {}) };
      }
      case "editMessageText":
      case "editMessageReplyMarkup":
        this.track(chatId, Number(payload.message_id), payload, true);
        return { message_id: payload.message_id, date: this.date, chat, text: payload.text ?? "" };
      default:
        return true;
    }
  }

  private track(chatId: number, messageId: number, payload: Record<string, unknown>, edit: boolean): void {
    if (!this.trackKeyboards) return;
    const rows = (payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard;
    const data = rows?.flat().flatMap((button) => (button.callback_data ? [button.callback_data] : [])) ?? [];
    if (data.length > 0) {
      this.keyboards.set(chatId, { messageId, text: typeof payload.text === "string" ? payload.text : "", data });
    } else if (edit && this.keyboards.get(chatId)?.messageId === messageId) {
      // Telegram drops the keyboard of a message edited without one.
      this.keyboards.delete(chatId);
    }
  }
}

/** Builds the updates a simulated person sends: unique update ids, one private chat per person. */
export class UpdateFactory {
  private nextId = 1_000_001;
  private readonly date = Math.floor(Date.now() / 1000);

  message(userId: number, text: string): Update {
    const updateId = this.nextId++;
    const command = /^\/[a-zA-Z0-9_]+/.exec(text);
    return {
      update_id: updateId,
      message: {
        message_id: updateId,
        date: this.date,
        chat: { id: userId, type: "private", first_name: "Warga" },
        from: { id: userId, is_bot: false, first_name: "Warga", language_code: "id" },
        text,
        ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
      },
    };
  }

  callback(userId: number, data: string, shown: { messageId: number; text: string }): Update {
    const updateId = this.nextId++;
    return {
      update_id: updateId,
      callback_query: {
        id: String(updateId),
        chat_instance: String(userId),
        from: { id: userId, is_bot: false, first_name: "Warga", language_code: "id" },
        data,
        message: { message_id: shown.messageId, date: this.date, chat: { id: userId, type: "private", first_name: "Warga" }, from: BOT, text: shown.text },
      },
    } as Update;
  }
}
