import type { Chat, InlineKeyboardButton } from "grammy/types";
import { allows, AUDIENCES } from "../../domain/people/audience.js";
import type { Actor } from "../../domain/people/actor.js";
import { areaScope } from "../../domain/roles/scope.js";
import { openPageUrl, type AppPage } from "../../webapp/links.js";
import type { Translate } from "../translate.js";

/**
 * The buttons that open the Mini App (issue 16). A web_app button carries a URL, not callback
 * data: nothing comes back to the bot when it is pressed, so it is no ButtonFamily; the app signs
 * the person in with Telegram's initData and every page checks their rights again. What is decided
 * here, once: which page a button opens, its label, and where a button may be shown at all.
 */
const LABELS: Record<AppPage["page"], string> = {
  home: "button-dashboard-home",
  rts: "button-dashboard-rts",
  kota: "button-dashboard-city",
  rt: "button-dashboard-rt",
};

/** An area's page: the city's for an admin (its ranked list first asks for a kelurahan), else the ranked list. */
export function areaPage(actor: Actor): AppPage {
  return areaScope(actor).city ? { page: "kota" } : { page: "rts" };
}

/** Where a message goes: WEBAPP_URL (unset: the app is off) and the chat's type. */
export type DashboardPlace = { webappUrl: string | undefined; chatType: Chat["type"] };

/** Who is offered the app: those who have pages in it (a warga has none). */
export function mayOpenDashboard(actor: Actor): boolean {
  return allows(AUDIENCES.dashboardReaders, actor);
}

/**
 * The button opening `page`, or undefined when the app is off or the chat is not private:
 * Telegram refuses web_app buttons in groups (BUTTON_TYPE_INVALID).
 */
export function dashboardButton(t: Translate, place: DashboardPlace, page: AppPage): InlineKeyboardButton.WebAppButton | undefined {
  if (!place.webappUrl || place.chatType !== "private") return undefined;
  return { text: t(LABELS[page.page]), web_app: { url: openPageUrl(place.webappUrl, page) } };
}
