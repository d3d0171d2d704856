import type { Translate } from "../messages/translate.js";
import { AWARD_CATEGORIES } from "../domain/cycle/award.js";
import { winnersOf, type Recap, type RecapFigures } from "../domain/cycle/recap.js";
import { chunkLines } from "../messages/format.js";
import { formatLocalDate, wibDate } from "../domain/schedule/wib.js";
import { renderGroupedBars } from "./charts.js";
import { loadExcel } from "./excel.js";
import { guardFormula } from "./bank-sampah-export.js";

/**
 * The live recap as people get it: a compact block per kecamatan and one for the area (text), bars
 * per kecamatan (chart), and a workbook with one sheet per level (kecamatan, city or area). Every
 * word comes from the locale files through `t`.
 */

function figureVars(figures: RecapFigures): Record<string, string | number> {
  return {
    rts: figures.rts,
    proposed: figures.proposed,
    visited: figures.visited,
    scored: figures.scored,
    winners: winnersOf(figures),
    besar: figures.winners.besar,
    sedang: figures.winners.sedang,
    kecil: figures.winners.kecil,
    holders: figures.holders,
    fading: figures.fadingHolders,
  };
}

/** One area's lines (its name, the round's counts, the winners, the holders): /rekap's block, the Mini App's too. */
export function recapBlock(t: Translate, name: string, figures: RecapFigures): string[] {
  const vars = figureVars(figures);
  return [t("recap-block-title", { name }), t("recap-block-round", vars), t("recap-block-winners", vars), t(figures.fadingHolders > 0 ? "recap-block-holders-fading" : "recap-block-holders", vars)];
}

function totalName(t: Translate, recap: Recap): string {
  return t(recap.city ? "recap-total-city" : "recap-total-area");
}

/** Which round the figures are of ("Putaran penilaian 2026", decided or not), or that there is none yet. */
export function recapRoundLine(recap: Recap, t: Translate): string {
  return recap.round ? t(recap.round.decidedAt ? "recap-round-decided" : "recap-round", { year: String(recap.round.year) }) : t("recap-no-round");
}

/** The text: the round, then a block per kecamatan, then the area's totals. */
export function recapText(recap: Recap, t: Translate, now: Date): string {
  const lines = [t("recap-title", { date: formatLocalDate(wibDate(now)) })];
  lines.push(recapRoundLine(recap, t));
  if (recap.kecamatan.length === 0) return [...lines, "", t("recap-empty")].join("\n");
  for (const row of recap.kecamatan) lines.push("", ...recapBlock(t, row.kecamatanName, row));
  lines.push("", ...recapBlock(t, totalName(t, recap), recap.total));
  return lines.join("\n");
}

/**
 * The text as Telegram messages: a city's blocks come close to Telegram's 4,096 characters, so it
 * is split between lines (a block may continue in the next message).
 */
export function recapMessages(recap: Recap, t: Translate, now: Date): string[] {
  const [header, ...lines] = recapText(recap, t, now).split("\n");
  return chunkLines(header!, lines);
}

/** Bars per kecamatan: RTs, proposed, winners, holders. */
export function recapChart(recap: Recap, t: Translate): Promise<Buffer> {
  return renderGroupedBars(
    recap.kecamatan.map((row) => ({ label: row.kecamatanName, values: [row.rts, row.proposed, winnersOf(row), row.holders] })),
    {
      title: t("recap-chart-title"),
      subtitle: recap.round ? t("recap-round", { year: String(recap.round.year) }) : t("recap-no-round"),
      series: [t("recap-col-rts"), t("recap-col-proposed"), t("recap-col-winners"), t("recap-col-holders")],
      yAxis: t("recap-chart-y"),
      noData: t("recap-empty"),
    },
  );
}

/** The columns of both sheets, each `recap-col-<id>`. */
export const RECAP_COLUMNS = ["area", "rts", "proposed", "visited", "scored", ...AWARD_CATEGORIES.map((category) => `winners-${category}`), "winners", "holders", "fading"] as const;

function figureCells(figures: RecapFigures): number[] {
  return [figures.rts, figures.proposed, figures.visited, figures.scored, ...AWARD_CATEGORIES.map((category) => figures.winners[category]), winnersOf(figures), figures.holders, figures.fadingHolders];
}

/** Sheets "Per kecamatan" and "Kota" (or "Wilayah"), row 1 a bold header; numbers stay numbers. */
export async function recapWorkbook(recap: Recap, t: Translate): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const headers = RECAP_COLUMNS.map((column) => t(`recap-col-${column}`));
  const widths = RECAP_COLUMNS.map((column) => (column === "area" ? 24 : 12));
  const addSheet = (name: string, rows: (string | number)[][]) => {
    const sheet = workbook.addWorksheet(name);
    sheet.columns = widths.map((width) => ({ width }));
    sheet.addRow(headers).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
    for (const row of rows) sheet.addRow(row);
  };
  addSheet(t("recap-sheet-kecamatan"), recap.kecamatan.map((row) => [guardFormula(row.kecamatanName), ...figureCells(row)]));
  addSheet(t(recap.city ? "recap-sheet-city" : "recap-sheet-area"), [[totalName(t, recap), ...figureCells(recap.total)]]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "rekap-bantar-2026-12-09.xlsx": the WIB day it was made. */
export function recapFileName(now: Date): string {
  return `rekap-bantar-${formatLocalDate(wibDate(now))}.xlsx`;
}
