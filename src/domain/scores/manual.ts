import { and, asc, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { lockRequest } from "../../db/request-lock.js";
import { indicatorScore, person } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { isAdmin, type Actor } from "../people/actor.js";
import { ensurePerson } from "../people/person.js";
import { coversKelurahan } from "../roles/scope.js";
import { getRt, type RtDetails } from "../rt/rt.js";
import { compareDates, formatLocalDate, isValidDate, wibDate, type LocalDate } from "../schedule/wib.js";
import { TEXT_LIMITS } from "../text-limits.js";
import { isAutomatic, isIndicatorCode, type IndicatorCode } from "./indicators.js";
import type { RtSelection } from "./metrics.js";

export const MANUAL_NOTE_MAX = TEXT_LIMITS.manualScoreNote;

export type ManualScoreInput = {
  rtId: number;
  code: string;
  score: number;
  note: string | null;
  assessedOn: LocalDate;
  /** The form step's key (the bulk pass: form key + indicator); the same key saves one row, whatever arrives again. */
  requestKey?: string;
};

export type ManualScore = {
  id: number;
  rtId: number;
  code: IndicatorCode;
  score: 0 | 1 | 2;
  note: string | null;
  /** YYYY-MM-DD (WIB). */
  assessedOn: string;
  enteredBy: number;
  enteredByName: string | null;
  enteredAt: Date;
};

const columns = {
  id: indicatorScore.id,
  rtId: indicatorScore.rtId,
  code: indicatorScore.indicatorCode,
  score: indicatorScore.score,
  note: indicatorScore.note,
  assessedOn: indicatorScore.assessedOn,
  enteredBy: indicatorScore.enteredBy,
  enteredByName: person.displayName,
  enteredAt: indicatorScore.enteredAt,
};

type Row = Omit<ManualScore, "code" | "score"> & { code: string; score: number };

function toManualScore(row: Row): ManualScore {
  return { ...row, code: row.code as IndicatorCode, score: row.score as ManualScore["score"] };
}

/** Newest assessment first; on the same date the later entry is the correction. */
const latestFirst = [desc(indicatorScore.assessedOn), desc(indicatorScore.enteredAt), desc(indicatorScore.id)];

/**
 * A koordinator whose kelurahan or kecamatan holds the RT (or an admin) scores an indicator the bot
 * cannot measure. The ketua RT may not score their own RT, whatever other role they hold. Each call appends a row; the history stays.
 */
export async function enterManualScore(db: Database, actor: Actor, input: ManualScoreInput, now: Date): Promise<ManualScore> {
  if (!isIndicatorCode(input.code)) throw new DomainError("indicator-unknown", { code: input.code });
  const code = input.code;
  if (isAutomatic(code)) throw new DomainError("indicator-automatic", { code });
  if (!Number.isInteger(input.score) || input.score < 0 || input.score > 2) throw new DomainError("indicator-score-invalid");
  const place = await getRt(db, input.rtId);
  assertMayScore(actor, place);
  if (!isValidDate(input.assessedOn) || compareDates(input.assessedOn, wibDate(now)) > 0) throw new DomainError("indicator-date-in-future");
  const note = input.note?.trim() || null;
  if (note !== null && note.length > MANUAL_NOTE_MAX) throw new DomainError("indicator-note-too-long", { max: MANUAL_NOTE_MAX });
  // A bootstrap admin (from config) may never have written to the bot: give them a row to sign with.
  const enteredBy = actor.person?.id ?? (await ensurePerson(db, actor.telegramId));
  // /nilai is idempotent without a request key: the bot fixes `now` once per confirmation (in
  // conversation.external, before the confirm button is shown), so a replayed or repeated save
  // arrives with the same entry instant. The same person entering the same score, note and date
  // for the same indicator at the same instant is that one entry, not a second assessment. The
  // form's key (person, instant) is held while looking, so two saves racing on two instances
  // find one another rather than both inserting. The bulk pass passes a step key instead.
  const requestKey = input.requestKey;
  const row = await db.transaction(async (tx) => {
    await lockRequest(tx, requestKey ?? `score:${enteredBy}:${now.getTime()}`);
    // With a step key, that key alone says whether this answer was saved (a double tap may come
    // with a later clock; the first answer stands).
    const [existing] = await selectScores(tx).where(requestKey !== undefined ? eq(indicatorScore.requestKey, requestKey) : 
      and(
        eq(indicatorScore.rtId, place.id),
        eq(indicatorScore.indicatorCode, code),
        eq(indicatorScore.enteredBy, enteredBy),
        eq(indicatorScore.enteredAt, now),
        eq(indicatorScore.score, input.score),
        eq(indicatorScore.assessedOn, formatLocalDate(input.assessedOn)),
        note === null ? isNull(indicatorScore.note) : eq(indicatorScore.note, note),
        isNull(indicatorScore.requestKey),
      ),
    );
    if (existing) return existing;
    const [inserted] = await tx
      .insert(indicatorScore)
      .values({ rtId: place.id, indicatorCode: code, score: input.score, note, assessedOn: formatLocalDate(input.assessedOn), enteredBy, enteredAt: now, requestKey: requestKey ?? null })
      .returning({ id: indicatorScore.id });
    // The note is free text: it stays with the score, not in the log.
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: enteredBy, action: "manual_score_entered", rtId: place.id, entityType: "indicator_score", entityId: inserted!.id,
      details: { indicator: code, score: input.score, assessedOn: formatLocalDate(input.assessedOn) },
    });
    return inserted;
  });
  const [entered] = await selectScores(db).where(eq(indicatorScore.id, row!.id));
  return toManualScore(entered!);
}

/**
 * May the actor score this RT's manual indicators? A koordinator whose area holds it, or an admin;
 * never its own ketua, even one who also coordinates the kelurahan.
 */
export function assertMayScore(actor: Actor, place: Pick<RtDetails, "id" | "kelurahanCode" | "kecamatanCode">): void {
  const assessor = isAdmin(actor) || actor.grants.some((grant) => grant.role === "koordinator");
  const headsIt = actor.grants.some((grant) => grant.role === "ketua_rt" && grant.rtId === place.id);
  if (!assessor || headsIt) throw new DomainError("not-allowed");
  if (!coversKelurahan(actor, place)) throw new DomainError("out-of-scope");
}

/** The entry a person made at exactly `enteredAt`, if any (a confirm button tapped again after saving). */
export async function findEnteredScore(db: Database, personId: number, enteredAt: Date): Promise<ManualScore | undefined> {
  const [row] = await selectScores(db).where(and(eq(indicatorScore.enteredBy, personId), eq(indicatorScore.enteredAt, enteredAt)));
  return row ? toManualScore(row) : undefined;
}

function selectScores(db: Database) {
  return db.select(columns).from(indicatorScore).innerJoin(person, eq(person.id, indicatorScore.enteredBy));
}

/** Every manual score of an RT (of one indicator, if given), newest assessment first. */
export async function manualScoreHistory(db: Database, rtId: number, code?: IndicatorCode): Promise<ManualScore[]> {
  const rows = await selectScores(db)
    .where(and(eq(indicatorScore.rtId, rtId), code ? eq(indicatorScore.indicatorCode, code) : undefined))
    .orderBy(asc(indicatorScore.indicatorCode), ...latestFirst);
  return rows.map(toManualScore);
}

/**
 * The current manual score of each (RT, indicator) that has one, in one query: rtId → code → score.
 * `enteredBefore`: the scores as they stood then (entries made later are left out), for a scorecard
 * of a past instant (the monthly summary compares two month starts).
 */
export async function currentManualScores(db: Database, rtIds: RtSelection, options: { enteredBefore?: Date } = {}): Promise<Map<number, Map<IndicatorCode, ManualScore>>> {
  const result = new Map<number, Map<IndicatorCode, ManualScore>>();
  if (rtIds !== "all" && rtIds.length === 0) return result;
  const rows = await db
    .selectDistinctOn([indicatorScore.rtId, indicatorScore.indicatorCode], columns)
    .from(indicatorScore)
    .innerJoin(person, eq(person.id, indicatorScore.enteredBy))
    .where(and(rtIds === "all" ? undefined : inArray(indicatorScore.rtId, [...rtIds]), options.enteredBefore ? lt(indicatorScore.enteredAt, options.enteredBefore) : undefined))
    .orderBy(indicatorScore.rtId, indicatorScore.indicatorCode, ...latestFirst);
  for (const row of rows) {
    const score = toManualScore(row);
    let perRt = result.get(score.rtId);
    if (!perRt) result.set(score.rtId, (perRt = new Map()));
    perRt.set(score.code, score);
  }
  return result;
}

/** The entry a person saved under a step key, if any (a bulk-pass answer tapped again after the pass moved on). */
export async function findScoreByRequestKey(db: Database, params: { personId: number; requestKey: string }): Promise<ManualScore | undefined> {
  const [row] = await selectScores(db).where(and(eq(indicatorScore.enteredBy, params.personId), eq(indicatorScore.requestKey, params.requestKey)));
  return row ? toManualScore(row) : undefined;
}
