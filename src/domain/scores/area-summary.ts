import { asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { kecamatan, kelurahan, rt } from "../../db/schema/index.js";
import { hasKetua } from "../rt/rt.js";
import { findKecamatan, listKelurahan } from "../wilayah/queries.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "./config.js";
import type { RtSelection } from "./metrics.js";
import { computeScorecards } from "./scorecard.js";
import { fadingFlags } from "./trend.js";

/** What the city's and a kecamatan's pages say of a group of RTs (a kecamatan, a kelurahan, the whole). */
export type AreaFigures = {
  /** RTs registered. */
  rts: number;
  /** RTs whose participation is "menurun" (the ranked list's and the digest's fading flag). */
  fading: number;
  /** RTs with at least one indicator nobody has scored yet. */
  unscored: number;
  /** RTs nobody holds the ketua role of. */
  withoutKetua: number;
  /** The RTs' total scores added up (each over its scored indicators, as the scorecard's `overall`). */
  scoreSum: number;
};

export type AreaPart = AreaFigures & { code: string; name: string };

/** The figures of each part (every kecamatan of the city, every kelurahan of a kecamatan, RTs or none) and of the whole. */
export type AreaSummary = { parts: AreaPart[]; total: AreaFigures };

/** A kecamatan's code as Kemendagri writes it (15.71.01): anything else names none and is not looked up. */
const KECAMATAN_CODE = /^\d{2}\.\d{2}\.\d{2}$/;

export function isKecamatanCode(value: string): boolean {
  return KECAMATAN_CODE.test(value);
}

/** The mean total score of the RTs, in tenths (rounded), so it stays a whole number until shown; null without RTs. */
export function averageScoreTenths(figures: AreaFigures): number | null {
  return figures.rts > 0 ? Math.round((10 * figures.scoreSum) / figures.rts) : null;
}

function noFigures(): AreaFigures {
  return { rts: 0, fading: 0, unscored: 0, withoutKetua: 0, scoreSum: 0 };
}

type Place = { rtId: number; householdCount: number; kelurahanCode: string; kecamatanCode: string; hasKetua: boolean };

function listPlaces(db: Database, kecamatanCode: string | null): Promise<Place[]> {
  return db
    .select({ rtId: rt.id, householdCount: rt.householdCount, kelurahanCode: rt.kelurahanCode, kecamatanCode: kelurahan.kecamatanCode, hasKetua: hasKetua() })
    .from(rt)
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .where(kecamatanCode === null ? undefined : eq(kelurahan.kecamatanCode, kecamatanCode));
}

/**
 * Adds up the RTs by part. The scorecards (their totals and unscored indicators) come from
 * computeScorecards and the fading flag from fadingFlags: grouped queries over all the RTs at once,
 * whatever their number, never one per RT. fadingFlags is the flag computeTrends gives (the same
 * weekly households, the same rule) read from participation alone: for the city's 1,635 RTs the
 * twelve weeks of every metric that computeStandings would also work out cost more than the
 * scorecards themselves (bench:scores), and these pages show only the count.
 */
async function tally(
  db: Database,
  params: { places: Place[]; selection: RtSelection; parts: { code: string; name: string }[]; partOf: (place: Place) => string; now: Date; config: ScoreConfig },
): Promise<AreaSummary> {
  const { places, now, config } = params;
  const [scorecards, flags] = await Promise.all([
    computeScorecards(db, params.selection, now, config),
    fadingFlags(db, places.map((place) => ({ rtId: place.rtId, householdCount: place.householdCount })), now, config),
  ]);
  const scorecardOf = new Map(scorecards.map((scorecard) => [scorecard.rt.rtId, scorecard]));
  const parts = params.parts.map((part): AreaPart => ({ ...part, ...noFigures() }));
  const partByCode = new Map(parts.map((part) => [part.code, part]));
  const total = noFigures();
  for (const place of places) {
    const scorecard = scorecardOf.get(place.rtId);
    for (const figures of [partByCode.get(params.partOf(place)), total]) {
      if (!figures) continue;
      figures.rts++;
      if (flags.get(place.rtId)?.menurun) figures.fading++;
      if (scorecard && scorecard.missing > 0) figures.unscored++;
      if (!place.hasKetua) figures.withoutKetua++;
      figures.scoreSum += scorecard?.overall ?? 0;
    }
  }
  return { parts, total };
}

/** The city, by kecamatan (every kecamatan of the wilayah, by name, those without RTs too). */
export async function summarizeCity(db: Database, params: { now: Date; config?: ScoreConfig }): Promise<AreaSummary> {
  const [parts, places] = await Promise.all([
    db.select({ code: kecamatan.code, name: kecamatan.name }).from(kecamatan).orderBy(asc(kecamatan.name)),
    listPlaces(db, null),
  ]);
  return tally(db, { places, selection: "all", parts, partOf: (place) => place.kecamatanCode, now: params.now, config: params.config ?? DEFAULT_SCORE_CONFIG });
}

/** One kecamatan, by kelurahan (every kelurahan in it, by name); undefined when no kecamatan has that code. */
export async function summarizeKecamatan(
  db: Database,
  params: { kecamatanCode: string; now: Date; config?: ScoreConfig },
): Promise<(AreaSummary & { code: string; name: string }) | undefined> {
  if (!isKecamatanCode(params.kecamatanCode)) return undefined;
  const found = await findKecamatan(db, params.kecamatanCode);
  if (!found) return undefined;
  const [kelurahanList, places] = await Promise.all([listKelurahan(db, found.code), listPlaces(db, found.code)]);
  const parts = kelurahanList.map((entry) => ({ code: entry.code, name: entry.name }));
  const summary = await tally(db, {
    places,
    selection: places.map((place) => place.rtId),
    parts,
    partOf: (place) => place.kelurahanCode,
    now: params.now,
    config: params.config ?? DEFAULT_SCORE_CONFIG,
  });
  return { code: found.code, name: found.name, ...summary };
}
