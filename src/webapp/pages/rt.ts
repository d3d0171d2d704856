import type { RtDetails } from "../../domain/rt/rt.js";
import { rtVars } from "../../messages/format.js";
import type { Translate } from "../../messages/translate.js";
import { html, type SafeHtml } from "../html.js";

/**
 * One RT, for those who may read its scorecard (checked before this is called). For now its name
 * and place; the scorecard, the chart and the activity come with the RT page of issue 16.
 */
export function rtPage(t: Translate, basePath: string, place: RtDetails): { title: string; body: SafeHtml } {
  const vars = rtVars(place);
  const title = t("app-rt-name", vars);
  return {
    title,
    body: html`<nav><a href="${basePath}/home">${t("app-back-home")}</a></nav>
<h1>${title}</h1>
<p class="hint">${t("app-rt-place", vars)}</p>
<p>${t("app-rt-households", { count: place.householdCount })}</p>`,
  };
}
