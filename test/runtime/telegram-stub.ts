import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { FakeTelegram } from "../helpers/fake-telegram.js";

function methodOf(input: unknown): string {
  const url = String(input instanceof Request ? input.url : input);
  return url.slice(url.lastIndexOf("/") + 1);
}

/** Waits `ms`, or throws as fetch does when the request's signal aborts first. */
function wait(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/**
 * The one Telegram model (src/testing/fake-telegram.ts, as test/helpers sets it up) served over
 * HTTP (`serve()`) for a bot in another process: what it adds is transport, made slow, hanging or
 * failing on demand, and a getUpdates queue for polling. Chats, messages and refusals are the model's.
 */
export class TelegramStub {
  readonly telegram = new FakeTelegram();
  /** Calls as they begin (before any delay), oldest first. */
  readonly started: { method: string; payload: Record<string, unknown> }[] = [];
  /** Milliseconds each call of a method waits before it is answered. */
  readonly delays = new Map<string, number>();
  private hanging = new Map<string, number>();
  private getUpdatesFailures: number[] = [];
  private readonly gates: { method: string; chatId: number; open: Promise<void> }[] = [];
  private readonly pending: Update[] = [];
  private server: Server | null = null;

  /** The next `times` calls of `method` never answer (until the caller gives up). */
  hangNext(method: string, times = 1): void {
    this.hanging.set(method, (this.hanging.get(method) ?? 0) + times);
  }

  /** The next `times` getUpdates calls fail as Telegram does with `code` (a 500, or 409: another poller). */
  failGetUpdates(times = 1, code = 500): void {
    for (let i = 0; i < times; i++) this.getUpdatesFailures.push(code);
  }

  /** Calls of `method` to `chatId` wait until the answer is called (the first of them begins meanwhile). */
  hold(method: string, chatId: number): () => void {
    let open!: () => void;
    const gate = { method, chatId, open: new Promise<void>((resolve) => (open = resolve)) };
    this.gates.push(gate);
    return () => {
      this.gates.splice(this.gates.indexOf(gate), 1);
      open();
    };
  }

  /** Queues an update for a polling bot. */
  push(update: Update): void {
    this.pending.push(update);
  }

  /** Texts sent (and answered) to one chat. */
  sentTo(chatId: number): string[] {
    return this.telegram.callsOf("sendMessage").filter((call) => call.payload.chat_id === chatId && call.result !== undefined).map((call) => String(call.payload.text));
  }

  readonly fetch = (async (input: unknown, init?: RequestInit): Promise<Response> => {
    const method = methodOf(input);
    const payload = typeof init?.body === "string" && init.body ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    this.started.push({ method, payload });
    if (method === "getUpdates") return this.getUpdates(payload, init?.signal);
    for (const gate of this.gates.filter((held) => held.method === method && held.chatId === payload.chat_id)) await gate.open;
    const hangs = this.hanging.get(method) ?? 0;
    if (hangs > 0) {
      this.hanging.set(method, hangs - 1);
      await wait(3_600_000, init?.signal);
    }
    const delay = this.delays.get(method) ?? 0;
    if (delay > 0) await wait(delay, init?.signal);
    return this.telegram.fetch(input, init as { body?: unknown; headers?: unknown });
  }) as typeof fetch;

  private async getUpdates(payload: Record<string, unknown>, signal: AbortSignal | null | undefined): Promise<Response> {
    const failure = this.getUpdatesFailures.shift();
    if (failure === 409) return Response.json({ ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" });
    if (failure === 429) return Response.json({ ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    if (failure !== undefined) return Response.json({ ok: false, error_code: failure, description: "Internal Server Error" });
    const offset = Number(payload.offset ?? 0);
    const longPoll = Number(payload.timeout ?? 0) > 0;
    for (let waited = 0; ; waited += 20) {
      const due = this.pending.filter((update) => update.update_id >= offset);
      if (due.length > 0 || !longPoll || waited >= 300) return Response.json({ ok: true, result: due });
      await wait(20, signal);
    }
  }

  /** Serves the stub over HTTP; the answer is the apiRoot for TELEGRAM_API_ROOT. */
  async serve(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const abort = new AbortController();
        res.on("close", () => abort.abort(new Error("client went away")));
        const contentType = req.headers["content-type"] ?? "";
        const raw = Buffer.concat(chunks);
        const body = contentType.startsWith("application/json") ? raw.toString("utf8") : raw;
        void this.fetch(`http://stub${req.url}`, { method: req.method, body: body.length ? body : undefined, headers: { "content-type": contentType }, signal: abort.signal })
          .then(async (response) => {
            res.writeHead(response.status, { "content-type": "application/json" });
            res.end(Buffer.from(await response.arrayBuffer()));
          })
          .catch(() => res.destroy());
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

let nextUpdateId = 500_000;

/** A private text message from user `userId` (a command gets its entity). */
export function textUpdate(userId: number, text: string, updateId = nextUpdateId++): Update {
  const command = /^\/\w+/.exec(text);
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: "private", first_name: "Warga" },
      from: { id: userId, is_bot: false, first_name: "Warga", language_code: "id" },
      text,
      ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
    },
  };
}

/** Polls `check` until it holds (a condition reached by another task or process), or fails after `ms`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
