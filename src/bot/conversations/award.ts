import { scoreTotalText } from "../../messages/score-total.js";
import { INDICATOR_CODES, MAX_INDICATOR_SCORE } from "../../domain/scores/indicators.js";
import { InlineKeyboard } from "grammy";
import { AWARD_CATEGORIES, AWARD_RUPIAH, type AwardCategory } from "../../domain/cycle/award.js";
import { awardKencana, decideRound, decisionScreen, parseSkNumber, SK_NUMBER_MAX, type DecisionCandidate } from "../../domain/cycle/decision.js";
import { isKencanaRequirement, KENCANA_NOTE_MAX, KENCANA_REQUIREMENTS, kencanaHolders, parseKencanaNote, recordKencanaRequirement, type KencanaRequirement } from "../../domain/cycle/kencana.js";
import { currentRound } from "../../domain/cycle/rounds.js";
import { parseSessionDate } from "../../domain/pojok-baca/text.js";
import type { Parsed } from "../../domain/people/text-input.js";
import { DomainError } from "../../domain/errors.js";
import { isAdmin } from "../../domain/people/actor.js";
import { coversKelurahan } from "../../domain/roles/scope.js";
import { wibDate, type LocalDate } from "../../domain/schedule/wib.js";
import { answer } from "../../messages/buttons/common.js";
import { awardConfirm, awardEarly, awardFilter, awardNext, awardPage, awardToday, awardToggle, kencanaAwardConfirm, kencanaMet, type AwardFilter } from "../../messages/buttons/award.js";
import { formatCalendarDay, formatRupiah, rtVars } from "../../messages/format.js";
import type { Translate } from "../../messages/translate.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { clampPage, NOOP_DATA, pageCount } from "../keyboards/paginate.js";
import { holdRight } from "./form-right.js";
import { pickOne } from "./pick.js";
import { askText, explain, formRequest, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const DECISION = "decision";
export const KENCANA_RECORD = "kencana-record";
export const KENCANA_AWARD = "kencana-award";

/** RTs on one screen of the decision list (one toggle button per row: the names are long). */
export const DECISION_PAGE_SIZE = 8;

/**
 * The SK's date: typed as elsewhere ("hari ini", "17/8", "17 Agustus 2027"), not in the future and
 * at most 60 days back (the decision is recorded soon after the Wali Kota signs).
 */
export function parseSkDate(text: string, now: Date): Parsed<LocalDate> {
  const parsed = parseSessionDate(text, now);
  if (parsed.ok) return parsed;
  if (parsed.reason === "reading-date-future") return { ok: false, reason: "award-sk-date-future" };
  if (parsed.reason === "reading-date-too-old") return { ok: false, reason: "award-sk-date-too-old", vars: parsed.vars };
  return parsed;
}

type RoundSummary = { id: number; year: number; phase: string; decided: boolean; skNumber: string | null; visitTo: string };

function candidateLine(t: Translate, candidate: DecisionCandidate, chosen: boolean): string {
  const vars = {
    ...rtVars(candidate),
    mark: candidate.holder ? "🏆" : chosen ? "✅" : "▫️",
    // The team's total over the indicators it scored, "N belum dinilai" beside it (never "1/42").
    total: scoreTotalText(t, { overall: candidate.total, scoredMax: (INDICATOR_CODES.length - candidate.unscored) * MAX_INDICATOR_SCORE, missing: candidate.unscored }),
    assessors: candidate.assessors,
    households: candidate.householdCount,
    proposed: candidate.proposedHouseholdCount,
  };
  const base = t(candidate.householdCount === candidate.proposedHouseholdCount ? "award-line" : "award-line-kk-changed", vars);
  return candidate.holder ? `${base}\n   ${t("award-line-holder")}` : base;
}

/** The decision list: one page of the filter's RTs, grouped by category, with a toggle button each. */
function decisionList(t: Translate, params: { year: number; candidates: DecisionCandidate[]; chosen: ReadonlySet<number>; filter: AwardFilter; page: number }): { text: string; keyboard: InlineKeyboard } {
  const shown = params.candidates.filter((candidate) => params.filter === "all" || candidate.category === params.filter);
  const page = clampPage(params.page, shown.length, DECISION_PAGE_SIZE);
  const onPage = shown.slice(page * DECISION_PAGE_SIZE, (page + 1) * DECISION_PAGE_SIZE);
  const lines: string[] = [t("award-list-title", { year: String(params.year), count: params.candidates.length, chosen: params.chosen.size })];
  let category: AwardCategory | null = null;
  for (const candidate of onPage) {
    if (candidate.category !== category) {
      category = candidate.category;
      lines.push("", t("award-list-category", { category: t(`award-category-${category}`), award: formatRupiah(AWARD_RUPIAH[category], "id") }));
    }
    lines.push(candidateLine(t, candidate, params.chosen.has(candidate.rtId)));
  }
  if (onPage.length === 0) lines.push("", t("award-list-empty-filter"));
  lines.push("", t("award-list-help"));
  const keyboard = new InlineKeyboard();
  for (const candidate of onPage.filter((entry) => !entry.holder)) {
    keyboard.text(`${params.chosen.has(candidate.rtId) ? "✅" : "▫️"} ${t("award-toggle-label", rtVars(candidate))}`, awardToggle.data({ rt: candidate.rtId })).row();
  }
  const pages = pageCount(shown.length, DECISION_PAGE_SIZE);
  if (pages > 1) {
    if (page > 0) keyboard.text("◀", awardPage.data({ page: page - 1 }));
    keyboard.text(`${page + 1}/${pages}`, NOOP_DATA);
    if (page < pages - 1) keyboard.text("▶", awardPage.data({ page: page + 1 }));
    keyboard.row();
  }
  for (const filter of ["all", ...AWARD_CATEGORIES] as const) {
    keyboard.text(`${filter === params.filter ? "• " : ""}${t(`award-filter-${filter}`)}`, awardFilter.data({ category: filter }));
  }
  keyboard.row().text(t("award-button-next", { chosen: params.chosen.size }), awardNext.data({})).text(t("button-cancel"), answer.data({ form: DECISION, choice: "cancel" }));
  return { text: lines.join("\n"), keyboard };
}

/**
 * /keputusan: the admin records the round's decision. The current round once its visits are over
 * (during the visits after an explicit warning; before them it is refused) → the proposed RTs with
 * the team's recap, by category and total, winners marked with toggle buttons (paged, filtered by
 * category) → the SK number → the SK date → a summary (winners and uang pembinaan per category,
 * the total) → save. The form's key rides on the save button: a double tap decides once.
 */
export function createDecisionConversation(deps: BotDeps) {
  return async function decision(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const round = (await conversation.external(async () => {
      const found = await currentRound(deps.db);
      if (!found) return null;
      const screen = await decisionScreen(deps.db, found.id, deps.clock());
      return { id: found.id, year: found.year, phase: screen.phase, decided: found.decidedAt !== null, skNumber: found.skNumber, visitTo: found.visitTo } satisfies RoundSummary;
    })) as RoundSummary | null;
    if (!round) return void (await ctx.reply(ctx.t("award-no-round")));
    if (round.decided) return void (await ctx.reply(ctx.t("error-award-round-decided", { year: String(round.year), sk: round.skNumber ?? "-" })));
    if (round.phase === "proposals" || round.phase === "preparing") return void (await ctx.reply(ctx.t("error-award-too-early", { year: String(round.year) })));
    const locale = await ctx.i18n.getLocale();
    if (round.phase === "visits") {
      const early = awardEarly.data({});
      const cancel = answer.data({ form: DECISION, choice: "cancel" });
      const [year, month, day] = round.visitTo.split("-").map(Number);
      await ctx.reply(ctx.t("award-early-warning", { year: String(round.year), until: formatCalendarDay({ year: year!, month: month!, day: day! }, locale) }), {
        reply_markup: new InlineKeyboard().text(ctx.t("award-button-early"), early).row().text(ctx.t("button-cancel"), cancel),
      });
      const { data, ctx: press } = await waitForChoice(conversation, [early, cancel]);
      await press.editMessageReplyMarkup();
      if (data === cancel) return void (await press.reply(press.t("action-cancelled")));
    }
    const request = await formRequest(conversation, DECISION);
    const candidates = (await conversation.external(async () => (await decisionScreen(deps.db, round.id, deps.clock())).candidates)) as DecisionCandidate[];
    if (candidates.length === 0) return void (await ctx.reply(ctx.t("award-no-candidates", { year: String(round.year) })));
    const byId = new Map(candidates.map((candidate) => [candidate.rtId, candidate]));

    // Marking winners: every press redraws the list; the state is rebuilt as the form replays.
    const chosen = new Set<number>();
    let filter: AwardFilter = "all";
    let page = 0;
    const cancel = answer.data({ form: DECISION, choice: "cancel" });
    const first = decisionList(ctx.t, { year: round.year, candidates, chosen, filter, page });
    await ctx.reply(first.text, { reply_markup: first.keyboard });
    const ours = new RegExp(`^(${[awardToggle, awardPage, awardFilter].map((family) => family.prefix.replace(".", "\\.")).join("|")}):|^${awardNext.prefix.replace(".", "\\.")}$|^${cancel.replace(/[.:]/g, (sign) => `\\${sign}`)}$`);
    for (;;) {
      const { data, ctx: press } = await waitForChoice(conversation, ours);
      if (data === cancel) {
        await press.editMessageReplyMarkup();
        return void (await press.reply(press.t("action-cancelled")));
      }
      if (data === awardNext.data({})) {
        if (chosen.size === 0) {
          await press.reply(press.t("award-choose-one"));
          continue;
        }
        await press.editMessageReplyMarkup();
        break;
      }
      const toggled = awardToggle.read(data);
      const paged = awardPage.read(data);
      const filtered = awardFilter.read(data);
      if (toggled) {
        const candidate = byId.get(toggled.rt);
        // A forged or old toggle naming an RT not on this list (or a holder) changes nothing.
        if (!candidate || candidate.holder) continue;
        if (chosen.has(candidate.rtId)) chosen.delete(candidate.rtId);
        else chosen.add(candidate.rtId);
      } else if (paged) {
        page = paged.page;
      } else if (filtered) {
        filter = filtered.category;
        page = 0;
      } else {
        continue;
      }
      const redrawn = decisionList(press.t, { year: round.year, candidates, chosen, filter, page });
      await press.editMessageText(redrawn.text, { reply_markup: redrawn.keyboard });
    }

    const skNumber = await askText<string>(conversation, ctx, ctx.t("award-ask-sk-number", { max: SK_NUMBER_MAX }), parseSkNumber);
    const clock = async () => new Date(await conversation.external(() => deps.clock().getTime()));
    const today = wibDate(await clock());
    const skDate = await askText<LocalDate>(conversation, ctx, ctx.t("award-ask-sk-date"), async (text) => parseSkDate(text, await clock()), [
      { label: ctx.t("button-today"), data: awardToday.data({}), value: today },
    ]);

    const winners = candidates.filter((candidate) => chosen.has(candidate.rtId));
    const lines = [ctx.t("award-summary-title", { year: String(round.year), sk: skNumber, date: formatCalendarDay(skDate, locale) })];
    let total = 0;
    for (const category of AWARD_CATEGORIES) {
      const inCategory = winners.filter((winner) => winner.category === category);
      if (inCategory.length === 0) continue;
      const rupiah = inCategory.length * AWARD_RUPIAH[category];
      total += rupiah;
      lines.push("", ctx.t("award-summary-category", { category: ctx.t(`award-category-${category}`), count: inCategory.length, each: formatRupiah(AWARD_RUPIAH[category], locale), rupiah: formatRupiah(rupiah, locale) }));
      for (const winner of inCategory) lines.push(ctx.t("award-summary-rt", { ...rtVars(winner), households: winner.householdCount }));
    }
    lines.push("", ctx.t("award-summary-total", { count: winners.length, rupiah: formatRupiah(total, locale) }), ctx.t("award-summary-ask"));
    const save = awardConfirm.data({ key: request.id });
    await ctx.reply(lines.join("\n"), { reply_markup: new InlineKeyboard().text(ctx.t("award-button-confirm"), save).text(ctx.t("button-cancel"), cancel) });
    const { data: confirmed, ctx: tap } = await waitForChoice(conversation, [save, cancel]);
    await tap.editMessageReplyMarkup();
    if (confirmed === cancel) return void (await tap.reply(tap.t("action-cancelled")));

    const outcome = await runOnce(conversation, async (outside) => {
      const confirmedCategories = Object.fromEntries(winners.map((winner) => [winner.rtId, winner.category]));
      const saved = await decideRound(deps, outside.actor, { roundId: round.id, winners: [...chosen], skNumber, skDate, requestKey: request.key, confirmedCategories });
      return { winners: saved.winners.length, totalRupiah: saved.totalRupiah, year: saved.year, skNumber: saved.skNumber };
    });
    if (!outcome.ok) return explain(tap, outcome);
    await tap.reply(tap.t("award-saved", { year: String(outcome.value.year), count: outcome.value.winners, rupiah: formatRupiah(outcome.value.totalRupiah, locale), sk: outcome.value.skNumber }));
  };
}

type HolderChoice = { rtId: number; number: number; kelurahanCode: string; kelurahanName: string; kecamatanCode: string; kecamatanName: string };

/**
 * /kencana's "catat syarat": a koordinator (for the RTs of their area) or an admin records that a
 * Kampung BANTAR holder meets a Kencana requirement or not, with an optional note: holder →
 * requirement → met? → note → saved (one row per form, however often the last answer arrives).
 */
export function createKencanaRecordConversation(deps: BotDeps) {
  return async function kencanaRecord(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const holders = (await conversation.external(async (outside) =>
      (await kencanaHolders(deps.db, outside.actor, deps.clock())).map(({ rtId, number, kelurahanCode, kelurahanName, kecamatanCode, kecamatanName }) => ({ rtId, number, kelurahanCode, kelurahanName, kecamatanCode, kecamatanName })),
    )) as HolderChoice[];
    if (holders.length === 0) return void (await ctx.reply(ctx.t("kencana-none")));
    const holder = await pickOne(conversation, ctx, "kencana-rt", ctx.t("kencana-choose-rt"), holders, (choice) => ctx.t("award-toggle-label", rtVars(choice)));
    if (!holder) return;
    // The RT stays in this person's area for as long as the form runs.
    await holdRight(conversation, ctx, (actor) => coversKelurahan(actor, holder));
    const requirement = await pickOne(conversation, ctx, "kencana-req", ctx.t("kencana-choose-requirement", rtVars(holder)), [...KENCANA_REQUIREMENTS], (code) => ctx.t(`kencana-req-${code}`));
    if (!requirement || !isKencanaRequirement(requirement)) return;
    const yes = kencanaMet.data({ met: true });
    const no = kencanaMet.data({ met: false });
    const cancel = answer.data({ form: KENCANA_RECORD, choice: "cancel" });
    await ctx.reply(ctx.t("kencana-ask-met", { requirement: ctx.t(`kencana-req-${requirement}`), ...rtVars(holder) }), {
      reply_markup: new InlineKeyboard().text(ctx.t("kencana-button-met"), yes).text(ctx.t("kencana-button-unmet"), no).row().text(ctx.t("button-cancel"), cancel),
    });
    const { data, ctx: press } = await waitForChoice(conversation, [yes, no, cancel]);
    await press.editMessageReplyMarkup();
    if (data === cancel) return void (await press.reply(press.t("action-cancelled")));
    const met = data === yes;
    const note = await askText<string | null>(conversation, ctx, ctx.t("kencana-ask-note", { max: KENCANA_NOTE_MAX }), parseKencanaNote, [
      { label: ctx.t("button-skip"), data: answer.data({ form: KENCANA_RECORD, choice: "skip" }), value: null },
    ]);
    const request = await formRequest(conversation, "kencana");
    const outcome = await runOnce(conversation, async (outside) => {
      const saved = await recordKencanaRequirement(deps, outside.actor, { rtId: holder.rtId, requirement: requirement as KencanaRequirement, met, note, requestKey: request.key });
      return { met: saved.state.met };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(ctx.t(outcome.value.met ? "kencana-saved-met" : "kencana-saved-unmet", { requirement: ctx.t(`kencana-req-${requirement}`), ...rtVars(holder) }));
  };
}

/**
 * The Kencana award (admin, from /kencana's button): one eligible holder → SK number → SK date →
 * summary → save. awardKencana checks eligibility again in its transaction; the save carries the
 * form's key, so a double tap or a redelivery awards once and tells the ketua once.
 */
export function createKencanaAwardConversation(deps: BotDeps) {
  return async function kencanaAward(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const allowed = await runOnce(conversation, async (outside) => {
      if (!isAdmin(outside.actor)) throw new DomainError("not-allowed");
    });
    if (!allowed.ok) return explain(ctx, allowed);
    await holdRight(conversation, ctx, (actor) => isAdmin(actor));
    const eligible = (await conversation.external(async (outside) =>
      (await kencanaHolders(deps.db, outside.actor, deps.clock()))
        .filter((holder) => holder.eligible)
        .map(({ rtId, number, kelurahanCode, kelurahanName, kecamatanCode, kecamatanName }) => ({ rtId, number, kelurahanCode, kelurahanName, kecamatanCode, kecamatanName })),
    )) as HolderChoice[];
    if (eligible.length === 0) return void (await ctx.reply(ctx.t("kencana-award-none")));
    const holder = await pickOne(conversation, ctx, "kencana-award-rt", ctx.t("kencana-award-choose-rt"), eligible, (choice) => ctx.t("award-toggle-label", rtVars(choice)));
    if (!holder) return;
    const locale = await ctx.i18n.getLocale();
    const skNumber = await askText<string>(conversation, ctx, ctx.t("award-ask-sk-number", { max: SK_NUMBER_MAX }), parseSkNumber);
    const clock = async () => new Date(await conversation.external(() => deps.clock().getTime()));
    const today = wibDate(await clock());
    const skDate = await askText<LocalDate>(conversation, ctx, ctx.t("award-ask-sk-date"), async (text) => parseSkDate(text, await clock()), [
      { label: ctx.t("button-today"), data: awardToday.data({}), value: today },
    ]);
    const request = await formRequest(conversation, KENCANA_AWARD);
    const save = kencanaAwardConfirm.data({ key: request.id });
    const cancel = answer.data({ form: KENCANA_AWARD, choice: "cancel" });
    await ctx.reply(ctx.t("kencana-award-summary", { ...rtVars(holder), sk: skNumber, date: formatCalendarDay(skDate, locale) }), {
      reply_markup: new InlineKeyboard().text(ctx.t("award-button-confirm"), save).text(ctx.t("button-cancel"), cancel),
    });
    const { data, ctx: tap } = await waitForChoice(conversation, [save, cancel]);
    await tap.editMessageReplyMarkup();
    if (data === cancel) return void (await tap.reply(tap.t("action-cancelled")));
    const outcome = await runOnce(conversation, async (outside) => {
      const saved = await awardKencana(deps, outside.actor, { rtIds: [holder.rtId], skNumber, skDate, requestKey: request.key });
      return { awarded: saved.awarded.length };
    });
    if (!outcome.ok) return explain(tap, outcome);
    await tap.reply(tap.t("kencana-award-saved", { ...rtVars(holder), sk: skNumber, date: formatCalendarDay(skDate, locale) }));
  };
}
