import type { Database } from "../../db/client.js";
import type { Actor } from "../../domain/people/actor.js";
import { lastActivityOf } from "../../domain/participation/participation.js";
import { areaScope } from "../../domain/roles/scope.js";
import { listRtsInScope, type RtSummary } from "../../domain/rt/rt.js";
import { wibDate } from "../../domain/schedule/wib.js";
import { computeStandings, type RtStanding } from "../../domain/scores/standing.js";
import { formatCalendarDay, rtVars } from "../../messages/format.js";
import { scoreTotalText } from "../../messages/score-total.js";
import type { Translate } from "../../messages/translate.js";
import { html, type SafeHtml } from "../html.js";

export type RtsDeps = { db: Database; basePath: string; now: Date; locale: string };

/** The statuses the list can be narrowed to, as written in the address (`?status=menurun`). */
export const RT_STATUSES = ["menurun", "naik", "stabil", "tanpa-ketua", "belum-dinilai"] as const;
export type RtStatus = (typeof RT_STATUSES)[number];

export type RtFilters = { kelurahan: string | null; status: RtStatus | null };

/** Longer than any kelurahan code (15.71.01.1001): such a value is not looked at. */
const FILTER_VALUE_MAX = 32;

/**
 * The filters of the address, kept only when they name something offered: a kelurahan of the
 * actor's area (another kelurahan, a made-up code, anything odd is dropped: the list stays the
 * area's, never more) and one of RT_STATUSES. The first value of each counts.
 */
export function parseRtFilters(query: URLSearchParams, kelurahanInScope: ReadonlySet<string>): RtFilters {
  const value = (name: string) => {
    const raw = query.get(name);
    return raw !== null && raw.length <= FILTER_VALUE_MAX ? raw : null;
  };
  const kelurahan = value("kelurahan");
  const status = value("status");
  return {
    kelurahan: kelurahan !== null && kelurahanInScope.has(kelurahan) ? kelurahan : null,
    status: status !== null && (RT_STATUSES as readonly string[]).includes(status) ? (status as RtStatus) : null,
  };
}

function matches(status: RtStatus | null, standing: RtStanding, place: RtSummary): boolean {
  switch (status) {
    case null:
      return true;
    case "tanpa-ketua":
      return !place.hasKetua;
    case "belum-dinilai":
      return standing.scorecard.missing > 0;
    default:
      return standing.direction === status;
  }
}

type Kelurahan = { code: string; name: string; kecamatanName: string; count: number };

function kelurahanOf(places: readonly RtSummary[]): Kelurahan[] {
  const byCode = new Map<string, Kelurahan>();
  for (const place of places) {
    const entry = byCode.get(place.kelurahanCode);
    if (entry) entry.count++;
    else byCode.set(place.kelurahanCode, { code: place.kelurahanCode, name: place.kelurahanName, kecamatanName: place.kecamatanName, count: 1 });
  }
  return [...byCode.values()];
}

function filterForm(t: Translate, deps: RtsDeps, kelurahan: readonly Kelurahan[], filters: RtFilters): SafeHtml {
  const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ""}>${label}</option>`;
  return html`<form class="filters" method="get" action="${deps.basePath}/rts">
<label>${t("app-rts-filter-kelurahan")}<select name="kelurahan">${option("", t("app-rts-filter-all-kelurahan"), filters.kelurahan === null)}${kelurahan.map((entry) => option(entry.code, entry.name, entry.code === filters.kelurahan))}</select></label>
<label>${t("app-rts-filter-status")}<select name="status">${option("", t("app-rts-filter-all-status"), filters.status === null)}${RT_STATUSES.map((status) => option(status, t(`app-rts-status-${status}`), status === filters.status))}</select></label>
<button type="submit">${t("app-rts-filter-apply")}</button>
</form>`;
}

function rtLine(t: Translate, deps: RtsDeps, place: RtSummary, standing: RtStanding, lastActivity: Date | undefined): SafeHtml {
  const { fading } = standing.trend;
  const trend = fading.menurun
    ? html`<span class="warn">${t("app-rts-trend-fading", { trend: t("score-trend-menurun"), percent: fading.dropPercent ?? 0 })}</span>`
    : html`<span>${t("app-rts-trend", { trend: t(`score-trend-${standing.direction}`) })}</span>`;
  const activity = lastActivity ? t("app-rts-last-activity", { date: formatCalendarDay(wibDate(lastActivity), deps.locale) }) : t("app-rts-no-activity");
  return html`<li><a href="${deps.basePath}/rt/${place.id}"><span class="rt-name">${t("app-rt-name", rtVars(place))}</span> · ${trend}<br>
<span>${t("app-rts-score", { total: scoreTotalText(t, standing.scorecard) })}</span> · <span class="hint">${activity}</span> · ${place.hasKetua ? html`<span>${t("app-rt-has-ketua")}</span>` : html`<span class="warn">${t("app-rts-no-ketua")}</span>`}</a></li>`;
}

/**
 * The koordinator's list (issue 16): the RTs of their area ranked as /skor ranks them (fading
 * first, rankStandings), each with its total over the scored indicators, trend, last activity and
 * ketua; narrowed by kelurahan and status from the address. The scorecards, trends and last
 * activity come from grouped queries over all the RTs shown, never one query per RT. An admin's
 * area is the city: sixteen hundred RTs are no list for a phone, so the city is offered by
 * kelurahan first.
 */
export async function rtsPage(deps: RtsDeps, actor: Actor, t: Translate, query: URLSearchParams): Promise<{ title: string; body: SafeHtml }> {
  const title = t("app-rts-title");
  const nav = html`<nav><a href="${deps.basePath}/home">${t("app-back-home")}</a></nav><h1>${title}</h1>`;
  const scope = areaScope(actor);
  const places = scope.city || scope.kelurahanCodes.length > 0 || scope.kecamatanCodes.length > 0 ? await listRtsInScope(deps.db, scope) : [];
  if (places.length === 0) return { title, body: html`${nav}<p>${t("app-home-area-empty")}</p>` };

  const kelurahan = kelurahanOf(places);
  const filters = parseRtFilters(query, new Set(kelurahan.map((entry) => entry.code)));
  const form = filterForm(t, deps, kelurahan, filters);
  if (scope.city && filters.kelurahan === null) {
    const links = kelurahan.map(
      (entry) => html`<li><a href="${deps.basePath}/rts?kelurahan=${encodeURIComponent(entry.code)}">${t("app-rts-kelurahan-line", { kelurahan: entry.name, kecamatan: entry.kecamatanName, count: entry.count })}</a></li>`,
    );
    return { title, body: html`${nav}${form}<h2>${t("app-rts-pick-kelurahan")}</h2><ul class="plain">${links}</ul>` };
  }

  const inKelurahan = filters.kelurahan === null ? places : places.filter((place) => place.kelurahanCode === filters.kelurahan);
  const byId = new Map(inKelurahan.map((place) => [place.id, place]));
  const ids = [...byId.keys()];
  const [ranked, lastActivity] = await Promise.all([computeStandings(deps.db, ids, deps.now), lastActivityOf(deps.db, ids, deps.now)]);
  const shown = ranked.filter((standing) => matches(filters.status, standing, byId.get(standing.scorecard.rt.rtId)!));
  const fading = ranked.filter((standing) => standing.trend.fading.menurun).length;
  const count = html`<p class="hint">${t("app-rts-count", { shown: shown.length, total: ranked.length, fading })}</p>`;
  const list =
    shown.length === 0
      ? html`<p>${t("app-rts-none")}</p>`
      : html`<ol class="rts">
${shown.map((standing) => {
  const place = byId.get(standing.scorecard.rt.rtId)!;
  return html`${rtLine(t, deps, place, standing, lastActivity.get(place.id))}\n`;
})}</ol>`;
  return { title, body: html`${nav}${form}${count}${list}` };
}
