import { describe, expect, it } from "vitest";
import { noDataSvg, TABLEAU10, textWidth, trendSvg, type TrendSvgInput } from "../../src/reports/trend-svg.js";

const base: Omit<TrendSvgInput, "series"> = {
  width: 800, height: 450, fontFamily: "Inter", title: "Tren partisipasi per RT", xAxis: "Minggu", yAxis: "KK ikut",
  weeks: ["7 Sep", "14 Sep", "21 Sep", "28 Sep"],
};

const count = (svg: string, pattern: RegExp) => [...svg.matchAll(pattern)].length;

describe("trendSvg", () => {
  it("draws a line and a point per week for each RT, in tableau10 order, and a legend symbol each", () => {
    const svg = trendSvg({
      ...base,
      series: [
        { label: "RT 01", points: [0, 1, 2, 3].map((week) => ({ week, rate: 0.5 })) },
        { label: "RT 02", points: [{ week: 1, rate: 0.2 }, { week: 3, rate: 1 }] },
        { label: "RT 03", points: [{ week: 2, rate: 0.7 }] }, // one week: a point, no line
      ],
    });
    expect(count(svg, /<path d="M/g)).toBe(2);
    expect(count(svg, /<circle /g)).toBe(4 + 2 + 1 + 3);
    expect(svg).toContain(`stroke="${TABLEAU10[0]}"`);
    expect(svg).toContain(`stroke="${TABLEAU10[1]}"`);
    expect(svg).toContain(`fill="${TABLEAU10[2]}"`);
    expect(svg).not.toContain(TABLEAU10[3]);
  });

  it("sets ASCII text as glyph outlines defined once, and any other text as a <text> element, escaped", () => {
    const svg = trendSvg({ ...base, series: [{ label: "RT 01 Ñ <&>", points: [{ week: 0, rate: 0.5 }] }, { label: "RT 02 <&>", points: [{ week: 0, rate: 0.4 }] }] });
    expect(svg).toContain(">RT 01 Ñ &lt;&amp;&gt;</text>");
    expect(svg).not.toContain("RT 02");
    // "e" (U+0065) of the regular face is placed by every week's label ("7 Sep", …) and defined once.
    expect(count(svg, /<path id="r69" /g)).toBe(1);
    expect(count(svg, /href="#r69"/g)).toBe(4);
    for (const match of svg.matchAll(/href="#([rb]\d+)"/g)) expect(svg).toContain(`<path id="${match[1]}" `);
  });

  it("cuts a long legend label with an ellipsis and thins week labels that would overlap", () => {
    const long = "RT 04 Kelurahan Kenali Asam Bawah Baru Sekali Panjangnya";
    const svg = trendSvg({ ...base, weeks: Array.from({ length: 52 }, (_, week) => `${week + 1} Sep 2026`), series: [{ label: long, points: [{ week: 0, rate: 0.5 }] }] });
    expect(svg).toContain('href="#r95"'); // "…"
    // 52 ticks, far fewer labels: each label is a <g> of glyphs under the axis.
    expect(count(svg, /<line [^>]*stroke="#888888"/g)).toBeGreaterThan(52);
    expect(count(svg, /<g fill="#000000"/g)).toBeLessThan(52);
  });

  it("puts a rate of 1 on the top gridline and 0 on the bottom one, under y labels reading 0% to 100%", () => {
    const svg = trendSvg({ ...base, series: [{ label: "RT 01", points: [{ week: 0, rate: 1 }, { week: 1, rate: 0 }, { week: 2, rate: 0.5 }, { week: 3, rate: 0.6 }] }] });
    const gridlines = [...svg.matchAll(/<line x1="([\d.]+)" y1="([\d.]+)" x2="[\d.]+" y2="\2" stroke="#dddddd"/g)].map((match) => ({ x: Number(match[1]), y: Number(match[2]) }));
    const ys = gridlines.map((line) => line.y).sort((a, b) => a - b);
    expect(ys).toHaveLength(6);
    const [top, bottom] = [ys[0]!, ys[5]!];
    // The plotted points (not the legend's symbol, r 5.5), in week order.
    const points = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/g)].filter((match) => match[3] !== "5.50").map((match) => Number(match[2]));
    expect(points).toHaveLength(4);
    expect(points[0]).toBe(top);
    expect(points[1]).toBe(bottom);
    expect(points[2]).toBeCloseTo((top + bottom) / 2, 1);
    expect(points[3]).toBe(ys[2]); // 60%: the third gridline from the top
    // The y labels, read back from their glyphs, top to bottom, each just under its gridline's height, left of the plot.
    const left = gridlines[0]!.x;
    const labels = [...svg.matchAll(/<g fill="#000000" transform="translate\(([\d.]+) ([\d.]+)\)[^"]*">(.*?)<\/g>/g)]
      .map((match) => ({ x: Number(match[1]), y: Number(match[2]), text: [...match[3]!.matchAll(/href="#r(\d+)"/g)].map((use) => String.fromCharCode(32 + Number(use[1]))).join("") }))
      .filter((label) => label.text.endsWith("%"))
      .sort((a, b) => a.y - b.y);
    expect(labels.map((label) => label.text)).toEqual(["100%", "80%", "60%", "40%", "20%", "0%"]);
    labels.forEach((label, index) => {
      expect(label.x).toBeLessThan(left);
      expect(label.y - ys[index]!).toBeCloseTo(12 * 0.35, 1);
    });
  });

  it("measures text from Inter's advance widths", () => {
    expect(textWidth("", 12)).toBe(0);
    expect(textWidth("W", 12)).toBeGreaterThan(textWidth("i", 12));
    expect(textWidth("RT", 12, "bold")).toBeGreaterThan(textWidth("RT", 12));
    expect(textWidth("RT", 24)).toBeCloseTo(2 * textWidth("RT", 12));
  });

  it("gives the same string for the same input, and a title-only picture when there is nothing to plot", () => {
    const input = { ...base, series: [{ label: "RT 01", points: [{ week: 2, rate: 0.3 }] }] };
    expect(trendSvg(input)).toBe(trendSvg(input));
    const empty = noDataSvg({ width: 800, height: 450, fontFamily: "Inter", title: "Tren", message: "Belum ada data" });
    expect(count(empty, /<circle /g)).toBe(0);
    expect(count(empty, /<g fill=/g)).toBe(2);
  });
});
