import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { kecamatan, kelurahan } from "../../db/schema/index.js";

export type Kecamatan = typeof kecamatan.$inferSelect;
export type Kelurahan = typeof kelurahan.$inferSelect;

export async function upsertKecamatan(db: Database, rows: Kecamatan[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(kecamatan).values(rows).onConflictDoUpdate({
    target: kecamatan.code,
    set: { name: sql`excluded.name`, regencyCode: sql`excluded.regency_code` },
  });
}

export async function upsertKelurahan(db: Database, rows: Kelurahan[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(kelurahan).values(rows).onConflictDoUpdate({
    target: kelurahan.code,
    set: { name: sql`excluded.name`, kecamatanCode: sql`excluded.kecamatan_code` },
  });
}

export function listKecamatan(db: Database, regencyCode: string): Promise<Kecamatan[]> {
  return db.select().from(kecamatan).where(eq(kecamatan.regencyCode, regencyCode)).orderBy(asc(kecamatan.name));
}

export function listKelurahan(db: Database, kecamatanCode: string): Promise<Kelurahan[]> {
  return db.select().from(kelurahan).where(eq(kelurahan.kecamatanCode, kecamatanCode)).orderBy(asc(kelurahan.name));
}

export async function findKecamatan(db: Database, code: string): Promise<Kecamatan | undefined> {
  return (await db.select().from(kecamatan).where(eq(kecamatan.code, code)))[0];
}

export async function findKelurahan(db: Database, code: string): Promise<Kelurahan | undefined> {
  return (await db.select().from(kelurahan).where(eq(kelurahan.code, code)))[0];
}

export type KelurahanInScope = Kelurahan & { kecamatanName: string };

/** Kelurahan a koordinator (by kelurahan or kecamatan) or an admin (the whole kota) may act in. */
export async function listKelurahanInScope(
  db: Database,
  regencyCode: string,
  scope: { city: true } | { city: false; kelurahanCodes: string[]; kecamatanCodes: string[] },
): Promise<KelurahanInScope[]> {
  const rows = await db
    .select({ code: kelurahan.code, kecamatanCode: kelurahan.kecamatanCode, name: kelurahan.name, kecamatanName: kecamatan.name })
    .from(kelurahan)
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .where(eq(kecamatan.regencyCode, regencyCode))
    .orderBy(asc(kecamatan.name), asc(kelurahan.name));
  if (scope.city) return rows;
  return rows.filter((row) => scope.kelurahanCodes.includes(row.code) || scope.kecamatanCodes.includes(row.kecamatanCode));
}
