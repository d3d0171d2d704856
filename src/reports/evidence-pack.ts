import { GATHERING_KINDS } from "../domain/scores/metrics.js";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import PDFDocument from "pdfkit";
import type { Database } from "../db/client.js";
import type { DownloadFile } from "../delivery/telegram-files.js";
import { teamRecaps } from "../domain/cycle/combine.js";
import { findRound } from "../domain/cycle/rounds.js";
import { DomainError } from "../domain/errors.js";
import { ledgerTotals, listPackEvidence, type EvidenceItem, type PackViewer } from "../domain/evidence/evidence.js";
import type { ParticipationKind } from "../domain/participation/participation.js";
import { getRt, type RtDetails } from "../domain/rt/rt.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "../domain/scores/config.js";
import { PARTICIPATION_KINDS, weeklyKindCounts } from "../domain/scores/digest-queries.js";
import { DIMENSIONS, dimensionKey, indicatorKey, MAX_INDICATOR_SCORE, shortLabelKey, type AutomaticCode, type IndicatorCode } from "../domain/scores/indicators.js";
import { categoryKey, computeScorecards, type IndicatorResult } from "../domain/scores/scorecard.js";
import { WEEK_MS, wibWeekStart } from "../domain/scores/weeks.js";
import { wibInstant, wibParts } from "../domain/schedule/wib.js";
import { formatMonth, formatRupiah, formatWib, formatWibDay, rtNumber } from "../messages/format.js";
import { translateIn, type Texts, type Translate } from "../messages/translate.js";

/**
 * The evidence pack of one RT for one round, for the assessment team: a PDF made here in Node with
 * pdfkit's standard fonts (no browser, no system fonts). Cover, the scorecard, the participation
 * behind each automatic indicator, the ledgers' totals, then the photos, fetched from Telegram one
 * at a time (a photo's bytes are written into the PDF and dropped before the next is fetched, so
 * memory stays at one photo plus the PDF so far). A photo that cannot be fetched or read is listed
 * as such, and the pack still completes.
 */
export type EvidencePackDeps = {
  db: Database;
  i18n: Texts;
  /** Fetches a photo by file_id; without it, every photo is listed as not fetched. */
  downloadFile?: DownloadFile;
  config?: ScoreConfig;
  /** The caps, smaller in tests: PACK_PHOTOS_MAX photos, PACK_MAX_BYTES bytes. */
  maxPhotos?: number;
  maxBytes?: number;
};

export type EvidencePackParams = {
  rtId: number;
  roundId: number;
  now: Date;
  locale?: string;
  /** Who reads it (packViewerOf): a ketua gets no team scores and no team photos before the decision, and never assessors' names. */
  viewer: PackViewer;
};

/**
 * A pack is written to a temporary file, never held whole in memory: `path` is sent as a stream and
 * `dispose` removes it. `leftOut` counts the photos past the cap (count or bytes).
 */
export type EvidencePack = { path: string; size: number; pages: number; photos: number; leftOut: number; missingPhotos: number; fileName: string; dispose: () => Promise<void> };

/**
 * The photos a pack takes: those added from a year before the round's last visit day (the year of
 * work the team judges; older ones are last year's story), at most PACK_PHOTOS_MAX of them: the
 * team's own photos of this round first, then those of an indicator, then the newest.
 */
export const PACK_PHOTOS_MAX = 40;
/** The file stays under this, with room to spare below Telegram's 50 MB upload limit for bots. */
export const PACK_MAX_BYTES = 45 * 1024 * 1024;
/** What the pages after the last photo (and the file's trailer) may still add. */
const PACK_TAIL_BYTES = 512 * 1024;

/** The weeks of participation the pack shows. */
export const PACK_WEEKS = 12;

/** The participation kinds that feed each automatic indicator (see scoreAutomatic). */
const FED_BY: Record<AutomaticCode, readonly ParticipationKind[]> = {
  B3: ["gotong_royong", "bank_sampah"],
  B7: ["gotong_royong"],
  A2: ["ronda"],
  A5: ["rapat", "musyawarah"],
  P2: ["pojok_baca_sesi"],
  P4: ["pojok_baca_pinjam", "membaca"],
  B5: ["kebun_toga"],
  B6: ["kerja_bakti_sanitasi"],
  P6: ["posyandu", "senam_lansia"],
  P3: GATHERING_KINDS,
  A7: GATHERING_KINDS,
};

/** The characters WinAnsi adds to Latin-1 in 0x80–0x9F: the standard fonts draw these too. */
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/** Signs the bot's texts use that WinAnsi lacks, as their nearest readable form. */
const REPLACEMENTS: Record<string, string> = {
  "→": "->", "←": "<-", "↳": "-", "≤": "<=", "≥": ">=", "≠": "!=", "−": "-", "▪": "-", "✓": "v", "✔": "v", "✗": "x",
  "‐": "-", "‑": "-", "‒": "-", "\u2009": " ", "\u202F": " ", "\u2007": " ",
};

function drawable(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char) || char === "\n";
}

/**
 * Text the standard PDF fonts can draw (WinAnsi): letters with accents they lack lose the accent,
 * a few signs become their ASCII look-alikes, and everything else (emoji, other scripts, invisible
 * marks) is dropped rather than printed as garbage; spaces left doubled are folded.
 */
export function pdfText(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    if (drawable(char)) out += char;
    else if (REPLACEMENTS[char] !== undefined) out += REPLACEMENTS[char];
    else {
      const base = char.normalize("NFD").replace(/\p{M}/gu, "");
      if (base.length > 0 && [...base].every(drawable)) out += base;
    }
  }
  return out.replace(/[ \t]{2,}/g, " ").replace(/ +\n/g, "\n").trim();
}

/** "bukti-rt05-simpang-iii-sipin-2027.pdf": ASCII, no spaces, as a file name should be. */
export function packFileName(place: Pick<RtDetails, "number" | "kelurahanName">, year: number): string {
  const slug = place.kelurahanName.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `bukti-rt${rtNumber(place.number)}-${slug}-${year}.pdf`;
}

type Month = { year: number; month: number };

const PAGE = { margin: 48, width: 595.28, height: 841.89 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const PHOTO_BOX = { width: 220, height: 165 };

/** Builds the pack. A benchmark calls this directly, as the bot does (through runLongWork). */
export async function buildEvidencePack(deps: EvidencePackDeps, params: EvidencePackParams): Promise<EvidencePack> {
  const { db } = deps;
  const locale = params.locale ?? "id";
  const maxPhotos = deps.maxPhotos ?? PACK_PHOTOS_MAX;
  const maxBytes = deps.maxBytes ?? PACK_MAX_BYTES;
  const tr = translateIn(deps.i18n, locale);
  const t: Translate = (key, vars) => pdfText(tr(key, vars));
  const round = await findRound(db, params.roundId);
  if (!round) throw new DomainError("evidence-no-round");
  const place = await getRt(db, params.rtId);
  const config = deps.config ?? DEFAULT_SCORE_CONFIG;
  const [scorecard] = await computeScorecards(db, [place.id], params.now, config);
  const [team] = await teamRecaps(db, { roundId: round.id, rtIds: [place.id] });
  const weeks = await weeklyKindCounts(db, [place.id], params.now, PACK_WEEKS);
  const to = wibWeekStart(params.now);
  const from = new Date(to.getTime() - PACK_WEEKS * WEEK_MS);
  const ledgers = await ledgerTotals(db, { rtId: place.id, from, to });
  // A ketua is the one being assessed: the team's scores and photos are theirs to see only once decided.
  const teamShown = params.viewer !== "ketua" || round.decidedAt !== null;
  // An assessor scores on their own judgement: the team's scores (their colleagues') wait for the decision too.
  const teamScoresShown = params.viewer === "staff" || round.decidedAt !== null;
  const namesShown = params.viewer !== "ketua";
  const [year, month, day] = round.visitTo.split("-").map(Number) as [number, number, number];
  const visitTo = { year, month, day };
  const since = wibInstant({ ...visitTo, year: visitTo.year - 1 }, { hour: 0, minute: 0 });
  const listed = await listPackEvidence(db, { rtId: place.id, roundId: round.id, since, limit: maxPhotos, withTeam: teamShown });
  const photos = listed.items;

  const doc = new PDFDocument({ size: "A4", margin: PAGE.margin, bufferPages: false, info: { Title: pdfText(t("pack-title", { rt: rtNumber(place.number), kelurahan: place.kelurahanName, year: String(round.year) })), Producer: "BANTAR" } });
  const dir = await mkdtemp(join(tmpdir(), "bantar-pack-"));
  const path = join(dir, "pack.pdf");
  const dispose = () => rm(dir, { recursive: true, force: true });
  const file = createWriteStream(path);
  let written = 0;
  doc.on("data", (chunk: Buffer) => {
    written += chunk.length;
  });
  doc.pipe(file);
  const ended = new Promise<void>((resolve, reject) => {
    file.on("finish", () => resolve());
    file.on("error", reject);
    doc.on("error", reject);
  });
  // Awaited only once drawn: a write that fails while a photo is being fetched must not surface as
  // an unhandled rejection meanwhile (it is thrown by the `await ended` below).
  ended.catch(() => undefined);
  let pages = 1;
  doc.on("pageAdded", () => pages++);
  // From here the folder and the open file are the pack's: whatever throws while drawing (or
  // writing), the file is closed and the folder removed before the error goes on.
  try {
    const heading = (text: string) => {
      doc.moveDown(0.8).font("Helvetica-Bold").fontSize(14).text(pdfText(text), { width: CONTENT_WIDTH }).moveDown(0.3).font("Helvetica").fontSize(10);
    };
    const line = (text: string, options: { bold?: boolean; indent?: number; size?: number } = {}) => {
      doc.font(options.bold ? "Helvetica-Bold" : "Helvetica").fontSize(options.size ?? 10).text(pdfText(text), PAGE.margin + (options.indent ?? 0), undefined, { width: CONTENT_WIDTH - (options.indent ?? 0) });
    };

    // Cover.
    const category = scorecard?.category;
    doc.font("Helvetica-Bold").fontSize(22).text(t("pack-cover-title"), { align: "center" });
    doc.moveDown(0.5).fontSize(16).text(t("pack-cover-rt", { rt: rtNumber(place.number), kelurahan: place.kelurahanName, kecamatan: place.kecamatanName }), { align: "center" });
    doc.moveDown(1).font("Helvetica").fontSize(12);
    line(t("pack-cover-round", { year: String(round.year) }), { size: 12 });
    line(t("pack-cover-households", { households: place.householdCount }), { size: 12 });
    if (category) line(t("pack-cover-category", { category: tr(categoryKey(category.key)), award: formatRupiah(category.award, locale) }), { size: 12 });
    line(t("pack-cover-made", { at: formatWib(params.now, locale) }), { size: 12 });
    line(t("pack-cover-photos", { count: listed.total }), { size: 12 });

    // Scorecard.
    doc.addPage();
    heading(t("pack-scorecard-title"));
    if (scorecard) {
      // Out of what is scored, as /skor says it: an unvisited RT does not read as failing.
      line(t("pack-scorecard-summary", { overall: scorecard.overall, max: scorecard.scoredMax, missing: scorecard.missing }), { bold: true });
      const shownTeam = teamScoresShown ? team : undefined;
      if (shownTeam) line(t("pack-scorecard-team", { total: shownTeam.total, max: shownTeam.scored * MAX_INDICATOR_SCORE, assessors: shownTeam.assessors, unscored: shownTeam.unscored }));
      const teamOf = new Map(shownTeam?.indicators.map((recap) => [recap.code, recap]) ?? []);
      for (const dimension of DIMENSIONS) {
        doc.moveDown(0.4);
        line(t("pack-dimension", { dimension: tr(dimensionKey(dimension)), total: scorecard.totals[dimension], max: scorecard.scoredDimensionMax[dimension] }), { bold: true });
        for (const indicator of scorecard.indicators.filter((candidate) => candidate.dimension === dimension)) {
          line(indicatorLine(t, tr, indicator), { indent: 8 });
          if (indicator.source === "auto") line(tr(indicator.explanation.key, indicator.explanation.vars), { indent: 24, size: 9 });
          if (indicator.source === "manual" && indicator.manual?.note) line(t("pack-manual-note", { note: indicator.manual.note }), { indent: 24, size: 9 });
          const recap = teamOf.get(indicator.code);
          if (recap && recap.combined !== null) line(t("pack-team-score", { combined: recap.combined, scores: recap.scores.map((entry) => entry.score).join(", ") }), { indent: 24, size: 9 });
        }
      }
    }

    // Participation behind the automatic indicators, per kind and month (a week counts in the month
    // it starts in: the weeks are the scorecard's own WIB weeks, not cut at month ends).
    doc.addPage();
    heading(t("pack-participation-title", { weeks: PACK_WEEKS }));
    const months: Month[] = [];
    const perKind = new Map<ParticipationKind, Map<string, number>>(PARTICIPATION_KINDS.map((kind) => [kind, new Map()]));
    for (const week of weeks) {
      const parts = wibParts(week.weekStart);
      const key = `${parts.year}-${parts.month}`;
      if (!months.some((month) => `${month.year}-${month.month}` === key)) months.push({ year: parts.year, month: parts.month });
      for (const kind of PARTICIPATION_KINDS) perKind.get(kind)!.set(key, (perKind.get(kind)!.get(key) ?? 0) + week.records[kind]);
    }
    const monthCounts = (kind: ParticipationKind) => months.map((month) => `${formatMonth(month, locale)}: ${perKind.get(kind)!.get(`${month.year}-${month.month}`) ?? 0}`).join(" · ");
    for (const indicator of scorecard?.indicators.filter((candidate) => candidate.source === "auto") ?? []) {
      const kinds = FED_BY[indicator.code as AutomaticCode] ?? [];
      doc.moveDown(0.4);
      line(indicatorLine(t, tr, indicator), { bold: true });
      line(tr(indicator.explanation.key, indicator.explanation.vars), { indent: 8, size: 9 });
      for (const kind of kinds) line(t("pack-participation-kind", { kind: tr(`score-kind-${kind}`), months: monthCounts(kind) }), { indent: 8, size: 9 });
    }

    // The ledgers.
    heading(t("pack-ledgers-title", { weeks: PACK_WEEKS }));
    line(t("pack-ledger-bank", { deposits: ledgers.deposits, kg: (ledgers.grams / 1000).toLocaleString(locale === "en" ? "en-GB" : "id-ID", { maximumFractionDigits: 1 }), rupiah: formatRupiah(ledgers.rupiah, locale) }));
    line(t("pack-ledger-reading", { sessions: ledgers.sessions, attendees: ledgers.sessionAttendees, loans: ledgers.loans }));

    // The photos, a few per page, fetched one at a time.
    doc.addPage();
    heading(t("pack-photos-title", { count: listed.total }));
    line(t("pack-photos-since", { from: formatWibDay(since, locale) }), { size: 9 });
    if (photos.length === 0) line(t("pack-photos-none"));
    let missingPhotos = 0;
    let included = 0;
    for (const item of photos) {
      const fetched = await fetchPhoto(deps.downloadFile, item.fileId);
      // The file must stay sendable: a photo that would take it past the bound is left out, with the rest.
      if (fetched && written + fetched.length + PACK_TAIL_BYTES > maxBytes) break;
      included++;
      if (doc.y + PHOTO_BOX.height + 16 > PAGE.height - PAGE.margin) doc.addPage();
      const top = doc.y;
      let drawn = false;
      if (fetched) {
        try {
          doc.image(fetched, PAGE.margin, top, { fit: [PHOTO_BOX.width, PHOTO_BOX.height] });
          drawn = true;
        } catch {
          drawn = false; // not an image pdfkit can read (JPEG and PNG only): listed as not fetched
        }
      }
      if (!drawn) {
        missingPhotos++;
        doc.rect(PAGE.margin, top, PHOTO_BOX.width, PHOTO_BOX.height).stroke("#999999");
        doc.font("Helvetica-Oblique").fontSize(10).fillColor("#555555").text(t("pack-photo-missing"), PAGE.margin + 10, top + PHOTO_BOX.height / 2 - 6, { width: PHOTO_BOX.width - 20, align: "center" }).fillColor("black");
      }
      const textX = PAGE.margin + PHOTO_BOX.width + 16;
      const textWidth = CONTENT_WIDTH - PHOTO_BOX.width - 16;
      doc.font("Helvetica-Bold").fontSize(10).text(targetText(t, tr, item, locale), textX, top, { width: textWidth });
      doc.font("Helvetica").fontSize(10);
      const caption = item.caption === null ? "" : pdfText(item.caption);
      doc.text(caption.length > 0 ? caption : t("pack-photo-no-caption"), textX, undefined, { width: textWidth });
      doc.fontSize(9).fillColor("#444444").text(t("pack-photo-added", { name: (item.roundId !== null && !namesShown ? null : item.addedByName) ?? "-", at: formatWib(item.addedAt, locale) }), textX, undefined, { width: textWidth }).fillColor("black");
      doc.x = PAGE.margin;
      doc.y = Math.max(doc.y, top + PHOTO_BOX.height) + 16;
    }

    const leftOut = listed.total - included;
    if (leftOut > 0) {
      doc.x = PAGE.margin;
      line(t("pack-photos-left-out", { count: leftOut, max: maxPhotos, mb: Math.floor(maxBytes / (1024 * 1024)) }), { bold: true });
    }

    doc.end();
    await ended;
    return { path, size: written, pages, photos: included, leftOut, missingPhotos, fileName: packFileName(place, round.year), dispose };
  } catch (error) {
    await closeUnfinished(doc, file);
    await dispose();
    throw error;
  }
}

/**
 * After a failure part-way: the document stops feeding the file and the file is closed (its
 * descriptor released before the folder goes). The document is not ended: ending a half-drawn one
 * could throw again, and unpiped it holds nothing but memory.
 */
async function closeUnfinished(doc: PDFKit.PDFDocument, file: WriteStream): Promise<void> {
  doc.unpipe(file);
  if (file.closed) return;
  await new Promise<void>((resolve) => {
    file.once("close", () => resolve());
    file.destroy();
  });
}

async function fetchPhoto(download: DownloadFile | undefined, fileId: string): Promise<Buffer | null> {
  if (!download) return null;
  try {
    return Buffer.from(await download(fileId));
  } catch {
    return null;
  }
}

function indicatorLine(t: Translate, tr: Translate, indicator: IndicatorResult): string {
  const label = tr(indicatorKey(indicator.code));
  if (indicator.source === "missing") return t("pack-indicator-unscored", { code: indicator.code, label });
  return t(indicator.source === "auto" ? "pack-indicator-auto" : "pack-indicator-manual", { code: indicator.code, label, score: indicator.score });
}

function targetText(t: Translate, tr: Translate, item: EvidenceItem, locale: string): string {
  if (item.indicatorCode) return t("pack-photo-indicator", { code: item.indicatorCode, label: tr(shortLabelKey(item.indicatorCode as IndicatorCode)) });
  if (item.occurrenceKind && item.occurrenceStartsAt) return t("pack-photo-occurrence", { kind: tr(`event-kind-${item.occurrenceKind}`), day: formatWibDay(item.occurrenceStartsAt, locale) });
  return t("pack-photo-other");
}
