import { setImmediate } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import type { TopLevelSpec } from "vega-lite";
import { formatLocalDate, wibDate, type LocalDate } from "../domain/schedule/wib.js";

/**
 * The digest's participation chart: vega-lite → vega → SVG string → resvg → PNG, all in Node.
 * No browser and no `canvas` module: vega renders SVG headlessly and resvg ships prebuilt binaries.
 *
 * Output must be the same PNG on every machine (a digest can be rebuilt and compared, tests check
 * bytes), so:
 * - resvg loads only the bundled Inter fonts (assets/fonts, SIL OFL 1.1), never system fonts;
 * - vega measures text with its built-in estimate, even where the optional `canvas` package happens
 *   to be installed, so label layout does not depend on what else is on the machine;
 * - weeks are pre-formatted WIB dates on an ordinal axis, so the server's TZ never matters.
 */

export type WeeklyRate = {
  /** Start of the week: Monday 00.00 WIB. */
  weekStart: Date;
  /** Participating households ÷ the RT's KK count, 0..1 (clamped; non-finite values are dropped). */
  rate: number;
};

export type RtSeries = {
  /** As people read it, e.g. "RT 05". Must be unique within one chart. */
  label: string;
  weeks: readonly WeeklyRate[];
};

/** Every word on the chart comes from the caller, translated from the locale files. */
export type ParticipationChartLabels = {
  title: string;
  xAxis: string;
  yAxis: string;
  /** Shown alone when there is nothing to plot. */
  noData: string;
  /** The tick under a week, e.g. "16 Nov": the caller owns month names. */
  formatWeek: (weekStart: LocalDate) => string;
  /** Subtitle when more RTs were passed than fit, e.g. "+5 RT lainnya tidak ditampilkan". */
  hiddenRts?: (hiddenCount: number) => string;
};

/**
 * Lines beyond ten are unreadable on a phone and run out of distinct colours (tableau10).
 * The chart keeps the first MAX_CHART_RTS in the order given, so the caller decides what matters:
 * for a koordinator's digest, sort fading ("menurun") RTs first, then by lowest latest rate.
 */
export const MAX_CHART_RTS = 10;

/** Logical size in CSS pixels; the PNG is rendered at CHART_SCALE for sharp text on phones. */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 450;
export const CHART_SCALE = 2;

const FONT_FAMILY = "Inter";
const FONT_FILES = ["Inter-Regular.ttf", "Inter-Bold.ttf"].map((name) =>
  fileURLToPath(new URL(`../../assets/fonts/${name}`, import.meta.url)),
);

/**
 * vega, vega-lite and resvg, loaded at the first chart: they take a second or more to import, and
 * most starts of the bot (and every console start) draw no chart for a long while.
 */
let libraries: Promise<{ vega: typeof import("vega"); compile: typeof import("vega-lite").compile; Resvg: typeof import("@resvg/resvg-js").Resvg }> | null = null;

function chartLibraries() {
  libraries ??= Promise.all([import("vega"), import("vega-lite"), import("@resvg/resvg-js")]).then(([vega, vegaLite, resvg]) => {
    // Process-wide, but vega is used only here; see the module comment for why. vega re-exports
    // vega-scenegraph's textMetrics at run time; its typings leave it out.
    (vega as unknown as { textMetrics: { canvas(use: boolean): void } }).textMetrics.canvas(false);
    return { vega, compile: vegaLite.compile, Resvg: resvg.Resvg };
  });
  return libraries;
}

type Point = { rt: string; week: string; rate: number };

export async function renderParticipationTrend(
  input: readonly RtSeries[],
  labels: ParticipationChartLabels,
): Promise<Buffer> {
  const shown = input.slice(0, MAX_CHART_RTS);
  const hidden = input.length - shown.length;
  const { points, weekTicks } = toPoints(shown, labels);
  const subtitle = hidden > 0 && labels.hiddenRts ? labels.hiddenRts(hidden) : undefined;
  const spec = points.length === 0 ? noDataSpec(labels) : trendSpec(points, weekTicks, shown, labels, subtitle);
  const svg = await toSvg(spec);
  const png = await svgToPng(svg);
  // The renderer's pixmap (1600×900 RGBA, ~6 MB) and font database live in native memory, freed by
  // finalizers that only run on a later turn of the event loop. Vega's rendering resolves in
  // microtasks, so a caller rendering charts in a loop would never give them that turn: at 70
  // charts in a row the process grew past 700 MB (bench:scores). One macrotask per chart keeps it
  // flat, and lets updates be handled between charts.
  await setImmediate();
  return png;
}

function toPoints(series: readonly RtSeries[], labels: ParticipationChartLabels) {
  const points: Point[] = [];
  const weekTicks = new Map<string, string>();
  for (const rt of series) {
    for (const { weekStart, rate } of rt.weeks) {
      if (!Number.isFinite(rate) || Number.isNaN(weekStart.getTime())) continue;
      const date = wibDate(weekStart);
      const week = formatLocalDate(date);
      if (!weekTicks.has(week)) weekTicks.set(week, labels.formatWeek(date));
      points.push({ rt: rt.label, week, rate: Math.min(1, Math.max(0, rate)) });
    }
  }
  // ISO keys sort chronologically; the legend keeps the caller's RT order.
  points.sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
  return { points, weekTicks: new Map([...weekTicks].sort(([a], [b]) => (a < b ? -1 : 1))) };
}

const baseConfig = {
  font: FONT_FAMILY,
  background: "white",
  title: { fontSize: 18, subtitleFontSize: 13, anchor: "start", offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: "normal" },
  legend: { labelFontSize: 12, titleFontSize: 13, symbolStrokeWidth: 3 },
  view: { stroke: null },
} as const;

function trendSpec(
  points: Point[],
  weekTicks: Map<string, string>,
  shown: readonly RtSeries[],
  labels: ParticipationChartLabels,
  subtitle: string | undefined,
): TopLevelSpec {
  // Ticks are ISO keys mapped to the caller's labels, so equal labels in different years stay apart.
  const tickExpr = `${JSON.stringify(Object.fromEntries(weekTicks))}[datum.value]`;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: "fit", contains: "padding" },
    padding: 16,
    title: subtitle === undefined ? { text: labels.title } : { text: labels.title, subtitle },
    data: { values: points },
    mark: { type: "line", point: { size: 40 }, strokeWidth: 2.5, interpolate: "linear" },
    encoding: {
      x: {
        field: "week",
        type: "ordinal",
        sort: [...weekTicks.keys()],
        title: labels.xAxis,
        axis: { labelExpr: tickExpr, labelAngle: 0, labelOverlap: "parity" },
      },
      y: {
        field: "rate",
        type: "quantitative",
        title: labels.yAxis,
        scale: { domain: [0, 1] },
        axis: { format: ".0%", tickCount: 5 },
      },
      color: {
        field: "rt",
        type: "nominal",
        title: null,
        sort: shown.map((rt) => rt.label),
        scale: { scheme: "tableau10" },
      },
    },
    config: baseConfig,
  };
}

function noDataSpec(labels: Pick<ParticipationChartLabels, "title" | "noData">): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: "fit", contains: "padding" },
    padding: 16,
    title: { text: labels.title },
    data: { values: [{ text: labels.noData }] },
    mark: { type: "text", fontSize: 20, color: "#666666" },
    encoding: {
      text: { field: "text", type: "nominal" },
      x: { value: CHART_WIDTH / 2 },
      y: { value: CHART_HEIGHT / 2 },
    },
    config: baseConfig,
  };
}

async function toSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, compile } = await chartLibraries();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

async function svgToPng(svg: string): Promise<Buffer> {
  const { Resvg } = await chartLibraries();
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: CHART_SCALE },
    background: "white",
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY },
  });
  return resvg.render().asPng();
}

// ——— grouped bars (the program's recap per kecamatan) ———

/** One group of bars: a kecamatan, with one value per series (RTs, proposed, winners, holders). */
export type BarGroup = { label: string; values: readonly number[] };

export type GroupedBarLabels = {
  title: string;
  /** The name of each series, in the order of `values`: the legend. */
  series: readonly string[];
  yAxis: string;
  noData: string;
  subtitle?: string;
};

/**
 * Bars side by side per group, one colour per series, on the same rendering path as the trend chart
 * (vega-lite → SVG → resvg with the bundled fonts → PNG), so it is the same bytes on every machine.
 */
export async function renderGroupedBars(groups: readonly BarGroup[], labels: GroupedBarLabels): Promise<Buffer> {
  const points = groups.flatMap((group) => group.values.map((value, index) => ({ group: group.label, series: labels.series[index] ?? String(index), value })));
  const spec: TopLevelSpec =
    points.length === 0
      ? noDataSpec({ title: labels.title, noData: labels.noData })
      : {
          $schema: "https://vega.github.io/schema/vega-lite/v6.json",
          width: CHART_WIDTH,
          height: CHART_HEIGHT,
          autosize: { type: "fit", contains: "padding" },
          padding: 16,
          title: labels.subtitle === undefined ? { text: labels.title } : { text: labels.title, subtitle: labels.subtitle },
          data: { values: points },
          mark: { type: "bar" },
          encoding: {
            x: { field: "group", type: "nominal", sort: groups.map((group) => group.label), title: null, axis: { labelAngle: -30 } },
            xOffset: { field: "series", type: "nominal", sort: [...labels.series] },
            y: { field: "value", type: "quantitative", title: labels.yAxis, axis: { tickMinStep: 1 } },
            color: { field: "series", type: "nominal", title: null, sort: [...labels.series], scale: { scheme: "tableau10" } },
          },
          config: baseConfig,
        };
  const png = await svgToPng(await toSvg(spec));
  await setImmediate(); // see renderParticipationTrend
  return png;
}
