import { DomainError } from "../domain/errors.js";
import type { Logger } from "../logger.js";
import type { BotContext } from "./context.js";
import type { BotDeps } from "./deps.js";

/** Work that must not hold up the update that asked for it (digests, exports, rotas). */
export type BackgroundTask = {
  /** While a task with this key is queued or running, another with the same key is dropped (a redelivered update). */
  key: string;
  run(): Promise<void>;
  /** Called after a failure is logged, to tell the person; its own failure is only logged. */
  onFailure?(error: unknown): Promise<void>;
};

export interface BackgroundRunner {
  /** Takes the task; resolves once it is queued (the inline runner: once it is done). */
  submit(task: BackgroundTask): Promise<void>;
  /** Resolves when nothing is queued or running: graceful shutdown waits here, and so do tests. */
  drain(): Promise<void>;
  /** Tasks queued or running. */
  readonly size: number;
}

export type BackgroundRunnerOptions = {
  logger: Logger;
  /** Tasks at once. Digests and exports are CPU-heavy (charts, workbooks) on a small machine: keep this low. */
  concurrency?: number;
};

async function execute(task: BackgroundTask, logger: Logger): Promise<void> {
  try {
    await task.run();
  } catch (error) {
    if (error instanceof DomainError) logger.info({ code: error.code, task: task.key }, "background task refused");
    else logger.error({ err: error, task: task.key }, "background task failed");
    await task.onFailure?.(error).catch((notified: unknown) => logger.warn({ err: notified, task: task.key }, "could not report a failed background task"));
  }
}

/** An in-process queue with a concurrency limit. A failed task is logged and reported; the queue goes on. */
export function createBackgroundRunner(options: BackgroundRunnerOptions): BackgroundRunner {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const queue: BackgroundTask[] = [];
  const keys = new Set<string>();
  const idleWaiters: (() => void)[] = [];
  let running = 0;

  function pump(): void {
    while (running < concurrency && queue.length > 0) {
      const task = queue.shift()!;
      running++;
      // setImmediate: the task starts after the update that queued it has been answered.
      void new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => execute(task, options.logger))
        .finally(() => {
          running--;
          keys.delete(task.key);
          pump();
          if (running === 0 && queue.length === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
        });
    }
  }

  return {
    submit(task) {
      if (keys.has(task.key)) {
        options.logger.info({ task: task.key }, "background task already queued; dropped");
        return Promise.resolve();
      }
      keys.add(task.key);
      queue.push(task);
      pump();
      return Promise.resolve();
    },
    drain() {
      if (running === 0 && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    get size() {
      return running + queue.length;
    },
  };
}

/** Runs each task at once and waits for it: for a harness without a runner (the console). */
export function createInlineRunner(logger: Logger): BackgroundRunner {
  return {
    submit: (task) => execute(task, logger),
    drain: () => Promise.resolve(),
    size: 0,
  };
}

/**
 * Hands `work` to the background runner under a key made of `name` and the update id, so a
 * redelivered update does not build twice (what `work` queues in the outbox should use
 * `workKey` too). If it fails, the person is told through the Bot API directly (the outbox may be
 * what failed): a DomainError in their words, anything else as "could not be prepared".
 */
export async function runLongWork(deps: Pick<BotDeps, "background" | "i18n" | "logger">, ctx: BotContext, name: string, work: (workKey: string) => Promise<void>): Promise<void> {
  const locale = await ctx.i18n.getLocale();
  const chatId = ctx.chat!.id;
  const api = ctx.api;
  const key = `${name}:${ctx.update.update_id}`;
  const runner = deps.background ?? createInlineRunner(deps.logger);
  await runner.submit({
    key,
    run: () => work(key),
    onFailure: async (error) => {
      const text = error instanceof DomainError ? deps.i18n.t(locale, `error-${error.code}`, error.vars) : deps.i18n.t(locale, "long-work-failed");
      await api.sendMessage(chatId, text);
    },
  });
}
