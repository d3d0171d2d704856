import { and, gte, inArray, lte, or } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { residentReport } from "../../db/schema/index.js";
import type { IndicatorCode } from "../scores/indicators.js";
import { CATEGORY_INDICATORS, isOpen, OPEN_STATUSES, REPORT_INDICATORS, type ReportCategory, type ReportStatus } from "./categories.js";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The windows the RT page and the digest show. */
export const REPORT_WINDOWS = [30, 90] as const;

/**
 * Reports filed in a window: how many, how many are still open, done (selesai) and refused
 * (ditolak), and the median hours from filing to the ketua's first step and to "selesai" (null
 * when none has got there). Counts only: nobody's name, nothing they wrote.
 */
export type ReportFigures = {
  filed: number;
  open: number;
  done: number;
  rejected: number;
  medianFirstResponseHours: number | null;
  medianDoneHours: number | null;
};

export type RtReportStats = {
  days: number;
  all: ReportFigures;
  /** The same, for the categories each indicator concerns (CATEGORY_INDICATORS). */
  byIndicator: Record<IndicatorCode, ReportFigures>;
  /** Open now, whenever filed (an old one left open does not drop out of sight). */
  openNow: number;
};

type Row = { rtId: number; category: ReportCategory; status: ReportStatus; createdAt: Date; firstResponseAt: Date | null; closedAt: Date | null };

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  // Whole hours, or one decimal under ten hours: "0,5 jam" says more than "0 jam".
  return value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
}

function figures(rows: readonly Row[]): ReportFigures {
  const hours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / HOUR_MS;
  return {
    filed: rows.length,
    open: rows.filter((row) => isOpen(row.status)).length,
    done: rows.filter((row) => row.status === "selesai").length,
    rejected: rows.filter((row) => row.status === "ditolak").length,
    medianFirstResponseHours: median(rows.flatMap((row) => (row.firstResponseAt ? [hours(row.createdAt, row.firstResponseAt)] : []))),
    medianDoneHours: median(rows.flatMap((row) => (row.status === "selesai" && row.closedAt ? [hours(row.createdAt, row.closedAt)] : []))),
  };
}

/**
 * Each RT's report figures for the `days` before `now`, from one query however many RTs (the
 * digest asks for a whole area). An RT without reports gets zeros.
 */
export async function reportStats(db: Database, params: { rtIds: readonly number[]; now: Date; days: number }): Promise<Map<number, RtReportStats>> {
  const result = new Map<number, RtReportStats>();
  if (params.rtIds.length === 0) return result;
  const since = new Date(params.now.getTime() - params.days * DAY_MS);
  const rows: Row[] = await db
    .select({ rtId: residentReport.rtId, category: residentReport.category, status: residentReport.status, createdAt: residentReport.createdAt, firstResponseAt: residentReport.firstResponseAt, closedAt: residentReport.closedAt })
    .from(residentReport)
    .where(and(inArray(residentReport.rtId, [...params.rtIds]), or(gte(residentReport.createdAt, since), inArray(residentReport.status, [...OPEN_STATUSES])), lte(residentReport.createdAt, params.now)));
  for (const rtId of params.rtIds) {
    const own = rows.filter((row) => row.rtId === rtId);
    const windowed = own.filter((row) => row.createdAt.getTime() >= since.getTime());
    const byIndicator = Object.fromEntries(
      REPORT_INDICATORS.map((code) => [code, figures(windowed.filter((row) => CATEGORY_INDICATORS[row.category].includes(code)))]),
    ) as Record<IndicatorCode, ReportFigures>;
    result.set(rtId, { days: params.days, all: figures(windowed), byIndicator, openNow: own.filter((row) => isOpen(row.status)).length });
  }
  return result;
}
