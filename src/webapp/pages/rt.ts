import type { Database } from "../../db/client.js";
import { titleOf } from "../../domain/cycle/titles.js";
import { DomainError } from "../../domain/errors.js";
import { latestRtEvidence, ledgerTotals, type EvidenceThumb } from "../../domain/evidence/evidence.js";
import { lastActivityOf, RECENT_ACTIVITY_DAYS, recentActivityOf, type RecentActivity } from "../../domain/participation/participation.js";
import type { RtDetails } from "../../domain/rt/rt.js";
import { wibDate } from "../../domain/schedule/wib.js";
import { DEFAULT_SCORE_CONFIG } from "../../domain/scores/config.js";
import { DIMENSIONS, dimensionKey, shortLabelKey, type IndicatorCode } from "../../domain/scores/indicators.js";
import { categoryKey, type IndicatorResult, type LocaleLine } from "../../domain/scores/scorecard.js";
import { computeStandings, type RtStanding } from "../../domain/scores/standing.js";
import { formatCalendarDay, formatQuantity, formatRupiah, formatWibDay, rtVars } from "../../messages/format.js";
import { dimensionTotalText, scoreTotalText } from "../../messages/score-total.js";
import type { Translate } from "../../messages/translate.js";
import { barChartSvg, type ChartBar } from "../chart.js";
import { html, type SafeHtml } from "../html.js";
import { REPORT_INDICATORS } from "../../domain/reports/categories.js";
import { REPORT_WINDOWS, reportStats, type RtReportStats } from "../../domain/reports/stats.js";
import { reportFiguresText } from "../../messages/reports.js";

/**
 * `membersHref`: the RT's members page, for those who may open it (the server decides), else none;
 * `listHref`: the ranked list of its kelurahan, for those with an area (where they came from).
 */
export type RtPageDeps = { db: Database; basePath: string; now: Date; locale: string; membersHref?: string | null; listHref?: string | null };

/** The latest activities the page lists. */
export const RT_PAGE_ACTIVITIES = 10;
/** The latest photos the page shows: each is a photo's full size from Telegram, so few, on mobile data. */
export const RT_PAGE_PHOTOS = 6;

function shortLabel(t: Translate, code: IndicatorCode): string {
  return t(shortLabelKey(code));
}

/** A koordinator's scoring day ("2026-11-20") as people read it; anything else as it is. */
function dayText(value: string | number | undefined, locale: string): string {
  const match = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return match ? formatCalendarDay({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, locale) : String(value ?? "");
}

/** An explanation line, its scoring day written out. */
function explain(t: Translate, line: LocaleLine, locale: string): string {
  return t(line.key, "date" in line.vars ? { ...line.vars, date: dayText(line.vars.date, locale) } : line.vars);
}

function scoreText(indicator: IndicatorResult): string {
  return indicator.source === "missing" ? "—" : String(indicator.score);
}

/** The residents' reports of the RT: the last 30 and 90 days, and how many are open now (counts only, no names). */
function reportsSection(t: Translate, locale: string, stats: readonly RtReportStats[]): SafeHtml {
  const lines = stats.map((window) => html`<li>${reportFiguresText(t, window.all, locale, window.days)}</li>`);
  return html`<h2>${t("app-rt-reports-title")}</h2>
<p>${t("app-rt-reports-open", { count: stats[0]?.openNow ?? 0 })}</p><ul class="plain">${lines}</ul><p class="hint">${t("app-rt-reports-hint")}</p>`;
}

/** The scorecard as /skor tells it (scorecardLines), as a page: each indicator with why it has its score. */
function scorecardSection(t: Translate, locale: string, standing: RtStanding, reports?: RtReportStats): SafeHtml {
  const { scorecard } = standing;
  const dimensions = DIMENSIONS.map((dimension) => {
    const items = scorecard.indicators
      .filter((indicator) => indicator.dimension === dimension)
      .map((indicator) => {
        const earlier = indicator.earlierManual
          ? html`<span class="explain">${t("app-rt-earlier-manual", { score: indicator.earlierManual.score, date: dayText(indicator.earlierManual.assessedOn, locale) })}</span>`
          : "";
        // Beside the indicators they concern (CATEGORY_INDICATORS): the residents' reports of the last 90 days.
        const reported = reports && REPORT_INDICATORS.includes(indicator.code) ? html`<span class="explain">${t("app-rt-reports-indicator", { figures: reportFiguresText(t, reports.byIndicator[indicator.code], locale, reports.days) })}</span>` : "";
        return html`<li><span>${t("score-card-indicator", { code: indicator.code, label: shortLabel(t, indicator.code), score: scoreText(indicator) })}</span><span class="explain">${explain(t, indicator.explanation, locale)}</span>${earlier}${reported}</li>`;
      });
    const total = dimensionTotalText(t, scorecard.totals[dimension], scorecard.scoredDimensionMax[dimension]);
    return html`<h3>${t("app-rt-dimension", { dimension: t(dimensionKey(dimension)), total })}</h3><ul class="plain">${items}</ul>`;
  });
  const weakest = scorecard.weakest.map(
    (indicator, index) =>
      html`<li>${t("score-card-weakest", { rank: index + 1, code: indicator.code, label: shortLabel(t, indicator.code), score: scoreText(indicator), suggestion: t(indicator.suggestion.key, indicator.suggestion.vars) })}</li>`,
  );
  return html`<h2>${t("app-rt-scorecard")}</h2>
<div class="card"><p>${t("score-card-summary", {
    total: scoreTotalText(t, scorecard),
    category: t(categoryKey(scorecard.category.key)),
    households: scorecard.rt.householdCount,
    award: formatRupiah(scorecard.category.award, locale),
  })}</p>${scorecard.missing > 0 ? html`<p class="hint">${t("score-card-missing", { count: scorecard.missing })}</p>` : ""}</div>
${dimensions}
<h2>${t("score-card-weakest-title")}</h2><ul class="plain">${weakest}</ul>`;
}

/** The 12 weeks of /skor's sparkline as bars: the share of KK taking part, or households when the KK count is not set. */
function trendSection(t: Translate, standing: RtStanding): SafeHtml {
  const { trend } = standing;
  const byRate = trend.rt.householdCount > 0;
  const most = Math.max(1, ...trend.weeks12.map((week) => week.participatingHouseholds));
  const bars: ChartBar[] = trend.weeks12.map((week) => {
    const day = wibDate(week.from);
    const tick = `${day.day}/${day.month}`;
    const value = byRate ? `${Math.floor((week.participationRate ?? 0) * 100)}%` : String(week.participatingHouseholds);
    return { share: byRate ? (week.participationRate ?? 0) : week.participatingHouseholds / most, tick, title: t("app-rt-chart-week", { week: tick, value, households: week.participatingHouseholds }) };
  });
  const chartTitle = t(byRate ? "app-rt-chart-title" : "app-rt-chart-title-households");
  const chart = barChartSvg(bars, { title: chartTitle, axis: byRate ? ["100%", "50%"] : [String(most), String(Math.round(most / 2))] });
  const fading = trend.fading.menurun && trend.fading.dropPercent !== null ? html`<p class="warn">${t("score-card-fading", { percent: trend.fading.dropPercent })}</p>` : "";
  return html`<h2>${t("score-card-trend", { trend: t(`score-trend-${standing.direction}`) })}</h2>${fading}
<figure style="margin:0">${chart}<figcaption class="hint">${chartTitle}</figcaption></figure>`;
}

/** The latest activities, each its WIB day, its kind and how many took part: no one's name (koordinators read it too). */
function recentSection(t: Translate, locale: string, activities: readonly RecentActivity[]): SafeHtml {
  const lines = activities.map(
    (activity) => html`<li>${t("app-rt-recent-line", { date: formatWibDay(activity.at, locale), kind: t(`digest-kind-${activity.kind}`), people: activity.people, households: activity.households })}</li>`,
  );
  return html`<h2>${t("app-rt-recent-title")}</h2>
${lines.length > 0 ? html`<ul class="plain recent">${lines}</ul>` : html`<p class="hint">${t("app-rt-recent-none", { days: RECENT_ACTIVITY_DAYS })}</p>`}`;
}

/** The latest evidence photos as thumbnails, each served by `<base>/photo/<id>` (photos.ts), with what it shows and its day. */
function photosSection(t: Translate, deps: RtPageDeps, photos: readonly EvidenceThumb[]): SafeHtml {
  const items = photos.map((photo) => {
    const what = photo.indicatorCode ? `${photo.indicatorCode} ${shortLabel(t, photo.indicatorCode)}` : t(`event-kind-${photo.occurrenceKind ?? "lainnya"}`);
    const label = t("app-rt-photo", { what, date: formatCalendarDay(wibDate(photo.occurrenceStartsAt ?? photo.addedAt), deps.locale) });
    return html`<li style="margin:0"><img src="${deps.basePath}/photo/${photo.id}" alt="${label}" loading="lazy" decoding="async" width="160" height="160" style="width:100%;height:auto;aspect-ratio:1;object-fit:cover;border-radius:8px;display:block;background:var(--tg-theme-secondary-bg-color,#f1f1f4)"><span class="explain">${label}</span></li>`;
  });
  return html`<h2>${t("app-rt-photos-title")}</h2>
${items.length > 0 ? html`<ul class="plain photos" style="display:grid;grid-template-columns:repeat(auto-fill,minmax(6.5rem,1fr));gap:.5rem">${items}</ul>` : html`<p class="hint">${t("app-rt-photos-none")}</p>`}`;
}

/**
 * One RT, for those who may read its scorecard (checked by the server with canManageRt before
 * this is called): its titles, the scorecard with each indicator's explanation and the three to
 * work on, the 12-week participation chart, the window's bank sampah and pojok baca totals, the
 * latest activities (counts, no names) and the latest evidence photos.
 */
export async function rtPage(deps: RtPageDeps, t: Translate, place: RtDetails): Promise<{ title: string; body: SafeHtml }> {
  const config = DEFAULT_SCORE_CONFIG;
  const [[standing], titles, lastActivity, recent, photos, ...reportWindows] = await Promise.all([
    computeStandings(deps.db, [place.id], deps.now, config),
    titleOf(deps.db, place.id, deps.now),
    lastActivityOf(deps.db, [place.id], deps.now),
    recentActivityOf(deps.db, { rtId: place.id, now: deps.now, limit: RT_PAGE_ACTIVITIES }),
    latestRtEvidence(deps.db, { rtId: place.id, limit: RT_PAGE_PHOTOS }),
    ...REPORT_WINDOWS.map((days) => reportStats(deps.db, { rtIds: [place.id], now: deps.now, days })),
  ]);
  const reports = reportWindows.flatMap((window) => window.get(place.id) ?? []);
  if (!standing) throw new DomainError("rt-not-found");
  const { window } = standing.scorecard;
  const totals = await ledgerTotals(deps.db, { rtId: place.id, from: window.from, to: window.to });
  const vars = rtVars(place);
  const title = t("app-rt-name", vars);
  const last = lastActivity.get(place.id);
  const held = titles.map((entry) => html`<p>${t(`award-title-${entry.level}`, { year: String(entry.year), category: t(`award-category-${entry.category}`) })}</p>`);
  return {
    title,
    body: html`<nav><a href="${deps.basePath}/home">${t("app-back-home")}</a>${deps.listHref ? html` · <a href="${deps.listHref}">${t("app-rt-back-list", { kelurahan: place.kelurahanName })}</a>` : ""}</nav>
<h1>${title}</h1>
<p class="hint">${t("app-rt-place", vars)}</p>
${held}${deps.membersHref ? html`<div class="card"><a href="${deps.membersHref}">${t("app-rt-members-link")}</a></div>` : ""}
<p>${t("app-rt-households", { count: place.householdCount })} · ${last ? t("app-rts-last-activity", { date: formatCalendarDay(wibDate(last), deps.locale) }) : t("app-rts-no-activity")}</p>
${scorecardSection(t, deps.locale, standing, reports.at(-1))}
${trendSection(t, standing)}
<h2>${t("app-rt-activity-title", { days: config.windowDays })}</h2>
<ul class="plain">
<li>${t("app-rt-bank", { deposits: totals.deposits, weight: formatQuantity(totals.grams, "kg", deps.locale), rupiah: formatRupiah(totals.rupiah, deps.locale) })}</li>
<li>${t("app-rt-reading", { sessions: totals.sessions, attendees: totals.sessionAttendees, loans: totals.loans })}</li>
</ul>
${reportsSection(t, deps.locale, reports)}
${recentSection(t, deps.locale, recent)}
${photosSection(t, deps, photos)}`,
  };
}
