import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { decisionSavedUnder, kencanaAwardedUnder } from "../../domain/cycle/decision.js";
import { kencanaHolders, type KencanaHolder } from "../../domain/cycle/kencana.js";
import type { HeldTitle } from "../../domain/cycle/titles.js";
import { isAdmin } from "../../domain/people/actor.js";
import { awardConfirm, kencanaAward, kencanaAwardConfirm, kencanaRecord } from "../../messages/buttons/award.js";
import { chunkLines, rtVars } from "../../messages/format.js";
import type { Translate } from "../../messages/translate.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import { DECISION, KENCANA_AWARD, KENCANA_RECORD } from "../conversations/award.js";
import type { BotDeps } from "../deps.js";

/** "🏆 Kampung BANTAR 2027 (Besar)", "🏅 Kampung BANTAR Kencana 2029": one line per title held. */
export function titleLines(t: Translate, titles: readonly HeldTitle[]): string[] {
  return titles.map((title) => t(`award-title-${title.level}`, { year: String(title.year), category: t(`award-category-${title.category}`) }));
}

function holderLines(t: Translate, holder: KencanaHolder): string[] {
  const head = t(holder.eligible ? "kencana-holder-eligible" : "kencana-holder", { ...rtVars(holder), year: String(holder.year), category: t(`award-category-${holder.category}`) });
  const requirements = holder.requirements.map((state) =>
    t(state.met === null ? "kencana-req-line-unknown" : state.met ? "kencana-req-line-met" : "kencana-req-line-unmet", { requirement: t(`kencana-req-${state.requirement}`), note: state.note ?? "" }),
  );
  const lacks = holder.shortfalls.filter((shortfall) => shortfall !== "requirements-unmet").map((shortfall) => t(`kencana-shortfall-${shortfall}`));
  return [head, ...requirements, ...(lacks.length > 0 ? [t("kencana-lacks", { reasons: lacks.join(", ") })] : []), ""];
}

/**
 * /keputusan (admins) opens the decision form; /kencana (koordinator for their area, admin) lists
 * the Kampung BANTAR holders with their Kencana requirements and who is eligible, with a button to
 * record a requirement. The decision's save tapped again after the form ended is told it is saved.
 */
export function createAwardFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  const presses = new Composer<BotContext>();
  feature.use(presses);

  feature.command("keputusan", (ctx) => ctx.conversation.enter(DECISION));

  feature.command("kencana", async (ctx) => {
    const holders = await kencanaHolders(deps.db, ctx.actor, deps.clock());
    if (holders.length === 0) return void (await ctx.reply(ctx.t("kencana-none")));
    const eligible = holders.filter((holder) => holder.eligible).length;
    const texts = chunkLines(ctx.t("kencana-title", { count: holders.length, eligible }), [...holders.flatMap((holder) => holderLines(ctx.t, holder)), ctx.t("kencana-rule")]);
    for (const [index, text] of texts.entries()) {
      const last = index === texts.length - 1;
      const keyboard = new InlineKeyboard().text(ctx.t("kencana-button-record"), kencanaRecord.data({}));
      // Awarding Kencana is the city's (admins), once a holder is eligible.
      if (eligible > 0 && isAdmin(ctx.actor)) keyboard.row().text(ctx.t("kencana-button-award"), kencanaAward.data({}));
      await ctx.reply(text, last ? { reply_markup: keyboard } : {});
    }
  });

  onButton(presses, kencanaRecord, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(KENCANA_RECORD);
  });

  onButton(presses, kencanaAward, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(KENCANA_AWARD);
  });

  // The Kencana award's save tapped again once its form is over: saved, not "stale".
  onButton(presses, kencanaAwardConfirm, async (ctx, { key }) => {
    const awarded = await kencanaAwardedUnder(deps.db, `${KENCANA_AWARD}:${key}`);
    await ctx.answerCallbackQuery({ text: ctx.t(awarded.length > 0 ? "kencana-award-already-saved" : "fallback-stale-button"), show_alert: awarded.length > 0 });
  });

  // The save tapped again once the form is over (a double tap, a redelivery): saved, not "stale".
  onButton(presses, awardConfirm, async (ctx, { key }) => {
    const saved = await decisionSavedUnder(deps.db, `${DECISION}:${key}`);
    await ctx.answerCallbackQuery({ text: saved ? ctx.t("award-already-saved", { year: String(saved.year), sk: saved.skNumber }) : ctx.t("fallback-stale-button"), show_alert: saved !== undefined });
  });

  return composer;
}
