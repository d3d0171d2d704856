import { asc, eq, inArray } from "drizzle-orm";
import { getDistricts, getRegencies, getVillages } from "idn-area-data";
import { describe, expect, it } from "vitest";
import { kecamatan, kelurahan } from "../../../src/db/schema/index.js";
import { seedWilayah, UnknownWilayahError } from "../../../src/domain/wilayah/seed.js";
import { withTestDatabase } from "../../helpers/database.js";

// Already seeded with 15.71, as at every start
const database = withTestDatabase({ truncate: false });

/** What idn-area-data says about one kota/kabupaten, sorted by code. */
async function officialArea(regencyCode: string) {
  const districts = (await getDistricts()).filter((district) => district.regency_code === regencyCode);
  const districtCodes = new Set(districts.map((district) => district.code));
  const villages = (await getVillages()).filter((village) => districtCodes.has(village.district_code));
  const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
  return {
    kecamatan: districts.map((d) => ({ code: d.code, regencyCode, name: d.name })).sort(byCode),
    kelurahan: villages.map((v) => ({ code: v.code, kecamatanCode: v.district_code, name: v.name })).sort(byCode),
  };
}

async function storedArea(regencyCode: string) {
  const kecamatanRows = await database.db.select().from(kecamatan).where(eq(kecamatan.regencyCode, regencyCode)).orderBy(asc(kecamatan.code));
  const codes = kecamatanRows.map((row) => row.code);
  const kelurahanRows = codes.length ? await database.db.select().from(kelurahan).where(inArray(kelurahan.kecamatanCode, codes)).orderBy(asc(kelurahan.code)) : [];
  return { kecamatan: kecamatanRows, kelurahan: kelurahanRows };
}

describe("seedWilayah", () => {
  it("loads exactly the kecamatan and kelurahan of Kota Jambi from idn-area-data", async () => {
    const expected = await officialArea("15.71");
    expect(expected.kecamatan).toHaveLength(11);
    expect(expected.kelurahan).toHaveLength(68);

    // Nothing else is in the tables: the whole of both tables is Kota Jambi.
    const allKecamatan = await database.db.select().from(kecamatan).orderBy(asc(kecamatan.code));
    const allKelurahan = await database.db.select().from(kelurahan).orderBy(asc(kelurahan.code));
    expect(allKecamatan).toEqual(expected.kecamatan);
    expect(allKelurahan).toEqual(expected.kelurahan);
    expect(allKecamatan).toContainEqual({ code: "15.71.01", regencyCode: "15.71", name: "Telanaipura" });
  });

  it("reports what it loaded", async () => {
    expect(await seedWilayah(database.db, "15.71")).toEqual({ regencyName: "KOTA JAMBI", kecamatan: 11, kelurahan: 68 });
  });

  it("is idempotent: running it again changes nothing", async () => {
    const before = await storedArea("15.71");
    await seedWilayah(database.db, "15.71");
    await seedWilayah(database.db, "15.71");
    expect(await storedArea("15.71")).toEqual(before);
    expect(before.kecamatan).toHaveLength(11);
    expect(before.kelurahan).toHaveLength(68);
  });

  it("puts back an official name that was changed in the database", async () => {
    await database.db.update(kelurahan).set({ name: "Salah Ketik" }).where(eq(kelurahan.code, "15.71.01.1001"));
    await seedWilayah(database.db, "15.71");
    const [row] = await database.db.select().from(kelurahan).where(eq(kelurahan.code, "15.71.01.1001"));
    expect(row?.name).toBe((await officialArea("15.71")).kelurahan.find((k) => k.code === "15.71.01.1001")?.name);
  });

  it.each(["99.99", "15.99", "00.00"])("refuses the unknown code %s with a clear error, storing nothing", async (code) => {
    const before = await database.db.select().from(kecamatan);
    const failure = seedWilayah(database.db, code);
    await expect(failure).rejects.toBeInstanceOf(UnknownWilayahError);
    await expect(failure).rejects.toThrow(code);
    expect(await database.db.select().from(kecamatan)).toEqual(before);
  });

  it("works for another kabupaten (Muaro Jambi, 15.05), next to Kota Jambi", async () => {
    const regency = (await getRegencies()).find((candidate) => candidate.code === "15.05");
    const expected = await officialArea("15.05");
    expect(expected.kecamatan.length).toBeGreaterThan(0);

    const summary = await seedWilayah(database.db, "15.05");
    expect(summary).toEqual({ regencyName: regency?.name, kecamatan: expected.kecamatan.length, kelurahan: expected.kelurahan.length });
    expect(await storedArea("15.05")).toEqual(expected);
    // Kota Jambi is untouched.
    expect(await storedArea("15.71")).toEqual(await officialArea("15.71"));
  });
});
