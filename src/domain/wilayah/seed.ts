import { getDistricts, getRegencies, getVillages } from "idn-area-data";
import type { Database } from "../../db/client.js";
import { upsertKecamatan, upsertKelurahan } from "./queries.js";

export class UnknownWilayahError extends Error {
  constructor(readonly code: string) {
    super(`WILAYAH_KODE ${code} is not a kota/kabupaten in idn-area-data (e.g. 15.71 is Kota Jambi)`);
    this.name = "UnknownWilayahError";
  }
}

export type WilayahSummary = { regencyName: string; kecamatan: number; kelurahan: number };

/** Loads the official kecamatan and kelurahan of one kota/kabupaten. Safe to run at every start. */
export async function seedWilayah(db: Database, regencyCode: string): Promise<WilayahSummary> {
  const regency = (await getRegencies()).find((candidate) => candidate.code === regencyCode);
  if (!regency) throw new UnknownWilayahError(regencyCode);

  const districts = (await getDistricts()).filter((district) => district.regency_code === regencyCode);
  const districtCodes = new Set(districts.map((district) => district.code));
  const villages = (await getVillages()).filter((village) => districtCodes.has(village.district_code));

  await db.transaction(async (tx) => {
    await upsertKecamatan(tx, districts.map((d) => ({ code: d.code, regencyCode, name: d.name })));
    await upsertKelurahan(tx, villages.map((v) => ({ code: v.code, kecamatanCode: v.district_code, name: v.name })));
  });
  return { regencyName: regency.name, kecamatan: districts.length, kelurahan: villages.length };
}
