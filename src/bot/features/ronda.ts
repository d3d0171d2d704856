import { createHash } from "node:crypto";
import { Composer, InlineKeyboard } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import { headedRtId } from "../../domain/people/actor.js";
import { findLocale } from "../../domain/people/person.js";
import { findKetua } from "../../domain/roles/roles.js";
import { getRt } from "../../domain/rt/rt.js";
import {
  acceptSwap,
  generateShifts,
  myShifts,
  requireRotaReady,
  requestSwap,
  setUnavailableWeekday,
  setVolunteering,
  upcomingShifts,
  volunteerState,
  ROTA_WEEKS_MAX,
  type ShiftView,
  type VolunteerState,
} from "../../domain/ronda/watch.js";
import { enqueueMessages, PRIORITY } from "../../delivery/outbox.js";
import { formatLocalDate, wibDate } from "../../domain/schedule/wib.js";
import { runLongWork } from "../background.js";
import type { BotContext } from "../context.js";
import { RONDA_SETUP } from "../conversations/ronda.js";
import type { BotDeps } from "../deps.js";
import { chunkLines, formatClock, formatWhen, rtVars } from "../../messages/format.js";
import { eventKey, notifyPerson, queueNotices } from "../notifications.js";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

/** The rota as a table people can read in a chat: one line per night. */
export function rotaTable(t: BotContext["t"], shifts: ShiftView[], locale: string): string[] {
  return shifts.map((shift) =>
    t("rota-line", {
      when: formatWhen(shift.startsAt, locale),
      end: formatClock(shift.endsAt, locale),
      people: shift.people.length ? shift.people.map((p) => p.name ?? "-").join(", ") : "—",
    }),
  );
}

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
    const weeks = Math.min(Number(ctx.match[1]), ROTA_WEEKS_MAX);
    // What would stop the rota is said at once; the rota itself is built in the background.
    await requireRotaReady(deps.db, ctx.actor);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("long-work-preparing"));
    const locale = await ctx.i18n.getLocale();
    const t: BotContext["t"] = (key, vars) => deps.i18n.t(locale, key, vars);
    const { actor, api } = ctx;
    const chatId = ctx.chat.id;
    const messageId = ctx.callbackQuery.message?.message_id;
    await runLongWork(deps, ctx, "rota", async () => {
      const now = deps.clock();
      const { shifts, shortfalls } = await generateShifts(deps.db, actor, weeks, now);
      const place = await getRt(deps.db, headedRtId(actor)!);
      const header = t("rota-title", { ...rtVars(place), weeks });
      const lines = rotaTable(t, shifts, locale);
      if (shortfalls.length > 0) lines.push("", t("rota-shortfalls", { count: shortfalls.length }));
      // Keyed by what the rota says, for the day: made again by a double tap or a redelivery, the
      // same rota is not posted twice; a changed one (after a swap, other nights) is.
      const content = createHash("sha256").update([header, ...lines].join("\n")).digest("hex").slice(0, 16);
      const key = `rota:${place.id}:${formatLocalDate(wibDate(now))}:${content}`;
      if (messageId !== undefined) {
        await api.editMessageText(chatId, messageId, t("rota-generated", { count: shifts.length })).catch((error: unknown) => deps.logger.debug({ err: error }, "rota message not edited"));
      }
      const base = { priority: PRIORITY.notification, notBefore: now };
      const messages = chunkLines(header, lines).map((text, part) => ({ ...base, dedupeKey: `${key}:ketua:${part}`, chatId, personId: actor.person?.id ?? null, payload: { text } }));
      if (place.groupChatId !== null) {
        // Posted to the RT group through the outbox, in Indonesian (a group has no one language).
        const groupLines = rotaTable((k, vars) => deps.i18n.t("id", k, vars), shifts, "id");
        const group = chunkLines(deps.i18n.t("id", "rota-title", { ...rtVars(place), weeks }), groupLines);
        messages.push(...group.map((text, part) => ({ ...base, dedupeKey: `${key}:group:${part}`, chatId: place.groupChatId!, personId: null, payload: { text } })));
        messages.push({ ...base, dedupeKey: `${key}:posted`, chatId, personId: actor.person?.id ?? null, payload: { text: t("rota-posted-to-group") } });
      }
      await enqueueMessages(deps.db, messages);
      deps.wakeDelivery();
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
