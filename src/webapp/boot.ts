import type { Locale } from "../domain/people/person.js";
import type { Translate } from "../messages/translate.js";
import { html } from "./html.js";
import { page } from "./layout.js";
import { HOME_PATH, NEXT_PATH_PATTERN } from "./links.js";

/**
 * What the boot page runs: Telegram's script has put the signed initData in Telegram.WebApp; it is
 * exchanged for a session cookie at <base>/session, then the first page is loaded. Outside Telegram
 * (no initData) or when the data is refused, the page says what to do, in texts it was given.
 * The first page is the one a button asked for (`data-next`, checked by the server; checked here
 * again, so nothing but a path under the base is ever followed), the home page otherwise.
 * Plain ES5 for old Android WebViews; no personal data is kept by the page.
 */
export const BOOT_SCRIPT = `(function () {
  var body = document.body;
  var base = body.getAttribute("data-base");
  var next = body.getAttribute("data-next");
  if (!next || !${NEXT_PATH_PATTERN.toString()}.test(next)) next = "${HOME_PATH}";
  var note = document.getElementById("note");
  var app = window.Telegram && window.Telegram.WebApp;
  var data = app && app.initData;
  if (!data) { note.textContent = body.getAttribute("data-outside"); return; }
  app.ready();
  var request = new XMLHttpRequest();
  request.open("POST", base + "/session");
  request.setRequestHeader("content-type", "text/plain;charset=UTF-8");
  request.onload = function () {
    if (request.status === 204) { window.location.replace(base + next); return; }
    note.textContent = body.getAttribute("data-refused");
  };
  request.onerror = function () { note.textContent = body.getAttribute("data-failed"); };
  request.send(data);
})();
`;

/**
 * The page Telegram opens (WEBAPP_URL): a line to read while the session is made, and the boot
 * script; `next`, a path checked with safeNextPath (links.ts), is where it goes once signed in.
 */
export function bootPage(t: Translate, locale: Locale, basePath: string, next: string | null = null): string {
  const body = html`<h1>${t("app-title")}</h1>
<p id="note">${t("app-boot-opening")}</p>`;
  return page({
    locale,
    title: t("app-title"),
    body,
    scripts: [`${basePath}/boot.js`],
    data: { base: basePath, ...(next ? { next } : {}), outside: t("app-boot-outside"), refused: t("app-boot-refused"), failed: t("app-boot-failed") },
  });
}
