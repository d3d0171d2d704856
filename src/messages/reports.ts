import type { ReportFigures } from "../domain/reports/stats.js";
import type { Translate } from "./translate.js";

/** Hours as people read them: "5 jam", "0,5 jam", or a dash when nothing got there. */
export function hoursText(t: Translate, hours: number | null, locale: string): string {
  return hours === null ? "–" : t("report-hours", { hours: hours.toLocaleString(locale === "en" ? "en-GB" : "id-ID") });
}

/**
 * One line of residents' report figures (the RT page, the digest): filed in the window, still
 * open, done, refused, and the median hours to the ketua's first step and to "selesai".
 */
export function reportFiguresText(t: Translate, figures: ReportFigures, locale: string, days: number): string {
  return t("report-figures", {
    days,
    filed: figures.filed,
    open: figures.open,
    done: figures.done,
    rejected: figures.rejected,
    response: hoursText(t, figures.medianFirstResponseHours, locale),
    resolved: hoursText(t, figures.medianDoneHours, locale),
  });
}
