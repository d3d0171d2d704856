import type { Translate } from "../messages/translate.js";
import { header, loadExcel, workbookBytes } from "./excel.js";
import type { Database } from "../db/client.js";
import type { ParticipationKind } from "../domain/participation/participation.js";
import { formatLocalDate, wibDate, type LocalDate } from "../domain/schedule/wib.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "../domain/scores/config.js";
import { PARTICIPATION_KINDS, rtNames, weeklyKindCounts, type RtNames, type WeeklyKindCounts } from "../domain/scores/digest-queries.js";
import { dimensionKey, DIMENSIONS, INDICATORS, indicatorKey } from "../domain/scores/indicators.js";
import { dimensionTotalText, scoreTotalText } from "../messages/score-total.js";
import { categoryKey, computeScorecards, type Scorecard } from "../domain/scores/scorecard.js";
import { TREND_DIRECTIONS, trendDirection, type TrendDirection } from "../domain/scores/standing.js";
import { computeTrends, type RtTrend } from "../domain/scores/trend.js";
import { DAY_MS, wibWeekStart } from "../domain/scores/weeks.js";
import { participationTrendSvg, renderChartSvg, type RtSeries } from "./charts.js";
import { guardFormula } from "./bank-sampah-export.js";
import { REPORT_INDICATORS } from "../domain/reports/categories.js";
import { reportStats, type RtReportStats } from "../domain/reports/stats.js";
import { reportFiguresText } from "../messages/reports.js";

/**
 * The weekly digest (and /ringkasan): models built from the scorecards and trends, and their
 * renderings — text from the locale files, the PNG chart, the XLSX workbook. No Telegram here.
 */

export const DIGEST_TRENDS = TREND_DIRECTIONS;
export type DigestTrend = TrendDirection;

/** Koordinator texts list this many RTs; the rest are in the workbook (a message stays under Telegram's limit). */
export const DIGEST_TEXT_MAX_RTS = 15;

export type DigestRt = {
  names: RtNames;
  scorecard: Scorecard;
  trend: RtTrend;
  direction: DigestTrend;
  /** The last complete week's participating households ÷ KK; null without a KK count. */
  latestRate: number | null;
  /** The last 4 complete weeks, by kind. */
  byKind: WeeklyKindCounts[];
  /** Residents' reports (/lapor) of the last DIGEST_REPORT_DAYS, beside the indicators they concern. */
  reports: RtReportStats | null;
};

/** The window of the residents' reports a digest shows. */
export const DIGEST_REPORT_DAYS = 30;

export type DigestModel = {
  /** Monday 00.00 WIB of the running week: the week the digest belongs to. */
  weekStart: Date;
  /** Fading RTs first, then the lowest latest rate (no KK count last), then the lowest score, then RT id. */
  rts: DigestRt[];
};

export function orderForDigest(rts: readonly DigestRt[]): DigestRt[] {
  const rateOf = (rt: DigestRt) => rt.latestRate ?? Number.POSITIVE_INFINITY;
  return [...rts].sort(
    (a, b) =>
      Number(b.trend.fading.menurun) - Number(a.trend.fading.menurun) ||
      rateOf(a) - rateOf(b) ||
      a.scorecard.overall - b.scorecard.overall ||
      a.scorecard.rt.rtId - b.scorecard.rt.rtId,
  );
}

/**
 * Everything every digest of these RTs needs, from a fixed number of queries however many RTs:
 * the job builds it once for the union of all recipients' RTs and slices it per person.
 */
export async function loadDigestData(db: Database, rtIds: readonly number[], now: Date, config: ScoreConfig = DEFAULT_SCORE_CONFIG): Promise<Map<number, DigestRt>> {
  if (rtIds.length === 0) return new Map();
  const [scorecards, trends, kinds, names, reports] = await Promise.all([
    computeScorecards(db, rtIds, now, config),
    computeTrends(db, rtIds, now, config),
    weeklyKindCounts(db, rtIds, now, 4),
    rtNames(db, rtIds),
    reportStats(db, { rtIds, now, days: DIGEST_REPORT_DAYS }),
  ]);
  const trendOf = new Map(trends.map((trend) => [trend.rt.rtId, trend]));
  const kindsOf = new Map<number, WeeklyKindCounts[]>();
  for (const row of kinds) kindsOf.set(row.rtId, [...(kindsOf.get(row.rtId) ?? []), row]);
  const result = new Map<number, DigestRt>();
  for (const scorecard of scorecards) {
    const id = scorecard.rt.rtId;
    const trend = trendOf.get(id);
    const rtName = names.get(id);
    if (!trend || !rtName) continue;
    const latest = trend.weeks12[trend.weeks12.length - 1];
    result.set(id, { names: rtName, scorecard, trend, direction: trendDirection(trend.fading), latestRate: latest?.participationRate ?? null, byKind: kindsOf.get(id) ?? [], reports: reports.get(id) ?? null });
  }
  return result;
}

export function digestModel(data: ReadonlyMap<number, DigestRt>, rtIds: readonly number[], now: Date): DigestModel {
  const rts = rtIds.flatMap((id) => {
    const found = data.get(id);
    return found ? [found] : [];
  });
  return { weekStart: wibWeekStart(now), rts: orderForDigest(rts) };
}

export async function buildDigest(db: Database, rtIds: readonly number[], now: Date, config: ScoreConfig = DEFAULT_SCORE_CONFIG): Promise<DigestModel> {
  return digestModel(await loadDigestData(db, rtIds, now, config), rtIds, now);
}

// ——— words ———

function percent(rate: number | null): string {
  return rate === null ? "–" : `${Math.round(rate * 100)}%`;
}

const shortDates = new Map<string, Intl.DateTimeFormat>();
function shortDate(date: LocalDate, locale: string, withYear = false): string {
  const key = `${locale}:${withYear}`;
  let format = shortDates.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", { day: "numeric", month: "short", ...(withYear ? { year: "numeric" } : {}), timeZone: "UTC" });
    shortDates.set(key, format);
  }
  return format.format(new Date(Date.UTC(date.year, date.month - 1, date.day)));
}

/** The last complete week, which the digest reports on: "30 Nov – 6 Des 2026". */
export function reportedWeek(model: DigestModel, locale: string): string {
  const from = wibDate(new Date(model.weekStart.getTime() - 7 * DAY_MS));
  const to = wibDate(new Date(model.weekStart.getTime() - DAY_MS));
  return `${shortDate(from, locale)} – ${shortDate(to, locale, true)}`;
}

function trendWords(rt: DigestRt, t: Translate): string {
  if (rt.direction === "menurun") return t("digest-trend-menurun", { percent: rt.trend.fading.dropPercent ?? 0 });
  return rt.direction === "naik" ? t("digest-trend-naik") : t("digest-trend-stabil");
}

/** The koordinator's summary: counts, then one line per RT, fading first. */
export function koordinatorText(model: DigestModel, t: Translate, locale: string): string {
  const fading = model.rts.filter((rt) => rt.direction === "menurun");
  const lines = [t("digest-koordinator-title", { week: reportedWeek(model, locale) })];
  if (model.rts.length === 0) return [...lines, t("digest-koordinator-empty")].join("\n");
  lines.push(t("digest-koordinator-counts", { count: model.rts.length, fading: fading.length }));
  lines.push("");
  model.rts.slice(0, DIGEST_TEXT_MAX_RTS).forEach((rt, index) => {
    lines.push(
      t(rt.direction === "menurun" ? "digest-koordinator-line-fading" : "digest-koordinator-line", {
        rank: index + 1,
        rt: String(rt.names.number).padStart(2, "0"),
        kelurahan: rt.names.kelurahanName,
        total: scoreTotalText(t, rt.scorecard),
        rate: percent(rt.latestRate),
        trend: trendWords(rt, t),
      }) + (rt.reports && rt.reports.openNow > 0 ? t("digest-reports-open-suffix", { count: rt.reports.openNow }) : ""),
    );
  });
  const hidden = model.rts.length - DIGEST_TEXT_MAX_RTS;
  if (hidden > 0) lines.push(t("digest-koordinator-more", { count: hidden }));
  lines.push("", t("digest-koordinator-footer"));
  return lines.join("\n");
}

/** The ketua's one page: score, trend, the three weakest with a suggestion each. */
export function ketuaText(model: DigestModel, t: Translate, locale: string): string {
  const rt = model.rts[0];
  if (!rt) return t("digest-koordinator-empty");
  const card = rt.scorecard;
  const lines = [
    t("digest-ketua-title", { rt: String(rt.names.number).padStart(2, "0"), kelurahan: rt.names.kelurahanName, week: reportedWeek(model, locale) }),
    t("digest-ketua-score", {
      total: scoreTotalText(t, card),
      bersih: dimensionTotalText(t, card.totals.bersih, card.scoredDimensionMax.bersih),
      aman: dimensionTotalText(t, card.totals.aman, card.scoredDimensionMax.aman),
      pintar: dimensionTotalText(t, card.totals.pintar, card.scoredDimensionMax.pintar),
      category: t(categoryKey(card.category.key)),
    }),
    t("digest-ketua-participation", { window: percent(card.metrics.participationRate), days: Math.round((card.window.to.getTime() - card.window.from.getTime()) / DAY_MS), latest: percent(rt.latestRate) }),
    t("digest-ketua-trend", { trend: trendWords(rt, t) }),
    "",
    t("digest-ketua-weakest-title"),
  ];
  card.weakest.forEach((indicator, index) => {
    lines.push(
      t("digest-ketua-weakest", {
        rank: index + 1,
        code: indicator.code,
        label: t(indicatorKey(indicator.code)),
        score: indicator.score,
        suggestion: t(indicator.suggestion.key, indicator.suggestion.vars),
      }),
    );
  });
  lines.push(...reportLines(rt, t, locale));
  return lines.join("\n");
}

/**
 * The ketua's residents' reports of the window: the totals, and each indicator they concern that
 * had any (B1, B2, B6, A2), as the RT page shows them. Nothing when none was filed or is open.
 */
function reportLines(rt: DigestRt, t: Translate, locale: string): string[] {
  const reports = rt.reports;
  if (!reports || (reports.all.filed === 0 && reports.openNow === 0)) return [];
  const lines = ["", t("digest-reports-title", { days: reports.days, open: reports.openNow }), reportFiguresText(t, reports.all, locale, reports.days)];
  for (const code of REPORT_INDICATORS) {
    const figures = reports.byIndicator[code];
    if (figures.filed > 0) lines.push(t("digest-reports-indicator", { code, label: t(indicatorKey(code)), filed: figures.filed, open: figures.open, done: figures.done }));
  }
  return lines;
}

// ——— chart ———

export async function digestChart(model: DigestModel, t: Translate, locale: string): Promise<Buffer> {
  return renderChartSvg(digestChartSvg(model, t, locale));
}

/**
 * The chart's drawing before it becomes a PNG: two digests with the same SVG (the same RTs, weeks and
 * words) get the same picture, so the weekly job draws it once (scheduling/digests.ts).
 */
export function digestChartSvg(model: DigestModel, t: Translate, locale: string): string {
  const series: RtSeries[] = model.rts.map((rt) => ({
    label: `RT ${String(rt.names.number).padStart(2, "0")} ${rt.names.kelurahanName}`,
    weeks: rt.trend.weeks12.flatMap((week) => (week.participationRate === null ? [] : [{ weekStart: week.from, rate: week.participationRate }])),
  }));
  return participationTrendSvg(series, {
    title: t("digest-chart-title"),
    xAxis: t("digest-chart-x"),
    yAxis: t("digest-chart-y"),
    noData: t("digest-chart-no-data"),
    formatWeek: (date) => shortDate(date, locale),
    hiddenRts: (count) => t("digest-chart-hidden", { count }),
  });
}

// ——— workbook ———

export function trendWordKey(trend: DigestTrend): string {
  return `digest-trend-word-${trend}`;
}

export function kindKey(kind: ParticipationKind): string {
  return `digest-kind-${kind}`;
}

/** An unscored indicator is an empty cell, not a 0: nobody has assessed it yet. */
function scoreCell(indicator: { score: number; source: string }): number | null {
  return indicator.source === "missing" ? null : indicator.score;
}

function text(value: string): string {
  return guardFormula(value);
}

/**
 * Three sheets, row 1 a bold header each: the RTs (in digest order), the 21-indicator scorecards
 * (one column per RT), and participation records by kind per RT and week over the last 4 weeks.
 */
export async function digestWorkbook(model: DigestModel, t: Translate): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const rtLabel = (rt: DigestRt) => `RT ${String(rt.names.number).padStart(2, "0")}`;

  const list = workbook.addWorksheet(t("digest-sheet-rts"));
  header(
    list,
    [
      t("digest-col-rt"), t("digest-col-kelurahan"), t("digest-col-kecamatan"), t("digest-col-households"), t("digest-col-category"), t("digest-col-score"),
      ...DIMENSIONS.map((dimension) => t(dimensionKey(dimension))),
      t("digest-col-rate-window"), t("digest-col-rate-latest"), t("digest-col-trend"), t("digest-col-drop"),
      // Last, so the columns before keep their places: the total is over the scored indicators.
      t("digest-col-scored-max"), t("digest-col-unscored"),
      // issue 17, after those: the residents' reports of the window.
      t("digest-col-reports-filed", { days: DIGEST_REPORT_DAYS }), t("digest-col-reports-open"), t("digest-col-reports-response"),
    ],
    [8, 24, 20, 8, 26, 10, 10, 10, 10, 16, 16, 12, 12, 14, 12, 14, 14, 18],
  );
  for (const rt of model.rts) {
    const card = rt.scorecard;
    const row = list.addRow([
      rtLabel(rt),
      text(rt.names.kelurahanName),
      text(rt.names.kecamatanName),
      card.rt.householdCount,
      t(categoryKey(card.category.key)),
      card.overall,
      ...DIMENSIONS.map((dimension) => card.totals[dimension]),
      card.metrics.participationRate,
      rt.latestRate,
      t(trendWordKey(rt.direction)),
      rt.trend.fading.dropPercent,
      card.scoredMax,
      card.missing,
      rt.reports?.all.filed ?? 0,
      rt.reports?.openNow ?? 0,
      rt.reports?.all.medianFirstResponseHours ?? null,
    ]);
    row.getCell(10).numFmt = "0%";
    row.getCell(11).numFmt = "0%";
  }

  const cards = workbook.addWorksheet(t("digest-sheet-scorecards"));
  header(cards, [t("digest-col-code"), t("digest-col-indicator"), ...model.rts.map(rtLabel)], [8, 60, ...model.rts.map(() => 8)]);
  INDICATORS.forEach((indicator, index) => {
    cards.addRow([indicator.code, t(indicatorKey(indicator.code)), ...model.rts.map((rt) => scoreCell(rt.scorecard.indicators[index]!))]);
  });
  for (const dimension of DIMENSIONS) cards.addRow(["", t(dimensionKey(dimension)), ...model.rts.map((rt) => rt.scorecard.totals[dimension])]).font = { bold: true };
  cards.addRow(["", t("digest-col-score"), ...model.rts.map((rt) => rt.scorecard.overall)]).font = { bold: true };
  cards.addRow(["", t("digest-col-unscored"), ...model.rts.map((rt) => rt.scorecard.missing)]);

  const kinds = workbook.addWorksheet(t("digest-sheet-participation"));
  header(kinds, [t("digest-col-rt"), t("digest-col-kelurahan"), t("digest-col-week"), ...PARTICIPATION_KINDS.map((kind) => t(kindKey(kind))), t("digest-col-total")], [8, 24, 14, ...PARTICIPATION_KINDS.map(() => 14), 10]);
  // Every RT has the same four weeks: each is spelled once.
  const weekText = new Map<number, string>();
  for (const rt of model.rts) {
    for (const week of rt.byKind) {
      const counts = PARTICIPATION_KINDS.map((kind) => week.records[kind]);
      let weekStart = weekText.get(week.weekStart.getTime());
      if (weekStart === undefined) weekText.set(week.weekStart.getTime(), (weekStart = formatLocalDate(wibDate(week.weekStart))));
      kinds.addRow([rtLabel(rt), text(rt.names.kelurahanName), weekStart, ...counts, counts.reduce((sum, count) => sum + count, 0)]);
    }
  }
  return workbookBytes(workbook);
}

/** "ringkasan-bantar-2026-12-07.xlsx": the Monday of the digest's week. */
export function digestFileName(model: DigestModel): string {
  return `ringkasan-bantar-${formatLocalDate(wibDate(model.weekStart))}.xlsx`;
}
