import { and, desc, eq, gte, isNull, or, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { eventOccurrence, evidence, person } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.js";
import { assertMayAssess, isOwnRt, scorableRts } from "../cycle/assessment.js";
import { DomainError } from "../errors.js";
import { getOccurrence, listManageable, type EventKind, type Occurrence } from "../events/events.js";
import type { Actor } from "../people/actor.js";
import { isAdmin } from "../people/actor.js";
import { parseNotes, type Parsed } from "../people/text-input.js";
import { ensurePerson } from "../people/person.js";
import { coversKelurahan } from "../roles/scope.js";
import { getRt, type RtDetails } from "../rt/rt.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { TEXT_LIMITS } from "../text-limits.js";
import { isIndicatorCode, type IndicatorCode } from "../scores/indicators.js";

export const EVIDENCE_CAPTION_MAX = TEXT_LIMITS.evidenceCaption;
/** What /bukti offers to attach photos to: occurrences that ended this many days ago at most… */
export const EVIDENCE_PAST_DAYS = 14;
/** …or that start within this many days (the photo of the prepared place, the invitation). */
export const EVIDENCE_FUTURE_DAYS = 7;
/** Photos one form takes; an album holds at most 10, so this is several albums. */
export const EVIDENCE_PHOTOS_MAX = 30;
/** The latest photos /bukti lists, each with its "Hapus". */
export const EVIDENCE_LATEST = 8;

/** What the photos are evidence of: one occurrence (an event, a ronda night) or one indicator. */
export type EvidenceTarget = { kind: "occurrence"; occurrenceId: number } | { kind: "indicator"; code: IndicatorCode };

/** A photo as Telegram sent it: the largest size's file id, its unique id, the caption if any. */
export type EvidencePhoto = { fileId: string; fileUniqueId: string; caption: string | null };

/** The RTs whose evidence the actor keeps: those they head or are petugas of. */
export function evidenceRtIds(actor: Actor): number[] {
  const ids = actor.grants.flatMap((grant) => ((grant.role === "ketua_rt" || grant.role === "petugas") && grant.rtId !== null ? [grant.rtId] : []));
  return [...new Set(ids)];
}

export function mayAddEvidence(actor: Actor, rtId: number): boolean {
  return evidenceRtIds(actor).includes(rtId);
}

function assertMayAddEvidence(actor: Actor, rtId: number): void {
  if (!mayAddEvidence(actor, rtId)) throw new DomainError("not-allowed");
}

/** Who may read an RT's evidence list: its ketua and petugas, a koordinator over it, an admin. */
function assertMayViewEvidence(actor: Actor, place: RtDetails): void {
  if (!mayAddEvidence(actor, place.id) && !coversKelurahan(actor, place)) throw new DomainError("not-allowed");
}

/**
 * A caption as it is kept: invisible characters dropped, spaces folded, at most
 * EVIDENCE_CAPTION_MAX characters. Emoji stay (the pack replaces what its fonts cannot draw).
 */
export function parseEvidenceCaption(raw: string): Parsed<string> {
  const parsed = parseNotes(raw);
  if (parsed.ok && parsed.value.length > EVIDENCE_CAPTION_MAX) return { ok: false, reason: "too-long", vars: { max: EVIDENCE_CAPTION_MAX } };
  if (!parsed.ok && parsed.reason === "too-long") return { ok: false, reason: "too-long", vars: { max: EVIDENCE_CAPTION_MAX } };
  return parsed;
}

/** The occurrences /bukti offers for an RT: the last EVIDENCE_PAST_DAYS and the next EVIDENCE_FUTURE_DAYS, oldest first. */
export async function listEvidenceOccurrences(db: Database, actor: Actor, params: { rtId: number; now: Date }): Promise<Occurrence[]> {
  assertMayAddEvidence(actor, params.rtId);
  return listManageable(db, params.rtId, params.now, EVIDENCE_PAST_DAYS, EVIDENCE_FUTURE_DAYS);
}

/** The target's own RT must be the form's: a forged occurrence id of another RT is refused. */
async function checkTarget(db: Database, rtId: number, target: EvidenceTarget): Promise<void> {
  if (target.kind === "indicator") {
    if (!isIndicatorCode(target.code)) throw new DomainError("indicator-unknown", { code: String(target.code) });
    return;
  }
  const occurrence = await getOccurrence(db, target.occurrenceId);
  if (occurrence.rtId !== rtId) throw new DomainError("out-of-scope");
}

/**
 * Stores the photos of one /bukti form, with one audit row (evidence_added, with the count) in one
 * transaction. Idempotent: each row's key is the form's key and the photo's file_unique_id, so a
 * redelivered "Selesai", a replay, or the same photo sent twice in one form is one row. Returns how
 * many rows this call added and how many photos the form holds.
 */
export async function addEvidence(
  deps: ServiceDeps,
  actor: Actor,
  input: { rtId: number; target: EvidenceTarget; photos: readonly EvidencePhoto[]; requestKey: string },
): Promise<{ added: number; photos: number }> {
  assertMayAddEvidence(actor, input.rtId);
  if (input.photos.length === 0) throw new DomainError("evidence-no-photos");
  if (input.photos.length > EVIDENCE_PHOTOS_MAX) throw new DomainError("evidence-too-many", { max: EVIDENCE_PHOTOS_MAX });
  await checkTarget(deps.db, input.rtId, input.target);
  const unique = new Map<string, EvidencePhoto>();
  for (const photo of input.photos) {
    let caption: string | null = null;
    if (photo.caption !== null) {
      const parsed = parseEvidenceCaption(photo.caption);
      if (!parsed.ok && parsed.reason === "too-long") throw new DomainError("evidence-caption-too-long", { max: EVIDENCE_CAPTION_MAX });
      caption = parsed.ok ? parsed.value : null;
    }
    if (!unique.has(photo.fileUniqueId)) unique.set(photo.fileUniqueId, { ...photo, caption });
  }
  const now = deps.clock();
  const added = await inTransaction(deps, async (tx) => {
    // Inside: a failed insert leaves no person row behind (the change and its person are one).
    const addedBy = actor.person?.id ?? (await ensurePerson(tx, actor.telegramId));
    const rows = await tx
      .insert(evidence)
      .values(
        [...unique.values()].map((photo) => ({
          rtId: input.rtId,
          occurrenceId: input.target.kind === "occurrence" ? input.target.occurrenceId : null,
          indicatorCode: input.target.kind === "indicator" ? input.target.code : null,
          fileId: photo.fileId,
          fileUniqueId: photo.fileUniqueId,
          caption: photo.caption,
          addedBy,
          addedAt: now,
          requestKey: `${input.requestKey}:${photo.fileUniqueId}`,
        })),
      )
      .onConflictDoNothing({ target: evidence.requestKey })
      .returning({ id: evidence.id });
    // Captions are free text: they stay with the photo, not in the log.
    if (rows.length > 0) {
      await recordAudit(tx, {
        occurredAt: now, actorPersonId: addedBy, action: "evidence_added", rtId: input.rtId, entityType: "evidence", entityId: rows[0]!.id,
        details: { count: rows.length, ...(input.target.kind === "occurrence" ? { occurrence: input.target.occurrenceId } : { indicator: input.target.code }) },
      });
    }
    return rows.length;
  });
  return { added, photos: unique.size };
}

/** A photo as lists and the pack show it. */
export type EvidenceItem = {
  id: number;
  rtId: number;
  occurrenceId: number | null;
  occurrenceKind: EventKind | null;
  occurrenceStartsAt: Date | null;
  indicatorCode: IndicatorCode | null;
  /** Set for a team member's on-site photo (/nilaitim): the team's working evidence, not the RT's own. */
  roundId: number | null;
  fileId: string;
  caption: string | null;
  addedBy: number | null;
  addedByName: string | null;
  addedAt: Date;
};

const itemColumns = {
  id: evidence.id,
  rtId: evidence.rtId,
  occurrenceId: evidence.occurrenceId,
  occurrenceKind: eventOccurrence.kind,
  occurrenceStartsAt: eventOccurrence.startsAt,
  indicatorCode: evidence.indicatorCode,
  roundId: evidence.roundId,
  fileId: evidence.fileId,
  caption: evidence.caption,
  addedBy: evidence.addedBy,
  addedByName: person.displayName,
  addedAt: evidence.addedAt,
};

function selectItems(db: Database) {
  return db.select(itemColumns).from(evidence).leftJoin(eventOccurrence, eq(eventOccurrence.id, evidence.occurrenceId)).leftJoin(person, eq(person.id, evidence.addedBy));
}

function toItem(row: Omit<EvidenceItem, "indicatorCode"> & { indicatorCode: string | null }): EvidenceItem {
  return { ...row, indicatorCode: row.indicatorCode as IndicatorCode | null };
}

/** Photos kept per target: an occurrence (with its kind and start) or an indicator. */
export type EvidenceCount = { occurrenceId: number | null; occurrenceKind: EventKind | null; occurrenceStartsAt: Date | null; indicatorCode: IndicatorCode | null; count: number };

/**
 * /bukti's overview of an RT: photos per target (most first) and the latest few, not removed. The
 * team's on-site photos (round_id set) are not the RT's: its ketua, who is being assessed, does not
 * see them or who took them here.
 */
export async function evidenceOverview(db: Database, actor: Actor, params: { rtId: number }): Promise<{ counts: EvidenceCount[]; latest: EvidenceItem[]; total: number }> {
  const place = await getRt(db, params.rtId);
  assertMayViewEvidence(actor, place);
  const rows = await queryRows<{ occurrence_id: number | null; kind: EventKind | null; starts_at: Date | string | null; indicator_code: string | null; count: number }>(
    db,
    sql`select e.occurrence_id, o.kind, o.starts_at, e.indicator_code, count(*)::int as count
        from ${evidence} e left join ${eventOccurrence} o on o.id = e.occurrence_id
        where e.rt_id = ${place.id} and e.removed_at is null and e.round_id is null
        group by e.occurrence_id, o.kind, o.starts_at, e.indicator_code
        order by count(*) desc, o.starts_at desc nulls last, e.indicator_code`,
  );
  const counts = rows.map((row) => ({
    occurrenceId: row.occurrence_id === null ? null : Number(row.occurrence_id),
    occurrenceKind: row.kind,
    occurrenceStartsAt: row.starts_at === null ? null : new Date(row.starts_at),
    indicatorCode: row.indicator_code as IndicatorCode | null,
    count: Number(row.count),
  }));
  const latest = (await selectItems(db).where(and(eq(evidence.rtId, place.id), isNull(evidence.removedAt), isNull(evidence.roundId))).orderBy(desc(evidence.addedAt), desc(evidence.id)).limit(EVIDENCE_LATEST)).map(toItem);
  return { counts, latest, total: counts.reduce((sum, entry) => sum + entry.count, 0) };
}

/**
 * May the actor remove this photo: the one who added it, a koordinator over it, an admin; the ketua
 * of its RT too, except a team member's on-site photo (round_id set), which is not the RT's to drop.
 */
function mayRemove(actor: Actor, row: { addedBy: number | null; roundId: number | null }, place: RtDetails): boolean {
  if (actor.person !== null && row.addedBy === actor.person.id) return true;
  if (row.roundId === null && actor.grants.some((grant) => grant.role === "ketua_rt" && grant.rtId === place.id)) return true;
  return coversKelurahan(actor, place);
}

/**
 * Removes a photo softly (removed_at/by; the row stays), audited as evidence_removed. A second tap,
 * a redelivery: already removed, nothing changes (`removed: false`).
 */
export async function removeEvidence(deps: ServiceDeps, actor: Actor, params: { evidenceId: number }): Promise<{ removed: boolean; item: EvidenceItem }> {
  const [row] = await selectItems(deps.db).where(eq(evidence.id, params.evidenceId));
  if (!row) throw new DomainError("evidence-not-found");
  const place = await getRt(deps.db, row.rtId);
  if (!mayRemove(actor, row, place)) throw new DomainError("not-allowed");
  const now = deps.clock();
  const removed = await inTransaction(deps, async (tx) => {
    const removedBy = actor.person?.id ?? (await ensurePerson(tx, actor.telegramId));
    const changed = await tx
      .update(evidence)
      .set({ removedAt: now, removedBy })
      .where(and(eq(evidence.id, row.id), isNull(evidence.removedAt)))
      .returning({ id: evidence.id });
    if (changed.length === 0) return false;
    await recordAudit(tx, { occurredAt: now, actorPersonId: removedBy, action: "evidence_removed", rtId: place.id, entityType: "evidence", entityId: row.id, details: {} });
    return true;
  });
  return { removed, item: toItem(row) };
}

/**
 * The photos an RT's evidence pack for a round shows: not removed, added from `since` on, kept all
 * year (no round) or taken for this round (unless `withTeam` is false: the ketua's pack before the
 * decision), at most `limit`: this round's team photos first, then those of an indicator, then the
 * newest. Only ids and words: the pack fetches each file in turn. `total` counts all that match, so
 * the pack can say how many it left out.
 */
export async function listPackEvidence(
  db: Database,
  params: { rtId: number; roundId: number; since: Date; limit: number; withTeam: boolean },
): Promise<{ items: EvidenceItem[]; total: number }> {
  const which = and(
    eq(evidence.rtId, params.rtId),
    isNull(evidence.removedAt),
    gte(evidence.addedAt, params.since),
    params.withTeam ? or(isNull(evidence.roundId), eq(evidence.roundId, params.roundId)) : isNull(evidence.roundId),
  );
  const rows = await selectItems(db)
    .where(which)
    .orderBy(sql`${evidence.roundId} is null`, sql`${evidence.indicatorCode} is null`, desc(evidence.addedAt), desc(evidence.id))
    .limit(params.limit);
  const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(evidence).where(which);
  return { items: rows.map(toItem), total: Number(counted?.total ?? rows.length) };
}

/**
 * How an RT's pack for a round is read: "staff" (a koordinator over it, an admin) and "team" (an
 * assessor who may score it now) see the team's scores and who gave them; "ketua" (its own ketua)
 * sees them only once the round is decided, and never who took the team's photos, as /rekaptim.
 */
export type PackViewer = "staff" | "team" | "ketua";

/**
 * The actor's view of an RT's pack for a round, or null: its ketua (or acting ketua), and anyone
 * else with a right over their own RT, as its ketua; a koordinator over it or an admin; an assessor
 * by assessment.ts's own rule (on the round's team, the RT in their scope, proposed and not
 * withdrawn, not their own RT, the round undecided: assertMayAssess, re-read here).
 */
export async function packViewerOf(db: Database, actor: Actor, params: { rtId: number; roundId: number }): Promise<PackViewer | null> {
  const place = await getRt(db, params.rtId);
  const covers = coversKelurahan(actor, place);
  // Their own RT first (its ketua or acting ketua, petugas, resident): read as its ketua reads it,
  // whatever else they are, so a koordinator acting as its ketua sees no team scores before the
  // decision; an assessor may not score it either (assertMayAssess).
  if (isOwnRt(actor, place.id)) return covers || actor.grants.some((grant) => grant.role === "ketua_rt" && grant.rtId === place.id) ? "ketua" : null;
  if (covers) return "staff";
  try {
    await assertMayAssess(db, actor, { roundId: params.roundId, rtId: place.id });
    return "team";
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
  return null;
}

export async function mayGetPack(db: Database, actor: Actor, params: { rtId: number; roundId: number }): Promise<boolean> {
  return (await packViewerOf(db, actor, params)) !== null;
}

/** Refuses unless the actor may have the pack; returns how they read it. */
export async function assertMayGetPack(db: Database, actor: Actor, params: { rtId: number; roundId: number }): Promise<PackViewer> {
  const viewer = await packViewerOf(db, actor, params);
  if (viewer === null) throw new DomainError("out-of-scope");
  return viewer;
}

/** The RTs the actor may have a pack of in a round, as ids (the feature loads their names). */
export async function packRtIds(db: Database, actor: Actor, params: { roundId: number }): Promise<number[] | "area"> {
  if (isAdmin(actor) || actor.grants.some((grant) => grant.role === "koordinator")) return "area";
  const ids = new Set(actor.grants.flatMap((grant) => (grant.role === "ketua_rt" && grant.rtId !== null ? [grant.rtId] : [])));
  // An assessor: the RTs they may score in this round now (scorableRts applies assertMayAssess's rule).
  for (const entry of (await scorableRts(db, actor)).rts) if (entry.roundId === params.roundId) ids.add(entry.rt.id);
  return [...ids].sort((a, b) => a - b);
}

/** Names of the RTs given, in the order given. */
export async function rtsByIds(db: Database, rtIds: readonly number[]): Promise<RtDetails[]> {
  const found = await Promise.all(rtIds.map((id) => getRt(db, id)));
  return found;
}

/** The ledgers' totals of an RT over a period, for the pack: its residents' deposits and the reading corner's work. */
export type LedgerTotals = { deposits: number; grams: number; rupiah: number; sessions: number; sessionAttendees: number; loans: number };

export async function ledgerTotals(db: Database, params: { rtId: number; from: Date; to: Date }): Promise<LedgerTotals> {
  // As text with a cast: postgres.js does not take a Date as a parameter of raw SQL (PGlite does).
  const { rtId } = params;
  const from = sql`${params.from.toISOString()}::timestamptz`;
  const to = sql`${params.to.toISOString()}::timestamptz`;
  // The deposit lines still standing: a reversal of the whole entry, or of that line, takes it out
  // (the scorecard's rule, metrics.ts). Rupiah is the lines' value, since a line reversal cancels
  // only its line's value and the entry's amount stays as it was recorded.
  const [row] = await queryRows<{ deposits: number; grams: string | number; rupiah: string | number; sessions: number; attendees: string | number; loans: number }>(
    db,
    sql`with standing as (
          select d.entry_id, d.unit, d.quantity, d.value from deposit_line d join ledger_entry l on l.id = d.entry_id
           where l.rt_id = ${rtId} and l.kind = 'deposit' and l.occurred_at >= ${from} and l.occurred_at < ${to}
             and not exists (select 1 from ledger_entry r where r.reverses_entry_id = l.id and (r.reverses_line_no is null or r.reverses_line_no = d.line_no)))
        select
          (select count(distinct entry_id)::int from standing) as deposits,
          (select coalesce(sum(quantity) filter (where unit = 'kg'), 0) from standing) as grams,
          (select coalesce(sum(value), 0) from standing) as rupiah,
          (select count(*)::int from reading_session s where s.rt_id = ${rtId} and s.held_at >= ${from} and s.held_at < ${to}) as sessions,
          (select coalesce(sum(s.attendee_count), 0) from reading_session s where s.rt_id = ${rtId} and s.held_at >= ${from} and s.held_at < ${to}) as attendees,
          (select count(*)::int from book_loan b where b.rt_id = ${rtId} and b.lent_at >= ${from} and b.lent_at < ${to}) as loans`,
  );
  return {
    deposits: Number(row?.deposits ?? 0),
    grams: Number(row?.grams ?? 0),
    rupiah: Number(row?.rupiah ?? 0),
    sessions: Number(row?.sessions ?? 0),
    sessionAttendees: Number(row?.attendees ?? 0),
    loans: Number(row?.loans ?? 0),
  };
}

/** A photo as the dashboard's RT page shows it: what it is evidence of and when it was added; no caption, no sender. */
export type EvidenceThumb = { id: number; occurrenceKind: EventKind | null; occurrenceStartsAt: Date | null; indicatorCode: IndicatorCode | null; addedAt: Date };

/**
 * The RT's latest own photos (not removed, not the team's on-site ones), newest first, at most
 * `limit`. No right is checked here: the dashboard has checked canManageRt for the RT first.
 */
export async function latestRtEvidence(db: Database, params: { rtId: number; limit: number }): Promise<EvidenceThumb[]> {
  const rows = await db
    .select({ id: evidence.id, occurrenceKind: eventOccurrence.kind, occurrenceStartsAt: eventOccurrence.startsAt, indicatorCode: evidence.indicatorCode, addedAt: evidence.addedAt })
    .from(evidence)
    .leftJoin(eventOccurrence, eq(eventOccurrence.id, evidence.occurrenceId))
    .where(and(eq(evidence.rtId, params.rtId), isNull(evidence.removedAt), isNull(evidence.roundId)))
    .orderBy(desc(evidence.addedAt), desc(evidence.id))
    .limit(params.limit);
  return rows.map((row) => ({ ...row, indicatorCode: row.indicatorCode as IndicatorCode | null }));
}

/**
 * One photo the dashboard may serve, by id: its RT (for the reader's right, checked by the caller)
 * and Telegram's file id; null when there is no such photo, it was removed, or it is a team
 * member's on-site photo (not the RT's own, and never on its page).
 */
export async function evidenceFileOf(db: Database, params: { evidenceId: number }): Promise<{ id: number; rtId: number; fileId: string } | null> {
  const [row] = await db
    .select({ id: evidence.id, rtId: evidence.rtId, fileId: evidence.fileId })
    .from(evidence)
    .where(and(eq(evidence.id, params.evidenceId), isNull(evidence.removedAt), isNull(evidence.roundId)));
  return row ?? null;
}
