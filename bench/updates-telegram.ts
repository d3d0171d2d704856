import { FakeTelegram } from "../src/testing/fake-telegram.js";
import type { Update } from "grammy/types";

/** The latest inline keyboard the bot showed in a chat: the message it sits on and its buttons' data. */
export type ShownKeyboard = { messageId: number; text: string; data: string[] };

const BOT = { id: 1, is_bot: true, first_name: "BANTAR" };

/**
 * The Telegram model (src/testing/fake-telegram.ts) behind grammY's `client.fetch`, without its
 * log of calls (only a count per method): no network, and it answers and refuses as Telegram does
 * (message ids per chat, edits of unknown or unchanged messages), so a simulated person can press
 * a button the bot really sent (a deposit's confirm button carries an id made inside the
 * conversation). Both the real bot and the ceiling bot run behind one of these.
 */
export class BenchTelegram {
  readonly calls = new Map<string, number>();
  private readonly telegram = new FakeTelegram({ record: false, firstMessageId: 101 });

  /** `trackKeyboards`: whether `keyboardIn` answers (the ceiling bot replays updates, it presses nothing). */
  constructor(private readonly trackKeyboards: boolean) {}

  keyboardIn(chatId: number): ShownKeyboard | undefined {
    if (!this.trackKeyboards) return undefined;
    const shown = this.telegram.activeKeyboard(chatId);
    if (!shown?.markup) return undefined;
    const data = shown.markup.inline_keyboard.flat().flatMap((button) => ("callback_data" in button && button.callback_data ? [button.callback_data] : []));
    return data.length > 0 ? { messageId: shown.messageId, text: shown.text, data } : undefined;
  }

  readonly fetch = async (input: unknown, init?: { body?: unknown; headers?: unknown }): Promise<Response> => {
    const url = String(input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    return this.telegram.fetch(input, init);
  };
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

/**
 * getUpdates (and deleteWebhook) of the fake Bot API, in front of a BenchTelegram: updates pushed
 * here are served to a long-polling bot as Telegram serves them (those from `offset` on, at most
 * `limit`, the call held up to its `timeout` while there are none). Every other method goes to
 * the BenchTelegram behind.
 */
export class PollingFeed {
  private readonly queue: Update[] = [];
  private waiting: (() => void)[] = [];
  getUpdatesCalls = 0;

  constructor(private readonly telegram: BenchTelegram) {}

  push(update: Update): void {
    this.queue.push(update);
    this.waiting.splice(0).forEach((wake) => wake());
  }

  readonly fetch = async (input: unknown, init?: { body?: unknown; headers?: unknown; signal?: AbortSignal | null }): Promise<Response> => {
    const url = String(input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    if (method === "deleteWebhook") return Response.json({ ok: true, result: true });
    if (method !== "getUpdates") return this.telegram.fetch(input, init);
    this.getUpdatesCalls++;
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as { offset?: number; limit?: number; timeout?: number }) : {};
    const offset = payload.offset ?? 0;
    // Confirmed updates are gone for good, as at Telegram.
    while (this.queue.length > 0 && this.queue[0]!.update_id < offset) this.queue.shift();
    if (this.queue.length === 0 && (payload.timeout ?? 0) > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, (payload.timeout ?? 0) * 1000);
        const signal = init?.signal;
        function done() {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          resolve();
        }
        this.waiting.push(done);
        signal?.addEventListener("abort", done, { once: true });
      });
      if (init?.signal?.aborted) throw new DOMException("The operation was aborted.", "AbortError");
    }
    return Response.json({ ok: true, result: this.queue.slice(0, payload.limit ?? 100) });
  };
}
