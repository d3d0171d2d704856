import type { Database } from "../../db/client.js";
import { listMembers, type MembershipView } from "../../domain/membership/membership.js";
import type { Actor } from "../../domain/people/actor.js";
import { lastActivityOfMembers } from "../../domain/participation/participation.js";
import { listPetugasIds } from "../../domain/roles/roles.js";
import type { RtDetails } from "../../domain/rt/rt.js";
import { wibDate } from "../../domain/schedule/wib.js";
import { DEFAULT_SCORE_CONFIG } from "../../domain/scores/config.js";
import { residentPoints } from "../../domain/scores/metrics.js";
import { addressName } from "../../messages/address.js";
import { formatCalendarDay, rtVars } from "../../messages/format.js";
import type { Translate } from "../../messages/translate.js";
import { html, type SafeHtml } from "../html.js";

export type MembersPageDeps = { db: Database; basePath: string; now: Date; locale: string };

/**
 * The members of one RT, for those the bot shows /anggota of it (checked by the server before this
 * is called): the active residents, named as the bot names them, each with their part in the
 * scoring window (records as /skor counts a resident's points: residentPoints) and the day they last
 * took part; then the requests waiting, which are decided in the bot.
 */
export async function membersPage(deps: MembersPageDeps, actor: Actor, t: Translate, place: RtDetails): Promise<{ title: string; body: SafeHtml }> {
  const config = DEFAULT_SCORE_CONFIG;
  const [members, petugas, points, last] = await Promise.all([
    listMembers(deps.db, place.id),
    listPetugasIds(deps.db, place.id),
    residentPoints(deps.db, deps.now, config, { rtIds: [place.id] }),
    lastActivityOfMembers(deps.db, { rtId: place.id, now: deps.now }),
  ]);
  const officers = new Set(petugas);
  const active = members.filter((member) => member.status === "active");
  const pending = members.filter((member) => member.status === "pending");
  const vars = rtVars(place);
  const title = t("app-members-title", vars);
  const day = (instant: Date) => formatCalendarDay(wibDate(instant), deps.locale);
  const name = (member: MembershipView) => addressName(t, { name: member.displayName, greeting: member.greeting });

  const activeLines = active.map((member) => {
    // The tags /anggota gives: the reader when they are the ketua, and the RT's petugas.
    const tags = [member.personId === actor.person?.id && !actor.acting ? t("role-ketua_rt") : null, officers.has(member.personId) ? t("role-petugas") : null].filter((tag) => tag !== null);
    const records = points.get(member.personId)?.records ?? 0;
    const lastAt = last.get(member.personId);
    return html`<li><strong>${name(member)}</strong>${tags.length ? html` <span class="hint">(${tags.join(", ")})</span>` : ""} · <span>${member.householdLabel ?? "-"}</span><br>
<span${records === 0 ? html` class="warn"` : ""}>${t("app-members-activity", { count: records, days: config.windowDays })}</span> · <span class="hint">${lastAt ? t("app-members-last", { date: day(lastAt) }) : t("app-members-never")}</span></li>`;
  });
  const pendingLines = pending.map(
    (member) => html`<li><strong>${name(member)}</strong> · <span>${member.householdLabel ?? "-"}</span><br><span class="hint">${t("app-members-requested", { date: day(member.requestedAt) })}</span></li>`,
  );
  return {
    title,
    body: html`<nav><a href="${deps.basePath}/rt/${place.id}">${t("app-members-back-rt", vars)}</a></nav>
<h1>${title}</h1>
<p class="hint">${t("app-members-summary", { active: active.length, pending: pending.length, households: place.householdCount })}</p>
<h2>${t("app-members-active")}</h2>
${active.length === 0 ? html`<p>${t("app-members-none")}</p>` : html`<ol class="rts">${activeLines}</ol>`}
${
  pending.length === 0
    ? ""
    : html`<h2>${t("app-members-pending-title", { count: pending.length })}</h2>
<ul class="plain">${pendingLines}</ul>
<p class="hint">${t("app-members-pending-hint")}</p>`
}`,
  };
}
