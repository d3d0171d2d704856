/**
 * The 21 indicators of Perwali Jambi 47/2014, each scored 2 (baik), 1 (sedang) or 0 (kurang).
 * Their wording lives in the locale files (`indicator-<code>`, code in lower case); the bot
 * measures eleven of them from participation, a koordinator scores the other ten by hand.
 */

export const DIMENSIONS = ["bersih", "aman", "pintar"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const INDICATOR_CODES = [
  "B1", "B2", "B3", "B4", "B5", "B6", "B7",
  "A1", "A2", "A3", "A4", "A5", "A6", "A7",
  "P1", "P2", "P3", "P4", "P5", "P6", "P7",
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/**
 * Measured from what the bot records: B3 cleanliness participation (gotong royong, bank sampah),
 * B7 gotong royong held and attended, A2 ronda shifts staffed (the safety proxy), A5 rapat warga
 * held and attended, P2 reading-corner and study sessions, P4 reading activity; since issue 15
 * B5 kebun/TOGA care held and the households taking part, B6 kerja bakti sanitasi held and
 * attended, P6 posyandu and senam lansia sessions held, P3 which of the groups (pengajian, yasinan,
 * karang taruna, PKK) met, A7 the households present at those gatherings. Manual scores entered
 * for them before stay in the history (indicator_score is append-only) but no longer count.
 */
export const AUTOMATIC_CODES = ["B3", "B5", "B6", "B7", "A2", "A5", "A7", "P2", "P3", "P4", "P6"] as const satisfies readonly IndicatorCode[];
export type AutomaticCode = (typeof AUTOMATIC_CODES)[number];

export type Indicator = { code: IndicatorCode; dimension: Dimension; automatic: boolean };

export const MAX_INDICATOR_SCORE = 2;
export const DIMENSION_MAX = 7 * MAX_INDICATOR_SCORE;
export const OVERALL_MAX = INDICATOR_CODES.length * MAX_INDICATOR_SCORE;

const DIMENSION_OF_LETTER = { B: "bersih", A: "aman", P: "pintar" } as const satisfies Record<string, Dimension>;

export const INDICATORS: readonly Indicator[] = INDICATOR_CODES.map((code) => ({
  code,
  dimension: DIMENSION_OF_LETTER[code[0] as keyof typeof DIMENSION_OF_LETTER],
  automatic: isAutomatic(code),
}));

export function isIndicatorCode(value: string): value is IndicatorCode {
  return (INDICATOR_CODES as readonly string[]).includes(value);
}

export function isAutomatic(code: IndicatorCode): code is AutomaticCode {
  return (AUTOMATIC_CODES as readonly string[]).includes(code);
}

export function dimensionOf(code: IndicatorCode): Dimension {
  return DIMENSION_OF_LETTER[code[0] as keyof typeof DIMENSION_OF_LETTER];
}

/** The locale key of an indicator's wording, e.g. `indicator-b3`. */
export function indicatorKey(code: IndicatorCode): string {
  return `indicator-${code.toLowerCase()}`;
}

/** The locale key of an indicator's short label, e.g. `score-short-b3`. */
export function shortLabelKey(code: IndicatorCode): string {
  return `score-short-${code.toLowerCase()}`;
}

/** The locale key of a dimension's name, e.g. `dimension-bersih`. */
export function dimensionKey(dimension: Dimension): string {
  return `dimension-${dimension}`;
}

/** The locale key of what a score means for an indicator (the assessors' rubric), e.g. `rubric-b5-2`. */
export function rubricKey(code: IndicatorCode, score: 0 | 1 | 2): string {
  return `rubric-${code.toLowerCase()}-${score}`;
}
