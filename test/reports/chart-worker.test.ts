import { describe, expect, it } from "vitest";
import { threadId } from "node:worker_threads";
import { closeChartRenderer, lastChartThreadId, renderGroupedBars, renderParticipationTrend, setChartTimeout, type RtSeries } from "../../src/reports/charts.js";
import { addDays, wibInstant } from "../../src/domain/schedule/wib.js";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const labels = { title: "Tren partisipasi per RT", xAxis: "Minggu", yAxis: "KK ikut", noData: "Belum ada data", formatWeek: (d: { day: number; month: number }) => `${d.day}/${d.month}` };

function year(rts: number): RtSeries[] {
  return Array.from({ length: rts }, (_, r) => ({
    label: `RT ${String(r + 1).padStart(2, "0")}`,
    weeks: Array.from({ length: 52 }, (_, w) => ({ weekStart: wibInstant(addDays({ year: 2025, month: 12, day: 1 }, 7 * w), { hour: 0, minute: 0 }), rate: 0.5 + 0.4 * Math.sin(w / 3 + r) })),
  }));
}

describe("charts off the main thread", () => {
  it("still draws the PNG, in the renderer thread, not the main one", async () => {
    // Loaded once (vega takes a while to import): what follows measures a render alone.
    await renderParticipationTrend(year(2), labels);
    const pngs = await Promise.all([renderParticipationTrend(year(10), labels), renderGroupedBars([{ label: "Telanaipura", values: [12, 5, 2] }], { title: "Rekap", series: ["RT", "Diusulkan", "Juara"], yAxis: "Jumlah", noData: "-" })]);
    expect(pngs).toHaveLength(2);
    for (const png of pngs) expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // The thread that drew them said which it is: not this one (the charts' synchronous work,
    // vega's layout and resvg, does not block the updates' loop).
    expect(lastChartThreadId()).not.toBeNull();
    expect(lastChartThreadId()).not.toBe(threadId);
  });

  it("renders the same bytes as before a restart of the renderer, and after it", async () => {
    const before = await renderParticipationTrend(year(3), labels);
    await closeChartRenderer();
    const after = await renderParticipationTrend(year(3), labels);
    expect(after.equals(before)).toBe(true);
  });

  it("gives up on a chart past its time limit, stops its thread, and draws the next chart in a new one", async () => {
    await closeChartRenderer();
    // A fresh thread cannot even load resvg in 1 ms: the limit is what ends this chart.
    setChartTimeout(1);
    try {
      await expect(renderParticipationTrend(year(2), labels)).rejects.toThrow(/within 1 ms/);
    } finally {
      setChartTimeout();
    }
    const png = await renderParticipationTrend(year(2), labels);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });
});
