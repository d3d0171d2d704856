import { Composer } from "../composer.js";
import { undecidedRound } from "../../domain/cycle/rounds.js";
import { listVisitBoard, visitTarget } from "../../domain/cycle/visits.js";
import type { BotContext } from "../context.js";
import { VISIT_FORM } from "../conversations/team.js";
import type { BotDeps } from "../deps.js";
import { formatWhen, rtVars } from "../../messages/format.js";
import { clampPage, PAGE_SIZE, paginatedKeyboard } from "../keyboards/paginate.js";
import { onButton } from "../buttons.js";
import { visitPage, visitRt } from "../../messages/buttons/team.js";

/**
 * /kunjungan (koordinator: the RTs of their area; admin: all): the round's proposed RTs with their
 * visit date or "belum dijadwalkan", a button per RT to schedule, move or cancel its visit. The
 * RT's button carries only its id: the service checks the presser's area again when pressed.
 */
export function createVisitsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  const presses = new Composer<BotContext>();
  feature.use(presses);

  async function board(ctx: BotContext, page: number) {
    const round = await undecidedRound(deps.db);
    const slots = await listVisitBoard(deps.db, ctx.actor, { roundId: round.id });
    const locale = await ctx.i18n.getLocale();
    const header = ctx.t("visit-list-title", { year: String(round.year), count: slots.length, scheduled: slots.filter((slot) => slot.visit).length });
    if (slots.length === 0) return { text: `${header}\n${ctx.t("visit-list-empty")}`, keyboard: undefined };
    const current = clampPage(page, slots.length);
    const shown = slots.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
    const lines = shown.map((slot) =>
      ctx.t("visit-list-line", { ...rtVars(slot.rt), when: slot.visit ? formatWhen(slot.visit.startsAt, locale) : ctx.t("visit-not-scheduled") }),
    );
    const choices = slots.map((slot) => ({ label: ctx.t("button-visit-rt", rtVars(slot.rt)), data: visitRt.data({ rt: slot.rt.id }) }));
    return { text: `${header}\n\n${lines.join("\n")}\n\n${ctx.t("visit-list-open")}`, keyboard: paginatedKeyboard(choices, current, (n) => visitPage.data({ page: n })) };
  }

  feature.command("kunjungan", async (ctx) => {
    const screen = await board(ctx, 0);
    await ctx.reply(screen.text, screen.keyboard ? { reply_markup: screen.keyboard } : {});
  });

  onButton(presses, visitPage, async (ctx, { page }) => {
    const screen = await board(ctx, page);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(screen.text, screen.keyboard ? { reply_markup: screen.keyboard } : {});
  });

  onButton(presses, visitRt, async (ctx, { rt }) => {
    const round = await undecidedRound(deps.db);
    // Checked now, with the presser's area: a forged RT id outside it is refused here.
    await visitTarget(deps.db, ctx.actor, { roundId: round.id, rtId: rt });
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(VISIT_FORM, { roundId: round.id, rtId: rt });
  });

  return composer;
}
