import { sql } from "drizzle-orm";
import { intArray, queryRows, type Database } from "../../db/client.js";
import { kencanaRequirement } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { isAdmin, type Actor } from "../people/actor.js";
import { ensurePerson } from "../people/person.js";
import { parseNotes, type Parsed } from "../people/text-input.js";
import { areaScope, coversKelurahan } from "../roles/scope.js";
import { getRt } from "../rt/rt.js";
import { compareDates, isValidDate, wibDate, type LocalDate } from "../schedule/wib.js";
import { DEFAULT_SCORE_CONFIG } from "../scores/config.js";
import { computeTrends } from "../scores/trend.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import type { AwardCategory } from "./award.js";

/**
 * Kampung BANTAR Kencana: the step after the title, for the RTs that keep it.
 *
 * The requirements are ours (Perwali 47/2014 names no list the bot can read); each has locale
 * wording `kencana-req-<code>` and is recorded met or not, with a note, per RT:
 * - `rumah_restorative_justice`: a restorative-justice house, the one requirement the seeds name;
 * - `bank_sampah_aktif`: a waste bank that runs and keeps its books open (the seeds' transparency
 *   of swadaya money, and B3/B6 kept up after the award);
 * - `pojok_baca_aktif`: a reading corner open to children (P2/P4, "smart people").
 * Each keeps something alive that the seeds say fades after the award, and is one a koordinator
 * can see on a visit.
 */
export const KENCANA_REQUIREMENTS = ["rumah_restorative_justice", "bank_sampah_aktif", "pojok_baca_aktif"] as const;
export type KencanaRequirement = (typeof KENCANA_REQUIREMENTS)[number];

export function isKencanaRequirement(value: string): value is KencanaRequirement {
  return (KENCANA_REQUIREMENTS as readonly string[]).includes(value);
}

export const KENCANA_NOTE_MAX = 200;

/** A requirement's note ("rumah RJ di balai RT, SK lurah 2028"): printable, at most KENCANA_NOTE_MAX. */
export function parseKencanaNote(raw: string): Parsed<string> {
  const parsed = parseNotes(raw);
  if (parsed.ok && parsed.value.length > KENCANA_NOTE_MAX) return { ok: false, reason: "too-long", vars: { max: KENCANA_NOTE_MAX } };
  return parsed;
}

/** The day a title has been held for one full year: the same date a year on (29 Feb: 1 March). */
export function fullYearOn(awardedOn: LocalDate): LocalDate {
  const next = { year: awardedOn.year + 1, month: awardedOn.month, day: awardedOn.day };
  return isValidDate(next) ? next : { year: next.year, month: 3, day: 1 };
}

export type KencanaShortfall = "held-under-a-year" | "fading" | "requirements-unmet" | "already-kencana";

/**
 * The rule (ours, kept in one place): a Kampung BANTAR holder is eligible for Kencana when it has
 * held the title for at least one full year on `today` (WIB), it is not fading now (the scorecard's
 * fading flag: participation fell against the weeks before), every requirement's latest record
 * says met, and it does not hold Kencana already. What it lacks is named, so the list says why.
 */
export function kencanaShortfalls(params: { awardedOn: LocalDate; today: LocalDate; fading: boolean; met: ReadonlyMap<KencanaRequirement, boolean>; holdsKencana: boolean }): KencanaShortfall[] {
  const shortfalls: KencanaShortfall[] = [];
  if (params.holdsKencana) shortfalls.push("already-kencana");
  if (compareDates(params.today, fullYearOn(params.awardedOn)) < 0) shortfalls.push("held-under-a-year");
  if (params.fading) shortfalls.push("fading");
  if (KENCANA_REQUIREMENTS.some((requirement) => params.met.get(requirement) !== true)) shortfalls.push("requirements-unmet");
  return shortfalls;
}

export type RequirementState = { requirement: KencanaRequirement; met: boolean | null; note: string | null; recordedAt: Date | null };

export type KencanaHolder = {
  rtId: number;
  number: number;
  kelurahanCode: string;
  kelurahanName: string;
  kecamatanCode: string;
  kecamatanName: string;
  category: AwardCategory;
  year: number;
  awardedOn: string;
  fading: boolean;
  requirements: RequirementState[];
  shortfalls: KencanaShortfall[];
  eligible: boolean;
};

function mayWatch(actor: Actor): void {
  if (!isAdmin(actor) && !actor.grants.some((grant) => grant.role === "koordinator")) throw new DomainError("not-allowed");
}

function localDate(text: string): LocalDate {
  const [year, month, day] = text.split("-").map(Number);
  return { year: year!, month: month!, day: day! };
}

/**
 * The Kampung BANTAR holders in the actor's area (an admin: the city), each with its requirements
 * and what it still lacks for Kencana; the eligible first, then by kecamatan, kelurahan and RT.
 */
export async function kencanaHolders(db: Database, actor: Actor, now: Date): Promise<KencanaHolder[]> {
  mayWatch(actor);
  const scope = areaScope(actor);
  const inScope = scope.city
    ? sql``
    : sql`and (r.kelurahan_code = any(${`{${scope.kelurahanCodes.join(",")}}`}::text[]) or kl.kecamatan_code = any(${`{${scope.kecamatanCodes.join(",")}}`}::text[]))`;
  const rows = await queryRows<{
    rt_id: number; number: number; kelurahan_code: string; kelurahan_name: string; kecamatan_code: string; kecamatan_name: string;
    category: AwardCategory; year: number | null; awarded_on: string; kencana: boolean | string;
  }>(
    db,
    sql`select t.rt_id, r.number, r.kelurahan_code, kl.name as kelurahan_name, kl.kecamatan_code, kc.name as kecamatan_name,
          t.category, ar.year, t.awarded_on::text as awarded_on,
          exists (select 1 from rt_title k where k.rt_id = t.rt_id and k.level = 'kencana') as kencana
        from rt_title t
        join rt r on r.id = t.rt_id
        join kelurahan kl on kl.code = r.kelurahan_code
        join kecamatan kc on kc.code = kl.kecamatan_code
        left join assessment_round ar on ar.id = t.round_id
        where t.level = 'bantar' ${inScope}`,
  );
  if (rows.length === 0) return [];
  const rtIds = rows.map((row) => Number(row.rt_id));
  const states = await requirementStates(db, rtIds);
  const fading = new Map((await computeTrends(db, rtIds, now, DEFAULT_SCORE_CONFIG)).map((trend) => [trend.rt.rtId, trend.fading.menurun]));
  const today = wibDate(now);
  return rows
    .map((row): KencanaHolder => {
      const rtId = Number(row.rt_id);
      const requirements = KENCANA_REQUIREMENTS.map((requirement) => states.get(rtId)?.get(requirement) ?? { requirement, met: null, note: null, recordedAt: null });
      const shortfalls = kencanaShortfalls({
        awardedOn: localDate(row.awarded_on),
        today,
        fading: fading.get(rtId) ?? false,
        met: new Map(requirements.map((state) => [state.requirement, state.met === true])),
        holdsKencana: row.kencana === true || row.kencana === "t",
      });
      return {
        rtId, number: Number(row.number), kelurahanCode: row.kelurahan_code, kelurahanName: row.kelurahan_name, kecamatanCode: row.kecamatan_code, kecamatanName: row.kecamatan_name,
        category: row.category, year: row.year === null ? Number(row.awarded_on.slice(0, 4)) : Number(row.year), awardedOn: row.awarded_on,
        fading: fading.get(rtId) ?? false, requirements, shortfalls, eligible: shortfalls.length === 0,
      };
    })
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.kecamatanName.localeCompare(b.kecamatanName) || a.kelurahanName.localeCompare(b.kelurahanName) || a.number - b.number);
}

/** The latest record of each (RT, requirement): append-only, the newest row wins. */
export async function requirementStates(db: Database, rtIds: readonly number[]): Promise<Map<number, Map<KencanaRequirement, RequirementState>>> {
  const result = new Map<number, Map<KencanaRequirement, RequirementState>>();
  if (rtIds.length === 0) return result;
  const rows = await queryRows<{ rt_id: number; requirement: string; met: number; note: string | null; recorded_at: Date | string }>(
    db,
    sql`select distinct on (rt_id, requirement) rt_id, requirement, met, note, recorded_at from kencana_requirement
        where rt_id = any(${intArray(rtIds)})
        order by rt_id, requirement, id desc`,
  );
  for (const row of rows) {
    if (!isKencanaRequirement(row.requirement)) continue;
    const perRt = result.get(Number(row.rt_id)) ?? new Map<KencanaRequirement, RequirementState>();
    result.set(Number(row.rt_id), perRt);
    perRt.set(row.requirement, { requirement: row.requirement, met: Number(row.met) === 1, note: row.note, recordedAt: new Date(row.recorded_at) });
  }
  return result;
}

export type RequirementInput = { rtId: number; requirement: string; met: boolean; note: string | null; requestKey: string };

/**
 * Records that a holder meets (or no longer meets) a Kencana requirement, with a note: a koordinator
 * whose area holds the RT, or an admin; the RT must hold Kampung BANTAR. Append-only (the latest
 * row wins), audited, and idempotent by the form's key: saved twice, it is one row.
 */
export async function recordKencanaRequirement(deps: ServiceDeps, actor: Actor, input: RequirementInput): Promise<{ state: RequirementState; repeated: boolean }> {
  mayWatch(actor);
  if (!isKencanaRequirement(input.requirement)) throw new DomainError("kencana-requirement-unknown");
  const requirement = input.requirement;
  let note: string | null = null;
  if (input.note !== null) {
    const parsed = parseKencanaNote(input.note);
    if (!parsed.ok) throw new DomainError("kencana-note-invalid", { max: KENCANA_NOTE_MAX });
    note = parsed.value;
  }
  return inTransaction(deps, async (tx) => {
    const now = deps.clock();
    const place = await getRt(tx, input.rtId);
    if (!coversKelurahan(actor, place)) throw new DomainError("out-of-scope");
    const [holder] = await queryRows<{ id: number }>(tx, sql`select id from rt_title where rt_id = ${place.id} and level = 'bantar' limit 1`);
    if (!holder) throw new DomainError("kencana-not-holder");
    const recordedBy = actor.person?.id ?? (await ensurePerson(tx, actor.telegramId));
    const [inserted] = await tx
      .insert(kencanaRequirement)
      .values({ rtId: place.id, requirement, met: input.met ? 1 : 0, note, recordedBy, recordedAt: now, requestKey: input.requestKey })
      .onConflictDoNothing({ target: kencanaRequirement.requestKey })
      .returning();
    if (!inserted) {
      const [existing] = await queryRows<{ rt_id: number; requirement: string; met: number; note: string | null; recorded_at: Date | string }>(
        tx,
        sql`select rt_id, requirement, met, note, recorded_at from kencana_requirement where request_key = ${input.requestKey}`,
      );
      if (!existing || Number(existing.rt_id) !== place.id) throw new DomainError("not-allowed");
      return { state: { requirement: existing.requirement as KencanaRequirement, met: Number(existing.met) === 1, note: existing.note, recordedAt: new Date(existing.recorded_at) }, repeated: true };
    }
    // The note stays with the requirement, not in the log.
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: recordedBy, action: "kencana_requirement_recorded", rtId: place.id, entityType: "kencana_requirement", entityId: inserted.id,
      details: { requirement, met: input.met },
    });
    return { state: { requirement, met: input.met, note, recordedAt: now }, repeated: false };
  });
}
