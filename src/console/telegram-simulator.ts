import type { BotCommand, Chat, InlineKeyboardMarkup, Message, Update, UserFromGetMe } from "grammy/types";

/** A Telegram account played by the person at the console. */
export type SimulatedUser = { id: number; first_name: string; last_name?: string; language_code?: string };

export type StoredMessage = {
  chatId: number;
  messageId: number;
  fromBot: boolean;
  text: string;
  markup: InlineKeyboardMarkup | null;
  date: number;
};

/** What the bot did, as the console shows it. */
export type TelegramEvent =
  | { kind: "sent"; message: StoredMessage }
  | { kind: "edited"; message: StoredMessage; change: "text" | "markup" }
  | { kind: "deleted"; chatId: number; messageId: number }
  | { kind: "answered"; userId: number; text: string; alert: boolean }
  | { kind: "commands"; languageCode: string | null; commands: BotCommand[] }
  | { kind: "refused"; method: string; description: string }
  | { kind: "other"; method: string; payload: Record<string, unknown> };

class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const MAX_TEXT_LENGTH = 4096;
const MAX_CALLBACK_DATA_BYTES = 64;

function sameMarkup(a: InlineKeyboardMarkup | null, b: InlineKeyboardMarkup | null): boolean {
  return JSON.stringify(a?.inline_keyboard ?? []) === JSON.stringify(b?.inline_keyboard ?? []);
}

/** An empty keyboard is no keyboard, as in Telegram's clients. */
function readMarkup(value: unknown): InlineKeyboardMarkup | null {
  const markup = value as InlineKeyboardMarkup | undefined;
  return markup?.inline_keyboard?.some((row) => row.length > 0) ? markup : null;
}

/**
 * Telegram, as far as the bot can tell: it answers grammY's `client.fetch` with realistic results
 * and errors (message ids per chat, "message is not modified", "chat not found"...), keeps every
 * private chat's messages so buttons can be pressed later, and builds the updates a user's
 * actions would produce. No network is involved.
 */
export class TelegramSimulator {
  private readonly users = new Map<number, SimulatedUser>();
  private readonly chats = new Map<number, StoredMessage[]>();
  private readonly lastMessageIds = new Map<number, number>();
  private readonly openQueries = new Map<string, number>();
  private readonly listeners: ((event: TelegramEvent) => void)[] = [];
  private nextUpdateId = 1;
  private nextQueryId = 1;

  constructor(
    private readonly botInfo: UserFromGetMe,
    private readonly clock: () => Date,
  ) {}

  /** A user who has opened a private chat with the bot (only those can be messaged by it). */
  addUser(user: SimulatedUser): void {
    this.users.set(user.id, user);
    if (!this.chats.has(user.id)) this.chats.set(user.id, []);
  }

  onEvent(listener: (event: TelegramEvent) => void): void {
    this.listeners.push(listener);
  }

  /** The message nearest the bottom of the chat that still carries inline buttons. */
  activeKeyboard(chatId: number): StoredMessage | undefined {
    const messages = this.chats.get(chatId) ?? [];
    for (let i = messages.length - 1; i >= 0; i--) {
      if (messages[i]!.markup) return messages[i];
    }
    return undefined;
  }

  /** The update Telegram sends when the user types `text` in their chat with the bot. */
  textFrom(user: SimulatedUser, text: string): Update {
    const stored = this.store({ chatId: user.id, fromBot: false, text, markup: null });
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
    return {
      update_id: this.nextUpdateId++,
      message: {
        ...this.messageObject(stored),
        from: this.userObject(user),
        ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
      },
    } as Update;
  }

  /** The update Telegram sends when the user taps a callback button under one of the bot's messages. */
  pressFrom(user: SimulatedUser, message: StoredMessage, data: string): Update {
    const id = `${user.id}-${this.nextQueryId++}`;
    this.openQueries.set(id, user.id);
    return {
      update_id: this.nextUpdateId++,
      callback_query: {
        id,
        from: this.userObject(user),
        chat_instance: `console-${user.id}`,
        message: this.messageObject(message),
        data,
      },
    } as Update;
  }

  readonly fetch = async (input: unknown, init?: { body?: unknown }): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    const payload = typeof init?.body === "string" && init.body ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    try {
      return Response.json({ ok: true, result: this.call(method, payload) });
    } catch (error) {
      if (!(error instanceof BotApiError)) throw error;
      this.emit({ kind: "refused", method, description: error.description });
      return Response.json({ ok: false, error_code: error.errorCode, description: error.description });
    }
  };

  private call(method: string, payload: Record<string, unknown>): unknown {
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "sendMessage":
        return this.sendMessage(payload);
      case "editMessageText":
        return this.editMessage(payload, "text");
      case "editMessageReplyMarkup":
        return this.editMessage(payload, "markup");
      case "deleteMessage":
        return this.deleteMessage(payload);
      case "answerCallbackQuery":
        return this.answerCallbackQuery(payload);
      case "setMyCommands":
        this.emit({
          kind: "commands",
          languageCode: typeof payload.language_code === "string" ? payload.language_code : null,
          commands: (payload.commands ?? []) as BotCommand[],
        });
        return true;
      default:
        this.emit({ kind: "other", method, payload });
        return true;
    }
  }

  private sendMessage(payload: Record<string, unknown>): Message {
    const chatId = this.knownChat(payload.chat_id);
    const text = typeof payload.text === "string" ? payload.text : "";
    this.checkText(text);
    const markup = this.checkMarkup(payload.reply_markup);
    const stored = this.store({ chatId, fromBot: true, text, markup });
    this.emit({ kind: "sent", message: stored });
    return this.messageObject(stored);
  }

  private editMessage(payload: Record<string, unknown>, change: "text" | "markup"): Message {
    if (payload.inline_message_id !== undefined) throw new BotApiError(400, "Bad Request: inline messages are not used by this bot");
    const chatId = this.knownChat(payload.chat_id);
    const message = (this.chats.get(chatId) ?? []).find((m) => m.messageId === payload.message_id);
    if (!message) throw new BotApiError(400, "Bad Request: message to edit not found");
    if (!message.fromBot) throw new BotApiError(400, "Bad Request: message can't be edited");
    // Like Telegram: editing the text without reply_markup also takes the buttons away.
    const markup = this.checkMarkup(payload.reply_markup);
    const text = change === "text" ? String(payload.text ?? "") : message.text;
    if (change === "text") this.checkText(text);
    if (text === message.text && sameMarkup(markup, message.markup)) {
      throw new BotApiError(
        400,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    message.text = text;
    message.markup = markup;
    this.emit({ kind: "edited", message, change });
    return { ...this.messageObject(message), edit_date: this.now() } as Message;
  }

  private deleteMessage(payload: Record<string, unknown>): true {
    const chatId = this.knownChat(payload.chat_id);
    const messages = this.chats.get(chatId) ?? [];
    const index = messages.findIndex((m) => m.messageId === payload.message_id);
    if (index < 0) throw new BotApiError(400, "Bad Request: message to delete not found");
    messages.splice(index, 1);
    this.emit({ kind: "deleted", chatId, messageId: Number(payload.message_id) });
    return true;
  }

  private answerCallbackQuery(payload: Record<string, unknown>): true {
    const id = String(payload.callback_query_id ?? "");
    const userId = this.openQueries.get(id);
    // A query is answered once; Telegram refuses a second answer as it does an unknown id.
    if (userId === undefined) throw new BotApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
    this.openQueries.delete(id);
    if (typeof payload.text === "string" && payload.text) {
      this.emit({ kind: "answered", userId, text: payload.text, alert: payload.show_alert === true });
    }
    return true;
  }

  private knownChat(value: unknown): number {
    const chatId = typeof value === "number" ? value : Number(value);
    if (!this.chats.has(chatId)) throw new BotApiError(400, "Bad Request: chat not found");
    return chatId;
  }

  private checkText(text: string): void {
    if (!text.trim()) throw new BotApiError(400, "Bad Request: message text is empty");
    if (text.length > MAX_TEXT_LENGTH) throw new BotApiError(400, "Bad Request: message is too long");
  }

  private checkMarkup(value: unknown): InlineKeyboardMarkup | null {
    const markup = readMarkup(value);
    for (const button of markup?.inline_keyboard.flat() ?? []) {
      const data = "callback_data" in button ? button.callback_data : undefined;
      if (data !== undefined && (data.length === 0 || Buffer.byteLength(data) > MAX_CALLBACK_DATA_BYTES)) {
        throw new BotApiError(400, "Bad Request: BUTTON_DATA_INVALID");
      }
    }
    return markup;
  }

  /** Message ids count up per chat, shared by the user's messages and the bot's, as in Telegram. */
  private store(message: Omit<StoredMessage, "messageId" | "date">): StoredMessage {
    const messages = this.chats.get(message.chatId) ?? [];
    this.chats.set(message.chatId, messages);
    // Deleted messages keep their ids used up.
    const messageId = (this.lastMessageIds.get(message.chatId) ?? 0) + 1;
    this.lastMessageIds.set(message.chatId, messageId);
    const stored = { ...message, messageId, date: this.now() };
    messages.push(stored);
    return stored;
  }

  private messageObject(message: StoredMessage): Message {
    const user = this.users.get(message.chatId);
    const chat = { id: message.chatId, type: "private", first_name: user?.first_name ?? "User", ...(user?.last_name ? { last_name: user.last_name } : {}) } as Chat.PrivateChat;
    const from = message.fromBot ? { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username } : user && this.userObject(user);
    return {
      message_id: message.messageId,
      date: message.date,
      chat,
      ...(from ? { from } : {}),
      text: message.text,
      ...(message.markup ? { reply_markup: message.markup } : {}),
    } as Message;
  }

  private userObject(user: SimulatedUser) {
    return { id: user.id, is_bot: false as const, first_name: user.first_name, ...(user.last_name ? { last_name: user.last_name } : {}), language_code: user.language_code ?? "id" };
  }

  private now(): number {
    return Math.floor(this.clock().getTime() / 1000);
  }

  private emit(event: TelegramEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
