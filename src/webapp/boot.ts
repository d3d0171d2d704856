import type { Locale } from "../domain/people/person.js";
import type { Translate } from "../messages/translate.js";
import { html } from "./html.js";
import { page } from "./layout.js";

/**
 * What the boot page runs: Telegram's script has put the signed initData in Telegram.WebApp; it is
 * exchanged for a session cookie at <base>/session, then the first page is loaded. Outside Telegram
 * (no initData) or when the data is refused, the page says what to do, in texts it was given.
 * Plain ES5 for old Android WebViews; no personal data is kept by the page.
 */
export const BOOT_SCRIPT = `(function () {
  var body = document.body;
  var base = body.getAttribute("data-base");
  var note = document.getElementById("note");
  var app = window.Telegram && window.Telegram.WebApp;
  var data = app && app.initData;
  if (!data) { note.textContent = body.getAttribute("data-outside"); return; }
  app.ready();
  var request = new XMLHttpRequest();
  request.open("POST", base + "/session");
  request.setRequestHeader("content-type", "text/plain;charset=UTF-8");
  request.onload = function () {
    if (request.status === 204) { window.location.replace(base + "/home"); return; }
    note.textContent = body.getAttribute("data-refused");
  };
  request.onerror = function () { note.textContent = body.getAttribute("data-failed"); };
  request.send(data);
})();
`;

/** The page Telegram opens (WEBAPP_URL): a line to read while the session is made, and the boot script. */
export function bootPage(t: Translate, locale: Locale, basePath: string): string {
  const body = html`<h1>${t("app-title")}</h1>
<p id="note">${t("app-boot-opening")}</p>`;
  return page({
    locale,
    title: t("app-title"),
    body,
    scripts: [`${basePath}/boot.js`],
    data: { base: basePath, outside: t("app-boot-outside"), refused: t("app-boot-refused"), failed: t("app-boot-failed") },
  });
}
