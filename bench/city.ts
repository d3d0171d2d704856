/**
 * The city the benchmarks run on: Kota Jambi's real kecamatan and kelurahan (seeded from
 * idn-area-data) with the RT counts per kecamatan of bench/jambi-rt-per-kecamatan.csv (1,635
 * RTs; a copy of ../shared/data's, so a fresh clone, as CI makes, has it), spread round-robin over
 * each kecamatan's kelurahan.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Database } from "../src/db/client.js";
import { seedWilayah } from "../src/domain/wilayah/seed.js";

const CSV = fileURLToPath(new URL("./jambi-rt-per-kecamatan.csv", import.meta.url));

export type KecamatanRtCount = { kecamatanCode: string; name: string; rtCount: number };

export function readRtCounts(): KecamatanRtCount[] {
  const [header, ...lines] = readFileSync(CSV, "utf8").trim().split("\n");
  const columns = header!.split(",");
  return lines.map((line) => {
    const cells = Object.fromEntries(line.split(",").map((cell, i) => [columns[i]!, cell]));
    return { kecamatanCode: cells.kecamatan_code!, name: cells.kecamatan!, rtCount: Number(cells.rt_count) };
  });
}

/**
 * Seeds the wilayah and inserts the RTs, `scale` × each kecamatan's count (at least one per
 * kecamatan), with KK count 0 and an invite code each. Returns the number of RTs. A scaled-down
 * city is a smaller city, not a thinner one: its RTs go to `scale` × each kecamatan's kelurahan
 * (at least one), so the areas with RTs (and their koordinator) shrink with it.
 */
export async function seedCityRts(db: Database, scale = 1): Promise<number> {
  const counts = readRtCounts().map((c) => ({ ...c, rtCount: Math.max(1, Math.round(c.rtCount * scale)) }));
  await seedWilayah(db, "15.71");
  await db.execute(sql`
    with kel as (
      select code, kecamatan_code, row_number() over (partition by kecamatan_code order by code) - 1 as idx,
             greatest(1, round(count(*) over (partition by kecamatan_code) * ${scale}::float8))::int as n
      from kelurahan
    )
    insert into rt (kelurahan_code, number, household_count, invite_code)
    select kel.code, g.i / kel.n + 1, 0, 'bench-' || kc.code || '-' || g.i
    from unnest(${sql.param(counts.map((c) => c.kecamatanCode))}::text[], ${sql.param(counts.map((c) => c.rtCount))}::int[]) as kc(code, count)
    cross join lateral generate_series(0, kc.count - 1) as g(i)
    join kel on kel.kecamatan_code = kc.code and kel.idx = g.i % kel.n
  `);
  return counts.reduce((sum, c) => sum + c.rtCount, 0);
}
