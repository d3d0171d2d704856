import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import {
  CHART_HEIGHT,
  CHART_SCALE,
  CHART_WIDTH,
  MAX_CHART_RTS,
  renderParticipationTrend,
  type ParticipationChartLabels,
  type RtSeries,
} from "../../src/reports/charts.js";
import { addDays, wibInstant } from "../../src/domain/schedule/wib.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];

const labels: ParticipationChartLabels = {
  title: "Tren partisipasi per RT",
  xAxis: "Minggu",
  yAxis: "KK ikut",
  noData: "Belum ada data",
  formatWeek: (d) => `${d.day} ${MONTHS[d.month - 1]}`,
  hiddenRts: (n) => `+${n} RT lainnya`,
};

const firstMonday = { year: 2025, month: 9, day: 29 };

function series(rts: number, weeks: number, shift = 0): RtSeries[] {
  return Array.from({ length: rts }, (_, r) => ({
    label: `RT ${String(r + 1).padStart(2, "0")}`,
    weeks: Array.from({ length: weeks }, (_, w) => ({
      weekStart: wibInstant(addDays(firstMonday, 7 * w), { hour: 0, minute: 0 }),
      rate: 0.5 + 0.4 * Math.sin(w / 2 + r + shift),
    })),
  }));
}

type Decoded = ReturnType<typeof decode>;

async function render(input: RtSeries[]): Promise<{ png: Buffer; image: Decoded }> {
  const png = await renderParticipationTrend(input, labels);
  return { png, image: decode(png) };
}

/** Colours as RGBA keys, and how many pixels differ from the white background. */
function pixelStats(image: Decoded) {
  const channels = image.channels;
  const colours = new Set<number>();
  let inked = 0;
  for (let i = 0; i < image.data.length; i += channels) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    colours.add((r << 16) | (g << 8) | b);
    if (r !== 255 || g !== 255 || b !== 255) inked++;
  }
  return { colours: colours.size, inkedShare: inked / (image.width * image.height) };
}

describe("renderParticipationTrend", () => {
  it("renders a PNG of the fixed size at phone scale, with lines in many colours", async () => {
    const { png, image } = await render(series(4, 12));

    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(image.width).toBe(CHART_WIDTH * CHART_SCALE);
    expect(image.height).toBe(CHART_HEIGHT * CHART_SCALE);
    const stats = pixelStats(image);
    // Four line colours plus anti-aliasing and text give hundreds of colours; a blank image has one.
    expect(stats.colours).toBeGreaterThan(50);
    expect(stats.inkedShare).toBeGreaterThan(0.01);
    expect(stats.inkedShare).toBeLessThan(0.5);
  });

  it("renders a titled 'no data' image for empty input instead of throwing", async () => {
    for (const input of [[], [{ label: "RT 01", weeks: [] }], [{ label: "RT 01", weeks: [{ weekStart: new Date(0), rate: Number.NaN }] }]]) {
      const { image } = await render(input);
      expect(image.width).toBe(CHART_WIDTH * CHART_SCALE);
      expect(image.height).toBe(CHART_HEIGHT * CHART_SCALE);
      // Title and message are drawn with the bundled font: not blank, but far less ink than a chart.
      expect(pixelStats(image).inkedShare).toBeGreaterThan(0.001);
    }
    const empty = pixelStats((await render([])).image);
    const full = pixelStats((await render(series(4, 12))).image);
    expect(empty.inkedShare).toBeLessThan(full.inkedShare);
  });

  it("renders a single week and out-of-range rates without failing", async () => {
    const input: RtSeries[] = [
      { label: "RT 01", weeks: [{ weekStart: wibInstant(firstMonday, { hour: 0, minute: 0 }), rate: 1.7 }] },
      { label: "RT 02", weeks: [{ weekStart: wibInstant(firstMonday, { hour: 0, minute: 0 }), rate: -0.2 }] },
    ];
    const { image } = await render(input);
    expect(image.width).toBe(CHART_WIDTH * CHART_SCALE);
    expect(pixelStats(image).colours).toBeGreaterThan(10);
  });

  it("gives different images for different data", async () => {
    const a = await render(series(3, 8));
    const b = await render(series(3, 8, 1));
    const c = await render(series(5, 8));
    expect(a.png.equals(b.png)).toBe(false);
    expect(a.png.equals(c.png)).toBe(false);
  });

  it("renders the same data to byte-identical PNGs", async () => {
    const first = await render(series(6, 12));
    await render(series(2, 3)); // vega keeps module-level id counters; they must not leak into the output
    const second = await render(series(6, 12));
    expect(first.png.equals(second.png)).toBe(true);
  });

  it("gives each of several charts asked for at once its own PNG, the one it gets alone", async () => {
    // The renderer's replies are matched to their requests by id, whatever the order they come in.
    const inputs = [series(1, 12), series(6, 12, 2), [], series(10, 4, 1), series(3, 12, 3)];
    const together = await Promise.all(inputs.map((input) => renderParticipationTrend(input, labels)));
    for (const [index, input] of inputs.entries()) expect(together[index]!.equals(await renderParticipationTrend(input, labels)), `chart ${index}`).toBe(true);
  });

  it("is opaque in every pixel, with data and without (the SVG paints its own white ground)", async () => {
    for (const input of [series(4, 12), []]) {
      const { image } = await render(input);
      expect(image.channels).toBe(4);
      let transparent = 0;
      for (let i = 3; i < image.data.length; i += 4) if (image.data[i] !== 255) transparent++;
      expect(transparent).toBe(0);
    }
  });

  it("sets text it has no outlines for with the bundled fonts", async () => {
    // Text outside the outline tables (here "é" or "è") becomes a <text> element, which only the
    // fonts draw: without them both titles would leave the same blank.
    const [acute, grave] = await Promise.all(["Tren partisipasi — é", "Tren partisipasi — è"].map((title) => renderParticipationTrend(series(2, 6), { ...labels, title })));
    expect(acute!.equals(grave!)).toBe(false);
  });

  it(`draws at most ${MAX_CHART_RTS} RTs, the first ones given`, async () => {
    const many = series(MAX_CHART_RTS + 5, 6);
    const capped = await render(many);
    const exactly = await renderParticipationTrend(many.slice(0, MAX_CHART_RTS), { ...labels, hiddenRts: undefined });
    // Same lines; only the "+5 RT" subtitle differs.
    expect(capped.png.equals(exactly)).toBe(false);
    const withoutNote = await renderParticipationTrend(many, { ...labels, hiddenRts: undefined });
    expect(withoutNote.equals(exactly)).toBe(true);
  });
});
