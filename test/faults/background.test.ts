import { describe, expect, it, vi } from "vitest";
import { createBackgroundRunner, runLongWork, type BackgroundTask } from "../../src/bot/background.js";
import type { BotContext } from "../../src/bot/context.js";
import { createI18n } from "../../src/bot/i18n.js";
import type { Database } from "../../src/db/client.js";
import { DomainError } from "../../src/domain/errors.js";
import { createLogger } from "../../src/logger.js";
import { addKoordinator, addMember, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { withTestBot } from "../helpers/test-bot.js";

const silent = createLogger("silent");

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe("the background runner", () => {
  it("runs tasks one at a time by default, in order, and drain waits for all of them", async () => {
    const runner = createBackgroundRunner({ logger: silent });
    const first = gate();
    const log: string[] = [];
    await runner.submit({
      key: "a",
      run: async () => {
        log.push("a starts");
        await first.opened;
        log.push("a ends");
      },
    });
    await runner.submit({ key: "b", run: async () => void log.push("b runs") });
    // submit returned at once: nothing has run yet (a task starts after the update that queued it).
    expect(log).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(["a starts"]);
    expect(runner.size).toBe(2);
    let drained = false;
    const draining = runner.drain().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(drained).toBe(false);
    first.open();
    await draining;
    expect(log).toEqual(["a starts", "a ends", "b runs"]);
    expect(runner.size).toBe(0);
  });

  it("runs up to `concurrency` tasks at once", async () => {
    const runner = createBackgroundRunner({ logger: silent, concurrency: 2 });
    const blocker = gate();
    let running = 0;
    let most = 0;
    const task = (key: string): BackgroundTask => ({
      key,
      run: async () => {
        most = Math.max(most, ++running);
        await blocker.opened;
        running--;
      },
    });
    for (const key of ["a", "b", "c", "d"]) await runner.submit(task(key));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(running).toBe(2);
    blocker.open();
    await runner.drain();
    expect(most).toBe(2);
  });

  it("logs a failed task, reports it, survives a failing report, and goes on with the next", async () => {
    const logger = createLogger("silent");
    const logged = vi.spyOn(logger, "error");
    const runner = createBackgroundRunner({ logger });
    const reported: unknown[] = [];
    let ranAfter = false;
    await runner.submit({ key: "boom", run: () => Promise.reject(new Error("boom")), onFailure: async (error) => void reported.push(error) });
    await runner.submit({ key: "boom-twice", run: () => Promise.reject(new Error("again")), onFailure: () => Promise.reject(new Error("Telegram is down too")) });
    await runner.submit({ key: "fine", run: async () => void (ranAfter = true) });
    await runner.drain();
    expect(reported).toEqual([new Error("boom")]);
    expect(logged).toHaveBeenCalledTimes(2);
    expect(ranAfter).toBe(true);
  });

  it("drops a task whose key is already queued (the same update delivered again)", async () => {
    const runner = createBackgroundRunner({ logger: silent });
    let runs = 0;
    await runner.submit({ key: "digest:7", run: async () => void runs++ });
    await runner.submit({ key: "digest:7", run: async () => void runs++ });
    await runner.drain();
    expect(runs).toBe(1);
  });
});

describe("runLongWork", () => {
  const i18n = createI18n({} as Database);
  const fakeCtx = (sendMessage: (chatId: number, text: string) => Promise<unknown>) =>
    ({ i18n: { getLocale: async () => "id" }, chat: { id: 42 }, api: { sendMessage }, update: { update_id: 9 } }) as unknown as BotContext;

  it("tells the person when the work failed: a DomainError in their words, anything else as a failure", async () => {
    const background = createBackgroundRunner({ logger: silent });
    const sent: [number, string][] = [];
    const ctx = fakeCtx(async (chatId, text) => sent.push([chatId, text]));
    await runLongWork({ background, i18n, logger: silent }, ctx, "export", () => Promise.reject(new Error("chart renderer crashed")));
    await background.drain();
    await runLongWork({ background, i18n, logger: silent }, { ...ctx, update: { update_id: 10 } } as BotContext, "export", () => Promise.reject(new DomainError("not-allowed")));
    await background.drain();
    expect(sent).toEqual([
      [42, "Maaf, permintaan Anda gagal disiapkan. Coba lagi sebentar."],
      [42, "Maaf, Anda tidak berwenang melakukan ini."],
    ]);
  });

  it("keys the work by the update, and runs it inline without a runner", async () => {
    const keys: string[] = [];
    await runLongWork({ i18n, logger: silent }, fakeCtx(async () => undefined), "digest", async (key) => void keys.push(key));
    expect(keys).toEqual(["digest:9"]);
  });
});

describe("long work never blocks updates", () => {
  const { database, harness } = withTestBot();

  it("answers another person while a digest is still waiting to be built", async () => {
    const rt = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN);
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const siti = newUser("Siti");
    await addMember(database.db, siti, rt.id);
    // Something long is already running in the background (one task at a time): the digest waits behind it.
    const longTask = gate();
    await harness.background.submit({ key: "long", run: () => longTask.opened });

    await harness.bot.handleUpdate(harness.messageUpdate(koordinator, "/ringkasan"));
    expect(harness.telegram.textsTo(koordinator.id)).toEqual(["Sedang disiapkan, dikirim sebentar lagi."]);
    await harness.bot.handleUpdate(harness.messageUpdate(siti, "/profil"));
    expect(harness.telegram.textsTo(siti.id)).toHaveLength(1);
    expect(harness.background.size).toBe(2); // the long task and the digest, neither done

    longTask.open();
    await harness.settle();
    const texts = harness.telegram.textsTo(koordinator.id);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toMatch(/^📊 Ringkasan mingguan Kampung BANTAR/);
  });
});
