import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";
import { formatLocalDate, wibDate, type LocalDate } from "../domain/schedule/wib.js";
import { noDataSvg, trendSvg } from "./trend-svg.js";

/**
 * The charts: an SVG → resvg → PNG, all in Node, no browser and no `canvas` module. The digest's
 * participation trend is an SVG laid out by hand (trend-svg.ts, issue 18: vega's runtime cost more
 * than the rest of a digest); the grouped bars of the program's recap are a vega-lite spec, which
 * vega renders to SVG headlessly. resvg ships prebuilt binaries.
 *
 * Output must be the same PNG on every machine (a digest can be rebuilt and compared, tests check
 * bytes), so:
 * - resvg loads only the bundled Inter fonts (assets/fonts, SIL OFL 1.1), never system fonts;
 * - text is measured from a table of Inter's widths (trend-svg.ts) or, for vega, by its built-in
 *   estimate even where the optional `canvas` package happens to be installed, so label layout
 *   does not depend on what else is on the machine;
 * - weeks are pre-formatted WIB dates, so the server's TZ never matters.
 *
 * The rendering (tens of ms of CPU per trend chart, a few hundred with vega) runs in a worker thread
 * (chart-worker.mjs): the SVG or spec is built here, the PNG comes back, and the bot keeps handling
 * updates meanwhile.
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

/**
 * Logical size in CSS pixels; the PNG is rendered at CHART_SCALE for sharp text on phones. 1.5 (a
 * 1200×675 PNG; issue 18, was 2): Telegram shows a photo at most 1280 px wide, and the pixels cost
 * the renderer in proportion (rasterising and PNG encoding are most of a chart's time).
 */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 450;
export const CHART_SCALE = 1.5;

const FONT_FAMILY = "Inter";
const FONT_FILES = ["Inter-Regular.ttf", "Inter-Bold.ttf"].map((name) =>
  fileURLToPath(new URL(`../../assets/fonts/${name}`, import.meta.url)),
);

const WORKER_URL = new URL("./chart-worker.mjs", import.meta.url);
/** vega and resvg in the worker: its own heap, apart from the bot's (npm start caps the main one). */
const WORKER_HEAP_MB = 256;

type Pending = { resolve(png: Buffer): void; reject(error: Error): void };

/**
 * One renderer thread, started at the first chart (loading vega takes a second or more, and most
 * starts draw no chart for a long while) and unref'd, so it never keeps a process alive. If it dies,
 * the charts it held fail and the next chart starts a new one.
 */
let renderer: { worker: Worker; pending: Map<number, Pending> } | null = null;
let nextRequest = 1;
let lastRenderThread: number | null = null;

/** The thread (worker_threads' threadId) that drew the last chart, as it reported: not the main thread's 0. */
export function lastChartThreadId(): number | null {
  return lastRenderThread;
}

function chartRenderer() {
  if (renderer) return renderer;
  const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  const pending = new Map<number, Pending>();
  const current = { worker, pending };
  worker.unref();
  worker.on("message", (message: { id: number; png?: Uint8Array; error?: string; threadId?: number }) => {
    if (message.threadId !== undefined) lastRenderThread = message.threadId;
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (pending.size === 0) worker.unref();
    if (message.png) waiting?.resolve(Buffer.from(message.png.buffer, message.png.byteOffset, message.png.byteLength));
    else waiting?.reject(new Error(`chart not rendered: ${message.error ?? "unknown error"}`));
  });
  const fail = (error: Error) => {
    if (renderer === current) renderer = null;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the chart renderer stopped (exit ${code})`)));
  renderer = current;
  return current;
}

/** A chart not drawn in this long is taken as stuck: its thread is stopped and the next chart starts another. */
export const CHART_TIMEOUT_MS = 30_000;
let chartTimeoutMs = CHART_TIMEOUT_MS;

/** Sets the time limit per chart (tests); without an argument, back to CHART_TIMEOUT_MS. */
export function setChartTimeout(ms: number = CHART_TIMEOUT_MS): void {
  chartTimeoutMs = ms;
}

/**
 * What the renderer thread draws: an SVG made here (the digest's trend chart, trend-svg.ts), or a
 * vega-lite spec it compiles and runs (the grouped bars); either way resvg with the bundled fonts
 * at CHART_SCALE makes the PNG.
 */
type Drawing = { svg: string } | { spec: TopLevelSpec };

function renderPng(drawing: Drawing): Promise<Buffer> {
  const current = chartRenderer();
  const { worker, pending } = current;
  const id = nextRequest++;
  return new Promise<Buffer>((resolve, reject) => {
    // Past the limit the thread is stopped (a chart cannot be cancelled inside it): this chart and
    // any queued behind it fail, and the next one starts a new thread.
    const timer = setTimeout(() => {
      const waiting = pending.get(id);
      if (!waiting) return;
      if (renderer === current) renderer = null;
      const error = new Error(`chart not rendered within ${chartTimeoutMs} ms`);
      for (const other of pending.values()) other.reject(error);
      pending.clear();
      void worker.terminate();
    }, chartTimeoutMs);
    const settle = <T>(done: (value: T) => void) => (value: T) => {
      clearTimeout(timer);
      done(value);
    };
    pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
    // Referenced while a chart is awaited: a process waiting only for its chart does not exit early.
    worker.ref();
    worker.postMessage({ id, ...drawing, png: { scale: CHART_SCALE, fontFiles: FONT_FILES, fontFamily: FONT_FAMILY } });
  });
}

/** Stops the renderer thread (tests, benchmarks that end their process); the next chart starts another. */
export async function closeChartRenderer(): Promise<void> {
  const current = renderer;
  renderer = null;
  await current?.worker.terminate();
}

export async function renderParticipationTrend(
  input: readonly RtSeries[],
  labels: ParticipationChartLabels,
): Promise<Buffer> {
  return renderChartSvg(participationTrendSvg(input, labels));
}

/** An SVG made by this module (participationTrendSvg) drawn to PNG by the renderer thread. */
export function renderChartSvg(svg: string): Promise<Buffer> {
  return renderPng({ svg });
}

/** The trend chart's SVG (trend-svg.ts), before the renderer thread draws it. */
export function participationTrendSvg(input: readonly RtSeries[], labels: ParticipationChartLabels): string {
  const shown = input.slice(0, MAX_CHART_RTS);
  const hidden = input.length - shown.length;
  const subtitle = hidden > 0 && labels.hiddenRts ? labels.hiddenRts(hidden) : undefined;
  const frame = { width: CHART_WIDTH, height: CHART_HEIGHT, fontFamily: FONT_FAMILY };
  // Weeks are ISO date keys (WIB), which sort chronologically; the legend keeps the caller's RT order.
  const weekLabels = new Map<string, string>();
  // Every RT has the same few weeks: each instant is turned into its date key once (a third of this function's time before).
  const weekKeys = new Map<number, string>();
  const kept = shown.map((rt) => ({
    label: rt.label,
    points: rt.weeks.flatMap(({ weekStart, rate }) => {
      const instant = weekStart.getTime();
      if (!Number.isFinite(rate) || Number.isNaN(instant)) return [];
      let week = weekKeys.get(instant);
      if (week === undefined) {
        const date = wibDate(weekStart);
        week = formatLocalDate(date);
        weekKeys.set(instant, week);
        if (!weekLabels.has(week)) weekLabels.set(week, labels.formatWeek(date));
      }
      return [{ week, rate: Math.min(1, Math.max(0, rate)) }];
    }),
  }));
  if (weekLabels.size === 0) return noDataSvg({ ...frame, title: labels.title, message: labels.noData });
  const weeks = [...weekLabels.keys()].sort();
  const indexOf = new Map(weeks.map((week, index) => [week, index]));
  return trendSvg({
    ...frame,
    title: labels.title,
    subtitle,
    xAxis: labels.xAxis,
    yAxis: labels.yAxis,
    weeks: weeks.map((week) => weekLabels.get(week)!),
    series: kept.map((rt) => ({
      label: rt.label,
      points: rt.points.map((point) => ({ week: indexOf.get(point.week)!, rate: point.rate })).sort((a, b) => a.week - b.week),
    })),
  });
}

const baseConfig = {
  font: FONT_FAMILY,
  background: "white",
  title: { fontSize: 18, subtitleFontSize: 13, anchor: "start", offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: "normal" },
  legend: { labelFontSize: 12, titleFontSize: 13, symbolStrokeWidth: 3 },
  view: { stroke: null },
} as const;

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
  return renderPng({ spec });
}
