import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import type { AwardCategory } from "./award.js";

export type TitleLevel = "bantar" | "kencana";

/** A title an RT holds: Kampung BANTAR <year> (its round's year), then Kampung BANTAR Kencana. */
export type HeldTitle = { level: TitleLevel; category: AwardCategory; year: number; awardedOn: string; skNumber: string; roundId: number | null };

/**
 * The titles an RT holds now, oldest first. A title is held from its SK's date (`awarded_on`) and
 * is never taken back (the watch after the award flags a fading holder; it does not strip it), so
 * "held now" is every title whose date has come.
 */
export async function titleOf(db: Database, rtId: number, now?: Date): Promise<HeldTitle[]> {
  const rows = await queryRows<{ level: TitleLevel; category: AwardCategory; year: number | null; awarded_on: string; sk_number: string; round_id: number | null }>(
    db,
    sql`select t.level, t.category, r.year, t.awarded_on::text as awarded_on, t.sk_number, t.round_id
        from rt_title t left join assessment_round r on r.id = t.round_id
        where t.rt_id = ${rtId} ${now ? sql`and t.awarded_on <= (${now.toISOString()}::timestamptz at time zone 'Asia/Jakarta')::date` : sql``}
        order by t.awarded_on, t.id`,
  );
  return rows.map((row) => ({
    level: row.level,
    category: row.category,
    year: row.year === null ? Number(row.awarded_on.slice(0, 4)) : Number(row.year),
    awardedOn: row.awarded_on,
    skNumber: row.sk_number,
    roundId: row.round_id === null ? null : Number(row.round_id),
  }));
}
