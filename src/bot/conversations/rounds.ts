import { InlineKeyboard } from "grammy";
import { findRoundByYear, openRound, roundDatesOutOfOrder, roundYearRefusal, ROUND_DATE_FIELDS, ROUND_YEARS_AHEAD, type RoundDateField, type RoundDraft } from "../../domain/cycle/opening.js";
import { findUndecidedRound } from "../../domain/cycle/rounds.js";
import { dateTimeRefusal, type Parsed } from "../../domain/people/text-input.js";
import { parseDateTime } from "../../domain/schedule/parse-datetime.js";
import { compareDates, wibDate, type LocalDate } from "../../domain/schedule/wib.js";
import { withoutInvisible } from "../../domain/text-limits.js";
import { answer } from "../../messages/buttons/common.js";
import { roundEdit, roundSave } from "../../messages/buttons/rounds.js";
import { formatCalendarDay } from "../../messages/format.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { askText, explain, formRequest, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const OPEN_ROUND = "open-round";

type Field = "year" | RoundDateField;

/** The locale key naming a date of the round ("batas usulan", "awal kunjungan"…). */
export function roundFieldKey(field: Field): string {
  return `round-field-${kebab(field)}`;
}

export function roundAskKey(field: Field): string {
  return `round-ask-${kebab(field)}`;
}

function kebab(field: Field): string {
  return field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** A year as typed: four digits, nothing else (invisible characters and blanks dropped). */
export function parseRoundYear(text: string, now: Date): Parsed<number> {
  const cleaned = withoutInvisible(text).replace(/\s+/g, "");
  if (cleaned.length === 0) return { ok: false, reason: "empty" };
  if (!/^\d{4}$/.test(cleaned)) return { ok: false, reason: "round-year-unrecognised" };
  const year = Number(cleaned);
  const thisYear = wibDate(now).year;
  if (roundYearRefusal(year, now)) return { ok: false, reason: "round-year-out-of-range", vars: { from: String(thisYear), to: String(thisYear + ROUND_YEARS_AHEAD) } };
  return { ok: true, value: year };
}

/** Refusals of the save that an edited answer can mend. */
const MENDABLE_REFUSALS = new Set(["round-deadline-past", "round-dates-order", "round-year-exists", "round-year-out-of-range"]);

/**
 * One date of the round as Indonesians type it ("30 April 2027", "30/4/2027"), read by the
 * scheduler's parser (WIB, not in the past, within a year), then put in order with the dates
 * already given: deadline ≤ visit from ≤ visit to ≤ decision.
 */
export function parseRoundDate(text: string, now: Date, field: RoundDateField, known: Partial<Record<RoundDateField, LocalDate>>, label: (field: RoundDateField) => string, show: (date: LocalDate) => string): Parsed<LocalDate> {
  const parsed = parseDateTime(text, now);
  if (!parsed.ok) {
    // The scheduler's own answers for these speak of hours ("Minggu 07.00"); a round's dates have none.
    if (parsed.reason === "empty") return { ok: false, reason: "empty" };
    if (parsed.reason === "unrecognised" || parsed.reason === "ambiguous-hour" || parsed.reason === "invalid-time") return { ok: false, reason: "round-date-unrecognised" };
    if (parsed.reason === "past") return { ok: false, reason: "round-date-past" };
    return dateTimeRefusal(parsed.reason);
  }
  const date = parsed.date;
  const conflict = roundDatesOutOfOrder({ ...known, [field]: date });
  if (conflict) {
    const other = conflict.earlier === field ? conflict.later : conflict.earlier;
    // The same day as the deadline is out of order too: proposals close before the visits begin.
    const sameDay = compareDates(date, known[other]!) === 0;
    const reason = conflict.earlier === field ? (sameDay ? "round-date-not-before" : "round-date-after") : sameDay ? "round-date-not-after" : "round-date-before";
    return { ok: false, reason, vars: { other: label(other), date: show(known[other]!) } };
  }
  return { ok: true, value: date };
}

/**
 * /putaran → "Buka putaran baru" (admins): year, proposal deadline, visit from and to, decision
 * date, each read back as the calendar day it was taken for; then a summary with a button to change
 * each and "Simpan". The form's request key rides on "Simpan", so a second tap (or a redelivery)
 * opens no second round; a year that has its round is refused when typed and again when saved.
 */
export function createOpenRoundConversation(deps: BotDeps) {
  return async function openRoundForm(conversation: Convo, ctx: ConversationContext): Promise<void> {
    // An old /putaran message's button: say now, not after five questions, that a round is undecided.
    const pending = await conversation.external(async () => (await findUndecidedRound(deps.db))?.year ?? null);
    if (pending !== null) return void (await ctx.reply(ctx.t("error-round-previous-undecided", { year: String(pending) })));
    const request = await formRequest(conversation, "round");
    const locale = await ctx.i18n.getLocale();
    const clock = async () => new Date(await conversation.external(() => deps.clock().getTime()));
    const show = (date: LocalDate) => formatCalendarDay(date, locale);
    const label = (field: Field) => ctx.t(roundFieldKey(field));

    const askYear = () =>
      askText<number>(conversation, ctx, ctx.t("round-ask-year"), async (text) => {
        const parsed = parseRoundYear(text, await clock());
        if (!parsed.ok) return parsed;
        const taken = await conversation.external(async () => (await findRoundByYear(deps.db, parsed.value)) !== undefined);
        return taken ? { ok: false, reason: "round-year-taken", vars: { year: String(parsed.value) } } : parsed;
      });

    const dates: Partial<Record<RoundDateField, LocalDate>> = {};
    const askDate = async (field: RoundDateField): Promise<LocalDate> => {
      const others = Object.fromEntries(Object.entries(dates).filter(([name]) => name !== field)) as Partial<Record<RoundDateField, LocalDate>>;
      const date = await askText<LocalDate>(conversation, ctx, ctx.t(roundAskKey(field)), async (text) =>
        parseRoundDate(text, await clock(), field, others, label, show),
      );
      await ctx.reply(ctx.t("round-date-read", { field: label(field), date: show(date) }));
      return date;
    };

    let year = await askYear();
    for (const field of ROUND_DATE_FIELDS) dates[field] = await askDate(field);

    const save = roundSave.data({ key: request.id });
    const cancel = answer.data({ form: OPEN_ROUND, choice: "cancel" });
    const edits = (["year", ...ROUND_DATE_FIELDS] as const).map((field) => ({ field, data: roundEdit.data({ field }) }));
    /** The summary with an edit button per answer, until "Simpan" (false: cancelled). */
    const review = async (): Promise<boolean> => {
      for (;;) {
        const keyboard = new InlineKeyboard();
        edits.forEach((edit, index) => {
          keyboard.text(ctx.t("round-button-edit", { field: label(edit.field) }), edit.data);
          if (index % 2 === 1) keyboard.row();
        });
        keyboard.row().text(ctx.t("button-save"), save).text(ctx.t("button-cancel"), cancel);
        await ctx.reply(
          ctx.t("round-summary", { year: String(year), deadline: show(dates.proposalDeadline!), from: show(dates.visitFrom!), to: show(dates.visitTo!), decision: show(dates.decisionOn!) }),
          { reply_markup: keyboard },
        );
        const { data, ctx: press } = await waitForChoice(conversation, [...edits.map((edit) => edit.data), save, cancel]);
        await press.editMessageReplyMarkup();
        if (data === cancel) {
          await press.reply(press.t("action-cancelled"));
          return false;
        }
        if (data === save) return true;
        const field = roundEdit.read(data)!.field;
        if (field === "year") year = await askYear();
        else dates[field] = await askDate(field);
      }
    };

    for (;;) {
      if (!(await review())) return;
      const draft: RoundDraft = { year, proposalDeadline: dates.proposalDeadline!, visitFrom: dates.visitFrom!, visitTo: dates.visitTo!, decisionOn: dates.decisionOn! };
      const outcome = await runOnce(conversation, async (outside) => {
        const opened = await openRound(deps, outside.actor, { ...draft, requestKey: request.key });
        return { year: opened.round.year, told: opened.told };
      });
      if (outcome.ok) return void (await ctx.reply(ctx.t("round-saved", { year: String(outcome.value.year), deadline: show(draft.proposalDeadline), told: outcome.value.told })));
      await explain(ctx, outcome);
      // What an answer can mend (a deadline passed overnight, a year taken meanwhile): back to the
      // summary with the answers kept, nothing saved. Anything else ends the form.
      if (!MENDABLE_REFUSALS.has(outcome.code)) return;
    }
  };
}
