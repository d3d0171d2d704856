import { Composer, InlineKeyboard } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import { findLocale } from "../../domain/people/person.js";
import { findKetua } from "../../domain/roles/roles.js";
import { getRt } from "../../domain/rt/rt.js";
import {
  acceptSwap,
  myShifts,
  requireRotaReady,
  requestSwap,
  setUnavailableWeekday,
  setVolunteering,
  upcomingShifts,
  volunteerState,
  type VolunteerState,
} from "../../domain/ronda/watch.js";
import { makeAndPostRota } from "../../domain/ronda/posting.js";
import { rotaTable } from "../../messages/ronda.js";
import { runLongWork } from "../background.js";
import type { BotContext } from "../context.js";
import { RONDA_SETUP } from "../conversations/ronda.js";
import type { BotDeps } from "../deps.js";
import { chunkLines, formatWhen, rtVars } from "../../messages/format.js";
import { eventKey, notifyPerson, queueNotices } from "../notifications.js";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

export function createRondaFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  feature.command("ronda", (ctx) => ctx.conversation.enter(RONDA_SETUP));

  const volunteerKeyboard = (ctx: BotContext, state: VolunteerState) => {
    const keyboard = new InlineKeyboard().text(ctx.t(state.volunteering ? "button-ronda-leave" : "button-ronda-join"), `sr:${state.volunteering ? "off" : "on"}`).row();
    if (state.volunteering) {
      WEEKDAYS.forEach((day, i) => {
        const cannot = state.unavailableWeekdays.includes(day);
        // The button carries the state it sets, so a double tap does not undo itself.
        keyboard.text(`${cannot ? "🚫" : "✅"} ${ctx.t(`weekday-${day}`)}`, `sr:day:${day}:${cannot ? 0 : 1}`);
        if (i % 2 === 1) keyboard.row();
      });
    }
    return keyboard;
  };
  const volunteerText = (ctx: BotContext, state: VolunteerState) => ctx.t(state.volunteering ? "ronda-volunteer-on" : "ronda-volunteer-off");
  /** Redraws the /siapronda message, unless it shows this already (a double tap): Telegram refuses an edit that changes nothing. */
  const showVolunteer = async (ctx: BotContext, state: VolunteerState) => {
    const text = volunteerText(ctx, state);
    const keyboard = volunteerKeyboard(ctx, state);
    const buttons = (rows: InlineKeyboardButton[][] | undefined) => JSON.stringify((rows ?? []).flat().map((b) => [b.text, "callback_data" in b ? b.callback_data : null]));
    const shown = ctx.callbackQuery?.message;
    if (shown?.text === text && buttons(shown.reply_markup?.inline_keyboard) === buttons(keyboard.inline_keyboard)) return;
    await ctx.editMessageText(text, { reply_markup: keyboard });
  };

  feature.command("siapronda", async (ctx) => {
    const state = await volunteerState(deps.db, ctx.actor);
    await ctx.reply(volunteerText(ctx, state), { reply_markup: volunteerKeyboard(ctx, state) });
  });
  feature.callbackQuery(/^sr:(on|off)$/, async (ctx) => {
    const state = await setVolunteering(deps.db, ctx.actor, ctx.match[1] === "on", deps.clock());
    await ctx.answerCallbackQuery();
    await showVolunteer(ctx, state);
  });
  feature.callbackQuery(/^sr:day:([0-6]):([01])$/, async (ctx) => {
    const state = await setUnavailableWeekday(deps.db, ctx.actor, Number(ctx.match[1]), ctx.match[2] === "1");
    await ctx.answerCallbackQuery();
    await showVolunteer(ctx, state);
  });

  feature.command("buatrota", async (ctx) => {
    const keyboard = new InlineKeyboard();
    for (const weeks of [1, 2, 4, 8]) keyboard.text(ctx.t("button-rota-weeks", { weeks }), `rota:${weeks}`);
    await ctx.reply(ctx.t("rota-choose-weeks"), { reply_markup: keyboard });
  });
  feature.callbackQuery(/^rota:(\d+)$/, async (ctx) => {
    const weeks = Number(ctx.match[1]);
    // What would stop the rota is said at once; the rota itself is built in the background.
    await requireRotaReady(deps.db, ctx.actor);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("long-work-preparing"));
    const { actor, api } = ctx;
    const chatId = ctx.chat.id;
    const messageId = ctx.callbackQuery.message?.message_id;
    const locale = await ctx.i18n.getLocale();
    const generated = (nights: number) => deps.i18n.t(locale, "rota-generated", { count: nights });
    await runLongWork(deps, ctx, "rota", async () => {
      const { nights } = await makeAndPostRota(deps, actor, { weeks });
      if (messageId !== undefined) {
        await api.editMessageText(chatId, messageId, generated(nights)).catch((error: unknown) => deps.logger.debug({ err: error }, "rota message not edited"));
      }
    });
  });

  feature.command("rotaku", async (ctx) => {
    const shifts = await myShifts(deps.db, ctx.actor.person!.id, deps.clock());
    if (shifts.length === 0) return void (await ctx.reply(ctx.t("rota-mine-empty")));
    const locale = await ctx.i18n.getLocale();
    const keyboard = new InlineKeyboard();
    for (const shift of shifts.slice(0, 8)) keyboard.text(ctx.t("button-swap-ask", { when: formatWhen(shift.startsAt, locale) }), `swap:ask:${shift.occurrenceId}`).row();
    await ctx.reply([ctx.t("rota-mine-title"), ...rotaTable(ctx.t, shifts, locale)].join("\n"), { reply_markup: keyboard });
  });

  feature.callbackQuery(/^swap:ask:(\d+)$/, async (ctx) => {
    const { swapId, candidates, startsAt } = await requestSwap(deps.db, ctx.actor, Number(ctx.match[1]), deps.clock());
    await ctx.answerCallbackQuery();
    const notices = [];
    for (const candidate of candidates) {
      const locale = (await findLocale(deps.db, candidate.telegramId)) ?? "id";
      notices.push({
        event: eventKey("swap-offer", swapId),
        chatId: candidate.telegramId,
        personId: candidate.personId,
        text: deps.i18n.t(locale, "swap-offer", { name: ctx.actor.person?.displayName ?? "-", when: formatWhen(startsAt, locale) }),
        replyMarkup: new InlineKeyboard().text(deps.i18n.t(locale, "button-swap-take"), `swap:take:${swapId}`),
      });
    }
    await queueNotices(deps, notices);
    await ctx.reply(ctx.t(candidates.length ? "swap-asked" : "swap-no-candidates", { count: candidates.length }));
  });

  feature.callbackQuery(/^swap:take:(\d+)$/, async (ctx) => {
    const taken = await acceptSwap(deps.db, ctx.actor, Number(ctx.match[1]), deps.clock());
    await ctx.answerCallbackQuery();
    const locale = await ctx.i18n.getLocale();
    await ctx.editMessageText(ctx.t("swap-taken", { when: formatWhen(taken.startsAt, locale) }));
    const event = eventKey("swap-taken", ctx.match[1]!);
    const vars = { name: ctx.actor.person?.displayName ?? "-", from: taken.from.name ?? "-", when: formatWhen(taken.startsAt, locale) };
    await notifyPerson(deps, taken.from, event, "swap-taken-requester", vars);
    const ketua = await findKetua(deps.db, taken.rtId);
    if (ketua) await notifyPerson(deps, ketua, event, "swap-taken-ketua", vars);
  });

  feature.command("jadwalronda", async (ctx) => {
    const rtId = ctx.actor.membership?.status === "active" ? ctx.actor.membership.rtId : null;
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-registered")));
    const shifts = await upcomingShifts(deps.db, rtId, deps.clock());
    if (shifts.length === 0) return void (await ctx.reply(ctx.t("rota-empty")));
    const locale = await ctx.i18n.getLocale();
    const place = await getRt(deps.db, rtId);
    for (const text of chunkLines(ctx.t("rota-upcoming-title", rtVars(place)), rotaTable(ctx.t, shifts, locale))) await ctx.reply(text);
  });

  return composer;
}
