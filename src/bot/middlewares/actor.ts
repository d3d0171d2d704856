import type { MiddlewareFn } from "grammy";
import { loadActor } from "../../domain/people/actor.js";
import { markReachable } from "../../delivery/outbox.js";
import type { BotContext } from "../context.js";
import { takePreloadedActor } from "./preloaded.js";
import { withLocaleInFlight } from "../i18n.js";
import type { BotDeps } from "../deps.js";

export function attachLogger(deps: Pick<BotDeps, "logger">): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    ctx.log = deps.logger.child({ updateId: ctx.update.update_id });
    return next();
  };
}

/** Loads who is acting, once per update, for authorization and every feature after it. */
export function attachActor(deps: Pick<BotDeps, "db" | "adminTelegramIds">): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!ctx.from) return; // channel posts and the like: nothing for this bot to do
    // Read with the update's claim (dedupe.ts) when it ran; else (a bot without it) on its own.
    ctx.actor = takePreloadedActor(ctx) ?? (await loadActor(deps.db, ctx.from.id, deps.adminTelegramIds));
    // Someone marked unreachable after a 403 is writing again: they unblocked the bot.
    if (ctx.actor.person?.unreachable) await markReachable(deps.db, ctx.from.id);
    // The conversations' contexts of this update take the person's locale from here (i18n.ts).
    const locale = ctx.actor.person?.locale;
    if (locale === undefined) return next();
    await withLocaleInFlight(ctx.from.id, locale, next);
  };
}
