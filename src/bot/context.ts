import type { ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Logger } from "../logger.js";
import type { Actor } from "../domain/people/actor.js";

type ExtraContext = {
  /** Who is acting; loaded once per update by the actor middleware. */
  actor: Actor;
  /** Child logger carrying the update id. */
  log: Logger;
};

export type BotContext = ConversationFlavor<Context & I18nFlavor & ExtraContext>;

/** Inside conversations only the plugins passed to them exist: i18n, not our own middleware. */
export type ConversationContext = Context & I18nFlavor;
