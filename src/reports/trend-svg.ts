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
 * Text widths are estimated from Inter's advance widths (printable ASCII, from the bundled TTFs,
 * units of 1/2048 em); other characters count as an "n". Kerning is ignored, so an estimate errs a
 * little wide, which only leaves a little more room.
 */

const REGULAR = [
  576, 589, 954, 1297, 1314, 2011, 1319, 614, 747, 747, 1026, 1355, 590, 942, 590, 738, 1292, 833, 1249, 1265, 1323, 1215, 1270, 1159, 1267, 1270, 590, 618,
  1355, 1355, 1355, 1047, 1978, 1413, 1340, 1496, 1478, 1231, 1209, 1528, 1522, 550, 1169, 1376, 1158, 1850, 1543, 1566, 1308, 1566, 1318, 1314, 1322, 1524,
  1413, 2018, 1397, 1390, 1288, 747, 738, 747, 965, 934, 661, 1150, 1254, 1170, 1254, 1194, 758, 1256, 1211, 496, 496, 1124, 496, 1794, 1210, 1228, 1254, 1254,
  771, 1081, 670, 1211, 1151, 1676, 1118, 1151, 1131, 873, 681, 873, 1355,
];
const BOLD = [
  485, 692, 1130, 1329, 1341, 2080, 1376, 694, 772, 772, 1145, 1390, 684, 958, 684, 795, 1381, 883, 1290, 1322, 1385, 1274, 1330, 1191, 1333, 1330, 684, 702,
  1390, 1390, 1390, 1146, 2081, 1529, 1355, 1515, 1479, 1244, 1202, 1537, 1530, 575, 1197, 1473, 1158, 1908, 1561, 1578, 1327, 1591, 1345, 1341, 1367, 1499,
  1529, 2125, 1512, 1497, 1360, 772, 795, 772, 997, 975, 748, 1189, 1291, 1205, 1291, 1220, 815, 1294, 1275, 555, 555, 1188, 555, 1869, 1275, 1256, 1291,
  1291, 834, 1147, 750, 1275, 1228, 1741, 1188, 1233, 1173, 960, 761, 960, 1390,
];
const ELLIPSIS = { regular: 1770, bold: 2052 };
const UNITS_PER_EM = 2048;

type Weight = "regular" | "bold";

/** The estimated width in CSS pixels of `text` set in Inter at `size`. */
export function textWidth(text: string, size: number, weight: Weight = "regular"): number {
  const table = weight === "bold" ? BOLD : REGULAR;
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    units += code >= 32 && code < 127 ? table[code - 32]! : char === "…" ? ELLIPSIS[weight] : table["n".charCodeAt(0) - 32]!;
  }
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

function text(x: number, y: number, content: string, size: number, options: { anchor?: "start" | "middle" | "end"; weight?: Weight; fill?: string; rotate?: boolean } = {}): string {
  const attributes = [
    `x="${f(x)}"`, `y="${f(y)}"`, `font-size="${size}"`,
    options.anchor && options.anchor !== "start" ? `text-anchor="${options.anchor}"` : "",
    options.weight === "bold" ? `font-weight="bold"` : "",
    `fill="${options.fill ?? "#000000"}"`,
    options.rotate ? `transform="rotate(-90 ${f(x)} ${f(y)})"` : "",
  ].filter(Boolean);
  return `<text ${attributes.join(" ")}>${escapeXml(content)}</text>`;
}

function frame(input: Pick<TrendSvgInput, "width" | "height" | "fontFamily">, body: string[]): string {
  const { width, height } = input;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(input.fontFamily)}">`,
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
