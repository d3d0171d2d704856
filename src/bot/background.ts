import { DomainError } from "../domain/errors.js";
import { loadActor, type Actor } from "../domain/people/actor.js";
import type { JobHandlers, JobQueue } from "../jobs/queue.js";
import { deliverResult, resultQueued, textPart, type LongWorkEnvelope } from "../jobs/long-work.js";
import { translateIn, type Translate } from "../messages/translate.js";
import type { BotContext } from "./context.js";
import type { BotDeps } from "./deps.js";

/** Where long work is queued: the durable job queue (src/jobs/queue.ts); absent, it runs inside the update. */
export type LongWorkQueue = Pick<JobQueue<LongWorkEnvelope>, "submit">;

/** What a handler of long work gets: the request as stored, with `now` the time it was asked. */
export type LongWorkJob<D> = Omit<LongWorkEnvelope, "data" | "requestedAt" | "work"> & { data: D; now: Date; t: Translate };

/**
 * Long work (digests, exports, rotas, packs) registered by name: it rebuilds everything from the
 * job's data (no closure over the update), so another process can run it after a crash. What it
 * produces goes to the person through the outbox, keyed by `job.key` (jobs/long-work.ts).
 */
export type LongWork<D> = { readonly name: string; run(deps: BotDeps, job: LongWorkJob<D>): Promise<void> };

export function defineLongWork<D>(name: string, run: (deps: BotDeps, job: LongWorkJob<D>) => Promise<void>): LongWork<D> {
  return { name, run };
}

/** The person who asked is gone (erased with /hapusdata) since: the job sends nothing. */
export class AskerGoneError extends DomainError {
  constructor() {
    super("not-registered");
  }
}

/**
 * Who asked, as they are when the job runs (rights read again, not trusted from the job's data).
 * A person erased since they asked is gone: AskerGoneError, and nothing is sent to them.
 */
export async function jobActor(deps: Pick<BotDeps, "db" | "adminTelegramIds">, job: Pick<LongWorkEnvelope, "telegramId" | "personId">): Promise<Actor> {
  const actor = await loadActor(deps.db, job.telegramId, deps.adminTelegramIds);
  if (job.personId !== null && actor.person?.id !== job.personId) throw new AskerGoneError();
  return actor;
}

/**
 * The action that asked, not the update carrying it: a redelivered update has the same message, so
 * it asks once. A button press is the button (its message and its data), not the callback query: a
 * double tap of one button asks once; another button of the same message is another request.
 */
export function requestKeyOf(ctx: BotContext): string {
  const query = ctx.callbackQuery;
  if (query) return query.message ? `b${query.message.chat.id}.${query.message.message_id}.${query.data ?? ""}` : `q${query.id}`;
  if (ctx.msg) return `m${ctx.msg.chat.id}.${ctx.msg.message_id}`;
  return `u${ctx.update.update_id}`;
}

/**
 * Hands `work` to the job queue with its data and who asked; the update is answered at once. A
 * failure the person can act on (a DomainError) is told in their words at once; anything else is
 * retried with back-off, and after the last try they hear "could not be prepared" (all through the
 * outbox). Without a queue (the console, tests) the work runs here, inside the update.
 */
export async function runLongWork<D>(deps: BotDeps, ctx: BotContext, work: LongWork<D>, data: D): Promise<void> {
  const envelope: LongWorkEnvelope = {
    work: work.name,
    key: `${work.name}:${requestKeyOf(ctx)}`,
    chatId: ctx.chat!.id,
    telegramId: ctx.from!.id,
    personId: ctx.actor.person?.id ?? null,
    locale: await ctx.i18n.getLocale(),
    requestedAt: deps.clock().toISOString(),
    data,
  };
  if (deps.background) {
    await deps.background.submit(envelope);
    return;
  }
  const handlers = longWorkHandlers(deps, [work]);
  try {
    await handlers.perform(envelope);
  } catch (error) {
    // No retry here: the person hears it failed.
    deps.logger.error({ err: error, work: work.name }, "long work failed");
    await handlers.gaveUp(envelope).catch((error: unknown) => deps.logger.warn({ err: error, work: work.name }, "could not report failed long work"));
  }
}

/** The job queue's handlers over the registered works (bot/features/long-work.ts). */
export function longWorkHandlers(deps: BotDeps, works: readonly LongWork<never>[]): JobHandlers<LongWorkEnvelope> {
  const byName = new Map<string, LongWork<never>>(works.map((work) => [work.name, work]));
  const tell = (envelope: LongWorkEnvelope, text: string) => deliverResult(deps, envelope, [textPart("failed", text)]);
  return {
    async perform(envelope) {
      const work = byName.get(envelope.work);
      if (!work) throw new Error(`no long work named ${envelope.work}`);
      const { data, requestedAt, work: _name, ...who } = envelope;
      const t = translateIn(deps.i18n, envelope.locale);
      try {
        await work.run(deps, { ...who, data: data as never, now: new Date(requestedAt), t });
      } catch (error) {
        if (error instanceof AskerGoneError) {
          deps.logger.info({ work: envelope.work }, "long work dropped: who asked is gone");
          return;
        }
        // Logged once, by whoever runs it: the job queue (with the job's id), or runLongWork.
        if (!(error instanceof DomainError)) throw error;
        // Refused (rights changed, nothing to build): no retry would change that.
        deps.logger.info({ code: error.code, work: envelope.work }, "long work refused");
        await tell(envelope, t(`error-${error.code}`, error.vars));
      }
    },
    async gaveUp(envelope) {
      // Failed by pg-boss while the handler kept running (stopped past its grace, expired), the
      // work may have delivered meanwhile: the person then has the file, not "could not be prepared".
      if (await resultQueued(deps, envelope.key)) return;
      await tell(envelope, deps.i18n.t(envelope.locale, "long-work-failed"));
    },
  };
}
