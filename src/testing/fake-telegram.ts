import type { BotCommand, Chat, ChatMember, InlineKeyboardMarkup, MenuButton, Message, Poll, UserFromGetMe } from "grammy/types";

/**
 * Telegram as far as the bot can tell, for the console (`npm run console`) and the tests; no
 * production path imports it. It keeps chats and their messages, answers the Bot API methods the
 * bot uses with realistic results and Telegram's refusals, records every call, and fails calls on
 * demand. `fetch` plugs in as grammY's `client.fetch` (or behind an HTTP stub), so calls made
 * inside conversations are seen too.
 */

/** A file uploaded with a call (multipart/form-data): the payload field naming it, its name and bytes. */
export type UploadedFile = { field: string; filename: string; bytes: Buffer };
export type ApiFailure = { error_code: number; description: string; parameters?: Record<string, unknown> };
/** One call as Telegram received it: `result` when it was answered, `error` when refused. */
export type ApiCall = { method: string; payload: Record<string, unknown>; result?: unknown; error?: ApiFailure; files?: UploadedFile[] };

/** A user's standing in a group, as getChatMember tells it. */
export type MemberStatus = ChatMember["status"];

/** A private chat's other side (only known chats exist for a `strict` Telegram). */
export type ChatUser = { id: number; first_name: string; last_name?: string; language_code?: string };

export type StoredMessage = {
  chatId: number;
  messageId: number;
  fromBot: boolean;
  /** The text, or a document's caption ("" when it has none). */
  text: string;
  markup: InlineKeyboardMarkup | null;
  date: number;
  /** What kind of message it is, as far as edits care: only text messages take editMessageText. */
  kind: "text" | "document" | "photo" | "poll";
  /** A poll message's poll (its `text` is the question), as Telegram keeps it: counts and whether it is closed. */
  poll?: Poll;
};

/** What the bot did, as a watcher (the console) shows it. */
export type TelegramEvent =
  /** `files`: what a sendDocument or sendPhoto uploaded (the console saves them to show). */
  | { kind: "sent"; message: StoredMessage; files?: UploadedFile[] }
  | { kind: "edited"; message: StoredMessage; change: "text" | "markup" }
  | { kind: "deleted"; chatId: number; messageId: number }
  | { kind: "answered"; userId: number | null; text: string; alert: boolean }
  /** A menu set (`commands`) or deleted (empty); `chatId` for a chat's own scope, null for the default. */
  | { kind: "commands"; languageCode: string | null; commands: BotCommand[]; chatId: number | null }
  | { kind: "refused"; method: string; description: string }
  | { kind: "other"; method: string; payload: Record<string, unknown> };

export type FakeTelegramOptions = {
  botInfo?: UserFromGetMe;
  /** Message dates; the wall clock by default. */
  clock?: () => Date;
  /**
   * Only chats opened with `openChat` exist (others answer "chat not found"), and only callback
   * queries announced with `openQuery` can be answered, once. Off by default: tests message any
   * chat id and answer a redelivered query again.
   */
  strict?: boolean;
  /**
   * Whether the bot can read a button's callback data back (its button families). A keyboard with a
   * button it could not read is refused, so a button that would be dead when pressed fails the send.
   */
  readsButton?: (data: string) => boolean;
  /** The first message id in each chat (a real chat starts at 1). */
  firstMessageId?: number;
  /** Keep `calls` (on by default). */
  record?: boolean;
};

export const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

export const DEFAULT_BOT_INFO = {
  id: 1,
  is_bot: true,
  first_name: "BANTAR",
  username: "bantar_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

const MAX_TEXT_LENGTH = 4096;
const MAX_POLL_QUESTION = 300;
const MAX_POLL_OPTION = 100;
const MAX_CAPTION_LENGTH = 1024;
const MAX_CALLBACK_DATA_BYTES = 64;
const MAX_COMMANDS = 100;
const MAX_COMMAND_DESCRIPTION = 256;

class Refusal extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.description);
  }
}

function badRequest(description: string): Refusal {
  return new Refusal({ error_code: 400, description: `Bad Request: ${description}` });
}

/** Telegram shows no empty rows (grammY leaves one after a final `.row()`) and no empty keyboard. */
function readMarkup(value: unknown): InlineKeyboardMarkup | null {
  const rows = (value as InlineKeyboardMarkup | undefined)?.inline_keyboard?.filter((row) => row.length > 0) ?? [];
  return rows.length ? { inline_keyboard: rows } : null;
}

function sameMarkup(a: InlineKeyboardMarkup | null, b: InlineKeyboardMarkup | null): boolean {
  return JSON.stringify(a?.inline_keyboard ?? []) === JSON.stringify(b?.inline_keyboard ?? []);
}

/**
 * What an injected failure does: Telegram refuses the call (`ApiFailure`), or the call times out:
 * Telegram did what it asked (the message is in the chat) but its answer never reached the bot.
 */
export type InjectedFailure = ApiFailure | "timeout";

type Injected = { method: string; chatId?: number; when?: (payload: Record<string, unknown>) => boolean; failure: InjectedFailure; times: number };

/** How a timed-out call fails for the caller: the request's fetch rejects, as after an abort. */
export class TelegramTimeout extends Error {
  constructor(readonly method: string) {
    super(`${method}: no answer from Telegram (timed out)`);
    this.name = "TelegramTimeout";
  }
}

export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  readonly botInfo: UserFromGetMe;
  private readonly users = new Map<number, ChatUser>();
  private readonly chats = new Map<number, StoredMessage[]>();
  private readonly lastMessageIds = new Map<number, number>();
  /** Callback queries the bot may still answer, by id, with the user who pressed. */
  private readonly openQueries = new Map<string, number>();
  private readonly injected: Injected[] = [];
  /** Standings in groups, by `chatId:userId`; anyone not set is a plain member. */
  private readonly members = new Map<string, MemberStatus>();
  private readonly listeners: ((event: TelegramEvent) => void)[] = [];
  /** Files people sent, by file_id (getFile and the download of `file/bot<token>/<path>`). */
  private readonly files = new Map<string, Uint8Array>();
  /** Command menus by scope key (`default`, `all_private_chats`, `chat:<id>`…) and language ("" for none). */
  private readonly menus = new Map<string, BotCommand[]>();
  /** Menu buttons set with setChatMenuButton, by chat id (null: the default). */
  private readonly menuButtons = new Map<number | null, MenuButton>();

  constructor(private readonly options: FakeTelegramOptions = {}) {
    this.botInfo = options.botInfo ?? DEFAULT_BOT_INFO;
  }

  /** A user who has opened a private chat with the bot. */
  openChat(user: ChatUser): void {
    this.users.set(user.id, user);
    if (!this.chats.has(user.id)) this.chats.set(user.id, []);
  }

  /**
   * A user's standing in a group chat (the group exists from then on, even for a `strict`
   * Telegram). Anyone whose standing was never set is a plain "member", as whoever writes in a
   * group is.
   */
  setChatMember(chatId: number, userId: number, status: MemberStatus): void {
    if (!this.chats.has(chatId)) this.chats.set(chatId, []);
    this.members.set(`${chatId}:${userId}`, status);
  }

  onEvent(listener: (event: TelegramEvent) => void): void {
    this.listeners.push(listener);
  }

  /**
   * The next `times` calls of `method` (to `chatId`, and matching `when`, if given) fail with
   * `failure`, before Telegram looks at them; or, with "timeout", after Telegram did what they asked
   * (the caller gets no answer: its fetch rejects).
   */
  failNext(method: string, failure: InjectedFailure, options: { chatId?: number; times?: number; when?: (payload: Record<string, unknown>) => boolean } = {}): void {
    this.injected.push({ method, chatId: options.chatId, when: options.when, failure, times: options.times ?? 1 });
  }

  /** A message the user typed in their chat with the bot: it takes the chat's next message id. */
  receive(chatId: number, text: string): StoredMessage {
    return this.store({ chatId, fromBot: false, text, markup: null, kind: "text" });
  }

  /**
   * A bot message shown since before the model started (an earlier run, another process): a test
   * pressing a button on it needs Telegram to know the message, as it would. Keeps an existing one.
   */
  placeBotMessage(chatId: number, messageId: number, text: string, markup: InlineKeyboardMarkup | null): StoredMessage {
    const existing = this.message(chatId, messageId);
    if (existing) return existing;
    const messages = this.chats.get(chatId) ?? [];
    this.chats.set(chatId, messages);
    const stored: StoredMessage = { chatId, messageId, fromBot: true, text, markup, kind: "text", date: this.now() };
    messages.push(stored);
    messages.sort((a, b) => a.messageId - b.messageId);
    this.lastMessageIds.set(chatId, Math.max(this.lastMessageIds.get(chatId) ?? (this.options.firstMessageId ?? 1) - 1, messageId));
    return stored;
  }

  /** A callback query Telegram sent the bot; it can be answered once. */
  openQuery(id: string, userId: number): void {
    this.openQueries.set(id, userId);
  }

  /** The messages a chat shows now (edits applied, deletions gone), oldest first. */
  messagesIn(chatId: number): readonly StoredMessage[] {
    return this.chats.get(chatId) ?? [];
  }

  message(chatId: number, messageId: number): StoredMessage | undefined {
    return this.messagesIn(chatId).find((m) => m.messageId === messageId);
  }

  /** The message nearest the bottom of the chat that still carries inline buttons. */
  activeKeyboard(chatId: number): StoredMessage | undefined {
    return this.messagesIn(chatId).findLast((m) => m.markup !== null);
  }

  /** The Message object Telegram puts in updates and results for a stored message. */
  messageObject(message: StoredMessage): Message {
    const from = message.fromBot
      ? { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username }
      : this.users.has(message.chatId) ? this.userObject(this.users.get(message.chatId)!) : undefined;
    const content =
      message.kind === "text"
        ? { text: message.text }
        : message.kind === "poll"
          ? { poll: message.poll }
        : message.kind === "document"
          ? { document: { file_id: `document-${message.chatId}-${message.messageId}`, file_unique_id: `document-unique-${message.chatId}-${message.messageId}` } }
          : { photo: [{ file_id: `photo-${message.chatId}-${message.messageId}`, file_unique_id: `photo-unique-${message.chatId}-${message.messageId}`, width: 640, height: 480 }] };
    return {
      message_id: message.messageId,
      date: message.date,
      chat: this.chatObject(message.chatId),
      ...(from ? { from } : {}),
      ...content,
      ...(message.kind !== "text" && message.kind !== "poll" && message.text ? { caption: message.text } : {}),
      ...(message.markup ? { reply_markup: message.markup } : {}),
    } as Message;
  }

  userObject(user: ChatUser) {
    return { id: user.id, is_bot: false as const, first_name: user.first_name, ...(user.last_name ? { last_name: user.last_name } : {}), language_code: user.language_code ?? "id" };
  }

  /**
   * A file a person sent (a photo's largest size), so the bot can fetch it back by `fileId`:
   * getFile answers with its path and the download returns these bytes. Unknown ids are refused.
   */
  putFile(fileId: string, bytes: Uint8Array): void {
    this.files.set(fileId, bytes);
  }

  /** grammY's `client.fetch`: the method is the URL's last segment, the body JSON or multipart. */
  readonly fetch = async (input: unknown, init?: { body?: unknown; headers?: unknown }): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    const download = /\/file\/bot[^/]+\/files\/(.+)$/.exec(url);
    if (download) {
      this.calls.push({ method: "downloadFile", payload: { file_id: decodeURIComponent(download[1]!) } });
      const bytes = this.files.get(decodeURIComponent(download[1]!));
      return bytes ? new Response(Buffer.from(bytes), { status: 200, headers: { "content-length": String(bytes.byteLength) } }) : new Response("Not Found", { status: 404 });
    }
    const method = url.slice(url.lastIndexOf("/") + 1);
    const boundary = multipartBoundary(init?.headers);
    const upload = boundary && init?.body && typeof init.body !== "string" ? parseMultipart(await readBody(init.body), boundary) : undefined;
    const payload = upload ? upload.payload : typeof init?.body === "string" && init.body ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const answer = this.call(method, payload, upload?.files);
    return Response.json(answer, { status: answer.ok ? 200 : answer.error_code });
  };

  /** One Bot API call, answered as Telegram would. */
  call(method: string, payload: Record<string, unknown>, files?: UploadedFile[]): { ok: true; result: unknown } | ({ ok: false } & ApiFailure) {
    const call: ApiCall = files ? { method, payload, files } : { method, payload };
    if (this.options.record !== false) this.calls.push(call);
    try {
      const injected = this.takeInjected(method, payload);
      if (injected && injected !== "timeout") throw new Refusal(injected);
      call.result = this.answer(method, payload, files ?? []);
      if (injected === "timeout") throw new TelegramTimeout(method);
      return { ok: true, result: call.result };
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      call.error = error.failure;
      this.emit({ kind: "refused", method, description: error.failure.description });
      return { ok: false, ...error.failure };
    }
  }

  private takeInjected(method: string, payload: Record<string, unknown>): InjectedFailure | undefined {
    const chatId = typeof payload.chat_id === "number" ? payload.chat_id : undefined;
    const match = this.injected.find((f) => f.method === method && f.times > 0 && (f.chatId === undefined || f.chatId === chatId) && (!f.when || f.when(payload)));
    if (!match) return undefined;
    match.times--;
    return match.failure;
  }

  private answer(method: string, payload: Record<string, unknown>, files: UploadedFile[]): unknown {
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "sendMessage":
      case "sendDocument":
      case "sendPhoto":
        return this.send(method, payload, files);
      case "sendPoll":
        return this.sendPoll(payload);
      case "stopPoll":
        return this.stopPoll(payload);
      case "editMessageText":
        return this.edit(payload, "text");
      case "editMessageReplyMarkup":
        return this.edit(payload, "markup");
      case "deleteMessage":
        return this.delete(payload);
      case "answerCallbackQuery":
        return this.answerQuery(payload);
      case "getChatMember":
        return this.chatMember(payload);
      case "setMyCommands":
      case "deleteMyCommands":
        return this.setMenu(method, payload);
      case "getFile":
        return this.fileInfo(payload);
      case "getMyCommands":
        return this.menus.get(this.menuKey(payload)) ?? [];
      case "setChatMenuButton":
        return this.setMenuButton(payload);
      case "getChatMenuButton":
        return this.menuButtonOf(payload.chat_id === undefined ? null : this.knownChat(payload.chat_id));
      default:
        this.emit({ kind: "other", method, payload });
        return true;
    }
  }

  /**
   * setMyCommands and deleteMyCommands as Telegram checks them: a known scope (a chat's needs a chat
   * id, of a chat that exists for a strict Telegram), a two-letter language or none, at most 100
   * commands of 1-32 lowercase letters, digits or underscores, each with a 1-256 character description.
   */
  private fileInfo(payload: Record<string, unknown>): { file_id: string; file_unique_id: string; file_size: number; file_path: string } {
    const fileId = String(payload.file_id ?? "");
    const bytes = this.files.get(fileId);
    if (!bytes) throw badRequest("wrong file_id or the file is temporarily unavailable");
    return { file_id: fileId, file_unique_id: `u-${fileId}`, file_size: bytes.byteLength, file_path: `files/${encodeURIComponent(fileId)}` };
  }

  private setMenu(method: string, payload: Record<string, unknown>): true {
    const key = this.menuKey(payload);
    const chatId = key.startsWith("chat:") ? Number(key.slice("chat:".length).split("|")[0]) : null;
    if (method === "deleteMyCommands") {
      this.menus.delete(key);
      this.emit({ kind: "commands", languageCode: typeof payload.language_code === "string" ? payload.language_code : null, commands: [], chatId });
      return true;
    }
    const commands = payload.commands;
    if (!Array.isArray(commands)) throw badRequest("parameter \"commands\" is required");
    if (commands.length > MAX_COMMANDS) throw badRequest("BOT_COMMANDS_TOO_MUCH");
    for (const entry of commands as { command?: unknown; description?: unknown }[]) {
      if (typeof entry.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(entry.command)) throw badRequest("BOT_COMMAND_INVALID");
      const description = typeof entry.description === "string" ? entry.description.trim() : "";
      if (description.length === 0 || description.length > MAX_COMMAND_DESCRIPTION) throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    const menu = (commands as BotCommand[]).map((entry) => ({ command: entry.command, description: entry.description.trim() }));
    // An empty list is how Telegram is told to drop a scope's menu, as deleteMyCommands does.
    if (menu.length === 0) this.menus.delete(key);
    else this.menus.set(key, menu);
    this.emit({ kind: "commands", languageCode: typeof payload.language_code === "string" ? payload.language_code : null, commands: menu, chatId });
    return true;
  }

  /**
   * setChatMenuButton as Telegram checks it: a known type; a web_app button needs a text and a URL.
   * Without chat_id it sets the default, which every chat without a button of its own shows.
   */
  private setMenuButton(payload: Record<string, unknown>): true {
    const chatId = payload.chat_id === undefined ? null : this.knownChat(payload.chat_id);
    const button = (payload.menu_button ?? { type: "default" }) as MenuButton;
    if (!["commands", "web_app", "default"].includes(button.type)) throw badRequest("unsupported menu button type");
    if (button.type === "web_app" && (typeof button.text !== "string" || button.text.trim() === "" || typeof button.web_app?.url !== "string")) throw badRequest("BUTTON_URL_INVALID");
    if (button.type === "default") this.menuButtons.delete(chatId);
    else this.menuButtons.set(chatId, button);
    this.emit({ kind: "other", method: "setChatMenuButton", payload });
    return true;
  }

  /** The menu button a chat shows (its own, else the default; Telegram's own "commands" without either). */
  menuButtonOf(chatId: number | null): MenuButton {
    return this.menuButtons.get(chatId) ?? this.menuButtons.get(null) ?? { type: "commands" };
  }

  private menuKey(payload: Record<string, unknown>): string {
    const language = payload.language_code;
    if (language !== undefined && language !== "" && (typeof language !== "string" || !/^[a-z]{2}$/.test(language))) throw badRequest("invalid language code specified");
    const scope = (payload.scope ?? { type: "default" }) as { type?: unknown; chat_id?: unknown; user_id?: unknown };
    let key: string;
    switch (scope.type) {
      case "default":
      case "all_private_chats":
      case "all_group_chats":
      case "all_chat_administrators":
        key = scope.type;
        break;
      case "chat":
      case "chat_administrators":
        key = `${scope.type === "chat" ? "chat" : "chat_administrators"}:${this.knownChat(scope.chat_id)}`;
        break;
      case "chat_member":
        key = `chat_member:${this.knownChat(scope.chat_id)}:${Number(scope.user_id)}`;
        break;
      default:
        throw badRequest("wrong scope type specified");
    }
    return `${key}|${typeof language === "string" ? language : ""}`;
  }

  /**
   * The menu a user sees in their private chat with the bot, as Telegram picks it: the chat's own
   * scope (in the app's language, then any), then all private chats', then the default's.
   */
  menuShownTo(chatId: number, languageCode = "id"): string[] {
    for (const scope of [`chat:${chatId}`, "all_private_chats", "default"]) {
      const menu = this.menus.get(`${scope}|${languageCode}`) ?? this.menus.get(`${scope}|`);
      if (menu) return menu.map((entry) => entry.command);
    }
    return [];
  }

  /** The commands set for a scope key (`chat:<id>`, `default`) and language, if any (for tests). */
  menuOf(scope: string, languageCode = ""): BotCommand[] | undefined {
    return this.menus.get(`${scope}|${languageCode}`);
  }

  private send(method: string, payload: Record<string, unknown>, files: UploadedFile[]): Message {
    const chatId = this.knownChat(payload.chat_id);
    const markup = this.checkMarkup(payload.reply_markup, chatId);
    let stored: StoredMessage;
    if (method === "sendMessage") {
      const text = this.checkText(payload.text);
      stored = this.store({ chatId, fromBot: true, text, markup, kind: "text" });
    } else {
      // The file itself: a file_id Telegram already has (an announcement's poster) or an upload.
      const field = method === "sendPhoto" ? "photo" : "document";
      const given = payload[field];
      if (!(typeof given === "string" && given !== "") && !files.some((file) => file.field === field)) throw badRequest(`there is no ${field} in the request`);
      const caption = typeof payload.caption === "string" ? payload.caption.trim() : "";
      if (caption.length > MAX_CAPTION_LENGTH) throw badRequest("message caption is too long");
      stored = this.store({ chatId, fromBot: true, text: caption, markup, kind: method === "sendPhoto" ? "photo" : "document" });
    }
    this.emit({ kind: "sent", message: stored, ...(files.length > 0 ? { files } : {}) });
    const message = this.messageObject(stored) as Message & { document?: Record<string, unknown> };
    const uploaded = files.find((file) => file.field === "document");
    if (message.document && uploaded) Object.assign(message.document, { file_name: uploaded.filename, file_size: uploaded.bytes.length });
    return message;
  }

  /**
   * sendPoll as Telegram checks it: a question of 1-300 characters, 2-10 options of 1-100 characters
   * each (InputPollOption objects), no anonymous poll refused anywhere, a non-anonymous one allowed in
   * private chats and groups. Each message is its own poll with a fresh id (`poll-<chat>-<message>`).
   */
  private sendPoll(payload: Record<string, unknown>): Message {
    const chatId = this.knownChat(payload.chat_id);
    const question = typeof payload.question === "string" ? payload.question.trim() : "";
    if (!question) throw badRequest("poll question must be non-empty");
    if (question.length > MAX_POLL_QUESTION) throw badRequest("poll question length must not exceed 300");
    const options = Array.isArray(payload.options) ? (payload.options as unknown[]) : [];
    const texts = options.map((option) => (typeof option === "object" && option !== null && typeof (option as { text?: unknown }).text === "string" ? (option as { text: string }).text.trim() : ""));
    if (texts.length < 2 || texts.length > 10) throw badRequest("poll must have 2-10 options");
    if (texts.some((text) => text.length === 0 || text.length > MAX_POLL_OPTION)) throw badRequest("poll options length must not exceed 100");
    const markup = this.checkMarkup(payload.reply_markup, chatId);
    const stored = this.store({ chatId, fromBot: true, text: question, markup, kind: "poll" });
    stored.poll = {
      id: `poll-${chatId}-${stored.messageId}`,
      question,
      options: texts.map((text) => ({ text, voter_count: 0 })),
      total_voter_count: 0,
      is_closed: payload.is_closed === true,
      is_anonymous: payload.is_anonymous !== false,
      type: payload.type === "quiz" ? "quiz" : "regular",
      allows_multiple_answers: payload.allows_multiple_answers === true,
    } as Poll;
    this.emit({ kind: "sent", message: stored });
    return this.messageObject(stored);
  }

  /** stopPoll: the poll of a bot message closes once; a second stop, or a message without a poll, is refused. */
  private stopPoll(payload: Record<string, unknown>): Poll {
    const chatId = this.knownChat(payload.chat_id);
    const message = this.message(chatId, Number(payload.message_id));
    if (!message || !message.poll) throw badRequest("message with poll to stop not found");
    if (!message.fromBot) throw badRequest("message can't be edited");
    if (message.poll.is_closed) throw badRequest("poll has already been closed");
    message.poll = { ...message.poll, is_closed: true };
    this.emit({ kind: "other", method: "stopPoll", payload });
    return message.poll;
  }

  /** The poll a message carries (its id is what poll_answer updates name), if any. */
  pollIn(chatId: number, messageId: number): Poll | undefined {
    return this.message(chatId, messageId)?.poll;
  }

  /** Every poll message the bot sent to a chat, oldest first. */
  pollsIn(chatId: number): StoredMessage[] {
    return this.messagesIn(chatId).filter((message) => message.kind === "poll");
  }

  private edit(payload: Record<string, unknown>, change: "text" | "markup"): Message {
    if (payload.inline_message_id !== undefined) throw badRequest("inline messages are not used by this bot");
    const chatId = this.knownChat(payload.chat_id);
    const message = this.message(chatId, Number(payload.message_id));
    if (!message) throw badRequest("message to edit not found");
    if (!message.fromBot) throw badRequest("message can't be edited");
    if (change === "text" && message.kind !== "text") throw badRequest("there is no text in the message to edit");
    // Editing the text without reply_markup also takes the buttons away, as in Telegram.
    const markup = this.checkMarkup(payload.reply_markup, chatId);
    const text = change === "text" ? this.checkText(payload.text) : message.text;
    if (text === message.text && sameMarkup(markup, message.markup)) throw new Refusal({ error_code: 400, description: NOT_MODIFIED });
    message.text = text;
    message.markup = markup;
    this.emit({ kind: "edited", message, change });
    return { ...this.messageObject(message), edit_date: this.now() } as Message;
  }

  private delete(payload: Record<string, unknown>): true {
    const chatId = this.knownChat(payload.chat_id);
    const messages = this.chats.get(chatId) ?? [];
    const index = messages.findIndex((m) => m.messageId === Number(payload.message_id));
    if (index < 0) throw badRequest("message to delete not found");
    messages.splice(index, 1);
    this.emit({ kind: "deleted", chatId, messageId: Number(payload.message_id) });
    return true;
  }

  private answerQuery(payload: Record<string, unknown>): true {
    const id = String(payload.callback_query_id ?? "");
    // A query is answered once; a strict Telegram refuses a second answer as it does an unknown id.
    // The tests' Telegram takes it: they redeliver one update on purpose, answered each time.
    if (this.options.strict && !this.openQueries.has(id)) throw badRequest("query is too old and response timeout expired or query ID is invalid");
    const userId = this.openQueries.get(id) ?? null;
    this.openQueries.delete(id);
    if (typeof payload.text === "string" && payload.text) this.emit({ kind: "answered", userId, text: payload.text, alert: payload.show_alert === true });
    return true;
  }

  /** getChatMember: the user's standing, with the fields Telegram adds for an administrator. */
  private chatMember(payload: Record<string, unknown>): ChatMember {
    const chatId = this.knownChat(payload.chat_id);
    const userId = typeof payload.user_id === "number" ? payload.user_id : Number(payload.user_id);
    if (!Number.isSafeInteger(userId) || userId <= 0) throw badRequest("invalid user_id specified");
    const known = this.users.get(userId);
    const user = known ? this.userObject(known) : { id: userId, is_bot: false as const, first_name: "User" };
    if (chatId > 0) {
      // A private chat holds its user (and the bot) only.
      if (chatId !== userId) throw badRequest("user not found");
      return { status: "member", user };
    }
    const status = this.members.get(`${chatId}:${userId}`) ?? "member";
    switch (status) {
      case "creator":
        return { status, user, is_anonymous: false };
      case "administrator":
        return {
          status, user, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true, can_manage_video_chats: true,
          can_restrict_members: true, can_promote_members: false, can_change_info: true, can_invite_users: true, can_post_stories: false,
          can_edit_stories: false, can_delete_stories: false, can_pin_messages: true,
        } as ChatMember;
      case "restricted":
        return { status, user, is_member: true, until_date: 0 } as ChatMember;
      case "kicked":
        return { status, user, until_date: 0 };
      default:
        return { status, user } as ChatMember;
    }
  }

  private knownChat(value: unknown): number {
    const chatId = typeof value === "number" ? value : Number(value);
    if (!Number.isFinite(chatId) || (this.options.strict && !this.chats.has(chatId))) throw badRequest("chat not found");
    return chatId;
  }

  /** Telegram trims what it stores, refuses empty text and text over 4096 characters. */
  private checkText(value: unknown): string {
    const text = typeof value === "string" ? value.trim() : "";
    if (!text) throw badRequest("message text is empty");
    if (text.length > MAX_TEXT_LENGTH) throw badRequest("message is too long");
    return text;
  }

  private checkMarkup(value: unknown, chatId: number): InlineKeyboardMarkup | null {
    const markup = readMarkup(value);
    for (const button of markup?.inline_keyboard.flat() ?? []) {
      // Mini App buttons open only in a private chat with the bot; Telegram refuses them elsewhere.
      if ("web_app" in button && chatId < 0) throw badRequest("BUTTON_TYPE_INVALID");
      if ("web_app" in button && typeof (button.web_app as { url?: unknown } | undefined)?.url !== "string") throw badRequest("BUTTON_URL_INVALID");
      const data = "callback_data" in button ? button.callback_data : undefined;
      if (data !== undefined && (data.length === 0 || Buffer.byteLength(data) > MAX_CALLBACK_DATA_BYTES)) throw badRequest("BUTTON_DATA_INVALID");
      if (data !== undefined && this.options.readsButton && !this.options.readsButton(data)) throw badRequest(`BUTTON_DATA_INVALID (the bot reads no button "${data}")`);
    }
    return markup;
  }

  /** Message ids count up per chat, shared by the user's messages and the bot's; deleted ones stay used. */
  private store(message: Omit<StoredMessage, "messageId" | "date">): StoredMessage {
    const messages = this.chats.get(message.chatId) ?? [];
    this.chats.set(message.chatId, messages);
    const messageId = (this.lastMessageIds.get(message.chatId) ?? (this.options.firstMessageId ?? 1) - 1) + 1;
    this.lastMessageIds.set(message.chatId, messageId);
    const stored = { ...message, messageId, date: this.now() };
    messages.push(stored);
    return stored;
  }

  private chatObject(chatId: number): Chat {
    if (chatId < 0) return { id: chatId, type: "supergroup", title: "Group" } as Chat;
    const user = this.users.get(chatId);
    return { id: chatId, type: "private", first_name: user?.first_name ?? "User", ...(user?.last_name ? { last_name: user.last_name } : {}) } as Chat;
  }

  private now(): number {
    return Math.floor((this.options.clock?.() ?? new Date()).getTime() / 1000);
  }

  private emit(event: TelegramEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Calls of one method, oldest first. */
  callsOf(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Texts sent or edited into one chat (refused ones too), oldest first. */
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

  /** The latest inline keyboard the bot tried to show in a chat (sent or edited in). */
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

  /** Forgets the calls seen so far (the chats stay as they are). */
  clear(): void {
    this.calls.length = 0;
  }
}

function multipartBoundary(headers: unknown): string | undefined {
  let contentType: string | null | undefined;
  if (headers instanceof Headers) contentType = headers.get("content-type");
  else if (Array.isArray(headers)) contentType = (headers as [string, string][]).find(([name]) => name.toLowerCase() === "content-type")?.[1];
  else if (headers && typeof headers === "object") {
    contentType = Object.entries(headers as Record<string, string>).find(([name]) => name.toLowerCase() === "content-type")?.[1];
  }
  const match = /^multipart\/form-data;\s*boundary=("?)([^";]+)\1/i.exec(contentType ?? "");
  return match?.[2];
}

/** The whole body: grammY streams uploads (a Node stream, or a web ReadableStream elsewhere). */
async function readBody(body: unknown): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Text fields that stay text even when they look like JSON ("123" as a caption is a caption). */
const TEXT_FIELDS = new Set(["text", "caption", "parse_mode", "question", "title", "description", "emoji"]);

/**
 * A multipart/form-data body as Telegram reads it: fields into the payload (numbers and JSON
 * objects decoded, as grammY encodes them), file parts kept as bytes with their file names. A
 * payload field pointing at a file (`attach://<part>`) names the file's `field`.
 */
function parseMultipart(body: Buffer, boundary: string): { payload: Record<string, unknown>; files: UploadedFile[] } {
  const delimiter = Buffer.from(`--${boundary}`);
  const payload: Record<string, unknown> = {};
  const parts: { name: string; filename: string | undefined; bytes: Buffer }[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    let from = start + delimiter.length;
    if (body.subarray(from, from + 2).toString() === "--") break; // the closing delimiter
    if (body.subarray(from, from + 2).toString() === "\r\n") from += 2;
    const next = body.indexOf(delimiter, from);
    if (next === -1) throw new Error("multipart body ends without its closing boundary");
    // The CRLF before a delimiter belongs to the delimiter, not to the part.
    const end = body.subarray(next - 2, next).toString() === "\r\n" ? next - 2 : next;
    const part = body.subarray(from, end);
    const split = part.indexOf("\r\n\r\n");
    if (split === -1) throw new Error("multipart part without a blank line after its headers");
    const headers = part.subarray(0, split).toString("utf8");
    const name = /(?:^|[;\s])name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) throw new Error(`multipart part without a name: ${headers}`);
    const filename = /filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(headers);
    parts.push({ name, filename: filename ? (filename[1] ?? filename[2] ?? "").trim() : undefined, bytes: Buffer.from(part.subarray(split + 4)) });
    start = next;
  }
  for (const part of parts) {
    if (part.filename !== undefined) continue;
    const text = part.bytes.toString("utf8");
    payload[part.name] = TEXT_FIELDS.has(part.name) ? text : decodeField(text);
  }
  const files = parts.flatMap((part) => {
    if (part.filename === undefined) return [];
    const field = Object.keys(payload).find((key) => payload[key] === `attach://${part.name}`) ?? part.name;
    return [{ field, filename: part.filename, bytes: part.bytes }];
  });
  return { payload, files };
}

function decodeField(text: string): unknown {
  if (!/^(-?\d+(\.\d+)?|true|false|[[{].*)$/s.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
