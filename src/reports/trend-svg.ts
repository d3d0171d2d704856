/**
 * The digest's participation chart as a plain SVG string, laid out here by hand (issue 18): a line
 * per RT over the weeks, a point per week, the y axis 0–100%, a legend on the right. It used to be
 * a vega-lite spec compiled and run by vega's dataflow in the renderer thread, about 90 ms of CPU
 * a chart before resvg even started; this chart is simple enough that a template does the same
 * drawing for a fraction of a millisecond. resvg still draws the text with the bundled Inter fonts.
 *
 * Deterministic: only the input decides the output (coordinates printed with fixed decimals, text
 * widths from the table below, never from the machine), so the same data is the same PNG bytes.
 *
 * Text is drawn from Inter's glyph outlines (inter-glyphs.ts: printable ASCII and "…"), each glyph
 * defined once per chart and placed by its advance width: resvg's text shaping cost more than the
 * rest of the chart. A string with any other character stays a <text> element that resvg sets with
 * the bundled fonts. Kerning is not applied (widths are the plain sum of advances).
 */
import { INTER_BOLD_ADVANCE, INTER_BOLD_PATH, INTER_REGULAR_ADVANCE, INTER_REGULAR_PATH } from "./inter-glyphs.js";

const UNITS_PER_EM = 2048;
/** Index of "…" in the glyph tables, after printable ASCII. */
const ELLIPSIS = 95;

type Weight = "regular" | "bold";

const FACES = {
  regular: { advance: INTER_REGULAR_ADVANCE, path: INTER_REGULAR_PATH, id: "r" },
  bold: { advance: INTER_BOLD_ADVANCE, path: INTER_BOLD_PATH, id: "b" },
} as const;

/** The glyph table index of a character, or null for one the tables do not hold. */
function glyphIndex(char: string): number | null {
  const code = char.codePointAt(0)!;
  if (code >= 32 && code < 127) return code - 32;
  return char === "…" ? ELLIPSIS : null;
}

/** The estimated width in CSS pixels of `text` set in Inter at `size` (an unknown character counts as an "n"). */
export function textWidth(text: string, size: number, weight: Weight = "regular"): number {
  const advance = FACES[weight].advance;
  let units = 0;
  for (const char of text) units += advance[glyphIndex(char) ?? "n".charCodeAt(0) - 32]!;
  return (units / UNITS_PER_EM) * size;
}

/** `text` cut with "…" to fit `limit` pixels. */
function truncate(text: string, size: number, limit: number, weight: Weight = "regular"): string {
  if (textWidth(text, size, weight) <= limit) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join("").trimEnd()}…`, size, weight) > limit) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[char]!);
}

const f = (value: number) => value.toFixed(2);

/** vega's tableau10, the colours the chart always had. */
export const TABLEAU10 = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"] as const;

export type TrendSvgSeries = {
  label: string;
  /** Index into `weeks` and the rate (0..1) of that week, in week order; weeks without a rate are left out. */
  points: readonly { week: number; rate: number }[];
};

export type TrendSvgInput = {
  width: number;
  height: number;
  fontFamily: string;
  title: string;
  subtitle?: string | undefined;
  xAxis: string;
  yAxis: string;
  /** The tick label under each week, oldest first. */
  weeks: readonly string[];
  /** At most TABLEAU10.length, in legend order. */
  series: readonly TrendSvgSeries[];
};

const PADDING = 16;
const TITLE_SIZE = 18;
const SUBTITLE_SIZE = 13;
const AXIS_TITLE_SIZE = 13;
const LABEL_SIZE = 12;
const TICK = 5;
const LEGEND_LABEL_LIMIT = 160;
const LEGEND_ROW = 20;
const LEGEND_SYMBOL_RADIUS = 5.5;
const POINT_RADIUS = Math.sqrt(40 / Math.PI);
const AXIS_COLOUR = "#888888";
const GRID_COLOUR = "#dddddd";
const Y_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

type TextOptions = { anchor?: "start" | "middle" | "end"; weight?: Weight; fill?: string; rotate?: boolean };

/**
 * `content` with its baseline at (x, y): the glyphs' outlines placed one after another (scaled from
 * font units, y flipped), or a <text> element when a character has no outline in the tables.
 */
function text(x: number, y: number, content: string, size: number, options: TextOptions = {}): string {
  const weight = options.weight ?? "regular";
  const fill = options.fill ?? "#000000";
  const indexes = [...content].map(glyphIndex);
  if (indexes.some((index) => index === null)) return textElement(x, y, content, size, options);
  const face = FACES[weight];
  let advance = 0;
  const uses: string[] = [];
  for (const index of indexes as number[]) {
    if (face.path[index]) uses.push(`<use href="#${face.id}${index}" x="${advance}"/>`);
    advance += face.advance[index]!;
  }
  const shift = options.anchor === "middle" ? -advance / 2 : options.anchor === "end" ? -advance : 0;
  const scale = (size / UNITS_PER_EM).toFixed(6);
  const place = `translate(${f(x)} ${f(y)})${options.rotate ? " rotate(-90)" : ""} scale(${scale} -${scale}) translate(${shift} 0)`;
  return `<g fill="${fill}" transform="${place}">${uses.join("")}</g>`;
}

function textElement(x: number, y: number, content: string, size: number, options: TextOptions): string {
  const attributes = [
    `x="${f(x)}"`, `y="${f(y)}"`, `font-size="${size}"`,
    options.anchor && options.anchor !== "start" ? `text-anchor="${options.anchor}"` : "",
    options.weight === "bold" ? `font-weight="bold"` : "",
    `fill="${options.fill ?? "#000000"}"`,
    options.rotate ? `transform="rotate(-90 ${f(x)} ${f(y)})"` : "",
  ].filter(Boolean);
  return `<text ${attributes.join(" ")}>${escapeXml(content)}</text>`;
}

/** The whole picture: a white ground, the outlines of the glyphs the body places, the body. */
function frame(input: Pick<TrendSvgInput, "width" | "height" | "fontFamily">, body: string[]): string {
  const { width, height } = input;
  const used = new Set<string>();
  for (const element of body) for (const match of element.matchAll(/href="#([rb]\d+)"/g)) used.add(match[1]!);
  const defs = [...used].sort().map((id) => `<path id="${id}" d="${FACES[id[0] === "b" ? "bold" : "regular"].path[Number(id.slice(1))]}"/>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(input.fontFamily)}">`,
    `<defs>${defs.join("")}</defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    `</svg>`,
  ].join("\n");
}

/** The title (and subtitle) at the top left; returns the elements and where the space below them starts. */
function titleBlock(title: string, subtitle: string | undefined, width: number): { elements: string[]; bottom: number } {
  const limit = width - 2 * PADDING;
  let baseline = PADDING + TITLE_SIZE * 0.8;
  const elements = [text(PADDING, baseline, truncate(title, TITLE_SIZE, limit, "bold"), TITLE_SIZE, { weight: "bold" })];
  if (subtitle !== undefined) {
    baseline += SUBTITLE_SIZE + 6;
    elements.push(text(PADDING, baseline, truncate(subtitle, SUBTITLE_SIZE, limit), SUBTITLE_SIZE, { fill: "#444444" }));
  }
  return { elements, bottom: baseline + 4 };
}

/** Only the title and one line of text in the middle: nothing to plot. */
export function noDataSvg(input: Pick<TrendSvgInput, "width" | "height" | "fontFamily" | "title"> & { message: string }): string {
  const { elements } = titleBlock(input.title, undefined, input.width);
  return frame(input, [...elements, text(input.width / 2, input.height / 2 + 7, input.message, 20, { anchor: "middle", fill: "#666666" })]);
}

export function trendSvg(input: TrendSvgInput): string {
  const { width, height, weeks, series } = input;
  const head = titleBlock(input.title, input.subtitle, width);

  // The legend on the right, as wide as its longest label (cut at LEGEND_LABEL_LIMIT).
  const legendLabels = series.map((entry) => truncate(entry.label, LABEL_SIZE, LEGEND_LABEL_LIMIT));
  const legendWidth = series.length === 0 ? 0 : 2 * LEGEND_SYMBOL_RADIUS + 6 + Math.max(...legendLabels.map((label) => textWidth(label, LABEL_SIZE)));
  const legendLeft = width - PADDING - legendWidth;

  // The plot: left of it the y axis' title and labels, under it the week labels and the x axis' title.
  const yLabels = Y_TICKS.map((tick) => `${Math.round(tick * 100)}%`);
  const yLabelWidth = Math.max(...yLabels.map((label) => textWidth(label, LABEL_SIZE)));
  const left = PADDING + AXIS_TITLE_SIZE + 10 + yLabelWidth + 3 + TICK;
  const right = series.length === 0 ? width - PADDING : legendLeft - 20;
  const top = head.bottom + 14;
  const xTitleBaseline = height - PADDING - 3;
  const xLabelBaseline = xTitleBaseline - AXIS_TITLE_SIZE - 8;
  const bottom = xLabelBaseline - LABEL_SIZE * 0.75 - 3 - TICK;
  const plotWidth = right - left;
  const step = weeks.length > 0 ? plotWidth / weeks.length : plotWidth;
  const xOf = (week: number) => left + step * (week + 0.5);
  const yOf = (rate: number) => bottom - Math.min(1, Math.max(0, rate)) * (bottom - top);

  const body: string[] = [...head.elements];
  // Grid and y axis.
  Y_TICKS.forEach((tick, index) => {
    const y = yOf(tick);
    body.push(`<line x1="${f(left)}" y1="${f(y)}" x2="${f(right)}" y2="${f(y)}" stroke="${GRID_COLOUR}" stroke-width="1"/>`);
    body.push(`<line x1="${f(left - TICK)}" y1="${f(y)}" x2="${f(left)}" y2="${f(y)}" stroke="${AXIS_COLOUR}" stroke-width="1"/>`);
    body.push(text(left - TICK - 3, y + LABEL_SIZE * 0.35, yLabels[index]!, LABEL_SIZE, { anchor: "end" }));
  });
  body.push(`<line x1="${f(left)}" y1="${f(top)}" x2="${f(left)}" y2="${f(bottom)}" stroke="${AXIS_COLOUR}" stroke-width="1"/>`);
  body.push(text(PADDING + AXIS_TITLE_SIZE * 0.8, (top + bottom) / 2, input.yAxis, AXIS_TITLE_SIZE, { anchor: "middle", weight: "bold", rotate: true }));

  // x axis: a tick per week; labels every week, or every second (fourth, …) one when they would overlap.
  body.push(`<line x1="${f(left)}" y1="${f(bottom)}" x2="${f(right)}" y2="${f(bottom)}" stroke="${AXIS_COLOUR}" stroke-width="1"/>`);
  const labelWidths = weeks.map((label) => textWidth(label, LABEL_SIZE));
  let stride = 1;
  const overlaps = (every: number) => {
    for (let index = every; index < weeks.length; index += every) {
      if (xOf(index - every) + labelWidths[index - every]! / 2 + 4 > xOf(index) - labelWidths[index]! / 2) return true;
    }
    return false;
  };
  while (stride < weeks.length && overlaps(stride)) stride *= 2;
  weeks.forEach((label, index) => {
    const x = xOf(index);
    body.push(`<line x1="${f(x)}" y1="${f(bottom)}" x2="${f(x)}" y2="${f(bottom + TICK)}" stroke="${AXIS_COLOUR}" stroke-width="1"/>`);
    if (index % stride === 0) body.push(text(x, xLabelBaseline, label, LABEL_SIZE, { anchor: "middle" }));
  });
  body.push(text((left + right) / 2, xTitleBaseline, input.xAxis, AXIS_TITLE_SIZE, { anchor: "middle", weight: "bold" }));

  // The lines, the first RT drawn last (on top), then their points.
  for (let index = series.length - 1; index >= 0; index--) {
    const entry = series[index]!;
    const colour = TABLEAU10[index % TABLEAU10.length]!;
    if (entry.points.length > 1) {
      const path = entry.points.map((point, at) => `${at === 0 ? "M" : "L"}${f(xOf(point.week))},${f(yOf(point.rate))}`).join("");
      body.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>`);
    }
    for (const point of entry.points) body.push(`<circle cx="${f(xOf(point.week))}" cy="${f(yOf(point.rate))}" r="${f(POINT_RADIUS)}" fill="${colour}"/>`);
  }

  // The legend.
  legendLabels.forEach((label, index) => {
    const y = top + LEGEND_SYMBOL_RADIUS + index * LEGEND_ROW;
    body.push(`<circle cx="${f(legendLeft + LEGEND_SYMBOL_RADIUS)}" cy="${f(y)}" r="${f(LEGEND_SYMBOL_RADIUS)}" fill="${TABLEAU10[index % TABLEAU10.length]}"/>`);
    body.push(text(legendLeft + 2 * LEGEND_SYMBOL_RADIUS + 6, y + LABEL_SIZE * 0.35, label, LABEL_SIZE));
  });
  return frame(input, body);
}
