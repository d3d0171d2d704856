import { and, eq, isNull, sql } from "drizzle-orm";
import { intArray, queryRows, type Database } from "../../db/client.js";
import { lockRequest } from "../../db/request-lock.js";
import { assessmentScore, evidence, rtProposal } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { isAdmin, type Actor } from "../people/actor.js";
import { parseNotes, type Parsed } from "../people/text-input.js";
import { coversKelurahan } from "../roles/scope.js";
import { getRt, type RtDetails } from "../rt/rt.js";
import { computeScorecards, type LocaleLine } from "../scores/scorecard.js";
import { INDICATOR_CODES, isAutomatic, isIndicatorCode, type IndicatorCode } from "../scores/indicators.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { TEXT_LIMITS } from "../text-limits.js";
import { assessorRtIds } from "./assessors.js";
import { teamRecaps, type TeamRecap } from "./combine.js";
import { findRound } from "./rounds.js";

/**
 * The team's scoring on site (/nilaitim) and its recap (/rekaptim).
 *
 * Who may score an RT in a round: a member of that round's team (not revoked), while the round is
 * undecided, for an RT in their scope that is proposed (not withdrawn) in the round. Never their
 * own RT: not its ketua (acting ketua included), and not a warga or petugas of it either (our call:
 * a neighbour grading their own RT is the same conflict of interest as its ketua doing so; the
 * kelurahan-level forum members are residents somewhere, just not of the RT they score).
 */

export const ASSESSMENT_NOTE_MAX = TEXT_LIMITS.assessmentNote;
export const OVERRIDE_REASON_MAX = TEXT_LIMITS.overrideReason;
/** Photos one indicator's answer takes; more belong to the year's evidence, not one visit's step. */
export const PHOTOS_PER_INDICATOR = 10;

export type RoundRt = { roundId: number; rtId: number };

/** Free note of an assessor on one indicator: printable text, at most ASSESSMENT_NOTE_MAX characters. */
export function parseAssessmentNote(text: string): Parsed<string> {
  return limited(parseNotes(text), ASSESSMENT_NOTE_MAX);
}

/** Why the assessor's score differs from the records': printable text, at most OVERRIDE_REASON_MAX. */
export function parseOverrideReason(text: string): Parsed<string> {
  return limited(parseNotes(text), OVERRIDE_REASON_MAX);
}

function limited(parsed: Parsed<string>, max: number): Parsed<string> {
  if (parsed.ok && parsed.value.length > max) return { ok: false, reason: "too-long", vars: { max } };
  if (!parsed.ok && parsed.reason === "too-long") return { ok: false, reason: "too-long", vars: { max } };
  return parsed;
}

/** An on-site photo's caption: as long as a /bukti photo's (the pack prints both the same way). */
export const ONSITE_CAPTION_MAX = TEXT_LIMITS.evidenceCaption;

/**
 * A photo's caption as kept: tidied like a note, blank is none. Longer than ONSITE_CAPTION_MAX is
 * refused, not cut, as /bukti does: the form asks for the photo again with a shorter caption.
 */
export function tidyCaption(caption: string | undefined | null): { ok: true; value: string | null } | { ok: false; max: number } {
  if (caption === undefined || caption === null) return { ok: true, value: null };
  const parsed = parseNotes(caption);
  if (parsed.ok) return parsed.value.length > ONSITE_CAPTION_MAX ? { ok: false, max: ONSITE_CAPTION_MAX } : { ok: true, value: parsed.value };
  if (parsed.reason === "too-long") return { ok: false, max: ONSITE_CAPTION_MAX };
  return { ok: true, value: null };
}

/** Is this RT the actor's own (ketua, acting ketua, petugas or resident of it)? */
export function isOwnRt(actor: Actor, rtId: number): boolean {
  if (actor.membership?.rtId === rtId) return true;
  return actor.grants.some((grant) => (grant.role === "ketua_rt" || grant.role === "petugas") && grant.rtId === rtId);
}

/** The part of the right a form can hold without the database: on the round's team, not their own RT. */
export function holdsTeamPlace(actor: Actor, place: RoundRt): boolean {
  return actor.person !== null && actor.grants.some((grant) => grant.role === "penilai" && grant.roundId === place.roundId) && !isOwnRt(actor, place.rtId);
}

async function isProposed(db: Database, place: RoundRt): Promise<boolean> {
  const [row] = await db
    .select({ id: rtProposal.id })
    .from(rtProposal)
    .where(and(eq(rtProposal.roundId, place.roundId), eq(rtProposal.rtId, place.rtId), isNull(rtProposal.withdrawnAt)));
  return row !== undefined;
}

/** Throws the refusal unless the actor may score this RT in this round now (read again at every step). */
export async function assertMayAssess(db: Database, actor: Actor, place: RoundRt): Promise<number> {
  const personId = actor.person?.id;
  if (personId === undefined || !actor.grants.some((grant) => grant.role === "penilai" && grant.roundId === place.roundId)) throw new DomainError("assessment-not-on-team");
  const round = await findRound(db, place.roundId);
  if (!round) throw new DomainError("assessment-not-on-team");
  if (round.decidedAt) throw new DomainError("assessment-round-decided");
  if (isOwnRt(actor, place.rtId)) throw new DomainError("assessment-own-rt");
  if (!(await assessorRtIds(db, { roundId: place.roundId, personId })).includes(place.rtId)) throw new DomainError("out-of-scope");
  if (!(await isProposed(db, place))) throw new DomainError("assessment-rt-not-proposed");
  return personId;
}

export type ScorableRt = { roundId: number; year: number; rt: RtDetails };

/**
 * The RTs the actor may score now: for each undecided round they are on the team of, the RTs of
 * their scope that are proposed in it. `own` lists those left out because they are the actor's own.
 */
export async function scorableRts(db: Database, actor: Actor): Promise<{ rts: ScorableRt[]; own: ScorableRt[] }> {
  const rts: ScorableRt[] = [];
  const own: ScorableRt[] = [];
  const personId = actor.person?.id;
  if (personId === undefined) return { rts, own };
  const roundIds = [...new Set(actor.grants.flatMap((grant) => (grant.role === "penilai" && grant.roundId !== undefined ? [grant.roundId] : [])))];
  if (roundIds.length === 0) return { rts, own };
  // One query: the scope, the proposals and the RTs' names joined (not an RT read per proposal).
  const rows = await queryRows<RtRow & { round_id: number; year: number }>(
    db,
    sql`select distinct a.round_id, r.year, ${RT_COLUMNS}
        from round_assessor a
        join assessment_round r on r.id = a.round_id and r.decided_at is null
        join rt_proposal p on p.round_id = a.round_id and p.withdrawn_at is null
        join rt on rt.id = p.rt_id
        join kelurahan kl on kl.code = rt.kelurahan_code
        join kecamatan kc on kc.code = kl.kecamatan_code
        where a.person_id = ${personId} and a.revoked_at is null and a.round_id = any(${intArray(roundIds)})
          and exists (select 1 from assessor_scope s where s.assessor_id = a.id and (s.rt_id = rt.id or s.kecamatan_code = kl.kecamatan_code))`,
  );
  for (const row of rows) {
    const entry = { roundId: Number(row.round_id), year: Number(row.year), rt: rtOfRow(row) };
    (isOwnRt(actor, entry.rt.id) ? own : rts).push(entry);
  }
  const order = (a: ScorableRt, b: ScorableRt) => b.year - a.year || a.rt.kelurahanName.localeCompare(b.rt.kelurahanName) || a.rt.number - b.rt.number;
  return { rts: rts.sort(order), own: own.sort(order) };
}

type RtRow = { id: number; number: number; household_count: number; invite_code: string; group_chat_id: number | string | null; kelurahan_code: string; kelurahan_name: string; kecamatan_code: string; kecamatan_name: string };

const RT_COLUMNS = sql`rt.id, rt.number, rt.household_count, rt.invite_code, rt.group_chat_id, rt.kelurahan_code, kl.name as kelurahan_name, kl.kecamatan_code, kc.name as kecamatan_name`;

function rtOfRow(row: RtRow): RtDetails {
  return {
    id: Number(row.id),
    number: Number(row.number),
    householdCount: Number(row.household_count),
    inviteCode: row.invite_code,
    groupChatId: row.group_chat_id === null ? null : Number(row.group_chat_id),
    kelurahanCode: row.kelurahan_code,
    kelurahanName: row.kelurahan_name,
    kecamatanCode: row.kecamatan_code,
    kecamatanName: row.kecamatan_name,
  };
}

function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, "")}"`).join(",")}}`;
}

export type MyScore = { score: number; automaticScore: number | null; overrideReason: string | null; note: string | null };

/** The assessor's current (latest) team score of each indicator they scored for this RT in the round. */
export async function myTeamScores(db: Database, place: RoundRt & { personId: number }): Promise<Partial<Record<IndicatorCode, MyScore>>> {
  const rows = await queryRows<{ indicator_code: string; score: number; automatic_score: number | null; override_reason: string | null; note: string | null }>(
    db,
    sql`select distinct on (s.indicator_code) s.indicator_code, s.score, s.automatic_score, s.override_reason, s.note
        from assessment_score s
        where s.kind = 'team' and s.round_id = ${place.roundId} and s.rt_id = ${place.rtId} and s.person_id = ${place.personId}
        order by s.indicator_code, s.id desc`,
  );
  const result: Partial<Record<IndicatorCode, MyScore>> = {};
  for (const row of rows) {
    if (!isIndicatorCode(row.indicator_code)) continue;
    result[row.indicator_code] = {
      score: Number(row.score),
      automaticScore: row.automatic_score === null ? null : Number(row.automatic_score),
      overrideReason: row.override_reason,
      note: row.note,
    };
  }
  return result;
}

export type AutomaticLevel = { score: number; explanation: LocaleLine };

/** What the records give now for each automatic indicator of the RT, with the scorecard's one-line explanation. */
export async function automaticLevels(db: Database, rtId: number, now: Date): Promise<Partial<Record<IndicatorCode, AutomaticLevel>>> {
  const [card] = await computeScorecards(db, [rtId], now);
  const result: Partial<Record<IndicatorCode, AutomaticLevel>> = {};
  for (const indicator of card?.indicators ?? []) {
    if (isAutomatic(indicator.code) && indicator.source === "auto") result[indicator.code] = { score: indicator.score, explanation: indicator.explanation };
  }
  return result;
}

export type EvidencePhoto = { fileId: string; fileUniqueId: string; caption: string | null };

export type ScoreIndicatorParams = RoundRt & {
  code: string;
  score: number;
  /** What the records gave when the form showed the indicator (automatic indicators only). */
  automaticScore: number | null;
  overrideReason: string | null;
  note: string | null;
  photos: readonly EvidencePhoto[];
  /** The form's key, the indicator and the revision within the form: one row per deliberate answer. */
  requestKey: string;
};

export type ScoredIndicator = { scoreId: number; code: IndicatorCode; score: number; photos: number; scored: number; repeated: boolean };

function scoreValue(value: number | null, refusal: "indicator-score-invalid"): number | null {
  if (value === null) return null;
  if (!Number.isInteger(value) || value < 0 || value > 2) throw new DomainError(refusal);
  return value;
}

/**
 * An assessor's score of one indicator on site, in one transaction: the score row (append-only,
 * kind team), the photos as evidence rows (Telegram's file ids, no bytes), the audit row. The same
 * request key again (a double tap, a redelivery) finds the first and adds nothing. Scope is read
 * again inside. A score that differs from the records' needs its reason (the table refuses it too).
 */
export async function scoreIndicator(deps: ServiceDeps, actor: Actor, params: ScoreIndicatorParams): Promise<ScoredIndicator> {
  if (!isIndicatorCode(params.code)) throw new DomainError("indicator-unknown", { code: params.code });
  const code = params.code;
  const score = scoreValue(params.score, "indicator-score-invalid")!;
  const automaticScore = isAutomatic(code) ? scoreValue(params.automaticScore, "indicator-score-invalid") : null;
  const note = tidied(params.note, parseAssessmentNote);
  const overrideReason = automaticScore === null || automaticScore === score ? null : tidied(params.overrideReason, parseOverrideReason);
  if (automaticScore !== null && automaticScore !== score && overrideReason === null) throw new DomainError("assessment-reason-required");
  const photos = dedupePhotos(params.photos).slice(0, PHOTOS_PER_INDICATOR).map((photo) => {
    const caption = tidyCaption(photo.caption);
    if (!caption.ok) throw new DomainError("evidence-caption-too-long", { max: caption.max });
    return { ...photo, caption: caption.value };
  });
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    await lockRequest(tx, params.requestKey);
    const personId = actor.person?.id;
    const [existing] = await tx.select().from(assessmentScore).where(eq(assessmentScore.requestKey, params.requestKey));
    if (existing && existing.personId === personId) {
      const [{ count }] = (await tx.select({ count: sql<number>`count(*)::int` }).from(evidence).where(sql`${evidence.requestKey} like ${`${params.requestKey}:photo:%`}`)) as [{ count: number }];
      return { scoreId: existing.id, code, score: existing.score, photos: Number(count), scored: await scoredCount(tx, { ...params, personId: existing.personId }), repeated: true };
    }
    const assessor = await assertMayAssess(tx, actor, params);
    const [row] = await tx
      .insert(assessmentScore)
      .values({ kind: "team", roundId: params.roundId, rtId: params.rtId, personId: assessor, indicatorCode: code, score, automaticScore, overrideReason, note, enteredAt: now, requestKey: params.requestKey })
      .returning({ id: assessmentScore.id });
    for (const [index, photo] of photos.entries()) {
      await tx
        .insert(evidence)
        .values({ rtId: params.rtId, indicatorCode: code, roundId: params.roundId, fileId: photo.fileId, fileUniqueId: photo.fileUniqueId, caption: photo.caption, addedBy: assessor, addedAt: now, requestKey: `${params.requestKey}:photo:${index}` })
        .onConflictDoNothing();
    }
    // Notes and reasons are free text: they stay with the score, not in the log.
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: assessor, action: "assessment_scored", rtId: params.rtId, entityType: "assessment_score", entityId: row!.id,
      details: { rt: params.rtId, indicator: code, score, round: params.roundId, ...(automaticScore === null ? {} : { automatic: automaticScore }), photos: photos.length },
    });
    return { scoreId: row!.id, code, score, photos: photos.length, scored: await scoredCount(tx, { ...params, personId: assessor }), repeated: false };
  });
}

function tidied(text: string | null, parse: (text: string) => Parsed<string>): string | null {
  if (text === null) return null;
  const parsed = parse(text);
  if (parsed.ok) return parsed.value;
  if (parsed.reason === "too-long") throw new DomainError("indicator-note-too-long", { max: Number(parsed.vars?.max ?? ASSESSMENT_NOTE_MAX) });
  return null;
}

function dedupePhotos(photos: readonly EvidencePhoto[]): EvidencePhoto[] {
  const seen = new Set<string>();
  return photos.filter((photo) => photo.fileId.length > 0 && photo.fileUniqueId.length > 0 && !seen.has(photo.fileUniqueId) && seen.add(photo.fileUniqueId));
}

async function scoredCount(db: Database, place: RoundRt & { personId: number }): Promise<number> {
  return Object.keys(await myTeamScores(db, place)).length;
}

// ---------------------------------------------------------------------------------------------
// The team's recap of an RT

/** How the recap is read: the team and the area's staff see who scored; the ketua sees the agency only. */
export type RecapViewer = "team" | "staff" | "ketua";

export type RecapAssessor = { personId: number; agency: string; name: string | null };

export type RecapView = {
  roundId: number;
  year: number;
  rt: RtDetails;
  viewer: RecapViewer;
  recap: TeamRecap;
  assessors: Record<number, RecapAssessor>;
  /** For a team member: per indicator they have not scored yet, how many colleagues' scores are withheld. */
  withheld: Partial<Record<IndicatorCode, number>>;
};

/**
 * What a team member sees of the recap: an indicator they have scored in full (their colleagues'
 * scores and the combination), one they have not yet only as "N others scored it", so each assessor
 * judges on their own before reading the others. The totals count what is shown.
 */
function asTeamMember(recap: TeamRecap, personId: number): { recap: TeamRecap; withheld: Partial<Record<IndicatorCode, number>> } {
  const withheld: Partial<Record<IndicatorCode, number>> = {};
  const indicators = recap.indicators.map((indicator) => {
    if (indicator.scores.length === 0 || indicator.scores.some((entry) => entry.personId === personId)) return indicator;
    withheld[indicator.code] = indicator.scores.length;
    return { ...indicator, combined: null, scores: [] };
  });
  const shown = indicators.filter((indicator) => indicator.combined !== null);
  return {
    recap: { ...recap, indicators, total: shown.reduce((sum, indicator) => sum + indicator.combined!, 0), scored: shown.length, unscored: indicators.length - shown.length },
    withheld,
  };
}

/**
 * Who may read an RT's team recap of a round: a team member of that round for an RT in their scope
 * (not their own); a koordinator whose area holds the RT, or an admin; the RT's ketua, only once the
 * round is decided (before that the scores are the team's working notes, and the ketua is the one
 * being assessed), and then with each score's agency, not who gave it.
 */
export async function recapViewerOf(db: Database, actor: Actor, place: RoundRt): Promise<RecapViewer> {
  const round = await findRound(db, place.roundId);
  if (!round) throw new DomainError("not-allowed");
  const rtPlace = await getRt(db, place.rtId);
  const heads = actor.grants.some((grant) => grant.role === "ketua_rt" && grant.rtId === place.rtId);
  if (!isOwnRt(actor, place.rtId)) {
    if (isAdmin(actor) || (actor.grants.some((grant) => grant.role === "koordinator") && coversKelurahan(actor, rtPlace))) return "staff";
    const personId = actor.person?.id;
    if (personId !== undefined && actor.grants.some((grant) => grant.role === "penilai" && grant.roundId === place.roundId)) {
      if ((await assessorRtIds(db, { roundId: place.roundId, personId })).includes(place.rtId)) return "team";
    }
  }
  if (heads) {
    if (round.decidedAt) return "ketua";
    throw new DomainError("assessment-recap-after-decision");
  }
  throw new DomainError(isOwnRt(actor, place.rtId) ? "assessment-own-rt" : "out-of-scope");
}

/** The team recap of one RT in a round, as this actor may read it (refused otherwise). */
export async function teamRecapView(db: Database, actor: Actor, place: RoundRt): Promise<RecapView> {
  const viewer = await recapViewerOf(db, actor, place);
  const round = (await findRound(db, place.roundId))!;
  const rtDetails = await getRt(db, place.rtId);
  const [found] = await teamRecaps(db, { roundId: place.roundId, rtIds: [place.rtId] });
  const recap: TeamRecap = found ?? {
    rtId: place.rtId,
    indicators: INDICATOR_CODES.map((code) => ({ code, combined: null, scores: [] })),
    total: 0,
    scored: 0,
    unscored: INDICATOR_CODES.length,
    assessors: 0,
  };
  const rows = await queryRows<{ person_id: number; agency: string; name: string | null }>(
    db,
    sql`select distinct on (a.person_id) a.person_id, a.agency::text as agency, p.display_name as name
        from round_assessor a join person p on p.id = a.person_id
        where a.round_id = ${place.roundId} and a.revoked_at is null
        order by a.person_id, a.id desc`,
  );
  const assessors: Record<number, RecapAssessor> = {};
  for (const row of rows) assessors[Number(row.person_id)] = { personId: Number(row.person_id), agency: row.agency, name: viewer === "ketua" ? null : row.name };
  const shown = viewer === "team" && actor.person ? asTeamMember(recap, actor.person.id) : { recap, withheld: {} };
  return { roundId: round.id, year: round.year, rt: rtDetails, viewer, recap: shown.recap, assessors, withheld: shown.withheld };
}

export type RecapChoice = { roundId: number; year: number; rt: RtDetails };

/**
 * The recaps this actor may open: the RTs they may score (team), the proposed RTs of their area in
 * the current round (koordinator, admin), their own RT in each decided round it was proposed in (ketua).
 */
export async function recapChoices(db: Database, actor: Actor): Promise<RecapChoice[]> {
  const choices = new Map<string, RecapChoice>();
  const add = (choice: RecapChoice) => choices.set(`${choice.roundId}:${choice.rt.id}`, choice);
  for (const entry of (await scorableRts(db, actor)).rts) add(entry);
  const staff = isAdmin(actor) || actor.grants.some((grant) => grant.role === "koordinator");
  const headed = actor.grants.flatMap((grant) => (grant.role === "ketua_rt" && grant.rtId !== null ? [grant.rtId] : []));
  if (staff || headed.length > 0) {
    // The area's staff read the current round: the newest undecided one with a proposal, else the newest with one.
    const [current] = await queryRows<{ round_id: number }>(
      db,
      sql`select p.round_id from rt_proposal p join assessment_round r on r.id = p.round_id
          where p.withdrawn_at is null
          order by (r.decided_at is null) desc, r.year desc, p.round_id desc limit 1`,
    );
    const kelurahanCodes = actor.grants.flatMap((grant) => (grant.role === "koordinator" && grant.kelurahanCode ? [grant.kelurahanCode] : []));
    const kecamatanCodes = actor.grants.flatMap((grant) => (grant.role === "koordinator" && grant.kecamatanCode ? [grant.kecamatanCode] : []));
    const area = isAdmin(actor) ? sql`true` : sql`(kl.code = any(${textArray(kelurahanCodes)}::text[]) or kl.kecamatan_code = any(${textArray(kecamatanCodes)}::text[]))`;
    const staffRows = staff && current ? sql`(p.round_id = ${Number(current.round_id)} and ${area})` : sql`false`;
    const headedRows = headed.length > 0 ? sql`(r.decided_at is not null and rt.id = any(${intArray(headed)}))` : sql`false`;
    // Filtered by scope in SQL, with the RTs' names joined: one query for a city's 975 proposals.
    const rows = await queryRows<RtRow & { round_id: number; year: number; decided: boolean }>(
      db,
      sql`select p.round_id, r.year, r.decided_at is not null as decided, ${RT_COLUMNS}
          from rt_proposal p
          join assessment_round r on r.id = p.round_id
          join rt on rt.id = p.rt_id
          join kelurahan kl on kl.code = rt.kelurahan_code
          join kecamatan kc on kc.code = kl.kecamatan_code
          where p.withdrawn_at is null and (${headedRows} or ${staffRows})`,
    );
    for (const row of rows) {
      const place = rtOfRow(row);
      const roundId = Number(row.round_id);
      if (headed.includes(place.id) && row.decided) {
        add({ roundId, year: Number(row.year), rt: place });
        continue;
      }
      // The rest came by the staff's area and round: never their own RT.
      if (isOwnRt(actor, place.id)) continue;
      add({ roundId, year: Number(row.year), rt: place });
    }
  }
  return [...choices.values()].sort((a, b) => b.year - a.year || a.rt.kelurahanName.localeCompare(b.rt.kelurahanName) || a.rt.number - b.rt.number);
}
