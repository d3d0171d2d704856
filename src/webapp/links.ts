/**
 * How the bot opens a given page of the Mini App. Telegram opens a web_app button's URL as it is
 * (its initData in the fragment), and only the boot page (`<base>`) can sign in with that data; so a
 * button opens `<base>?to=/rt/5` and the boot page goes on to `/rt/5` once signed in. Telegram's
 * `start_param` is no help here: it is set only for t.me direct links, not for buttons.
 *
 * `to` is never trusted: only a path of plain segments is kept (checked on the server and again in
 * the boot script), and it is always put after the app's base path, so it can only lead to one of
 * the app's own pages, which check the reader's rights as every page does: no open redirect.
 */
export const NEXT_PARAM = "to";

/** The first page after sign-in when no other is asked for. */
export const HOME_PATH = "/home";

/** The pages the bot links to. */
export type AppPage = { page: "home" } | { page: "rts" } | { page: "kota" } | { page: "rt"; rtId: number };

/**
 * One to eight segments of letters, digits, `_`, `-` and inner dots (a Kemendagri code), none
 * starting with a dot: no `.`/`..`, no `//` (nothing a browser could read as another host), no query.
 * The boot script repeats this pattern (boot.ts).
 */
export const NEXT_PATH_PATTERN = /^(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}){1,8}$/;

export function pagePath(page: AppPage): string {
  if (page.page === "rt") return `/rt/${page.rtId}`;
  if (page.page === "kota") return "/kota";
  return page.page === "rts" ? "/rts" : HOME_PATH;
}

/** The path a `to` value names, if it is one the app may go on to; null otherwise. */
export function safeNextPath(value: string | null | undefined): string | null {
  return typeof value === "string" && NEXT_PATH_PATTERN.test(value) ? value : null;
}

/** WEBAPP_URL opening `page` after sign-in (the home page: WEBAPP_URL itself). */
export function openPageUrl(webappUrl: string, page: AppPage): string {
  const path = pagePath(page);
  if (path === HOME_PATH) return webappUrl;
  const url = new URL(webappUrl);
  url.searchParams.set(NEXT_PARAM, path);
  return url.toString();
}
