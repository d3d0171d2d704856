import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the Telegram Bot API that behaves like Telegram where it matters for
 * delivery: 50–100 ms per call, 429 with retry_after when a client goes over 30 messages/s
 * overall, 1/s per private chat or 20/min per group, and 403 for users who blocked the bot.
 * It counts what each chat received, so lost and duplicated messages can be told apart.
 */
export type FakeBotApiOptions = {
  latencyMs?: [number, number];
  globalPerSecond?: number;
  groupPerMinute?: number;
  /** Chats that answer 403 "bot was blocked by the user". */
  blockedChatIds?: Set<number>;
  retryAfterSeconds?: number;
};

const SENDING = new Set(["sendMessage", "copyMessage", "forwardMessage", "sendPhoto", "sendDocument"]);

class Window {
  private readonly stamps: number[] = [];
  constructor(private readonly limit: number, private readonly windowMs: number) {}
  /** False if one more arrival now would break the limit. */
  hasRoom(now: number): boolean {
    while (this.stamps.length > 0 && this.stamps[0]! <= now - this.windowMs) this.stamps.shift();
    return this.stamps.length < this.limit;
  }

  record(now: number): void {
    this.stamps.push(now);
  }
}

export class FakeBotApi {
  readonly delivered = new Map<number, number>();
  /** Every message accepted (delivered, or refused 403: both use the budget), as [chat, arrival ms]. */
  readonly accepted: [number, number][] = [];
  /** Every message answered 429, as [chat, arrival ms]. */
  readonly refused: [number, number][] = [];
  readonly counts = { requests: 0, sent: 0, tooManyRequests: 0, forbidden: 0, pinned: 0, edits: 0 };
  private server: Server | null = null;
  private readonly global: Window;
  private readonly chats = new Map<number, Window>();
  private readonly latency: [number, number];
  private nextMessageId = 1;
  private firstSendAt = 0;
  private lastSendAt = 0;

  constructor(private readonly options: FakeBotApiOptions = {}) {
    this.global = new Window(options.globalPerSecond ?? 30, 1000);
    this.latency = options.latencyMs ?? [50, 100];
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  reset(): void {
    this.delivered.clear();
    this.accepted.length = 0;
    this.refused.length = 0;
    this.chats.clear();
    Object.assign(this.counts, { requests: 0, sent: 0, tooManyRequests: 0, forbidden: 0, pinned: 0, edits: 0 });
    this.firstSendAt = 0;
    this.lastSendAt = 0;
  }

  /** Seconds between the first and the last accepted message. */
  get activeSeconds(): number {
    return (this.lastSendAt - this.firstSendAt) / 1000;
  }

  private chatWindow(chatId: number): Window {
    let window = this.chats.get(chatId);
    if (!window) {
      window = chatId < 0 ? new Window(this.options.groupPerMinute ?? 20, 60_000) : new Window(1, 1000);
      this.chats.set(chatId, window);
    }
    return window;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const arrivedAt = Date.now();
    if (req.url?.startsWith("/_control/")) return this.control(req.url, res);
    const method = (req.url ?? "").slice((req.url ?? "").lastIndexOf("/") + 1);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
    this.counts.requests++;
    const reply = this.decide(method, body, arrivedAt);
    const [min, max] = this.latency;
    await new Promise((resolve) => setTimeout(resolve, min + Math.random() * (max - min)));
    res.writeHead(reply.ok ? 200 : (reply.error_code as number), { "content-type": "application/json" });
    res.end(JSON.stringify(reply));
  }

  /** Out-of-band endpoints for the benchmark: what was received, and a fresh start. */
  private control(url: string, res: ServerResponse): void {
    if (url === "/_control/reset") this.reset();
    const report = { counts: { ...this.counts }, delivered: [...this.delivered], accepted: this.accepted, refused: this.refused, activeSeconds: this.activeSeconds };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(report));
  }

  private decide(method: string, body: Record<string, unknown>, now: number): Record<string, unknown> {
    const chatId = Number(body.chat_id);
    if (method === "getMe") return { ok: true, result: { id: 1, is_bot: true, first_name: "Fake", username: "fake_bot" } };
    if (method === "getUpdates") return { ok: true, result: [] }; // an idle bot: lets the real main loop run against it
    if (method === "pinChatMessage") {
      this.counts.pinned++;
      return { ok: true, result: true };
    }
    if (method === "editMessageText") {
      this.counts.edits++;
      return { ok: true, result: { message_id: body.message_id, date: Math.floor(now / 1000), chat: { id: chatId, type: "private" }, text: body.text } };
    }
    if (!SENDING.has(method)) return { ok: true, result: true };
    const retryAfter = this.options.retryAfterSeconds ?? 1;
    // Telegram checks the chat first, then the bot's overall budget.
    const chat = this.chatWindow(chatId);
    if (!chat.hasRoom(now) || !this.global.hasRoom(now)) {
      this.counts.tooManyRequests++;
      this.refused.push([chatId, now]);
      return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } };
    }
    chat.record(now);
    this.global.record(now);
    this.accepted.push([chatId, now]);
    if (this.options.blockedChatIds?.has(chatId)) {
      this.counts.forbidden++;
      return { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" };
    }
    this.counts.sent++;
    if (this.firstSendAt === 0) this.firstSendAt = now;
    this.lastSendAt = now;
    this.delivered.set(chatId, (this.delivered.get(chatId) ?? 0) + 1);
    return {
      ok: true,
      result: { message_id: this.nextMessageId++, date: Math.floor(now / 1000), chat: { id: chatId, type: chatId < 0 ? "supergroup" : "private" }, text: body.text },
    };
  }
}
