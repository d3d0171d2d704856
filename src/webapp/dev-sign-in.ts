import type { ServerResponse } from "node:http";
import type { Locale } from "../domain/people/person.js";
import type { Translate } from "../messages/translate.js";
import { html } from "./html.js";
import { page } from "./layout.js";
import { HOME_PATH, NEXT_PARAM, safeNextPath } from "./links.js";

/** Where the console's sign-in answers, under the app's base path. */
export const DEV_SIGN_IN_PATH = "/dev/masuk";

/**
 * The console's sign-in (`npm run console`): no Telegram, so no initData; the developer picks a
 * demo person and gets that person's session. Only the console passes it to createWebApp (the app
 * in src/runtime never does), and createWebApp refuses it unless the app's address is plain http on
 * this machine's loopback: it cannot be switched on in production by mistake.
 */
export type DevSignIn = {
  /** The people one may sign in as (the demo's): their Telegram id and a label for the list. */
  people: readonly { telegramId: number; label: string }[];
};

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Throws unless `publicUrl` is an http address on the loopback interface. */
export function assertDevAddress(publicUrl: string): void {
  const url = new URL(publicUrl);
  if (url.protocol !== "http:" || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error("the development sign-in is for the console only: its app address must be http://127.0.0.1 (or localhost)");
  }
}

/**
 * The request names this machine (Host 127.0.0.1, localhost or [::1], any port): a page elsewhere
 * that rebinds its own name to 127.0.0.1 (DNS rebinding) still sends its own Host, and is refused.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const match = /^(\[[^\]]*\]|[^:[\]]+)(?::\d{1,5})?$/.exec(host);
  return match !== null && LOOPBACK_HOSTS.has(match[1]!.toLowerCase());
}

export type DevSignInRequest = {
  query: URLSearchParams;
  basePath: string;
  t: Translate;
  locale: Locale;
  /** The Set-Cookie of a new session for this Telegram id. */
  sessionCookieFor(telegramId: number): string;
  sendPage(res: ServerResponse, status: number, text: string): void;
};

/**
 * `GET <base>/dev/masuk`: the list of demo people, each a link; `?id=<telegram id>` signs in as one
 * of them (no one else) and goes on to `to` (checked as the boot page checks it) or the home page.
 */
export function answerDevSignIn(res: ServerResponse, options: DevSignIn, request: DevSignInRequest): void {
  const { query, basePath, t, locale } = request;
  const next = safeNextPath(query.get(NEXT_PARAM));
  const id = query.get("id");
  if (id !== null) {
    const chosen = options.people.find((person) => String(person.telegramId) === id);
    if (!chosen) return request.sendPage(res, 404, page({ locale, title: t("app-dev-title"), body: html`<h1>${t("app-dev-title")}</h1><p>${t("app-dev-unknown")}</p>` }));
    res.writeHead(303, { location: `${basePath}${next ?? HOME_PATH}`, "set-cookie": request.sessionCookieFor(chosen.telegramId), "cache-control": "no-store" }).end();
    return;
  }
  const link = (telegramId: number) => `${basePath}${DEV_SIGN_IN_PATH}?id=${telegramId}${next ? `&${NEXT_PARAM}=${encodeURIComponent(next)}` : ""}`;
  const body = html`<h1>${t("app-dev-title")}</h1>
<p class="hint">${t("app-dev-intro")}</p>
<ul class="plain">
${options.people.map((person) => html`<li><a href="${link(person.telegramId)}">${person.label}</a></li>\n`)}</ul>`;
  request.sendPage(res, 200, page({ locale, title: t("app-dev-title"), body }));
}
