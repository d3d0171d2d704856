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
  ])("refuses %s", (_reason, overrides) => {
    expect(() => resolveScoreConfig(overrides)).toThrow(ZodError);
  });
});

describe("indicator catalogue", () => {
  it("has 21 indicators, 7 per dimension, six of them automatic", () => {
    expect(INDICATORS).toHaveLength(21);
    for (const dimension of ["bersih", "aman", "pintar"]) expect(INDICATORS.filter((entry) => entry.dimension === dimension)).toHaveLength(7);
    expect(INDICATORS.filter((entry) => entry.automatic).map((entry) => entry.code)).toEqual(["B3", "B7", "A2", "A5", "P2", "P4"]);
    expect([DIMENSION_MAX, OVERALL_MAX]).toEqual([14, 42]);
  });
});
