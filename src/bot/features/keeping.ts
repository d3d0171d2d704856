import { Composer } from "../composer.js";
import { findPlannedVisit, reassessmentVisitOf } from "../../domain/cycle/reassessment.js";
import { assertSelfAssessor } from "../../domain/cycle/self-assessment.js";
import { reassessCancel, reassessDrop, reassessSave, reassessVisit, selfOpen } from "../../messages/buttons/keeping.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import { REASSESSMENT_VISIT, SELF_ASSESSMENT } from "../conversations/keeping.js";
import type { BotDeps } from "../deps.js";

/**
 * Keeping the title: /nilaimandiri (the ketua's quarterly self-assessment, also opened from the
 * invitation's button) and /kunjunganulang (a koordinator plans a re-assessment visit).
 */
export function createKeepingFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  const presses = new Composer<BotContext>();
  feature.use(presses);

  feature.command("nilaimandiri", (ctx) => ctx.conversation.enter(SELF_ASSESSMENT));
  feature.command("kunjunganulang", (ctx) => ctx.conversation.enter(REASSESSMENT_VISIT));

  // The invitation names the RT: only its own ketua opens the form from it (a forged RT is refused).
  onButton(presses, selfOpen, async (ctx, { rt }) => {
    assertSelfAssessor(ctx.actor, rt);
    await ctx.answerCallbackQuery();
    // A second tap on the invitation while the form is open starts it afresh (it resumes from the database).
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(SELF_ASSESSMENT);
  });

  // The save of /kunjunganulang tapped again after the form ended (a double tap, a redelivery).
  onButton(presses, reassessSave, async (ctx, { key }) => {
    const personId = ctx.actor.person?.id;
    const planned = personId === undefined ? undefined : await findPlannedVisit(deps.db, { requestKey: `reassess:${key}`, personId });
    await ctx.answerCallbackQuery({ text: ctx.t(planned ? "reassess-already-saved" : "fallback-stale-button"), show_alert: planned !== undefined });
  });
  onButton(presses, reassessCancel, async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("fallback-stale-button") });
  });
  // A planned visit's card, or its "yes, cancel", pressed outside its form (tapped again, left over,
  // or forged with another visit): the visit is read with the presser's scope first (another area's
  // is refused as out of scope), and nothing is changed here.
  onButton(presses, reassessVisit, async (ctx, { visit }) => {
    await reassessmentVisitOf(deps.db, ctx.actor, { visitId: visit });
    await ctx.answerCallbackQuery({ text: ctx.t("fallback-stale-button") });
  });
  onButton(presses, reassessDrop, async (ctx, { visit }) => {
    const found = await reassessmentVisitOf(deps.db, ctx.actor, { visitId: visit });
    const cancelled = found.cancelledAt !== null;
    await ctx.answerCallbackQuery({ text: ctx.t(cancelled ? "reassess-cancel-already" : "fallback-stale-button"), show_alert: cancelled });
  });

  return composer;
}
