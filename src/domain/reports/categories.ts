import type { IndicatorCode } from "../scores/indicators.js";

/** What a resident can report (/lapor), in the order the form offers them. */
export const REPORT_CATEGORIES = ["saluran", "sampah", "lampu", "keamanan", "fasilitas", "lainnya"] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/**
 * The indicators a category of report concerns, where the RT's page and digest show its counts:
 * a blocked drain is sanitation (B6) and the RT's infrastructure (B2, drainage); illegal dumping is
 * sanitation (B6); a street light out is infrastructure (B2); a damaged facility is infrastructure
 * (B2) and the housing and settlement facilities (B1); a security incident is crime (A2). "Lainnya"
 * concerns none of them: it is counted in the RT's totals only.
 */
export const CATEGORY_INDICATORS: Readonly<Record<ReportCategory, readonly IndicatorCode[]>> = {
  saluran: ["B2", "B6"],
  sampah: ["B6"],
  lampu: ["B2"],
  keamanan: ["A2"],
  fasilitas: ["B1", "B2"],
  lainnya: [],
};

/** The indicators reports are shown beside, in the scorecard's order. */
export const REPORT_INDICATORS: readonly IndicatorCode[] = ["B1", "B2", "B6", "A2"];

export function categoriesOf(indicator: IndicatorCode): ReportCategory[] {
  return REPORT_CATEGORIES.filter((category) => CATEGORY_INDICATORS[category].includes(indicator));
}

/**
 * A photo is the report's evidence: required for what can be photographed when it is reported (a
 * drain, a dump, a dark lamp post, a broken facility). A security incident is often over, or unsafe
 * to photograph, by the time it is reported, and "lainnya" may be anything: those may skip it.
 */
export function photoRequired(category: ReportCategory): boolean {
  return category !== "keamanan" && category !== "lainnya";
}

export const REPORT_STATUSES = ["baru", "diterima", "ditangani", "selesai", "ditolak"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const OPEN_STATUSES: readonly ReportStatus[] = ["baru", "diterima", "ditangani"];
/** The steps a ketua may take; "baru" is where a report starts, never a step. */
export type ReportStep = Exclude<ReportStatus, "baru">;
export const REPORT_STEPS: readonly ReportStep[] = ["diterima", "ditangani", "selesai", "ditolak"];

/**
 * The steps allowed from each status: forward one step at a time (the reporter hears each: taken
 * up, being handled, done), or refuse an open one with a reason. A closed one stays closed.
 */
const NEXT: Readonly<Record<ReportStatus, readonly ReportStep[]>> = {
  baru: ["diterima", "ditolak"],
  diterima: ["ditangani", "ditolak"],
  ditangani: ["selesai", "ditolak"],
  selesai: [],
  ditolak: [],
};

export function nextSteps(status: ReportStatus): readonly ReportStep[] {
  return NEXT[status];
}

export function isOpen(status: ReportStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
