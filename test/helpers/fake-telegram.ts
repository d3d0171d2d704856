import type { InlineKeyboardMarkup } from "grammy/types";

export type ApiCall = { method: string; payload: Record<string, unknown>; result?: unknown };
export type ApiFailure = { error_code: number; description: string; parameters?: Record<string, unknown> };

/**
 * A stand-in for the Telegram Bot API behind grammY's `client.fetch`. It records every call
 * (including those made inside conversations, which a bot.api transformer would miss) and
 * answers like Telegram does: messages get ids per chat, edits return the edited message.
 */
export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  private readonly messageIds = new Map<number, number>();
  private readonly failures: { method: string; chatId?: number; failure: ApiFailure; times: number }[] = [];

  /** The next `times` calls of `method` (to `chatId`, if given) fail with `failure`. */
  failNext(method: string, failure: ApiFailure, options: { chatId?: number; times?: number } = {}): void {
    this.failures.push({ method, chatId: options.chatId, failure, times: options.times ?? 1 });
  }

  readonly fetch = async (input: unknown, init?: { body?: unknown }): Promise<Response> => {
    const url = String(input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    const payload = typeof init?.body === "string" && init.body ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const call: ApiCall = { method, payload };
    this.calls.push(call);
    const chatId = typeof payload.chat_id === "number" ? payload.chat_id : undefined;
    const failure = this.failures.find((f) => f.method === method && (f.chatId === undefined || f.chatId === chatId) && f.times > 0);
    if (failure) {
      failure.times--;
      return Response.json({ ok: false, ...failure.failure });
    }
    call.result = this.result(method, payload);
    return Response.json({ ok: true, result: call.result });
  };

  private result(method: string, payload: Record<string, unknown>): unknown {
    const chatId = Number(payload.chat_id ?? 0);
    const chat = { id: chatId, type: chatId > 0 ? "private" : "supergroup", ...(chatId > 0 ? { first_name: "User" } : { title: "Group" }) };
    const date = Math.floor(Date.now() / 1000);
    switch (method) {
      case "sendMessage": {
        const messageId = (this.messageIds.get(chatId) ?? 100) + 1;
        this.messageIds.set(chatId, messageId);
        return { message_id: messageId, date, chat, from: { id: 1, is_bot: true, first_name: "BANTAR" }, text: payload.text, reply_markup: payload.reply_markup };
      }
      case "editMessageText":
      case "editMessageReplyMarkup":
        return payload.inline_message_id ? true : { message_id: payload.message_id, date, chat, text: payload.text ?? "", reply_markup: payload.reply_markup };
      case "getMe":
        return { id: 1, is_bot: true, first_name: "BANTAR", username: "bantar_test_bot" };
      default:
        return true;
    }
  }

  /** Calls of one method, oldest first. */
  callsOf(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Texts sent or edited into one chat, oldest first. */
  textsTo(chatId: number): string[] {
    return this.calls
      .filter((call) => (call.method === "sendMessage" || call.method === "editMessageText") && call.payload.chat_id === chatId)
      .map((call) => String(call.payload.text));
  }

  lastTextTo(chatId: number): string {
    const texts = this.textsTo(chatId);
    if (texts.length === 0) throw new Error(`nothing was sent to chat ${chatId}`);
    return texts[texts.length - 1]!;
  }

  /** The latest inline keyboard shown in a chat (sent or edited in). */
  lastKeyboardIn(chatId: number): { messageId: number; keyboard: InlineKeyboardMarkup } {
    for (let i = this.calls.length - 1; i >= 0; i--) {
      const call = this.calls[i]!;
      if (call.payload.chat_id !== chatId) continue;
      const markup = call.payload.reply_markup as InlineKeyboardMarkup | undefined;
      if (!markup?.inline_keyboard) continue;
      const sent = call.result as { message_id?: number } | undefined;
      const messageId = typeof call.payload.message_id === "number" ? call.payload.message_id : (sent?.message_id ?? 0);
      return { messageId, keyboard: markup };
    }
    throw new Error(`no inline keyboard was shown in chat ${chatId}`);
  }

  clear(): void {
    this.calls.length = 0;
  }
}
