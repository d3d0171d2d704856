import type { Database } from "../../db/client.js";
import { headedRtId, type Actor } from "../../domain/people/actor.js";
import { areaScope } from "../../domain/roles/scope.js";
import { findRt, listRtPlacesInScope, listRtsInScope, type RtSummary } from "../../domain/rt/rt.js";
import { addressName } from "../../messages/address.js";
import { rtVars } from "../../messages/format.js";
import type { Translate } from "../../messages/translate.js";
import { html, type SafeHtml } from "../html.js";

export type HomeDeps = { db: Database; basePath: string };

function rtLine(t: Translate, basePath: string, place: RtSummary): SafeHtml {
  const vars = rtVars(place);
  return html`<li><a href="${basePath}/rt/${place.id}">
<span class="rt-name">${t("app-rt-name", vars)}</span>
<span class="hint">${t("app-rt-place", vars)}</span><br>
<span>${t("app-rt-members", { active: place.activeMembers, pending: place.pendingMembers })}</span> ·
${place.hasKetua ? html`<span>${t("app-rt-has-ketua")}</span>` : html`<span class="warn">${t("app-rt-no-ketua")}</span>`}
</a></li>`;
}

/**
 * The first page: who the person is and where they can go. A koordinator sees the RTs of their
 * area (as listRtsInScope gives them to /daftarrt and /skor), an admin the city's count, a ketua
 * their RT. Someone the bot does not know yet is sent to the bot.
 */
export async function homePage(deps: HomeDeps, actor: Actor, t: Translate): Promise<{ title: string; body: SafeHtml }> {
  const title = t("app-title");
  const person = actor.person;
  if (!person || person.consentedAt === null) {
    return { title, body: html`<h1>${title}</h1><p>${t("app-home-unregistered")}</p>` };
  }
  const parts: SafeHtml[] = [html`<h1>${t("app-home-greeting", { name: addressName(t, { name: person.displayName, greeting: person.greeting ?? null }) })}</h1>`];

  const headed = headedRtId(actor);
  const own = headed === null ? undefined : await findRt(deps.db, headed);
  if (own) {
    parts.push(html`<div class="card"><a href="${deps.basePath}/rt/${own.id}">${t("app-home-my-rt", rtVars(own))}</a></div>`);
  }

  const scope = areaScope(actor);
  const inArea = scope.city || scope.kelurahanCodes.length > 0 || scope.kecamatanCodes.length > 0;
  if (inArea) {
    if (scope.city) {
      // Sixteen hundred RTs are no list for a phone: the city is read by kecamatan (pages/area.ts).
      const places = await listRtPlacesInScope(deps.db, scope);
      parts.push(html`<h2>${t("app-home-city-count", { count: places.length })}</h2>
<div class="card"><a href="${deps.basePath}/kota">${t("app-home-city")}</a></div>`);
      if (places.length > 0) parts.push(html`<div class="card"><a href="${deps.basePath}/rts">${t("app-home-ranking")}</a></div>`);
    } else {
      const places = await listRtsInScope(deps.db, scope);
      if (places.length === 0) {
        parts.push(html`<p>${t("app-home-area-empty")}</p>`);
      } else {
        // Where a koordinator starts the day first (the ranked list, pages/rts.ts; a whole
        // kecamatan's page by kelurahan, pages/area.ts), then the area's RTs as they are registered.
        parts.push(html`<div class="card"><a href="${deps.basePath}/rts">${t("app-home-ranking")}</a></div>`);
        const kecamatanNames = new Map(places.filter((place) => scope.kecamatanCodes.includes(place.kecamatanCode)).map((place) => [place.kecamatanCode, place.kecamatanName]));
        for (const [code, name] of kecamatanNames) parts.push(html`<div class="card"><a href="${deps.basePath}/kecamatan/${code}">${t("app-home-kecamatan", { kecamatan: name })}</a></div>`);
        parts.push(html`<h2>${t("app-home-area-count", { count: places.length })}</h2>
<ul class="rts">
${places.map((place) => rtLine(t, deps.basePath, place))}
</ul>`);
      }
    }
  } else if (!own) {
    parts.push(html`<p>${t("app-home-nothing")}</p>`);
  }
  return { title, body: html`${parts}` };
}
