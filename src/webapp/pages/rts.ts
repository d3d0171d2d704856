import type { Database } from "../../db/client.js";
import type { Actor } from "../../domain/people/actor.js";
import { lastActivityOf } from "../../domain/participation/participation.js";
import { areaScope } from "../../domain/roles/scope.js";
import { listRtPlacesInScope, type RtPlace } from "../../domain/rt/rt.js";
import { wibDate } from "../../domain/schedule/wib.js";
import { computeRankings, type RtRanking } from "../../domain/scores/standing.js";
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

function matches(status: RtStatus | null, standing: RtRanking, place: RtPlace): boolean {
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

export type Kelurahan = { code: string; name: string; kecamatanName: string; count: number };

function kelurahanOf(places: readonly RtPlace[]): Kelurahan[] {
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

function rtLine(t: Translate, deps: RtsDeps, place: RtPlace, standing: RtRanking, lastActivity: Date | undefined): SafeHtml {
  const { fading } = standing;
  const trend = fading.menurun
    ? html`<span class="warn">${t("app-rts-trend-fading", { trend: t("score-trend-menurun"), percent: fading.dropPercent ?? 0 })}</span>`
    : html`<span>${t("app-rts-trend", { trend: t(`score-trend-${standing.direction}`) })}</span>`;
  const activity = lastActivity ? t("app-rts-last-activity", { date: formatCalendarDay(wibDate(lastActivity), deps.locale) }) : t("app-rts-no-activity");
  return html`<li><a href="${deps.basePath}/rt/${place.id}"><span class="rt-name">${t("app-rt-name", rtVars(place))}</span> · ${trend}<br>
<span>${t("app-rts-score", { total: scoreTotalText(t, standing.scorecard) })}</span> · <span class="hint">${activity}</span> · ${place.hasKetua ? html`<span>${t("app-rt-has-ketua")}</span>` : html`<span class="warn">${t("app-rts-no-ketua")}</span>`}</a></li>`;
}

/** One RT of the list as shown: where it is, its standing, when it last took part in anything. */
export type ShownRt = { place: RtPlace; standing: RtRanking; lastActivity: Date | undefined };

/**
 * What the list shows for the actor and the address, computed once for the page and for its XLSX
 * (the file is exactly what is shown): nothing (no area), the kelurahan to pick (an admin's city),
 * or the ranked RTs after the filters, with how many the kelurahan holds and how many are fading.
 */
export type ShownRts =
  | { kind: "empty" }
  | { kind: "pick"; kelurahan: Kelurahan[]; filters: RtFilters }
  | { kind: "list"; kelurahan: Kelurahan[]; filters: RtFilters; rows: ShownRt[]; total: number; fading: number };

/**
 * The koordinator's list (issue 16): the RTs of their area ranked as /skor ranks them (fading
 * first, rankStandings), narrowed by kelurahan and status from the address. Only the actor's area
 * is ever read (areaScope): the address can narrow it, never widen it. The scorecards, fading
 * flags and last activity come from grouped queries over all the RTs shown, never one query per RT
 * (computeRankings: without the twelve-week series, which only an RT's page draws). An admin's
 * area is the city: sixteen hundred RTs are no list for a phone, so the city is offered by
 * kelurahan first.
 */
export async function shownRts(deps: Pick<RtsDeps, "db" | "now">, actor: Actor, query: URLSearchParams): Promise<ShownRts> {
  const scope = areaScope(actor);
  const places = scope.city || scope.kelurahanCodes.length > 0 || scope.kecamatanCodes.length > 0 ? await listRtPlacesInScope(deps.db, scope) : [];
  if (places.length === 0) return { kind: "empty" };
  const kelurahan = kelurahanOf(places);
  const filters = parseRtFilters(query, new Set(kelurahan.map((entry) => entry.code)));
  if (scope.city && filters.kelurahan === null) return { kind: "pick", kelurahan, filters };

  const inKelurahan = filters.kelurahan === null ? places : places.filter((place) => place.kelurahanCode === filters.kelurahan);
  const byId = new Map(inKelurahan.map((place) => [place.id, place]));
  const ids = [...byId.keys()];
  const [ranked, lastActivity] = await Promise.all([computeRankings(deps.db, ids, deps.now), lastActivityOf(deps.db, ids, deps.now)]);
  const rows = ranked.flatMap((standing) => {
    const place = byId.get(standing.scorecard.rt.rtId)!;
    return matches(filters.status, standing, place) ? [{ place, standing, lastActivity: lastActivity.get(place.id) }] : [];
  });
  const fading = ranked.filter((standing) => standing.fading.menurun).length;
  return { kind: "list", kelurahan, filters, rows, total: ranked.length, fading };
}

/** The address of the list's XLSX for these filters: the parsed ones, so the file shows what the page shows. */
export function rtsXlsxPath(basePath: string, filters: RtFilters): string {
  const query = new URLSearchParams();
  if (filters.kelurahan !== null) query.set("kelurahan", filters.kelurahan);
  if (filters.status !== null) query.set("status", filters.status);
  const text = query.toString();
  return `${basePath}/rts.xlsx${text ? `?${text}` : ""}`;
}

/** The list as a page; `download` is the XLSX link's attributes (its address with a ticket for Telegram's own download, and the file's name). */
export async function rtsPage(
  deps: RtsDeps,
  actor: Actor,
  t: Translate,
  query: URLSearchParams,
  download: (filters: RtFilters) => { ticketHref: string; fileName: string },
): Promise<{ title: string; body: SafeHtml; scripts?: string[] }> {
  const title = t("app-rts-title");
  const nav = html`<nav><a href="${deps.basePath}/home">${t("app-back-home")}</a></nav><h1>${title}</h1>`;
  const shown = await shownRts(deps, actor, query);
  if (shown.kind === "empty") return { title, body: html`${nav}<p>${t("app-home-area-empty")}</p>` };

  const form = filterForm(t, deps, shown.kelurahan, shown.filters);
  if (shown.kind === "pick") {
    const links = shown.kelurahan.map(
      (entry) => html`<li><a href="${deps.basePath}/rts?kelurahan=${encodeURIComponent(entry.code)}">${t("app-rts-kelurahan-line", { kelurahan: entry.name, kecamatan: entry.kecamatanName, count: entry.count })}</a></li>`,
    );
    return { title, body: html`${nav}${form}<h2>${t("app-rts-pick-kelurahan")}</h2><ul class="plain">${links}</ul>` };
  }

  const { ticketHref, fileName } = download(shown.filters);
  const count = html`<p class="hint">${t("app-rts-count", { shown: shown.rows.length, total: shown.total, fading: shown.fading })}</p>`;
  const link = html`<p><a class="download" href="${rtsXlsxPath(deps.basePath, shown.filters)}" download="${fileName}" data-ticket-href="${ticketHref}" data-file-name="${fileName}">${t("app-rts-download")}</a><br><span class="hint">${t("app-rts-download-hint")}</span></p>`;
  const list =
    shown.rows.length === 0
      ? html`<p>${t("app-rts-none")}</p>`
      : html`<ol class="rts">
${shown.rows.map((row) => html`${rtLine(t, deps, row.place, row.standing, row.lastActivity)}\n`)}</ol>`;
  return { title, body: html`${nav}${form}${count}${link}${list}`, scripts: [`${deps.basePath}/download.js`] };
}
