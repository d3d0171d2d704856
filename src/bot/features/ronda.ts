import { withCounted } from "../../messages/counted.js";
import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { getRt } from "../../domain/rt/rt.js";
import {
  myShifts,
  requireRotaReady,
  setUnavailableWeekday,
  setVolunteering,
  upcomingShifts,
  volunteerState,
  type VolunteerState,
} from "../../domain/ronda/watch.js";
import { makeAndPostRota } from "../../domain/ronda/posting.js";
import { rotaTable } from "../../messages/ronda.js";
import { defineLongWork, jobActor, runLongWork } from "../background.js";
import { deliverResult } from "../../jobs/long-work.js";
import { PRIORITY } from "../../delivery/outbox.js";
import type { BotContext } from "../context.js";
import { ASSIGN_NIGHT, RONDA_SETUP } from "../conversations/ronda.js";
import { headedRtId } from "../../domain/people/actor.js";
import type { BotDeps } from "../deps.js";
import { chunkLines, formatClock, formatWhen, rtVars } from "../../messages/format.js";
import { askForSwap, takeSwap } from "../../domain/ronda/swaps.js";
import { legacySwapTake, rondaAssignOpen, rondaPresent, rondaUnavailable, rondaVolunteer, rotaWeeks, swapAsk, swapTake } from "../../messages/buttons/ronda.js";
import { checkInOnDuty, dutyNow } from "../../domain/ronda/duty.js";
import { onButton } from "../buttons.js";
import { redraw } from "../redraw.js";
import { jimpitanKeyboard } from "./kas.js";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

/**
 * The rota, built by whichever process takes the job, as the ketua it names (rights read again).
 * makeAndPostRota queues the postings itself (keyed by what the rota says); the "preparing"
 * message then says how many nights, through the outbox.
 */
export const rotaWork = defineLongWork<{ weeks: number; messageId: number | null }>("rota", async (deps, job) => {
  const actor = await jobActor(deps, job);
  const { nights } = await makeAndPostRota(deps, actor, { weeks: job.data.weeks, now: job.now });
  if (job.data.messageId !== null) {
    // Ahead of the rota's own rows (PRIORITY.duty): "preparing" becomes "made" before the table arrives.
    const payload = { message_id: job.data.messageId, text: job.t("rota-generated", { count: nights }) };
    await deliverResult(deps, job, [{ part: "generated", method: "editMessageText", payload, priority: PRIORITY.duty }]);
  }
});

export function createRondaFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  feature.command("ronda", (ctx) => ctx.conversation.enter(RONDA_SETUP));

  const buttons = new Composer<BotContext>();
  feature.use(buttons);

  const volunteerKeyboard = (ctx: BotContext, state: VolunteerState) => {
    const keyboard = new InlineKeyboard().text(ctx.t(state.volunteering ? "button-ronda-leave" : "button-ronda-join"), rondaVolunteer.data({ on: !state.volunteering })).row();
    if (state.volunteering) {
      WEEKDAYS.forEach((day, i) => {
        const cannot = state.unavailableWeekdays.includes(day);
        // The button carries the state it sets, so a double tap does not undo itself.
        keyboard.text(`${cannot ? "🚫" : "✅"} ${ctx.t(`weekday-${day}`)}`, rondaUnavailable.data({ weekday: day, unavailable: !cannot }));
        if (i % 2 === 1) keyboard.row();
      });
    }
    return keyboard;
  };
  const volunteerText = (ctx: BotContext, state: VolunteerState) => ctx.t(state.volunteering ? "ronda-volunteer-on" : "ronda-volunteer-off");
  const showVolunteer = (ctx: BotContext, state: VolunteerState) => redraw(ctx, volunteerText(ctx, state), volunteerKeyboard(ctx, state));

  /** During one's own night: the button that checks the shift in, or that it is in already. */
  const showDutyNow = async (ctx: BotContext) => {
    const locale = await ctx.i18n.getLocale();
    for (const duty of await dutyNow(deps.db, ctx.actor, deps.clock())) {
      const vars = { start: formatClock(duty.startsAt, locale), end: formatClock(duty.endsAt, locale), place: duty.place };
      if (duty.recorded) await ctx.reply(ctx.t("ronda-duty-recorded", vars));
      else await ctx.reply(ctx.t("ronda-duty-now", vars), { reply_markup: new InlineKeyboard().text(ctx.t("button-ronda-present"), rondaPresent.data({ occurrence: duty.occurrenceId })) });
    }
  };

  feature.command("siapronda", async (ctx) => {
    const state = await volunteerState(deps.db, ctx.actor);
    await ctx.reply(volunteerText(ctx, state), { reply_markup: volunteerKeyboard(ctx, state) });
    await showDutyNow(ctx);
  });
  onButton(buttons, rondaPresent, async (ctx, { occurrence }) => {
    const { recorded, startsAt, counted } = await checkInOnDuty(deps.db, ctx.actor, { occurrenceId: occurrence, now: deps.clock() });
    await ctx.answerCallbackQuery();
    await redraw(ctx, withCounted(ctx.t, ctx.t(recorded ? "ronda-present-done" : "ronda-present-already", { when: formatWhen(startsAt, await ctx.i18n.getLocale()) }), counted));
  });
  onButton(buttons, rondaVolunteer, async (ctx, { on }) => {
    const state = await setVolunteering(deps.db, ctx.actor, on, deps.clock());
    await ctx.answerCallbackQuery();
    await showVolunteer(ctx, state);
  });
  onButton(buttons, rondaUnavailable, async (ctx, { weekday, unavailable }) => {
    const state = await setUnavailableWeekday(deps.db, ctx.actor, weekday, unavailable);
    await ctx.answerCallbackQuery();
    await showVolunteer(ctx, state);
  });

  feature.command(["buatjadwalronda", "buatrota"], async (ctx) => {
    const keyboard = new InlineKeyboard();
    for (const weeks of [1, 2, 4, 8]) keyboard.text(ctx.t("button-rota-weeks", { weeks }), rotaWeeks.data({ weeks }));
    await ctx.reply(ctx.t("rota-choose-weeks"), { reply_markup: keyboard });
  });
  onButton(buttons, rotaWeeks, async (ctx, { weeks }) => {
    // What would stop the rota is said at once; the rota itself is built in the background.
    await requireRotaReady(deps.db, ctx.actor);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("long-work-preparing"));
    await runLongWork(deps, ctx, rotaWork, { weeks, messageId: ctx.callbackQuery?.message?.message_id ?? null });
  });

  feature.command(["giliranku", "rotaku"], async (ctx) => {
    const shifts = await myShifts(deps.db, ctx.actor.person!.id, deps.clock());
    if (shifts.length === 0) await ctx.reply(ctx.t("rota-mine-empty"));
    else {
      const locale = await ctx.i18n.getLocale();
      const keyboard = new InlineKeyboard();
      for (const shift of shifts.slice(0, 8)) keyboard.text(ctx.t("button-swap-ask", { when: formatWhen(shift.startsAt, locale) }), swapAsk.data({ occurrence: shift.occurrenceId })).row();
      await ctx.reply([ctx.t("rota-mine-title"), ...rotaTable(ctx.t, shifts, locale)].join("\n"), { reply_markup: keyboard });
    }
    // issue 17: after (or during) one's own night, the shift records its jimpitan in a few taps.
    const jimpitan = await jimpitanKeyboard(deps, ctx);
    if (jimpitan) await ctx.reply(ctx.t("kas-jimpitan-offer"), { reply_markup: jimpitan });
    await showDutyNow(ctx);
  });

  onButton(buttons, swapAsk, async (ctx, { occurrence }) => {
    const { asked } = await askForSwap(deps, ctx.actor, { occurrenceId: occurrence });
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t(asked ? "swap-asked" : "swap-no-candidates", { count: asked }));
  });

  const take = async (ctx: BotContext, swapId: number) => {
    const taken = await takeSwap(deps, ctx.actor, { swapId });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("swap-taken", { when: formatWhen(taken.startsAt, await ctx.i18n.getLocale()) }));
  };
  onButton(buttons, swapTake, (ctx, { swap }) => take(ctx, swap));
  onButton(buttons, legacySwapTake, (ctx, { swap }) => take(ctx, swap));

  feature.command("jadwalronda", async (ctx) => {
    const rtId = ctx.actor.membership?.status === "active" ? ctx.actor.membership.rtId : null;
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-registered")));
    const shifts = await upcomingShifts(deps.db, rtId, deps.clock());
    if (shifts.length === 0) return void (await ctx.reply(ctx.t("rota-empty")));
    const locale = await ctx.i18n.getLocale();
    const place = await getRt(deps.db, rtId);
    const texts = chunkLines(ctx.t("rota-upcoming-title", rtVars(place)), rotaTable(ctx.t, shifts, locale));
    // The ketua can fill a night by hand from here.
    const assign = headedRtId(ctx.actor) === rtId ? new InlineKeyboard().text(ctx.t("button-ronda-assign"), rondaAssignOpen.data({})) : undefined;
    for (const [index, text] of texts.entries()) await ctx.reply(text, index === texts.length - 1 && assign ? { reply_markup: assign } : {});
  });
  onButton(buttons, rondaAssignOpen, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    // An old /jadwalronda message tapped in the middle of another form: that form ends here.
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(ASSIGN_NIGHT);
  });

  return composer;
}
