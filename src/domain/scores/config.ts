import { z } from "zod";
import type { ParticipationKind } from "../participation/participation.js";

/**
 * How participation becomes points and scores. Every threshold is a whole number (percent of
 * KK, or a count in the window) and every comparison is `value ≥ threshold` done in integers, so
 * a score never flips on a rounding error at its boundary.
 *
 * Perwali 47/2014 names the indicators but gives no numbers; the defaults below are ours, chosen
 * from how RTs in Jambi actually run these activities (reasons next to each).
 */

const percent = z.number().int().min(0).max(100);
const count = z.number().int().min(0).max(1000);
const weight = z.number().int().min(0).max(100);

const GOOD_BELOW_FAIR = { message: "the threshold for 2 (good) must not be below the one for 1 (fair)" };

const rateLadder = z.strictObject({ good: percent, fair: percent }).refine((value) => value.good >= value.fair, GOOD_BELOW_FAIR);
const countLadder = z.strictObject({ good: count, fair: count }).refine((value) => value.good >= value.fair, GOOD_BELOW_FAIR);
/** P3 counts the groups that met, of the four kinds of gathering (pengajian, yasinan, karang taruna, PKK). */
const organisations = z.number().int().min(0).max(4);
const organisationLadder = z.strictObject({ good: organisations, fair: organisations }).refine((value) => value.good >= value.fair, GOOD_BELOW_FAIR);
const heldLevel = z.strictObject({ held: count, percent });
const heldLadder = z
  .strictObject({ good: heldLevel, fair: heldLevel })
  .refine((value) => value.good.held >= value.fair.held && value.good.percent >= value.fair.percent, GOOD_BELOW_FAIR);

const weights = z.strictObject({
  gotong_royong: weight,
  ronda: weight,
  rapat: weight,
  lainnya: weight,
  bank_sampah: weight,
  pojok_baca_sesi: weight,
  pojok_baca_pinjam: weight,
  membaca: weight,
  kebun_toga: weight,
  kerja_bakti_sanitasi: weight,
  senam_lansia: weight,
  posyandu: weight,
  pengajian: weight,
  yasinan: weight,
  karang_taruna: weight,
  pkk: weight,
  // Issue 17: a config written before polls has no weight for their votes: the default's.
  musyawarah: weight.default(1),
} satisfies Record<ParticipationKind, z.ZodType<number, number | undefined>>);

export const scoreConfigSchema = z.strictObject({
  /** The scorecard's window: the days up to `now`. Count thresholds (held, sessions) are per window. */
  windowDays: z.number().int().min(7).max(366),
  /** Points per verified participation record of each kind. */
  weights,
  thresholds: z.strictObject({
    /** Percent of KK with verified gotong royong or bank sampah participation in the window. */
    B3: rateLadder,
    /** Gotong royong held in the window, and the mean share of KK present per held one. */
    B7: heldLadder,
    /** Percent of held ronda shifts where at least one person checked in. */
    A2: rateLadder,
    /** Rapat warga held in the window, and the mean share of KK present per held one. */
    A5: heldLadder,
    /** Reading-corner and study sessions (any activity) logged in the window. */
    P2: countLadder,
    /** Distinct residents with verified reading participation, as a percent of KK. */
    P4: rateLadder,
    /** Kebun/TOGA care held in the window, and the distinct KK taking part over the window (a rota of households). */
    B5: heldLadder,
    /** Kerja bakti sanitasi held in the window, and the mean share of KK present per held one (as B7). */
    B6: heldLadder,
    /** Senam lansia and posyandu sessions held in the window that someone attended. */
    P6: countLadder,
    /** Of pengajian, yasinan, karang taruna and PKK: how many met (an attended meeting) in the window. */
    P3: organisationLadder,
    /** Distinct KK present at any of those gatherings in the window, as a percent of KK. */
    A7: rateLadder,
  }),
  /** "Menurun": the last 4 weeks' participating households at least this percent below the 4 before. */
  fading: z.strictObject({ dropPercent: z.number().int().min(1).max(100) }),
});

export type ScoreConfig = z.infer<typeof scoreConfigSchema>;
export type ParticipationWeights = ScoreConfig["weights"];

export const DEFAULT_SCORE_CONFIG: ScoreConfig = {
  // Four WIB weeks: one monthly rapat and two fortnightly gotong royong fit in it.
  windowDays: 28,
  weights: {
    // Hours of physical work on a Sunday morning or a night at the pos kamling: the core of B7 and A2.
    gotong_royong: 3,
    ronda: 3,
    // An evening of deliberation, or a trip to the bank with sorted waste.
    rapat: 2,
    bank_sampah: 2,
    // Light and frequent; a reader would otherwise outscore the night watch.
    pojok_baca_sesi: 1,
    pojok_baca_pinjam: 1,
    membaca: 1,
    lainnya: 1,
    // A morning of digging and weeding like gotong royong, but lighter and in turns: between the two.
    kebun_toga: 2,
    // Clearing gutters and drains is the same hard Sunday-morning work as gotong royong.
    kerja_bakti_sanitasi: 3,
    // An hour's exercise most weeks: light and frequent, like the reading corner.
    senam_lansia: 1,
    // A morning at the posyandu (a kader weighing, a mother bringing her toddler), once a month.
    posyandu: 2,
    // Weekly evening gatherings: frequent, so light, or they would outscore the night watch.
    pengajian: 1,
    yasinan: 1,
    // Organising meetings of the youth and the women's groups, like a rapat warga.
    karang_taruna: 2,
    pkk: 2,
    // A tap on a poll: a voice in the musyawarah, lighter than an evening at the rapat.
    musyawarah: 1,
  },
  thresholds: {
    // The issue's own example line ("batas nilai 2 adalah 60%"): most households act on cleanliness
    // each month; under 30% is a few families carrying the RT.
    B3: { good: 60, fair: 30 },
    // Every two weeks ("adakan gotong royong 2 minggu sekali") with 2 in 5 households present is good;
    // once a month with 1 in 5 is fair.
    B7: { good: { held: 2, percent: 40 }, fair: { held: 1, percent: 20 } },
    // Most nights manned is good; half the nights fair. "Staffed" means someone checked in.
    A2: { good: 80, fair: 50 },
    // The monthly musyawarah: 30% of KK is a working quorum for an RT meeting, 15% is thin.
    A5: { good: { held: 1, percent: 30 }, fair: { held: 1, percent: 15 } },
    // Twice a week (8 in 4 weeks) is an active corner; weekly is fair.
    P2: { good: 8, fair: 4 },
    // One reader for every five households in a month is good; one in ten fair.
    P4: { good: 20, fair: 10 },
    // A shared garden needs care every two weeks; one household in five taking a turn in a month keeps
    // it alive. Tended once by a few (one in ten) is fair.
    B5: { good: { held: 2, percent: 20 }, fair: { held: 1, percent: 10 } },
    // Drains are cleared monthly ("Jumat bersih" or a Sunday a month): once with 30% of KK, as a
    // rapat quorum, is good; once with 15% fair.
    B6: { good: { held: 1, percent: 30 }, fair: { held: 1, percent: 15 } },
    // A monthly posyandu and senam lansia in most weeks make 4 in four weeks; one session (the posyandu
    // alone) is fair.
    P6: { good: 4, fair: 1 },
    // Two of the four groups meeting each month shows organised life beyond one circle; one is fair.
    P3: { good: 2, fair: 1 },
    // Religious and adat life "kept together": a third of households at some gathering in a month is
    // good (these are the most attended meetings in Jambi's kampung); one in six fair.
    A7: { good: 30, fair: 15 },
  },
  // The issue: fell 30% or more below the 4 weeks before.
  fading: { dropPercent: 30 },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type ScoreConfigOverrides = DeepPartial<ScoreConfig>;

function merge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (typeof base !== "object" || base === null || typeof override !== "object" || override === null || Array.isArray(override)) return override;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) merged[key] = merge(merged[key], value);
  return merged;
}

/**
 * The defaults with `overrides` laid over them, validated: an unknown key (a typo), a fraction or a
 * threshold for 2 below the one for 1 throws a ZodError naming the path.
 */
export function resolveScoreConfig(overrides: ScoreConfigOverrides = {}): ScoreConfig {
  return scoreConfigSchema.parse(merge(DEFAULT_SCORE_CONFIG, overrides));
}
