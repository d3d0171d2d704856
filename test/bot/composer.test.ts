import { Composer as GrammyComposer, Context } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it, vi } from "vitest";
import { Composer } from "../../src/bot/composer.js";
import { DEFAULT_BOT_INFO } from "../../src/testing/fake-telegram.js";

const ME = DEFAULT_BOT_INFO;

const chat = { id: 7, type: "private" as const, first_name: "Sari" };
const from = { id: 7, is_bot: false, first_name: "Sari" };

function message(text: string): Context {
  const entities = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]!.length }] : undefined;
  const update: Update = { update_id: 1, message: { message_id: 1, date: 0, chat, from, text, ...(entities ? { entities } : {}) } };
  return new Context(update, undefined as never, ME);
}

function press(data: string): Context {
  const update: Update = { update_id: 2, callback_query: { id: "q", from, chat_instance: "c", data, message: { message_id: 1, date: 0, chat, text: "x" } } };
  return new Context(update, undefined as never, ME);
}

/** Runs `composer` on `ctx` with an outer `next` that records it was reached. */
async function run(composer: GrammyComposer<Context>, ctx: Context, log: string[]): Promise<void> {
  await composer.middleware()(ctx, async () => {
    log.push("outer next");
  });
}

describe("Composer (cheap to walk, grammY's meaning)", () => {
  it("runs middleware in the order installed, through nested composers, and reaches the outer next", async () => {
    const log: string[] = [];
    const root = new Composer<Context>(async (_ctx, next) => {
      log.push("a");
      await next();
      log.push("a after");
    });
    const inner = root.use((_ctx, next) => {
      log.push("b");
      return next();
    });
    inner.use(async (_ctx, next) => {
      log.push("b.1");
      await next();
    });
    root.use(async (_ctx, next) => {
      log.push("c");
      await next();
    });
    await run(root, message("halo"), log);
    expect(log).toEqual(["a", "b", "b.1", "c", "outer next", "a after"]);
  });

  it("sees middleware added to a composer after it was installed", async () => {
    const log: string[] = [];
    const root = new Composer<Context>();
    const feature = new Composer<Context>();
    root.use(feature);
    feature.command("saldo", () => void log.push("saldo"));
    await run(root, message("/saldo"), log);
    expect(log).toEqual(["saldo"]);
  });

  it("filters: command (with its match), hears, callbackQuery, chatType, on, and an async predicate", async () => {
    const log: string[] = [];
    const root = new Composer<Context>();
    const privateOnly = root.chatType("private");
    privateOnly.command("hadir", (ctx) => void log.push(`hadir ${ctx.match}`));
    root.callbackQuery(/^rsvp:(\d+)$/, (ctx) => void log.push(`rsvp ${ctx.match![1]}`));
    root.hears(/^ok/i, () => void log.push("hears"));
    root.filter(async (ctx) => ctx.message?.text === "async", () => void log.push("async filter"));
    root.on("message:text", () => void log.push("text"));
    await run(root, message("/hadir AB3 K7Q"), log);
    await run(root, press("rsvp:42"), log);
    await run(root, message("OK siap"), log);
    await run(root, message("async"), log);
    await run(root, message("lain"), log);
    await run(root, press("zzz"), log);
    expect(log).toEqual(["hadir AB3 K7Q", "rsvp 42", "hears", "async filter", "text", "outer next"]);
  });

  it("takes a predicate's answer for its truth, as grammY does, whatever it is", async () => {
    const log: string[] = [];
    const root = new Composer<Context>();
    // From JavaScript or an `any`: not a boolean, not a promise.
    root.filter((() => undefined) as never, () => void log.push("undefined"));
    root.filter((() => "ya") as never, () => void log.push("truthy string"));
    await run(root, message("x"), log);
    expect(log).toEqual(["truthy string"]);
  });

  it("passes on to the next middleware when a filter's handler calls next, and not otherwise", async () => {
    const log: string[] = [];
    const root = new Composer<Context>();
    root.command("bantuan", async (_ctx, next) => {
      log.push("first");
      await next();
    });
    root.command("bantuan", () => void log.push("second"));
    root.command("bantuan", () => void log.push("never"));
    await run(root, message("/bantuan"), log);
    expect(log).toEqual(["first", "second"]);
  });

  it("runs grammY's own composers (a plugin's) installed inside it", async () => {
    const log: string[] = [];
    const plugin = new GrammyComposer<Context>();
    plugin.command("start", () => void log.push("plugin start"));
    const root = new Composer<Context>(plugin);
    root.use(() => void log.push("after plugin"));
    await run(root, message("/start"), log);
    await run(root, message("/lain"), log);
    expect(log).toEqual(["plugin start", "after plugin"]);
  });

  it("rejects a second call of next, and turns a thrown error (sync or async, in a predicate too) into a rejection", async () => {
    const twice = new Composer<Context>(async (_ctx, next) => {
      await next();
      await next();
    });
    await expect(run(twice, message("x"), [])).rejects.toThrow("`next` already called before!");

    const syncThrow = new Composer<Context>(() => {
      throw new Error("boom");
    });
    const result = syncThrow.middleware()(message("x"), async () => {});
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toThrow("boom");

    const predicateThrows = new Composer<Context>();
    predicateThrows.filter(() => {
      throw new Error("bad predicate");
    });
    await expect(run(predicateThrows, message("x"), [])).rejects.toThrow("bad predicate");

    const asyncThrow = new Composer<Context>();
    asyncThrow.command("x", async () => {
      throw new Error("async boom");
    });
    await expect(run(asyncThrow, message("/x"), [])).rejects.toThrow("async boom");
  });

  it("keeps grammY's derived methods working on top of it: branch, lazy, drop, errorBoundary", async () => {
    const log: string[] = [];
    const root = new Composer<Context>();
    root.branch((ctx) => ctx.message?.text === "kiri", () => void log.push("left"), (_ctx, next) => next());
    root.drop((ctx) => ctx.message?.text !== "lazy", (_ctx, next) => next()).lazy(() => (() => void log.push("lazy")));
    root.errorBoundary(() => void log.push("caught")).use(() => {
      throw new Error("inside boundary");
    });
    await run(root, message("kiri"), log);
    await run(root, message("lazy"), log);
    await run(root, message("other"), log);
    expect(log).toEqual(["left", "lazy", "caught"]);
  });

  it("walks an update past many filters without building or asking any composer for its middleware", async () => {
    const root = new Composer<Context>();
    for (let i = 0; i < 50; i++) root.chatType("private").command(`c${i}`, () => {});
    const reached: string[] = [];
    root.use(() => void reached.push("fallback"));
    const handler = root.middleware();
    const ours = vi.spyOn(Composer.prototype, "middleware");
    const grammys = vi.spyOn(GrammyComposer.prototype, "middleware");
    try {
      await handler(message("teks biasa"), async () => {});
      expect(reached).toEqual(["fallback"]);
      expect(ours).not.toHaveBeenCalled();
      expect(grammys).not.toHaveBeenCalled();
    } finally {
      ours.mockRestore();
      grammys.mockRestore();
    }
  });
});
