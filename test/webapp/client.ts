import { SESSION_COOKIE } from "../../src/webapp/session.js";

/** What a Mini App page request gave back, read once. */
export type PageAnswer = { status: number; headers: Headers; text: string };

/** The app's address on the test server (the server takes /app whatever the public host). */
export function appUrl(port: number, path = ""): string {
  return `http://127.0.0.1:${port}/app${path}`;
}

/** POSTs initData to /app/session as the boot page does; the cookie's value when a session was made. */
export async function signIn(port: number, initData: string, cookie?: string | null): Promise<{ status: number; cookie: string | null; body: unknown; setCookie: string | null }> {
  const headers: Record<string, string> = { "content-type": "text/plain;charset=UTF-8", ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}) };
  const response = await fetch(appUrl(port, "/session"), { method: "POST", headers, body: initData });
  const setCookie = response.headers.get("set-cookie");
  const match = setCookie ? new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(setCookie) : null;
  const text = await response.text();
  return { status: response.status, cookie: match?.[1] || null, body: text ? (JSON.parse(text) as unknown) : null, setCookie };
}

/** GETs a page of the app, with the session cookie when given; redirects are not followed. */
export async function getPage(port: number, path: string, cookie?: string | null): Promise<PageAnswer> {
  const response = await fetch(appUrl(port, path), { headers: cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}, redirect: "manual" });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The text a person reads in a page: tags dropped, entities of the escaper read back, spaces folded. */
export function visibleText(page: string): string {
  return page
    .replace(/<head>[\s\S]*?<\/head>/, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
