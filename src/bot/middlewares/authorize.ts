import type { MiddlewareFn } from "grammy";
import { allows, type Audience } from "../../domain/people/audience.js";
import { readButton } from "../../messages/buttons/index.js";
import { findCommand } from "../commands.js";
import { rtNumber } from "../../messages/format.js";
import type { BotContext } from "../context.js";

export function commandOf(ctx: BotContext): string | undefined {
  const text = ctx.message?.text;
  const entity = ctx.message?.entities?.[0];
  if (!text || entity?.type !== "bot_command" || entity.offset !== 0) return undefined;
  const [name, mention] = text.slice(1, entity.length).split("@");
  if (mention && mention.toLowerCase() !== ctx.me.username.toLowerCase()) return undefined;
  return name?.toLowerCase();
}

/** The locale key of the polite refusal for a command or button meant for `audience`. */
export function refusalKey(audience: Audience): string {
  if (audience === "member") return "error-not-registered";
  return `error-role-${[...audience].sort().join("-")}`;
}

/**
 * The one place that decides who may run what: commands by commands.ts, buttons by their family
 * (messages/buttons). A refused command or button gets a polite answer and nothing else runs;
 * callback data no family reads is refused as stale. Checks against a specific RT or area happen
 * in the domain services, which know the data.
 */
export type AuthorizeOptions = {
  /**
   * What a person whose join request still waits reads when a command is for residents: which RT,
   * since when, and how to withdraw; not "send /start", which they already did.
   */
  pendingText?: (ctx: BotContext) => Promise<string>;
};

/** A command a resident may run, refused only because the person's request is still waiting. */
function waitsForApproval(audience: Audience, ctx: BotContext): boolean {
  return ctx.actor.membership?.status === "pending" && typeof audience !== "string" && audience.includes("warga");
}

export function authorize(options: AuthorizeOptions = {}): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const command = commandOf(ctx);
    if (command !== undefined) {
      const spec = findCommand(command);
      if (spec && !allows(spec.audience, ctx.actor)) {
        const pending = options.pendingText && waitsForApproval(spec.audience, ctx) ? options.pendingText : null;
        await ctx.reply(pending ? await pending(ctx) : ctx.t(refusalKey(spec.audience)));
        return;
      }
      // A koordinator acting as ketua of an RT without one is told, at every ketua command, for which RT.
      if (spec && ctx.actor.acting && typeof spec.audience !== "string" && spec.audience.includes("ketua_rt") && ctx.chat?.type === "private") {
        await ctx.reply(ctx.t("acting-as", { rt: rtNumber(ctx.actor.acting.rtNumber) }));
      }
      return next();
    }
    const query = ctx.callbackQuery;
    if (query !== undefined) {
      // Data no button family reads was forged, or sent before an upgrade renamed its button.
      const pressed = query.data === undefined ? undefined : readButton(query.data);
      if (!pressed) {
        await ctx.answerCallbackQuery({ text: ctx.t("fallback-stale-button") });
        return;
      }
      const { audience } = pressed.family;
      if (!allows(audience, ctx.actor)) {
        await ctx.answerCallbackQuery({ text: ctx.t(refusalKey(audience)), show_alert: true });
        return;
      }
    }
    return next();
  };
}

/**
 * In an RT's group chat the bot keeps quiet: it takes only the commands meant for groups
 * (/hubungkan) and news of its own membership, so a busy group is not answered line by line.
 */
export function gateGroups(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const type = ctx.chat?.type;
    if (type !== "group" && type !== "supergroup") return next();
    if (ctx.myChatMember) return next();
    const command = commandOf(ctx);
    if (command !== undefined && findCommand(command)?.inGroups) return next();
  };
}
