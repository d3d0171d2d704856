import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { DEFAULT_SCORE_CONFIG, resolveScoreConfig, scoreConfigSchema, type ScoreConfigOverrides } from "../../../src/domain/scores/config.js";
import { AUTOMATIC_CODES, DIMENSION_MAX, INDICATORS, OVERALL_MAX } from "../../../src/domain/scores/indicators.js";

describe("score config", () => {
  it("has valid defaults with a threshold pair for every automatic indicator", () => {
    expect(scoreConfigSchema.parse(DEFAULT_SCORE_CONFIG)).toEqual(DEFAULT_SCORE_CONFIG);
    expect(Object.keys(DEFAULT_SCORE_CONFIG.thresholds).sort()).toEqual([...AUTOMATIC_CODES].sort());
    expect(resolveScoreConfig()).toEqual(DEFAULT_SCORE_CONFIG);
  });

  it("lays overrides over the defaults, leaving the rest alone", () => {
    const config = resolveScoreConfig({ windowDays: 35, weights: { membaca: 2 }, thresholds: { B3: { good: 70 }, B7: { fair: { percent: 25 } } } });
    expect(config.windowDays).toBe(35);
    expect(config.weights).toEqual({ ...DEFAULT_SCORE_CONFIG.weights, membaca: 2 });
    expect(config.thresholds.B3).toEqual({ good: 70, fair: 30 });
    expect(config.thresholds.B7).toEqual({ good: { held: 2, percent: 40 }, fair: { held: 1, percent: 25 } });
    expect(config.thresholds.A2).toEqual(DEFAULT_SCORE_CONFIG.thresholds.A2);
    expect(DEFAULT_SCORE_CONFIG.thresholds.B3.good).toBe(60); // the defaults were not mutated
  });

  it.each<[string, ScoreConfigOverrides]>([
    ["a threshold for 2 below the one for 1", { thresholds: { B3: { good: 20 } } }],
    ["held for 2 below held for 1", { thresholds: { A5: { good: { held: 0 } } } }],
    ["a percent over 100", { thresholds: { P4: { good: 101 } } }],
    ["a fraction", { thresholds: { P2: { good: 7.5 } } }],
    ["a negative weight", { weights: { ronda: -1 } }],
    ["a window under a week", { windowDays: 3 }],
    ["a zero drop", { fading: { dropPercent: 0 } }],
    ["an unknown key (a typo)", { thresholds: { B3: { goood: 70 } } } as unknown as ScoreConfigOverrides],
    ["B5: good below fair", { thresholds: { B5: { good: { percent: 5 } } } }],
    ["B6: held for 2 below held for 1", { thresholds: { B6: { fair: { held: 3 } } } }],
    ["P6: good below fair", { thresholds: { P6: { good: 0 } } }],
    ["P6: a fraction", { thresholds: { P6: { fair: 0.5 } } }],
    ["P3: good below fair", { thresholds: { P3: { good: 1, fair: 2 } } }],
    ["P3: more groups than the four kinds", { thresholds: { P3: { good: 5 } } }],
    ["A7: a negative percent", { thresholds: { A7: { fair: -1 } } }],
    ["A7: good below fair", { thresholds: { A7: { good: 10 } } }],
    ["an unknown threshold key (a misspelt code)", { thresholds: { B8: { good: 1, fair: 0 } } } as unknown as ScoreConfigOverrides],
    ["an unknown B5 key", { thresholds: { B5: { good: { held: 2, percent: 20, households: 3 } } } } as unknown as ScoreConfigOverrides],
    ["an unknown weight (a kind that does not exist)", { weights: { arisan: 1 } } as unknown as ScoreConfigOverrides],
    ["a fractional weight of a new kind", { weights: { posyandu: 1.5 } }],
  ])("refuses %s", (_reason, overrides) => {
    expect(() => resolveScoreConfig(overrides)).toThrow(ZodError);
  });
});

describe("score config: the issue 15 kinds and indicators", () => {
  it("accepts the new indicators' thresholds and weights when good equals fair", () => {
    const config = resolveScoreConfig({ thresholds: { P3: { good: 1, fair: 1 }, P6: { good: 2, fair: 2 }, A7: { good: 15 } }, weights: { pengajian: 0 } });
    expect(config.thresholds.P3).toEqual({ good: 1, fair: 1 });
    expect(config.thresholds.A7).toEqual({ good: 15, fair: 15 });
    expect(config.weights.pengajian).toBe(0);
  });

  it("has a weight for every participation kind, the new ones included", () => {
    expect(Object.keys(DEFAULT_SCORE_CONFIG.weights).sort()).toEqual(
      ["gotong_royong", "ronda", "rapat", "lainnya", "bank_sampah", "pojok_baca_sesi", "pojok_baca_pinjam", "membaca", "kebun_toga", "kerja_bakti_sanitasi", "senam_lansia", "posyandu", "pengajian", "yasinan", "karang_taruna", "pkk", "musyawarah"].sort(),
    );
  });

  it("takes a config written before issue 17's musyawarah votes, giving them the default weight", () => {
    const { musyawarah: _musyawarah, ...before } = DEFAULT_SCORE_CONFIG.weights;
    expect(scoreConfigSchema.parse({ ...DEFAULT_SCORE_CONFIG, weights: before }).weights.musyawarah).toBe(1);
  });
});

describe("indicator catalogue", () => {
  it("has 21 indicators, 7 per dimension, eleven of them automatic", () => {
    expect(INDICATORS).toHaveLength(21);
    for (const dimension of ["bersih", "aman", "pintar"]) expect(INDICATORS.filter((entry) => entry.dimension === dimension)).toHaveLength(7);
    expect(INDICATORS.filter((entry) => entry.automatic).map((entry) => entry.code)).toEqual(["B3", "B5", "B6", "B7", "A2", "A5", "A7", "P2", "P3", "P4", "P6"]);
    expect([DIMENSION_MAX, OVERALL_MAX]).toEqual([14, 42]);
  });
});
