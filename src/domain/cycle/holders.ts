import { sql } from "drizzle-orm";
import { intArray, queryRows, type Database } from "../../db/client.js";
import type { Greeting } from "../../messages/address.js";
import { AUTOMATIC_CODES, INDICATOR_CODES, type AutomaticCode, type IndicatorCode } from "../scores/indicators.js";
import type { RtSelection } from "../scores/metrics.js";

/**
 * The RT's level before the visit, stored on its title by the decision (rt_title.baseline): the
 * automatic indicators' levels and the participating households then, the team's combined scores.
 */
export type TitleBaseline = {
  measuredAt: string;
  /** The indicators measured from records at that moment (one still standing on a hand score is left out). */
  automatic: Partial<Record<AutomaticCode, Level>>;
  team: Partial<Record<IndicatorCode, Level | null>>;
  /** The team's recap total (the combined scores summed; unscored count 0). */
  total: number;
  participatingHouseholds: number;
};

type Level = 0 | 1 | 2;

/**
 * A title holder: `level` is the highest title it holds (Kencana over BANTAR); `titleId`,
 * `roundId`, `awardedOn` and `baseline` are always its Kampung BANTAR title's, the award the watch
 * compares with ("menurun sejak penghargaan") and whose round's team gave the official scores. A
 * Kencana title carries no baseline of its own and no round: it must not hide those.
 */
export type TitleHolder = {
  rtId: number;
  titleId: number;
  level: "bantar" | "kencana";
  roundId: number | null;
  /** YYYY-MM-DD (WIB), the BANTAR SK's date. */
  awardedOn: string;
  baseline: TitleBaseline | null;
};

function level(value: unknown): Level | null {
  return value === 0 || value === 1 || value === 2 ? value : null;
}

/**
 * Reads a stored baseline defensively: a title recorded without one (or with a field missing) has
 * none to compare with, rather than a "0" that would make everything look like a rise.
 */
export function readBaseline(raw: unknown): TitleBaseline | null {
  if (typeof raw !== "object" || raw === null) return null;
  const value = raw as Record<string, unknown>;
  const households = value.participatingHouseholds;
  if (typeof households !== "number" || !Number.isFinite(households) || households < 0) return null;
  const automatic: TitleBaseline["automatic"] = {};
  const automaticRaw = (typeof value.automatic === "object" && value.automatic !== null ? value.automatic : {}) as Record<string, unknown>;
  for (const code of AUTOMATIC_CODES) {
    const score = level(automaticRaw[code]);
    if (score !== null) automatic[code] = score;
  }
  const team: TitleBaseline["team"] = {};
  const teamRaw = (typeof value.team === "object" && value.team !== null ? value.team : {}) as Record<string, unknown>;
  for (const code of INDICATOR_CODES) if (code in teamRaw) team[code] = level(teamRaw[code]);
  return {
    measuredAt: typeof value.measuredAt === "string" ? value.measuredAt : "",
    automatic,
    team,
    total: typeof value.total === "number" ? value.total : 0,
    participatingHouseholds: Math.trunc(households),
  };
}

/**
 * The title each RT holds now (its level: Kencana over BANTAR, the newest; the rest from BANTAR), for the RTs asked for ("all":
 * every holder), in RT id order. One query however many holders.
 */
export async function titleHolders(db: Database, rtIds: RtSelection): Promise<TitleHolder[]> {
  if (rtIds !== "all" && rtIds.length === 0) return [];
  const filter = rtIds === "all" ? sql`` : sql`where t.rt_id = any(${intArray(rtIds)})`;
  // The level is the newest title's (Kencana over BANTAR); the rest is the BANTAR title's, which
  // holds the round, its team's scores and the baseline (Kencana is awarded by SK with neither).
  const rows = await queryRows<{ rt_id: number; id: number; level: TitleHolder["level"]; round_id: number | null; awarded_on: string | Date; baseline: unknown }>(
    db,
    sql`select distinct on (t.rt_id) t.rt_id, t.level, coalesce(b.id, t.id) as id, coalesce(b.round_id, t.round_id) as round_id,
          coalesce(b.awarded_on, t.awarded_on) as awarded_on, coalesce(b.baseline, t.baseline) as baseline
        from rt_title t left join rt_title b on b.rt_id = t.rt_id and b.level = 'bantar' ${filter}
        order by t.rt_id, t.awarded_on desc, t.id desc`,
  );
  return rows.map((row) => ({
    rtId: Number(row.rt_id),
    titleId: Number(row.id),
    level: row.level,
    roundId: row.round_id === null ? null : Number(row.round_id),
    awardedOn: typeof row.awarded_on === "string" ? row.awarded_on.slice(0, 10) : row.awarded_on.toISOString().slice(0, 10),
    baseline: readBaseline(typeof row.baseline === "string" ? JSON.parse(row.baseline) : row.baseline),
  }));
}

/** Someone a keeping notice goes to: reachable (not erased, not blocked), with how to address them. */
export type KeepingRecipient = { personId: number; telegramId: number; locale: string; name: string | null; greeting: Greeting | null };

/**
 * The ketua of each RT and the koordinators whose kelurahan or kecamatan holds it, only while
 * reachable: rtId → ketuas and koordinators. One query for any number of RTs.
 */
export async function rtKeepers(db: Database, rtIds: readonly number[]): Promise<Map<number, { ketuas: KeepingRecipient[]; koordinators: KeepingRecipient[] }>> {
  const result = new Map<number, { ketuas: KeepingRecipient[]; koordinators: KeepingRecipient[] }>();
  if (rtIds.length === 0) return result;
  for (const rtId of rtIds) result.set(rtId, { ketuas: [], koordinators: [] });
  const rows = await queryRows<{ rt_id: number; role: "ketua_rt" | "koordinator"; person_id: number; telegram_id: number | string; locale: string; display_name: string | null; greeting: Greeting | null }>(
    db,
    sql`select distinct r.id as rt_id, a.role, p.id as person_id, p.telegram_id, p.locale, p.display_name, p.greeting
        from rt r
        join kelurahan k on k.code = r.kelurahan_code
        join role_assignment a on a.revoked_at is null and (
          (a.role = 'ketua_rt' and a.rt_id = r.id)
          or (a.role = 'koordinator' and (a.kelurahan_code = r.kelurahan_code or a.kecamatan_code = k.kecamatan_code)))
        join person p on p.id = a.person_id
        where r.id = any(${intArray(rtIds)})
          and p.erased_at is null and p.unreachable_at is null and p.telegram_id is not null
        order by r.id, a.role, p.id`,
  );
  for (const row of rows) {
    const entry = result.get(Number(row.rt_id));
    if (!entry) continue;
    const recipient = { personId: Number(row.person_id), telegramId: Number(row.telegram_id), locale: row.locale, name: row.display_name, greeting: row.greeting };
    (row.role === "ketua_rt" ? entry.ketuas : entry.koordinators).push(recipient);
  }
  return result;
}
