import type { TitleBaseline } from "./holders.js";
import { and, eq, sql } from "drizzle-orm";
import { intArray, queryRows, type Database } from "../../db/client.js";
import { lockRequest } from "../../db/request-lock.js";
import { assessmentRound, rtTitle } from "../../db/schema/index.js";
import { addressName, type Greeting } from "../../messages/address.js";
import { formatCalendarDay, formatRupiah, rtVars } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { eventKey, noticeTo, queueNotices, type Notice } from "../../messages/notices.js";
import { translateIn, type Texts } from "../../messages/translate.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { isAdmin, type Actor } from "../people/actor.js";
import { wantMenus } from "../people/menu.js";
import { ensurePerson } from "../people/person.js";
import { tidyLine, type Parsed } from "../people/text-input.js";
import { compareDates, formatLocalDate, isValidDate, wibDate, wibInstant, type LocalDate } from "../schedule/wib.js";
import { computeScorecards } from "../scores/scorecard.js";
import { INDICATOR_CODES, isAutomatic } from "../scores/indicators.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { AWARD_CATEGORIES, AWARD_RUPIAH, categoryOf, type AwardCategory } from "./award.js";
import { teamRecaps, type TeamRecap } from "./combine.js";
import { kencanaHolders } from "./kencana.js";
import { findRound, roundPhase, type RoundPhase, type RoundView } from "./rounds.js";

/**
 * The city's decision on a round (the Wali Kota's SK): the winners by category, the award, and the
 * title each winner holds from the SK's date. Recorded once per round by an admin (DPMPPA).
 */

/** "188.45/123/HK/2027": letters, digits and the signs SK numbers are written with. */
export const SK_NUMBER_MAX = 60;
const SK_NUMBER_PATTERN = /^[\p{L}\p{Nd}][\p{L}\p{Nd} ./\-()]*$/u;

/** The SK number as typed: trimmed, one line, at most SK_NUMBER_MAX characters, no emoji or quotes. */
export function parseSkNumber(raw: string): Parsed<string> {
  const text = tidyLine(raw);
  if (text.length === 0) return { ok: false, reason: "empty" };
  if (text.length > SK_NUMBER_MAX) return { ok: false, reason: "too-long", vars: { max: SK_NUMBER_MAX } };
  if (!SK_NUMBER_PATTERN.test(text) || !/\p{Nd}/u.test(text)) return { ok: false, reason: "award-sk-number-characters" };
  return { ok: true, value: text };
}

/**
 * The phases in which a round may be decided: after its visits ("deciding"), or during them once
 * the admin has read a warning that visits are still running (a Wali Kota may sign early). Before
 * the visits nobody has been assessed, so it is refused.
 */
export const DECIDABLE_PHASES: readonly RoundPhase[] = ["visits", "deciding"];

/** One proposed RT as the admin weighs it: the team's recap and both KK counts. */
export type DecisionCandidate = {
  rtId: number;
  number: number;
  kelurahanCode: string;
  kelurahanName: string;
  kecamatanCode: string;
  kecamatanName: string;
  /** The RT's KK count now: the category it is decided on. */
  householdCount: number;
  /** The KK count when it was proposed. */
  proposedHouseholdCount: number;
  category: AwardCategory;
  total: number;
  scored: number;
  unscored: number;
  assessors: number;
  /** Already holds the Kampung BANTAR title (from an earlier round): it cannot win it again. */
  holder: boolean;
};

/** The round's current proposals with their team recap, by category then total (highest first), then RT. */
export async function decisionCandidates(db: Database, roundId: number): Promise<DecisionCandidate[]> {
  const rows = await queryRows<{
    rt_id: number; number: number; kelurahan_code: string; kelurahan_name: string; kecamatan_code: string; kecamatan_name: string;
    household_count: number; proposed_household_count: number; holder: boolean;
  }>(
    db,
    sql`select r.id as rt_id, r.number, r.kelurahan_code, kl.name as kelurahan_name, kl.kecamatan_code, kc.name as kecamatan_name,
          r.household_count, p.household_count as proposed_household_count,
          exists (select 1 from rt_title t where t.rt_id = r.id and t.level = 'bantar') as holder
        from rt_proposal p
        join rt r on r.id = p.rt_id
        join kelurahan kl on kl.code = r.kelurahan_code
        join kecamatan kc on kc.code = kl.kecamatan_code
        where p.round_id = ${roundId} and p.withdrawn_at is null`,
  );
  const recaps = new Map((await teamRecaps(db, { roundId, rtIds: rows.map((row) => Number(row.rt_id)) })).map((recap) => [recap.rtId, recap]));
  const order = new Map(AWARD_CATEGORIES.map((category, index) => [category, index]));
  return rows
    .map((row): DecisionCandidate => {
      const rtId = Number(row.rt_id);
      const recap = recaps.get(rtId);
      const householdCount = Number(row.household_count);
      return {
        rtId,
        number: Number(row.number),
        kelurahanCode: row.kelurahan_code,
        kelurahanName: row.kelurahan_name,
        kecamatanCode: row.kecamatan_code,
        kecamatanName: row.kecamatan_name,
        householdCount,
        proposedHouseholdCount: Number(row.proposed_household_count),
        category: categoryOf(householdCount),
        total: recap?.total ?? 0,
        scored: recap?.scored ?? 0,
        unscored: recap?.unscored ?? INDICATOR_CODES.length,
        assessors: recap?.assessors ?? 0,
        holder: row.holder === true || String(row.holder) === "t",
      };
    })
    .sort((a, b) => order.get(a.category)! - order.get(b.category)! || b.total - a.total || a.kecamatanName.localeCompare(b.kecamatanName) || a.kelurahanName.localeCompare(b.kelurahanName) || a.number - b.number);
}

/** The RT's level before the visit, kept on its title (one shape, read back by holders.ts). */
export type { TitleBaseline };

/**
 * The instant each RT's baseline is measured at: the start (00.00 WIB) of its visit's WIB day (its
 * current round visit), or of the round's first visit day for an RT that had none. By day, not by
 * the visit's hour: the winners of a city round share a few dozen visit days, so the decision
 * computes one set of scorecards per day (under its lock), not one per winner; an activity logged
 * on the visit day itself before the team arrived is left out, which the 28-day window hardly feels.
 */
async function baselineInstants(db: Database, round: RoundView, rtIds: readonly number[]): Promise<Map<number, Date>> {
  const rows = rtIds.length === 0 ? [] : await queryRows<{ rt_id: number; starts_at: Date | string }>(
    db,
    sql`select v.rt_id, v.starts_at from assessment_visit v
        where v.kind = 'round' and v.round_id = ${round.id} and v.cancelled_at is null
          and v.rt_id = any(${intArray(rtIds)})`,
  );
  const [year, month, day] = round.visitFrom.split("-").map(Number);
  const fallback = wibInstant({ year: year!, month: month!, day: day! }, { hour: 0, minute: 0 });
  const visits = new Map(rows.map((row) => [Number(row.rt_id), wibInstant(wibDate(new Date(row.starts_at)), { hour: 0, minute: 0 })]));
  return new Map(rtIds.map((rtId) => [rtId, visits.get(rtId) ?? fallback]));
}

/** The baselines of the given RTs (one scorecard computation per distinct visit day). */
export async function titleBaselines(db: Database, round: RoundView, rtIds: readonly number[]): Promise<Map<number, TitleBaseline>> {
  const instants = await baselineInstants(db, round, rtIds);
  const recaps = new Map((await teamRecaps(db, { roundId: round.id, rtIds })).map((recap) => [recap.rtId, recap]));
  const byInstant = new Map<number, number[]>();
  for (const [rtId, at] of instants) byInstant.set(at.getTime(), [...(byInstant.get(at.getTime()) ?? []), rtId]);
  const result = new Map<number, TitleBaseline>();
  for (const [time, ids] of byInstant) {
    for (const scorecard of await computeScorecards(db, ids, new Date(time))) {
      const rtId = scorecard.rt.rtId;
      const recap: TeamRecap | undefined = recaps.get(rtId);
      const combined = new Map(recap?.indicators.map((indicator) => [indicator.code, indicator.combined]) ?? []);
      result.set(rtId, {
        measuredAt: new Date(time).toISOString(),
        automatic: Object.fromEntries(
          scorecard.indicators.filter((indicator) => isAutomatic(indicator.code) && indicator.source === "auto").map((indicator) => [indicator.code, indicator.score]),
        ) as TitleBaseline["automatic"],
        team: Object.fromEntries(INDICATOR_CODES.map((code) => [code, (combined.get(code) ?? null) as 0 | 1 | 2 | null])) as TitleBaseline["team"],
        total: recap?.total ?? 0,
        participatingHouseholds: scorecard.metrics.participatingHouseholds,
      });
    }
  }
  return result;
}

export type AwardedTitle = { rtId: number; number: number; kelurahanName: string; kecamatanName: string; category: AwardCategory; householdCount: number; awardRupiah: number };

export type DecisionOutcome = {
  roundId: number;
  year: number;
  skNumber: string;
  skDate: string;
  winners: AwardedTitle[];
  perCategory: Record<AwardCategory, { count: number; rupiah: number }>;
  totalRupiah: number;
  /** The same form saved again (a double tap, a redelivery): nothing new was stored. */
  repeated: boolean;
};

export type DecisionInput = {
  roundId: number;
  winners: readonly number[];
  skNumber: string;
  skDate: LocalDate;
  requestKey: string;
  /**
   * The category of each winner as the admin confirmed it (by RT id). A KK count changed since
   * (the category follows today's count) refuses the save, so what is saved is what was confirmed.
   */
  confirmedCategories?: Readonly<Record<number, AwardCategory>>;
};

function summarize(round: { id: number; year: number }, sk: { skNumber: string; skDate: string }, winners: AwardedTitle[], repeated: boolean): DecisionOutcome {
  const perCategory = Object.fromEntries(AWARD_CATEGORIES.map((category) => [category, { count: 0, rupiah: 0 }])) as DecisionOutcome["perCategory"];
  for (const winner of winners) {
    perCategory[winner.category].count += 1;
    perCategory[winner.category].rupiah += winner.awardRupiah;
  }
  return { roundId: round.id, year: round.year, ...sk, winners, perCategory, totalRupiah: winners.reduce((sum, winner) => sum + winner.awardRupiah, 0), repeated };
}

/** The titles a decided round awarded, as its outcome (read back for a repeated save). */
async function awardedIn(db: Database, roundId: number): Promise<AwardedTitle[]> {
  const rows = await queryRows<{ rt_id: number; number: number; kelurahan_name: string; kecamatan_name: string; category: AwardCategory; household_count: number; award_rupiah: number | string }>(
    db,
    sql`select t.rt_id, r.number, kl.name as kelurahan_name, kc.name as kecamatan_name, t.category, t.household_count, t.award_rupiah
        from rt_title t join rt r on r.id = t.rt_id join kelurahan kl on kl.code = r.kelurahan_code join kecamatan kc on kc.code = kl.kecamatan_code
        where t.round_id = ${roundId} and t.level = 'bantar' order by t.id`,
  );
  return rows.map((row) => ({
    rtId: Number(row.rt_id), number: Number(row.number), kelurahanName: row.kelurahan_name, kecamatanName: row.kecamatan_name,
    category: row.category, householdCount: Number(row.household_count), awardRupiah: Number(row.award_rupiah),
  }));
}

type Person = { personId: number; telegramId: number | null; locale: string; greeting: Greeting | null; name: string | null };

/**
 * Records the round's decision in one transaction: the SK on the round, one Kampung BANTAR title
 * per winner (category on today's KK count, uang pembinaan, the baseline), the audit (round_decided
 * once, title_awarded per RT), the notices (each winner's ketua; its residents unless muted, once
 * each in their language; each koordinator whose area holds a proposed RT, with the winners there),
 * and the assessors' menus (the team's role ends with the round). Saved again under the same
 * request key, it returns what was saved; a round decided under another key is refused.
 */
export async function decideRound(deps: ServiceDeps, actor: Actor, input: DecisionInput): Promise<DecisionOutcome> {
  if (!isAdmin(actor)) throw new DomainError("not-allowed");
  const skNumber = parseSkNumber(input.skNumber);
  if (!skNumber.ok) throw new DomainError("award-sk-number-invalid");
  return inTransaction(deps, async (tx) => {
    const now = deps.clock();
    // One decision per round: two admins (or two instances) saving at once take turns here.
    await lockRequest(tx, `decision:round:${input.roundId}`);
    const round = await findRound(tx, input.roundId);
    if (!round) throw new DomainError("award-round-not-found");
    if (round.decidedAt !== null) {
      // The decision's audit row was written at the round's decided_at: found through the audit
      // log's time index (audit_log_time_idx), not by scanning every row's details.
      const [mine] = await queryRows<{ id: number }>(
        tx,
        sql`select a.id from audit_log a join assessment_round r on r.id = a.entity_id and a.occurred_at = r.decided_at
            where r.id = ${round.id} and a.action = 'round_decided' and a.entity_type = 'assessment_round' and a.details->>'requestKey' = ${input.requestKey} limit 1`,
      );
      if (!mine) throw new DomainError("award-round-decided", { year: String(round.year), sk: round.skNumber ?? "-" });
      return summarize(round, { skNumber: round.skNumber!, skDate: round.skDate! }, await awardedIn(tx, round.id), true);
    }
    if (!DECIDABLE_PHASES.includes(roundPhase(round, now))) throw new DomainError("award-too-early", { year: String(round.year) });
    const today = wibDate(now);
    if (!isValidDate(input.skDate) || compareDates(input.skDate, today) > 0) throw new DomainError("award-sk-date-future");
    const skDate = formatLocalDate(input.skDate);
    if (skDate < round.visitFrom) throw new DomainError("award-sk-date-before-visits");
    const winnerIds = [...new Set(input.winners)];
    if (winnerIds.length === 0) throw new DomainError("award-no-winners");
    const candidates = new Map((await decisionCandidates(tx, round.id)).map((candidate) => [candidate.rtId, candidate]));
    for (const rtId of winnerIds) {
      const candidate = candidates.get(rtId);
      if (!candidate) throw new DomainError("award-not-proposed");
      // The unique index would refuse it too; refused first, in words.
      if (candidate.holder) throw new DomainError("award-already-holder", rtVars(candidate));
      const confirmed = input.confirmedCategories?.[rtId];
      if (confirmed !== undefined && confirmed !== candidate.category) {
        throw new DomainError("award-category-changed", { ...rtVars(candidate), households: String(candidate.householdCount) });
      }
    }
    const decidedBy = actor.person?.id ?? (await ensurePerson(tx, actor.telegramId));
    const [updated] = await tx
      .update(assessmentRound)
      .set({ skNumber: skNumber.value, skDate, decidedBy, decidedAt: now })
      .where(and(eq(assessmentRound.id, round.id), sql`${assessmentRound.decidedAt} is null`))
      .returning({ id: assessmentRound.id });
    if (!updated) throw new DomainError("award-round-decided", { year: String(round.year), sk: "-" });
    const baselines = await titleBaselines(tx, round, winnerIds);
    const winners: AwardedTitle[] = [];
    for (const rtId of winnerIds) {
      const candidate = candidates.get(rtId)!;
      const awardRupiah = AWARD_RUPIAH[candidate.category];
      const [title] = await tx
        .insert(rtTitle)
        .values({
          rtId, level: "bantar", roundId: round.id, category: candidate.category, householdCount: candidate.householdCount, awardRupiah,
          awardedOn: skDate, skNumber: skNumber.value, baseline: baselines.get(rtId)!, recordedBy: decidedBy, recordedAt: now,
        })
        .returning({ id: rtTitle.id });
      await recordAudit(tx, {
        occurredAt: now, actorPersonId: decidedBy, action: "title_awarded", rtId, entityType: "rt_title", entityId: title!.id,
        details: { roundId: round.id, level: "bantar", category: candidate.category, householdCount: candidate.householdCount, awardRupiah, skNumber: skNumber.value, awardedOn: skDate },
      });
      winners.push({ rtId, number: candidate.number, kelurahanName: candidate.kelurahanName, kecamatanName: candidate.kecamatanName, category: candidate.category, householdCount: candidate.householdCount, awardRupiah });
    }
    const outcome = summarize(round, { skNumber: skNumber.value, skDate }, winners, false);
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: decidedBy, action: "round_decided", entityType: "assessment_round", entityId: round.id,
      details: { requestKey: input.requestKey, year: round.year, skNumber: skNumber.value, skDate, winners: winners.length, totalRupiah: outcome.totalRupiah },
    });
    await queueNotices(tx, now, await decisionNotices(tx, deps.i18n, { round, outcome, candidates: [...candidates.values()] }));
    // The round's team loses its penilai role with the decision: their "/" menus change.
    const team = await queryRows<{ person_id: number }>(tx, sql`select person_id from round_assessor where round_id = ${round.id} and revoked_at is null`);
    await wantMenus(tx, team.map((row) => Number(row.person_id)), now);
    return outcome;
  });
}

async function peopleOf(db: Database, where: ReturnType<typeof sql>): Promise<Person[]> {
  const rows = await queryRows<{ person_id: number; telegram_id: number | string | null; locale: string; greeting: Greeting | null; display_name: string | null }>(
    db,
    sql`select distinct p.id as person_id, p.telegram_id, p.locale, p.greeting, p.display_name from person p where p.telegram_id is not null and p.unreachable_at is null and ${where} order by p.id`,
  );
  return rows.map((row) => ({ personId: Number(row.person_id), telegramId: row.telegram_id === null ? null : Number(row.telegram_id), locale: row.locale, greeting: row.greeting, name: row.display_name }));
}

/** The reachable people of `links` (person_id, rt_id rows) by RT, in person id order: one query. */
async function peopleByRt(db: Database, links: ReturnType<typeof sql>, where: ReturnType<typeof sql>): Promise<Map<number, Person[]>> {
  const rows = await queryRows<{ rt_id: number; person_id: number; telegram_id: number | string | null; locale: string; greeting: Greeting | null; display_name: string | null }>(
    db,
    sql`select distinct l.rt_id, p.id as person_id, p.telegram_id, p.locale, p.greeting, p.display_name
        from (${links}) l join person p on p.id = l.person_id
        where p.telegram_id is not null and p.unreachable_at is null and ${where} order by l.rt_id, p.id`,
  );
  const result = new Map<number, Person[]>();
  for (const row of rows) {
    const list = result.get(Number(row.rt_id)) ?? [];
    result.set(Number(row.rt_id), list);
    list.push({ personId: Number(row.person_id), telegramId: row.telegram_id === null ? null : Number(row.telegram_id), locale: row.locale, greeting: row.greeting, name: row.display_name });
  }
  return result;
}

/** The decision's notices, each person once, in their own language. */
async function decisionNotices(db: Database, texts: Texts, params: { round: RoundView; outcome: DecisionOutcome; candidates: DecisionCandidate[] }): Promise<Notice[]> {
  const { round, outcome } = params;
  const notices: Notice[] = [];
  const told = new Set<string>();
  const push = (event: string, recipient: Person, text: (t: ReturnType<typeof translateIn>, locale: string) => string) => {
    const key = `${event}|${recipient.personId}`;
    if (told.has(key)) return;
    told.add(key);
    const locale = supportedLocale(recipient.locale);
    notices.push(...noticeTo(recipient, event, text(translateIn(texts, locale), locale)));
  };
  const [skYear, skMonth, skDay] = outcome.skDate.split("-").map(Number);
  const skDate = { year: skYear!, month: skMonth!, day: skDay! };
  // Every winner's ketuas and residents in two queries, whatever the number of winners.
  const awardedIds = outcome.winners.map((winner) => winner.rtId);
  const headsOf = await peopleByRt(db, sql`select person_id, rt_id from role_assignment where role = 'ketua_rt' and rt_id = any(${intArray(awardedIds)}) and revoked_at is null`, sql`true`);
  const residentsOf = await peopleByRt(db, sql`select person_id, rt_id from membership where rt_id = any(${intArray(awardedIds)}) and status = 'active'`, sql`p.announcements_muted_at is null`);
  for (const winner of outcome.winners) {
    const event = eventKey("title-awarded", `${round.id}:${winner.rtId}`);
    const vars = (t: ReturnType<typeof translateIn>, locale: string) => ({
      ...rtVars(winner), year: String(round.year), category: t(`award-category-${winner.category}`), award: formatRupiah(winner.awardRupiah, locale), sk: outcome.skNumber, date: formatCalendarDay(skDate, locale),
    });
    const heads = headsOf.get(winner.rtId) ?? [];
    for (const ketua of heads) push(event, ketua, (t, locale) => t("award-notice-ketua", { ...vars(t, locale), name: addressName(t, ketua) }));
    const residents = residentsOf.get(winner.rtId) ?? [];
    for (const resident of residents) push(event, resident, (t, locale) => t("award-notice-resident", { ...vars(t, locale), name: addressName(t, resident) }));
  }
  // Each koordinator whose area holds a proposed RT: the winners there (or that none won).
  const koordinators = await queryRows<{ person_id: number; kelurahan_code: string | null; kecamatan_code: string | null }>(
    db,
    sql`select a.person_id, a.kelurahan_code, a.kecamatan_code from role_assignment a join person p on p.id = a.person_id
        where a.role = 'koordinator' and a.revoked_at is null and p.telegram_id is not null order by a.person_id, a.id`,
  );
  const areas = new Map<number, { kelurahan: Set<string>; kecamatan: Set<string> }>();
  for (const row of koordinators) {
    const area = areas.get(Number(row.person_id)) ?? { kelurahan: new Set<string>(), kecamatan: new Set<string>() };
    areas.set(Number(row.person_id), area);
    if (row.kelurahan_code) area.kelurahan.add(row.kelurahan_code);
    if (row.kecamatan_code) area.kecamatan.add(row.kecamatan_code);
  }
  const covers = (area: { kelurahan: Set<string>; kecamatan: Set<string> }, place: { kelurahanCode: string; kecamatanCode: string }) => area.kelurahan.has(place.kelurahanCode) || area.kecamatan.has(place.kecamatanCode);
  const winnerIds = new Set(outcome.winners.map((winner) => winner.rtId));
  const byId = new Map(params.candidates.map((candidate) => [candidate.rtId, candidate]));
  const recipients = areas.size === 0 ? [] : await peopleOf(db, sql`p.id = any(${intArray(areas.keys())})`);
  for (const recipient of recipients) {
    const area = areas.get(recipient.personId)!;
    const proposed = params.candidates.filter((candidate) => covers(area, candidate));
    if (proposed.length === 0) continue;
    const won = proposed.filter((candidate) => winnerIds.has(candidate.rtId));
    push(eventKey("round-decided-area", round.id), recipient, (t, locale) => {
      const lines = won.map((candidate) => {
        const winner = outcome.winners.find((entry) => entry.rtId === candidate.rtId)!;
        return t("award-notice-area-line", { ...rtVars(byId.get(candidate.rtId)!), category: t(`award-category-${winner.category}`), award: formatRupiah(winner.awardRupiah, locale) });
      });
      const head = t("award-notice-area", { name: addressName(t, recipient), year: String(round.year), sk: outcome.skNumber, date: formatCalendarDay(skDate, locale), won: won.length, proposed: proposed.length });
      return won.length === 0 ? `${head}\n${t("award-notice-area-none")}` : `${head}\n${lines.join("\n")}`;
    });
  }
  return notices;
}

/** For the form: the round to decide now, its phase, and what the admin weighs. */
export async function decisionScreen(db: Database, roundId: number, now: Date): Promise<{ round: RoundView; phase: RoundPhase; candidates: DecisionCandidate[] }> {
  const round = await findRound(db, roundId);
  if (!round) throw new DomainError("award-round-not-found");
  return { round, phase: roundPhase(round, now), candidates: await decisionCandidates(db, round.id) };
}

/** Has this form's key saved its round's decision? (a confirm tapped again after the form ended) */
export async function decisionSavedUnder(db: Database, requestKey: string): Promise<{ year: number; skNumber: string } | undefined> {
  const [row] = await queryRows<{ year: number; sk_number: string }>(
    db,
    // The decided rounds (one a year), each audit row looked up at its decided_at (the time index).
    sql`select r.year, r.sk_number from assessment_round r join audit_log a on a.occurred_at = r.decided_at and a.entity_id = r.id
        where r.decided_at is not null and a.action = 'round_decided' and a.entity_type = 'assessment_round' and a.details->>'requestKey' = ${requestKey} limit 1`,
  );
  return row ? { year: Number(row.year), skNumber: row.sk_number } : undefined;
}

/** The RTs a Kencana award form saved under `requestKey` (none: not saved), in RT id order. */
export async function kencanaAwardedUnder(db: Database, requestKey: string): Promise<number[]> {
  const rows = await queryRows<{ rt_id: number }>(
    db,
    // The Kencana titles (at most one per RT), each audit row looked up at its recorded_at (the
    // audit log's time index), not a scan of every row's details.
    sql`select t.rt_id from rt_title t join audit_log a on a.occurred_at = t.recorded_at and a.entity_type = 'rt_title' and a.entity_id = t.id
        where t.level = 'kencana' and a.action = 'title_awarded' and a.details->>'requestKey' = ${requestKey} order by t.rt_id`,
  );
  return rows.map((row) => Number(row.rt_id));
}

export type KencanaAwardInput = { rtIds: readonly number[]; skNumber: string; skDate: LocalDate; requestKey: string };

/**
 * Awards Kampung BANTAR Kencana by SK (admin): the decision's second use, with level `kencana` and
 * no round. Only holders eligible now (kencana.ts's rule, re-read in the transaction) may receive
 * it; the title carries the category of the RT's KK count now and no uang pembinaan (the city has
 * set no amount for Kencana: 0 until it does). Each RT's ketua is told. Saved again under the same
 * key it returns what was saved.
 */
export async function awardKencana(deps: ServiceDeps, actor: Actor, input: KencanaAwardInput): Promise<{ awarded: number[]; repeated: boolean }> {
  if (!isAdmin(actor)) throw new DomainError("not-allowed");
  const skNumber = parseSkNumber(input.skNumber);
  if (!skNumber.ok) throw new DomainError("award-sk-number-invalid");
  return inTransaction(deps, async (tx) => {
    const now = deps.clock();
    // Kencana is awarded rarely and once per RT: every award takes its turn, so two forms for one RT
    // cannot both pass the eligibility check (the second finds it awarded and is refused in words).
    await lockRequest(tx, "kencana:award");
    const done = await kencanaAwardedUnder(tx, input.requestKey);
    if (done.length > 0) return { awarded: done, repeated: true };
    if (!isValidDate(input.skDate) || compareDates(input.skDate, wibDate(now)) > 0) throw new DomainError("award-sk-date-future");
    const rtIds = [...new Set(input.rtIds)];
    if (rtIds.length === 0) throw new DomainError("award-no-winners");
    const holders = new Map((await kencanaHolders(tx, actor, now)).map((holder) => [holder.rtId, holder]));
    const skDate = formatLocalDate(input.skDate);
    const recordedBy = actor.person?.id ?? (await ensurePerson(tx, actor.telegramId));
    for (const rtId of rtIds) if (!holders.get(rtId)?.eligible) throw new DomainError("kencana-not-eligible");
    // The KK counts and the ketuas of all of them at once.
    const households = new Map(
      (await queryRows<{ id: number; household_count: number }>(tx, sql`select id, household_count from rt where id = any(${intArray(rtIds)})`)).map((row) => [Number(row.id), Number(row.household_count)]),
    );
    const ketuasOf = await peopleByRt(tx, sql`select person_id, rt_id from role_assignment where role = 'ketua_rt' and rt_id = any(${intArray(rtIds)}) and revoked_at is null`, sql`true`);
    const notices: Notice[] = [];
    for (const rtId of rtIds) {
      const holder = holders.get(rtId)!;
      const householdCount = households.get(rtId) ?? 0;
      const category = categoryOf(householdCount);
      const [title] = await tx
        .insert(rtTitle)
        .values({ rtId, level: "kencana", roundId: null, category, householdCount, awardRupiah: 0, awardedOn: skDate, skNumber: skNumber.value, recordedBy, recordedAt: now })
        .returning({ id: rtTitle.id });
      await recordAudit(tx, {
        occurredAt: now, actorPersonId: recordedBy, action: "title_awarded", rtId, entityType: "rt_title", entityId: title!.id,
        details: { level: "kencana", requestKey: input.requestKey, category, skNumber: skNumber.value, awardedOn: skDate },
      });
      for (const ketua of ketuasOf.get(rtId) ?? []) {
        const t = translateIn(deps.i18n, supportedLocale(ketua.locale));
        notices.push(...noticeTo(ketua, eventKey("kencana-awarded", rtId), t("award-notice-kencana", { ...rtVars(holder), name: addressName(t, ketua), sk: skNumber.value, date: formatCalendarDay(input.skDate, supportedLocale(ketua.locale)) })));
      }
    }
    await queueNotices(tx, now, notices);
    return { awarded: rtIds.sort((a, b) => a - b), repeated: false };
  });
}
