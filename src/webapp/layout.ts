import type { Locale } from "../domain/people/person.js";
import { html, trusted, type SafeHtml } from "./html.js";

/**
 * Telegram's script: it hands the page initData and sets the theme's CSS variables
 * (--tg-theme-bg-color and the rest) on the document. The only script a page loads besides our own.
 */
export const TELEGRAM_SCRIPT_URL = "https://telegram.org/js/telegram-web-app.js";

/**
 * One small stylesheet for every page, in the page itself (no second request on mobile data). The
 * colours are Telegram's theme, with plain fallbacks for a browser outside Telegram; sizes in rem,
 * so a large system font scales the page; one column, readable from 360 px wide.
 */
const STYLE = trusted(`
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;padding:16px;font:1rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
background:var(--tg-theme-bg-color,#fff);color:var(--tg-theme-text-color,#1b1b1b);overflow-wrap:anywhere}
main{max-width:40rem;margin:0 auto}
h1{font-size:1.35rem;margin:0 0 .5rem}
h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
p{margin:.5rem 0}
a{color:var(--tg-theme-link-color,#2481cc)}
.hint{color:var(--tg-theme-hint-color,#707579)}
.card{background:var(--tg-theme-secondary-bg-color,#f1f1f4);border-radius:12px;padding:12px 14px;margin:.5rem 0}
ul.rts{list-style:none;margin:0;padding:0}
ul.rts li{border-bottom:1px solid var(--tg-theme-section-separator-color,#e2e2e6);padding:.6rem 0}
ul.rts li:last-child{border-bottom:0}
ul.rts a{display:block;text-decoration:none;color:inherit}
.rt-name{font-weight:600;color:var(--tg-theme-link-color,#2481cc)}
.warn{color:var(--tg-theme-destructive-text-color,#d14e4e)}
nav{margin-bottom:.75rem}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:.5rem 0}
form.filters label{display:flex;flex-direction:column;font-size:.9rem;flex:1 1 9rem}
select,button{font:inherit;padding:.35rem .5rem;border-radius:8px;border:1px solid var(--tg-theme-section-separator-color,#c8c8cc);background:var(--tg-theme-bg-color,#fff);color:inherit}
button{background:var(--tg-theme-button-color,#2481cc);color:var(--tg-theme-button-text-color,#fff);border:0}
ol.rts{margin:0;padding-left:1.6rem}
ol.rts li{border-bottom:1px solid var(--tg-theme-section-separator-color,#e2e2e6);padding:.5rem 0}
ol.rts a{text-decoration:none;color:inherit}
ul.plain{list-style:none;margin:0;padding:0}
ul.plain li{margin:.35rem 0}
.explain{display:block;font-size:.9rem;color:var(--tg-theme-hint-color,#707579)}
svg.chart{width:100%;height:auto;display:block}
svg.chart .bar{fill:var(--tg-theme-button-color,#2481cc)}
svg.chart .grid{stroke:var(--tg-theme-section-separator-color,#d0d0d4);stroke-width:1}
svg.chart .axis{fill:var(--tg-theme-hint-color,#707579);font-size:10px}
`);

export type PageOptions = {
  locale: Locale;
  title: string;
  body: SafeHtml;
  /** Our scripts, run once the page is read. */
  scripts?: string[];
  /** data-* attributes of <body>, for a script's texts: name → value (escaped). */
  data?: Record<string, string>;
};

/**
 * The frame of every page: the language, the viewport, the theme, Telegram's script (first and not
 * deferred, so the theme's colours are set before the page is drawn); our scripts after the page is read.
 */
export function page(options: PageOptions): string {
  return html`<!doctype html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${options.title}</title>
<style>${STYLE}</style>
<script src="${TELEGRAM_SCRIPT_URL}"></script>
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>\n`)}</head>
<body${Object.entries(options.data ?? {}).map(([name, value]) => html` data-${name}="${value}"`)}>
<main>
${options.body}
</main>
</body>
</html>
`.text;
}
