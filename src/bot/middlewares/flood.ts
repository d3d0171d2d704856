import { limit } from "@grammyjs/ratelimiter";
import type { MiddlewareFn } from "grammy";
import { findLocale } from "../../domain/people/person.js";
import { supportedLocale } from "../../messages/locale.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * How many updates one person may send in a window. A window opens with that person's first
 * update and lasts `windowMs`; the first `perWindow` updates are handled, the rest are dropped.
 * `clock` (milliseconds, monotonic) is the seam for tests.
 */
export type FloodLimits = { windowMs: number; perWindow: number; clock?: () => number };

/**
 * Fifteen updates in five seconds: three a second on average, and a burst of fifteen for a ketua
 * ticking an attendance list or someone tapping through a menu. A person is never this fast for
 * long; a stuck client or a script is.
 */
export const FLOOD_DEFAULTS: FloodLimits = { windowMs: 5_000, perWindow: 15 };

/** For tests of everything else: nobody is ever limited. */
export const NO_FLOOD_LIMIT: FloodLimits = { windowMs: 1_000, perWindow: Number.MAX_SAFE_INTEGER };

/** Update ids already counted, remembered this many deep: a redelivery is not counted twice. */
const REMEMBERED_UPDATES = 4_096;

/**
 * The ratelimiter's Redis-shaped store, kept in memory and read off an injectable clock. Unlike
 * the plugin's own memory store (one timer clearing every counter at once) each person's window
 * starts at their first update, and expired counters are swept once a window.
 */
class WindowStore {
  private readonly counters = new Map<string, { hits: number; expiresAt: number }>();
  private lastSweep: number;

  constructor(private readonly clock: () => number, private readonly windowMs: number) {
    this.lastSweep = clock();
  }

  incr(key: string): Promise<number> {
    const now = this.clock();
    if (now - this.lastSweep >= this.windowMs) this.sweep(now);
    let counter = this.counters.get(key);
    if (!counter || counter.expiresAt <= now) {
      counter = { hits: 0, expiresAt: Infinity };
      this.counters.set(key, counter);
    }
    counter.hits += 1;
    return Promise.resolve(counter.hits);
  }

  pexpire(key: string, milliseconds: number): Promise<number> {
    const counter = this.counters.get(key);
    if (!counter) return Promise.resolve(0);
    counter.expiresAt = this.clock() + milliseconds;
    return Promise.resolve(1);
  }

  private sweep(now: number): void {
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
    this.lastSweep = now;
  }
}

/** A bounded memory of update ids, oldest forgotten first. */
class RecentIds {
  private readonly ids = new Set<number>();

  /** False if `id` was seen already. */
  add(id: number): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > REMEMBERED_UPDATES) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}

/**
 * Flood control per person, on every incoming update, before any database work: a dropped update
 * costs a map lookup. The first update over the limit gets one polite notice (in a private chat; a
 * group is not told about one member); the rest of that window are dropped silently, except that
 * a dropped button tap is still answered, so its button does not spin.
 *
 * The counters live in this process: with several instances behind a webhook each counts the
 * updates it receives, so a flooder is slowed on each. Updates without a sender (channel posts)
 * are not counted.
 */
export function floodControl(deps: Pick<BotDeps, "db" | "i18n" | "logger" | "flood">): MiddlewareFn<BotContext> {
  const limits = deps.flood ?? FLOOD_DEFAULTS;
  const clock = limits.clock ?? (() => performance.now());
  const seen = new RecentIds();
  // Button taps the notice itself answered (Telegram takes one answer per tap).
  const answered = new WeakSet<BotContext>();

  const notice = async (ctx: BotContext): Promise<void> => {
    (ctx.log ?? deps.logger).warn({ windowMs: limits.windowMs, perWindow: limits.perWindow }, "flood control: updates dropped");
    const locale = await findLocale(deps.db, ctx.from!.id).catch(() => undefined);
    const text = deps.i18n.t(supportedLocale(locale), "flood-notice", {
      seconds: Math.ceil(limits.windowMs / 1000),
    });
    if (ctx.callbackQuery) {
      answered.add(ctx);
      await ctx.answerCallbackQuery({ text });
    } else if (ctx.chat?.type === "private") {
      await ctx.reply(text);
    }
  };

  const limiter = limit<BotContext, WindowStore>({
    timeFrame: limits.windowMs,
    limit: limits.perWindow,
    storageClient: new WindowStore(clock, limits.windowMs),
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    onLimitExceeded: (ctx) =>
      // The notice is a courtesy: if it cannot be sent (the person blocked the bot), drop it.
      notice(ctx).catch((error: unknown) => (ctx.log ?? deps.logger).debug({ err: error }, "flood notice not sent")),
  });

  return async (ctx, next) => {
    // A redelivery of an update already counted passes on; the dedupe middleware decides about it.
    if (!seen.add(ctx.update.update_id)) return next();
    let handled = false;
    await limiter(ctx, () => {
      handled = true;
      return next();
    });
    if (!handled && ctx.callbackQuery && !answered.has(ctx)) {
      await ctx.answerCallbackQuery().catch((error: unknown) => (ctx.log ?? deps.logger).debug({ err: error }, "dropped callback not answered"));
    }
  };
}
