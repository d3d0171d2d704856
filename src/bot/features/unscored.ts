import { Composer } from "../composer.js";
import { getRt } from "../../domain/rt/rt.js";
import { isIndicatorCode } from "../../domain/scores/indicators.js";
import { assertMayScore, findScoreByRequestKey } from "../../domain/scores/manual.js";
import { unscoredInScope } from "../../domain/scores/unscored.js";
import { rtVars } from "../../messages/format.js";
import { bulkScore, unscoredPage, unscoredRt } from "../../messages/buttons/unscored.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import { BULK_SCORE, bulkStepKey, type BulkStart } from "../conversations/bulk-score.js";
import type { BotDeps } from "../deps.js";
import { clampPage, PAGE_SIZE, paginatedKeyboard } from "../keyboards/paginate.js";

/**
 * /belumdinilai: the RTs of a koordinator's area (the city, for an admin) with how many manual
 * indicators each still lacks, the round's proposed RTs first and marked, then the most unscored;
 * a button per RT opens its bulk pass ("Nilai semua yang belum"), also reached by /nilaisemua.
 * Every button is checked again when pressed: an RT outside the presser's area is refused.
 */
export function createUnscoredFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  const presses = new Composer<BotContext>();
  feature.use(presses);

  async function screen(ctx: BotContext, page: number) {
    const { rts, inRound, scopeSize } = await unscoredInScope(deps.db, ctx.actor);
    if (scopeSize === 0) return { text: ctx.t("score-rank-empty"), keyboard: undefined };
    if (rts.length === 0) return { text: ctx.t("unscored-all-done", { count: scopeSize }), keyboard: undefined };
    const current = clampPage(page, rts.length);
    const lines = rts.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((entry, index) =>
      ctx.t(entry.proposed ? "unscored-line-proposed" : "unscored-line", { rank: current * PAGE_SIZE + index + 1, ...rtVars(entry.place), missing: entry.missing }),
    );
    const missing = rts.reduce((sum, entry) => sum + entry.missing, 0);
    const proposed = rts.filter((entry) => entry.proposed).length;
    const header = ctx.t("unscored-title", { rts: rts.length, scope: scopeSize, missing });
    const roundLine = inRound ? `\n${ctx.t("unscored-round", { proposed })}` : "";
    const text = `${header}${roundLine}\n\n${lines.join("\n")}\n\n${ctx.t("unscored-open")}`;
    const choices = rts.map((entry) => ({
      label: ctx.t(entry.proposed ? "unscored-button-proposed" : "unscored-button", { ...rtVars(entry.place), missing: entry.missing }),
      data: unscoredRt.data({ rt: entry.place.id }),
    }));
    return { text, keyboard: paginatedKeyboard(choices, current, (n) => unscoredPage.data({ page: n })) };
  }

  feature.command("belumdinilai", async (ctx) => {
    const shown = await screen(ctx, 0);
    await ctx.reply(shown.text, shown.keyboard ? { reply_markup: shown.keyboard } : {});
  });

  feature.command("nilaisemua", (ctx) => ctx.conversation.enter(BULK_SCORE));

  onButton(presses, unscoredPage, async (ctx, { page }) => {
    const shown = await screen(ctx, page);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(shown.text, shown.keyboard ? { reply_markup: shown.keyboard } : {});
  });

  onButton(presses, unscoredRt, async (ctx, { rt }) => {
    // Checked before the pass opens, so a forged RT is refused in the list's own words.
    assertMayScore(ctx.actor, await getRt(deps.db, rt));
    await ctx.answerCallbackQuery();
    // A second tap on the list (or another RT) while a pass is open starts afresh: enter alone would throw.
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(BULK_SCORE, { rtId: rt } satisfies BulkStart);
  });

  // A bulk-pass answer tapped after the pass moved on or ended (a double tap, a redelivery): the
  // step key it carries finds what this person saved, and nothing else.
  onButton(presses, bulkScore, async (ctx, { form, code, answer }) => {
    const personId = ctx.actor.person?.id;
    const saved =
      personId !== undefined && isIndicatorCode(code) && answer !== "skip" && answer !== "stop"
        ? await findScoreByRequestKey(deps.db, { personId, requestKey: bulkStepKey(`${BULK_SCORE}:${form}`, code) })
        : undefined;
    await ctx.answerCallbackQuery(saved ? { text: ctx.t("bulk-already-saved", { code, score: saved.score }), show_alert: true } : { text: ctx.t("fallback-stale-button") });
  });

  return composer;
}
