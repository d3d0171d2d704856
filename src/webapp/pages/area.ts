import type { Database } from "../../db/client.js";
import { computeRecap, type Recap } from "../../domain/cycle/recap.js";
import type { Actor } from "../../domain/people/actor.js";
import { areaScope, coversKecamatan, type AreaScope } from "../../domain/roles/scope.js";
import { averageScoreTenths, isKecamatanCode, summarizeCity, summarizeKecamatan, type AreaFigures } from "../../domain/scores/area-summary.js";
import type { Translate } from "../../messages/translate.js";
import { recapBlock, recapRoundLine } from "../../reports/recap.js";
import { html, type SafeHtml } from "../html.js";

export type AreaDeps = { db: Database; basePath: string; now: Date; locale: string };

/** A page, or why there is none: the server answers 403 or 404 with its notice. */
export type AreaAnswer = { kind: "page"; title: string; body: SafeHtml } | { kind: "forbidden" } | { kind: "not-found" };

/** "12,3" (id), "12.3" (en): the mean total, in tenths, as the reader writes decimals. */
function averageText(deps: AreaDeps, tenths: number): string {
  return new Intl.NumberFormat(deps.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(tenths / 10);
}

/** "12 RT · ⚠️ 2 menurun · 5 ada yang belum dinilai · 3 tanpa ketua · rata-rata nilai 12,3"; a part without RTs says only that. */
function figuresLine(t: Translate, deps: AreaDeps, figures: AreaFigures): SafeHtml {
  const tenths = averageScoreTenths(figures);
  if (tenths === null) return html`<span class="hint">${t("app-area-rts", { count: 0 })}</span>`;
  const flagged = (count: number, key: string) => (count > 0 ? html`<span class="warn">⚠️ ${t(key, { count })}</span>` : html`<span>${t(key, { count })}</span>`);
  return html`<span>${t("app-area-rts", { count: figures.rts })}</span> · ${flagged(figures.fading, "app-area-fading")} · <span>${t("app-area-unscored", { count: figures.unscored })}</span> · ${flagged(figures.withoutKetua, "app-area-no-ketua")} · <span>${t("app-area-average", { average: averageText(deps, tenths) })}</span>`;
}

/** A part's line; one with nowhere to go (a kelurahan without RTs) is not drawn as a link. */
function linkedPart(href: string | null, name: string, line: SafeHtml): SafeHtml {
  if (href === null) return html`<li><strong>${name}</strong><br>${line}</li>\n`;
  return html`<li><a href="${href}"><span class="rt-name">${name}</span><br>${line}</a></li>\n`;
}

function blockLines(lines: string[]): SafeHtml {
  return html`${lines.map((line, index) => html`${index > 0 ? html`<br>` : ""}${line}`)}`;
}

/**
 * The round's recap (computeRecap, as /rekap gives it) in /rekap's words: which round, the whole
 * area's block and, on the city's page, each kecamatan's. Before the first round, only that.
 */
function recapSection(t: Translate, recap: Recap, wholeName: string, perKecamatan: boolean): SafeHtml {
  const title = html`<h2>${t("app-area-recap-title")}</h2>`;
  if (!recap.round) return html`${title}<p>${t("app-area-no-round")}</p>`;
  const rows = perKecamatan ? recap.kecamatan.map((row) => html`<li>${blockLines(recapBlock(t, row.kecamatanName, row))}</li>\n`) : [];
  return html`${title}<p>${recapRoundLine(recap, t)}</p>
<div class="card">${blockLines(recapBlock(t, wholeName, recap.total))}</div>
${rows.length > 0 ? html`<ul class="plain">\n${rows}</ul>` : ""}`;
}

function nav(t: Translate, deps: AreaDeps, toCity: boolean): SafeHtml {
  return html`<nav><a href="${deps.basePath}/home">${t("app-back-home")}</a>${toCity ? html` · <a href="${deps.basePath}/kota">${t("app-area-back-city")}</a>` : ""}</nav>`;
}

/**
 * The city (issue 16, the admin's view): every kecamatan with its RTs, how many fade, how many have
 * unscored indicators, how many have no ketua and their mean total score, each linked to its page;
 * the city's figures first; then the round's recap. Only for an actor whose area is the city.
 */
export async function cityPage(deps: AreaDeps, actor: Actor, t: Translate): Promise<AreaAnswer> {
  const scope = areaScope(actor);
  if (!scope.city) return { kind: "forbidden" };
  const [summary, recap] = await Promise.all([summarizeCity(deps.db, { now: deps.now }), computeRecap(deps.db, { scope, now: deps.now })]);
  const title = t("app-city-title");
  const parts = summary.parts.map((part) => linkedPart(`${deps.basePath}/kecamatan/${part.code}`, part.name, figuresLine(t, deps, part)));
  const body = html`${nav(t, deps, false)}<h1>${title}</h1>
<div class="card"><strong>${t("app-city-total")}</strong><br>${figuresLine(t, deps, summary.total)}</div>
<p class="hint">${t("app-area-about")}</p>
<h2>${t("app-city-by-kecamatan")}</h2>
<ul class="rts">
${parts}</ul>
${recapSection(t, recap, t("recap-total-city"), true)}`;
  return { kind: "page", title, body };
}

/**
 * One kecamatan: the same figures per kelurahan, each kelurahan with RTs linked to the ranked list
 * narrowed to it (pages/rts.ts), and the kecamatan's part of the round's recap. For the admin and a
 * koordinator of the whole kecamatan (coversKecamatan); the code is checked for its form before
 * anything is read, and one that names no kecamatan is "not found".
 */
export async function kecamatanPage(deps: AreaDeps, actor: Actor, t: Translate, code: string): Promise<AreaAnswer> {
  if (!isKecamatanCode(code)) return { kind: "not-found" };
  const scope = areaScope(actor);
  if (!coversKecamatan(scope, code)) return { kind: "forbidden" };
  const only: AreaScope = { city: false, kelurahanCodes: [], kecamatanCodes: [code] };
  const [summary, recap] = await Promise.all([summarizeKecamatan(deps.db, { kecamatanCode: code, now: deps.now }), computeRecap(deps.db, { scope: only, now: deps.now })]);
  if (!summary) return { kind: "not-found" };
  const title = t("app-kecamatan-title", { kecamatan: summary.name });
  const parts = summary.parts.map((part) =>
    linkedPart(part.rts > 0 ? `${deps.basePath}/rts?kelurahan=${encodeURIComponent(part.code)}` : null, part.name, figuresLine(t, deps, part)),
  );
  const body = html`${nav(t, deps, scope.city)}<h1>${title}</h1>
<div class="card"><strong>${t("app-kecamatan-total")}</strong><br>${figuresLine(t, deps, summary.total)}</div>
<p class="hint">${t("app-area-about")}</p>
<h2>${t("app-kecamatan-by-kelurahan")}</h2>
<ul class="rts">
${parts}</ul>
${recapSection(t, recap, summary.name, false)}`;
  return { kind: "page", title, body };
}
