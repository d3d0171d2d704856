import type { InlineKeyboardMarkup } from "grammy/types";

/** A file uploaded with a call (multipart/form-data): the payload field naming it, its name and bytes. */
export type UploadedFile = { field: string; filename: string; bytes: Buffer };
export type ApiCall = { method: string; payload: Record<string, unknown>; result?: unknown; files?: UploadedFile[] };
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

  readonly fetch = async (input: unknown, init?: { body?: unknown; headers?: unknown }): Promise<Response> => {
    const url = String(input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    const boundary = multipartBoundary(init?.headers);
    const upload = boundary && init?.body && typeof init.body !== "string" ? parseMultipart(await readBody(init.body), boundary) : undefined;
    const payload = upload ? upload.payload : typeof init?.body === "string" && init.body ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const call: ApiCall = upload ? { method, payload, files: upload.files } : { method, payload };
    this.calls.push(call);
    const chatId = typeof payload.chat_id === "number" ? payload.chat_id : undefined;
    const failure = this.failures.find((f) => f.method === method && (f.chatId === undefined || f.chatId === chatId) && f.times > 0);
    if (failure) {
      failure.times--;
      return Response.json({ ok: false, ...failure.failure });
    }
    call.result = this.result(method, payload, call.files);
    return Response.json({ ok: true, result: call.result });
  };

  private result(method: string, payload: Record<string, unknown>, files: UploadedFile[] = []): unknown {
    const chatId = Number(payload.chat_id ?? 0);
    const chat = { id: chatId, type: chatId > 0 ? "private" : "supergroup", ...(chatId > 0 ? { first_name: "User" } : { title: "Group" }) };
    const date = Math.floor(Date.now() / 1000);
    switch (method) {
      case "sendMessage": {
        const messageId = (this.messageIds.get(chatId) ?? 100) + 1;
        this.messageIds.set(chatId, messageId);
        return { message_id: messageId, date, chat, from: { id: 1, is_bot: true, first_name: "BANTAR" }, text: payload.text, reply_markup: payload.reply_markup };
      }
      case "sendDocument": {
        const messageId = (this.messageIds.get(chatId) ?? 100) + 1;
        this.messageIds.set(chatId, messageId);
        const uploaded = files.find((file) => file.field === "document");
        const document = { file_id: `document-${chatId}-${messageId}`, file_unique_id: `document-unique-${chatId}-${messageId}`, ...(uploaded ? { file_name: uploaded.filename, file_size: uploaded.bytes.length } : {}) };
        return { message_id: messageId, date, chat, from: { id: 1, is_bot: true, first_name: "BANTAR" }, document, ...(payload.caption === undefined ? {} : { caption: payload.caption }) };
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

/** A document the bot uploaded to a chat, as Telegram received it. */
export type SentDocument = { filename: string; bytes: Buffer; caption: string | undefined };

/** Documents uploaded (sendDocument with a file, not a file_id) to one chat that Telegram accepted, oldest first. */
export function sentDocuments(telegram: FakeTelegram, chatId: number): SentDocument[] {
  return telegram
    .callsOf("sendDocument")
    .filter((call) => call.payload.chat_id === chatId && call.result !== undefined)
    .flatMap((call) => {
      const file = call.files?.find((upload) => upload.field === "document");
      return file ? [{ filename: file.filename, bytes: file.bytes, caption: typeof call.payload.caption === "string" ? call.payload.caption : undefined }] : [];
    });
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
