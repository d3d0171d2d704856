import { html, type SafeHtml } from "./html.js";

/** One week's bar: its height as a share of the chart (0..1), the tick under it, and what it reads aloud. */
export type ChartBar = { share: number; tick: string; title: string };

const WIDTH = 360;
const HEIGHT = 160;
const LEFT = 34;
const BOTTOM = 22;
const TOP = 8;

/**
 * A small bar chart as inline SVG (no image request, no script, a few hundred bytes): the same
 * 12-week series /skor draws as a sparkline and the digest as a PNG (reports/charts.ts, whose
 * vega → resvg path renders only PNG). Scaled by its viewBox, so it fits 360 px and wider; its
 * colours are Telegram's theme (layout.ts' `.chart` rules). `axis` labels the top and middle lines.
 */
export function barChartSvg(bars: readonly ChartBar[], labels: { title: string; axis: [top: string, middle: string] }): SafeHtml {
  const plotWidth = WIDTH - LEFT - 4;
  const plotHeight = HEIGHT - BOTTOM - TOP;
  const slot = bars.length > 0 ? plotWidth / bars.length : plotWidth;
  const barWidth = Math.max(2, slot * 0.7);
  const y = (share: number) => TOP + plotHeight * (1 - share);
  const round = (value: number) => Math.round(value * 10) / 10;
  const grid = ([1, 0.5, 0] as const).map(
    (share, index) => html`<line class="grid" x1="${LEFT}" x2="${WIDTH - 4}" y1="${round(y(share))}" y2="${round(y(share))}"/>${index < 2 ? html`<text class="axis" x="${LEFT - 4}" y="${round(y(share) + 4)}" text-anchor="end">${labels.axis[index]!}</text>` : ""}`,
  );
  const columns = bars.map((bar, index) => {
    const share = Number.isFinite(bar.share) ? Math.min(1, Math.max(0, bar.share)) : 0;
    const x = LEFT + index * slot + (slot - barWidth) / 2;
    // A week with nobody still shows a sliver, so an empty week reads as measured, not missing.
    const height = Math.max(1, plotHeight * share);
    const tick = index % 3 === 0 || index === bars.length - 1 ? html`<text class="axis" x="${round(x + barWidth / 2)}" y="${HEIGHT - 6}" text-anchor="middle">${bar.tick}</text>` : "";
    return html`<rect class="bar" x="${round(x)}" y="${round(TOP + plotHeight - height)}" width="${round(barWidth)}" height="${round(height)}"><title>${bar.title}</title></rect>${tick}`;
  });
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${labels.title}" xmlns="http://www.w3.org/2000/svg">${grid}${columns}</svg>`;
}
