import { describe, expect, it } from "vitest";
import { clearedSessionCookie, cookieValue, issueSession, readSession, renewal, SESSION_MAX_SECONDS, SESSION_TTL_SECONDS, sessionCookie, sessionKey } from "../../src/webapp/session.js";
import { escapeHtml, html, trusted } from "../../src/webapp/html.js";

const KEY = sessionKey("123456:TEST-token-for-session-tests");
const NOW = new Date("2026-12-04T10:00:00Z");
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe("session cookies", () => {
  it("carry the Telegram id until they expire, and nothing else", () => {
    const { value, session } = issueSession(KEY, 7001, NOW);
    expect(session).toEqual({ telegramId: 7001, expiresAt: later(SESSION_TTL_SECONDS), startedAt: NOW });
    expect(value).toMatch(/^7001\.\d+\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(readSession(KEY, value, later(SESSION_TTL_SECONDS - 1))).toEqual(session);
    expect(readSession(KEY, value, later(SESSION_TTL_SECONDS))).toBeNull();
  });

  it("are refused when tampered with, or signed with another token's key", () => {
    const { value } = issueSession(KEY, 7001, NOW);
    const [id, expires, started, signature] = value.split(".") as [string, string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === "A" ? "B" : "A"}${signature.slice(11)}`;
    for (const forged of [
      `7002.${expires}.${started}.${signature}`, // someone else
      `${id}.${Number(expires) + 86_400}.${started}.${signature}`, // a longer life
      `${id}.${expires}.${Number(started) + 86_400}.${signature}`, // a later sign-in, for more renewals
      `${id}.${expires}.${started}.${flipped}`,
      `${id}.${expires}.${signature}`, // the old form
      `${id}.${expires}`,
      `${id}.${expires}.${started}.${signature}.extra`,
      "",
      "garbage",
    ]) {
      expect(readSession(KEY, forged, NOW), forged).toBeNull();
    }
    expect(readSession(sessionKey("654321:ANOTHER-token-entirely-here"), value, NOW)).toBeNull();
  });

  it("are renewed once half their life is gone, keeping their sign-in, and never past eight hours from it", () => {
    const { session } = issueSession(KEY, 7001, NOW);
    expect(renewal(KEY, session, later(SESSION_TTL_SECONDS / 2 - 1))).toBeNull();
    const first = renewal(KEY, session, later(SESSION_TTL_SECONDS / 2))!;
    expect(first.session).toEqual({ telegramId: 7001, expiresAt: later(SESSION_TTL_SECONDS / 2 + SESSION_TTL_SECONDS), startedAt: NOW });
    expect(first.ttlSeconds).toBe(SESSION_TTL_SECONDS);
    expect(readSession(KEY, first.value, later(SESSION_TTL_SECONDS + 60))).toEqual(first.session);

    // Renewed page after page: the last one runs out at the eight hours, and is not renewed again.
    let current = first;
    let at = SESSION_TTL_SECONDS / 2;
    for (;;) {
      at += SESSION_TTL_SECONDS / 2;
      const next = renewal(KEY, current.session, later(at));
      if (!next) break;
      current = next;
    }
    expect(current.session.expiresAt).toEqual(later(SESSION_MAX_SECONDS));
    expect(readSession(KEY, current.value, later(SESSION_MAX_SECONDS - 1))).not.toBeNull();
    expect(readSession(KEY, current.value, later(SESSION_MAX_SECONDS))).toBeNull();
    // A cookie signed with a life past the bound (by a bug, an old key) is not taken.
    expect(readSession(KEY, issueSession(KEY, 7001, later(SESSION_MAX_SECONDS - 60), SESSION_TTL_SECONDS, NOW).value, later(SESSION_MAX_SECONDS - 30))).toBeNull();
  });

  it("are HttpOnly and limited to the app's path; cross-site (Secure, SameSite=None, Partitioned) over https", () => {
    expect(sessionCookie("v", { path: "/app", secure: true })).toBe(`bantar_app=v; Path=/app; Max-Age=${SESSION_TTL_SECONDS}; HttpOnly; Secure; SameSite=None; Partitioned`);
    expect(sessionCookie("v", { path: "/app", secure: false })).toBe(`bantar_app=v; Path=/app; Max-Age=${SESSION_TTL_SECONDS}; HttpOnly; SameSite=Lax`);
    expect(clearedSessionCookie({ path: "/app", secure: true })).toBe("bantar_app=; Path=/app; Max-Age=0; HttpOnly; Secure; SameSite=None; Partitioned");
  });

  it("are read from a Cookie header among others", () => {
    expect(cookieValue("a=1; bantar_app=xyz; b=2", "bantar_app")).toBe("xyz");
    expect(cookieValue("bantar_app_other=1", "bantar_app")).toBeUndefined();
    expect(cookieValue(undefined, "bantar_app")).toBeUndefined();
    expect(cookieValue("bantar_app=first; bantar_app=second", "bantar_app")).toBe("first");
  });
});

describe("html", () => {
  it("escapes every value put in, but not markup it made itself", () => {
    const name = `<script>alert("x")</script> & 'Bu' Siti`;
    const inner = html`<b>${name}</b>`;
    expect(html`<p title="${name}">${inner}${[1, html`<i>${"<2>"}</i>`]}${null}${false}</p>`.text).toBe(
      `<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Bu&#39; Siti"><b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Bu&#39; Siti</b>1<i>&lt;2&gt;</i></p>`,
    );
    expect(escapeHtml("a<b")).toBe("a&lt;b");
    expect(html`${trusted("<hr>")}`.text).toBe("<hr>");
  });
});
