import type { IncomingMessage, ServerResponse } from "node:http";
import { basePathOf } from "../config.js";
import type { Database } from "../db/client.js";
import type { DownloadFile } from "../delivery/telegram-files.js";
import { claimInitData } from "../db/init-data-claims.js";
import { DomainError } from "../domain/errors.js";
import { headedRtId, loadActor, type Actor } from "../domain/people/actor.js";
import type { Locale } from "../domain/people/person.js";
import { canManageRt, coversKelurahan } from "../domain/roles/scope.js";
import { getRt, type RtDetails } from "../domain/rt/rt.js";
import type { Logger } from "../logger.js";
import { DEFAULT_LOCALE, supportedLocale } from "../messages/locale.js";
import { translateIn, type Texts, type Translate } from "../messages/translate.js";
import { BOOT_SCRIPT, bootPage } from "./boot.js";
import { encodePage } from "./compress.js";
import { answerDevSignIn, assertDevAddress, DEV_SIGN_IN_PATH, isLoopbackHost, type DevSignIn } from "./dev-sign-in.js";
import { DOWNLOAD_SCRIPT } from "./download.js";
import { html, type SafeHtml } from "./html.js";
import { INIT_DATA_MAX_LENGTH, validateInitData, type InitDataRefusal } from "./init-data.js";
import { page } from "./layout.js";
import { createPhotoServer, sendPhoto } from "./photos.js";
import { NEXT_PARAM, safeNextPath } from "./links.js";
import { cityPage, kecamatanPage } from "./pages/area.js";
import { homePage } from "./pages/home.js";
import { membersPage } from "./pages/members.js";
import { rtPage } from "./pages/rt.js";
import { rtsPage, rtsXlsxPath, shownRts } from "./pages/rts.js";
import { rtsFileName, rtsWorkbook } from "./pages/rts-xlsx.js";
import { clearedSessionCookie, cookieValue, downloadKey, issueSession, readSession, renewal, SESSION_COOKIE, sessionCookie, sessionKey, type CookieOptions, type Session } from "./session.js";

export type WebAppDeps = {
  db: Database;
  botToken: string;
  /** WEBAPP_URL: the public address Telegram opens; its path is where the app is served. */
  publicUrl: string;
  adminTelegramIds: readonly number[];
  /** The bot's texts (its I18n instance): pages speak as the bot does. */
  texts: Texts;
  clock: () => Date;
  logger: Logger;
  /** Telegram's files by file_id (the bot's own downloader): the RT page's evidence photos. */
  downloadFile?: DownloadFile;
  /** The console's sign-in as a demo person (dev-sign-in.ts); never given in production (runtime/app.ts). */
  devSignIn?: DevSignIn;
};

/** The Mini App as the HTTP server sees it: the requests under `basePath` are its own. */
export type WebApp = {
  basePath: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
};

/** Why a sign-in was refused: the check of the data, or its second use. */
export type SignInRefusal = InitDataRefusal | "replayed";

/**
 * Pages show names and areas: never kept by a cache or a proxy, and no script but ours and
 * Telegram's (an escaping mistake cannot run anything). No frame-ancestors: Telegram Web frames the
 * app from its own sites, whose list is Telegram's to change.
 */
const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'none'; script-src 'self' https://telegram.org; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'",
};

const RT_PATH = /^\/rt\/([1-9]\d{0,9})(\/warga)?$/;
/** The code's form is the page's to check (pages/area.ts), before anything is read. */
const KECAMATAN_PATH = /^\/kecamatan\/([^/]+)$/;
/** RT ids are int4: a longer number names no RT (and must not reach the query). */
const MAX_RT_ID = 2_147_483_647;
/** An evidence photo by its id (bigserial): more digits than a safe integer holds name no photo. */
const PHOTO_PATH = /^\/photo\/([1-9]\d{0,15})$/;

/** The ranked list's XLSX: never kept by a cache, saved under an ASCII name. */
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Who may open an RT's members page: those the bot shows /anggota of it, the RT the actor heads
 * (its ketua, or a koordinator acting as ketua of an RT without one): headedRtId, as /anggota reads it.
 */
function mayListMembers(actor: Actor, place: RtDetails): boolean {
  return headedRtId(actor) === place.id;
}

/** The body as text, or null past `limit` (the rest is read and dropped, so the answer still reaches the client). */
async function readText(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? null : Buffer.concat(chunks).toString("utf8");
}

/**
 * The Telegram Mini App (issue 16), served by the bot's own HTTP server under WEBAPP_URL's path:
 *
 * - `GET <base>`: the boot page; it posts Telegram's initData to `POST <base>/session`, which checks
 *   it (init-data.ts), refuses a second use of the same data, and answers with a session cookie;
 * - every other page needs that cookie, loads the actor with `loadActor` as every update does, and
 *   checks the same rights the bot checks (an RT: `canManageRt`, as /skor's RT button does).
 *
 * Nothing personal is logged: refusals by their reason only.
 */
export function createWebApp(deps: WebAppDeps): WebApp {
  if (deps.devSignIn) assertDevAddress(deps.publicUrl);
  const basePath = basePathOf(deps.publicUrl);
  const key = sessionKey(deps.botToken);
  const ticketKey = downloadKey(deps.botToken);
  const cookie: CookieOptions = { path: basePath, secure: new URL(deps.publicUrl).protocol === "https:" };
  const log = deps.logger.child({ component: "webapp" });
  const photos = createPhotoServer({ db: deps.db, logger: deps.logger, ...(deps.downloadFile ? { downloadFile: deps.downloadFile } : {}) });

  function sendPage(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
    // Gzipped when the WebView takes it (compress.ts): a koordinator's list is tens of KB of HTML.
    const encoded = encodePage(res.req.headers["accept-encoding"], text);
    res.writeHead(status, { ...PAGE_HEADERS, ...headers, ...encoded.headers }).end(encoded.body);
  }

  function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers }).end(JSON.stringify(body));
  }

  /** A page that only says something (signed out, out of reach, not found), with a way back. */
  function notice(t: Translate, locale: Locale, key: string, home: boolean): string {
    const body: SafeHtml = html`${home ? html`<nav><a href="${basePath}/home">${t("app-back-home")}</a></nav>` : ""}<h1>${t("app-title")}</h1><p>${t(key)}</p>`;
    return page({ locale, title: t("app-title"), body });
  }

  /** The XLSX refused for want of a kelurahan: what to do, and the way back to the list. */
  function rtsNotice(t: Translate, locale: Locale, key: string): string {
    const body: SafeHtml = html`<nav><a href="${basePath}/rts">${t("app-rts-title")}</a></nav><h1>${t("app-title")}</h1><p>${t(key)}</p>`;
    return page({ locale, title: t("app-title"), body });
  }

  function sessionOf(req: IncomingMessage): { session: Session | null; cookieSent: boolean } {
    const value = cookieValue(req.headers.cookie, SESSION_COOKIE);
    return { session: value ? readSession(key, value, deps.clock()) : null, cookieSent: value !== undefined };
  }

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A little over Telegram's largest initData; more is refused unread.
    const raw = await readText(req, INIT_DATA_MAX_LENGTH + 1);
    const now = deps.clock();
    const refuse = (reason: SignInRefusal) => {
      log.debug({ reason }, "mini app sign-in refused");
      sendJson(res, 401, { ok: false, error: reason });
    };
    if (raw === null) return refuse("malformed");
    const checked = validateInitData(raw.trim(), { botToken: deps.botToken, now });
    if (!checked.ok) return refuse(checked.reason);
    // Signed and fresh, but each initData opens one session: a copy of it (from a log, a proxy, a
    // shared screen) opens none. Kept until it is too old to be taken anyway.
    if (!(await claimInitData(deps.db, checked.data.hash, now))) {
      // A reload inside Telegram posts the same data again: it keeps its own session, never opens
      // a new one (nor serves another account's session on a shared device: the ids must agree).
      const { session } = sessionOf(req);
      if (session && session.telegramId === checked.data.user.id) return void res.writeHead(204, { "cache-control": "no-store" }).end();
      return refuse("replayed");
    }
    const { value } = issueSession(key, checked.data.user.id, now);
    res.writeHead(204, { "set-cookie": sessionCookie(value, cookie), "cache-control": "no-store" }).end();
  }

  async function showPage(res: ServerResponse, path: string, query: URLSearchParams, actor: Actor, session: Session): Promise<void> {
    const locale = supportedLocale(actor.person?.locale);
    const t = translateIn(deps.texts, locale);
    const now = deps.clock();
    if (path === "/home") {
      const home = await homePage({ db: deps.db, basePath }, actor, t);
      return sendPage(res, 200, page({ locale, ...home }));
    }
    if (path === "/rts") {
      // Only the actor's area is ever read (areaScope); the address can narrow it, never widen it.
      // The download's ticket lasts no longer than the session that made it.
      const ticketSeconds = Math.max(1, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000));
      const download = (filters: Parameters<typeof rtsXlsxPath>[1]) => {
        const ticket = issueSession(ticketKey, session.telegramId, now, ticketSeconds).value;
        const href = rtsXlsxPath(basePath, filters);
        return { ticketHref: `${href}${href.includes("?") ? "&" : "?"}ticket=${ticket}`, fileName: rtsFileName(now) };
      };
      const list = await rtsPage({ db: deps.db, basePath, now, locale }, actor, t, query, download);
      return sendPage(res, 200, page({ locale, ...list }));
    }
    if (path === "/rts.xlsx") {
      // Exactly the rows the page shows for the same address (shownRts computes both).
      const shown = await shownRts({ db: deps.db, now }, actor, query);
      // No list, no file: an admin picks a kelurahan first (the city is no sheet for a phone), and
      // someone with no area has nothing to export.
      if (shown.kind === "pick") return sendPage(res, 400, rtsNotice(t, locale, "app-rts-xlsx-pick"));
      if (shown.kind === "empty") return sendPage(res, 404, notice(t, locale, "app-home-area-empty", true));
      const file = await rtsWorkbook(shown.rows, t);
      res
        .writeHead(200, {
          "content-type": XLSX_TYPE,
          "content-disposition": `attachment; filename="${rtsFileName(now)}"`,
          "content-length": String(file.length),
          "cache-control": "no-store",
          "x-content-type-options": "nosniff",
          "referrer-policy": "no-referrer",
        })
        .end(file);
      return;
    }
    const kecamatanCode = KECAMATAN_PATH.exec(path)?.[1];
    if (path === "/kota" || kecamatanCode !== undefined) {
      // The city's and a kecamatan's pages check the area themselves (areaScope), as /rts does.
      const areaDeps = { db: deps.db, basePath, now: deps.clock(), locale };
      const shown = kecamatanCode === undefined ? await cityPage(areaDeps, actor, t) : await kecamatanPage(areaDeps, actor, t, kecamatanCode);
      if (shown.kind === "page") return sendPage(res, 200, page({ locale, title: shown.title, body: shown.body }));
      if (shown.kind === "forbidden") log.debug({ page: kecamatanCode === undefined ? "kota" : "kecamatan" }, "mini app page refused: out of scope");
      return sendPage(res, shown.kind === "forbidden" ? 403 : 404, notice(t, locale, shown.kind === "forbidden" ? "app-forbidden" : "app-not-found", true));
    }
    const rtMatch = RT_PATH.exec(path);
    const rtId = rtMatch ? Number(rtMatch[1]) : null;
    const members = rtMatch?.[2] !== undefined;
    if (rtId !== null && rtId <= MAX_RT_ID) {
      let place;
      try {
        place = await getRt(deps.db, rtId);
      } catch (error) {
        if (error instanceof DomainError && error.code === "rt-not-found") return sendPage(res, 404, notice(t, locale, "app-not-found", true));
        throw error;
      }
      // The check /skor's RT button makes: its ketua, a koordinator whose area holds it, an admin.
      if (!canManageRt(actor, place)) {
        log.debug({ page: members ? "members" : "rt" }, "mini app page refused: out of scope");
        return sendPage(res, 403, notice(t, locale, "app-forbidden", true));
      }
      // The RT is in reach, but its members are its ketua's to see (as /anggota): said as it is.
      if (members && !mayListMembers(actor, place)) return sendPage(res, 403, notice(t, locale, "app-members-ketua-only", true));
      if (members) return sendPage(res, 200, page({ locale, ...(await membersPage({ db: deps.db, basePath, now, locale }, actor, t, place)) }));
      const membersHref = mayListMembers(actor, place) ? `${basePath}/rt/${place.id}/warga` : null;
      // Back to the kelurahan's ranked list, for those whose area holds it (a ketua's own RT alone: none).
      const listHref = coversKelurahan(actor, place) ? `${basePath}/rts?kelurahan=${encodeURIComponent(place.kelurahanCode)}` : null;
      return sendPage(res, 200, page({ locale, ...(await rtPage({ db: deps.db, basePath, now, locale, membersHref, listHref }, t, place)) }));
    }
    sendPage(res, 404, notice(t, locale, "app-not-found", true));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    const mark = url.indexOf("?");
    const path = (mark < 0 ? url : url.slice(0, mark)).slice(basePath.length) || "/";
    const query = mark < 0 ? "" : url.slice(mark + 1);
    const method = req.method ?? "GET";
    const defaultT = translateIn(deps.texts, DEFAULT_LOCALE);

    if (path === "/session") {
      if (method !== "POST") return sendJson(res, 405, { ok: false, error: "method not allowed" }, { allow: "POST" });
      return signIn(req, res);
    }
    req.resume();
    if (method !== "GET") return sendJson(res, 405, { ok: false, error: "method not allowed" }, { allow: "GET" });
    if (path === "/boot.js" || path === "/download.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=3600", "x-content-type-options": "nosniff" }).end(path === "/boot.js" ? BOOT_SCRIPT : DOWNLOAD_SCRIPT);
      return;
    }
    if (deps.devSignIn && path === DEV_SIGN_IN_PATH && isLoopbackHost(req.headers.host)) {
      return answerDevSignIn(res, deps.devSignIn, {
        query: new URLSearchParams(query),
        basePath,
        t: defaultT,
        locale: DEFAULT_LOCALE,
        sessionCookieFor: (telegramId) => sessionCookie(issueSession(key, telegramId, deps.clock()).value, cookie),
        sendPage,
      });
    }
    const params = new URLSearchParams(query);
    const cookieSession = sessionOf(req);
    const { cookieSent } = cookieSession;
    // Telegram's own download (download.ts) carries no cookie: the XLSX alone also opens with the
    // ticket its page put in the address, signed with its own key and no longer-lived than the session.
    const ticket = path === "/rts.xlsx" && !cookieSession.session ? params.get("ticket") : null;
    let session = cookieSession.session ?? (ticket ? readSession(ticketKey, ticket, deps.clock()) : null);
    if (path === "/") {
      // Always the boot page, session or not: it signs in with the initData Telegram hands this
      // opening, so a device shared by two Telegram accounts never shows one the other's pages.
      // A button of the bot names the page to go on to (links.ts); anything else there is dropped.
      const next = safeNextPath(params.get(NEXT_PARAM));
      return sendPage(res, 200, bootPage(defaultT, DEFAULT_LOCALE, basePath, next));
    }
    if (!session) {
      // An expired or tampered cookie is dropped, so the browser stops sending it.
      log.debug({ cookieSent }, "mini app page refused: no session");
      return sendPage(res, 401, notice(defaultT, DEFAULT_LOCALE, "app-signed-out", false), cookieSent ? { "set-cookie": clearedSessionCookie(cookie) } : {});
    }
    // Half the cookie's half hour gone: the answer carries a renewed one (never past eight hours
    // from the sign-in), so a page opened keeps the session going; a ticket renews nothing.
    const renewed = cookieSession.session ? renewal(key, cookieSession.session, deps.clock()) : null;
    if (renewed) {
      res.setHeader("set-cookie", sessionCookie(renewed.value, cookie, renewed.ttlSeconds));
      session = renewed.session;
    }
    const actor = await loadActor(deps.db, session.telegramId, deps.adminTelegramIds);
    const photoMatch = PHOTO_PATH.exec(path);
    const photoId = photoMatch ? Number(photoMatch[1]) : null;
    if (photoId !== null && photoId <= Number.MAX_SAFE_INTEGER) {
      // The photo's RT is looked up first, then the RT page's own check (canManageRt) is made.
      const answer = await photos.answer(actor, photoId, req.headers["if-none-match"]);
      if (answer.status === 200 || answer.status === 304) return sendPhoto(res, answer);
      if (answer.status === 403) log.debug({ page: "photo" }, "mini app page refused: out of scope");
      const locale = supportedLocale(actor.person?.locale);
      const key = answer.status === 403 ? "app-forbidden" : answer.status === 404 ? "app-not-found" : "app-photo-failed";
      return sendPage(res, answer.status, notice(translateIn(deps.texts, locale), locale, key, true));
    }
    await showPage(res, path, params, actor, session);
  }

  return { basePath, handle };
}
