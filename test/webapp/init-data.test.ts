import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dataCheckString, INIT_DATA_CLOCK_SKEW_SECONDS, INIT_DATA_MAX_AGE_SECONDS, validateInitData, webAppSecretKey } from "../../src/webapp/init-data.js";
import { alterField, signInitData, type SignedUser } from "../helpers/init-data.js";

const TOKEN = "123456:TEST-token-for-init-data-tests";
const NOW = new Date("2026-12-04T10:00:00Z");
const SITI: SignedUser = { id: 7001, first_name: "Siti", last_name: "Aminah", username: "siti_a", language_code: "id" };

function check(initData: string, now = NOW) {
  return validateInitData(initData, { botToken: TOKEN, now });
}

/** initData whose hash is right for `fields` as given (to sign data that is odd in other ways). */
function signedRaw(fields: [string, string][]): string {
  const secret = createHmac("sha256", "WebAppData").update(TOKEN).digest();
  const sorted = [...fields].sort(([a], [b]) => (a < b ? -1 : 1));
  const hash = createHmac("sha256", secret).update(sorted.map(([key, value]) => `${key}=${value}`).join("\n")).digest("hex");
  return new URLSearchParams([...fields, ["hash", hash]]).toString();
}

describe("validateInitData", () => {
  it("takes data signed with the bot's token, and names the user", () => {
    const result = check(signInitData({ botToken: TOKEN, user: SITI, authDate: new Date(NOW.getTime() - 5_000) }));
    expect(result).toEqual({
      ok: true,
      data: {
        user: { id: 7001, firstName: "Siti", lastName: "Aminah", username: "siti_a", languageCode: "id" },
        authDate: new Date(Math.floor((NOW.getTime() - 5_000) / 1000) * 1000),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
  });

  it("signs every field Telegram sends (a chat, a start parameter, a signature), in key order", () => {
    const initData = signInitData({ botToken: TOKEN, user: { id: 7002, first_name: "Budi" }, authDate: NOW, extra: { chat_type: "sender", chat_instance: "-83920", start_param: "rt_5", signature: "c2lnbmF0dXJl" } });
    const result = check(initData);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data.user).toEqual({ id: 7002, firstName: "Budi", lastName: null, username: null, languageCode: null });
  });

  it("builds the data-check-string as Telegram documents it", () => {
    const fields = new Map([["user", '{"id":1}'], ["auth_date", "100"], ["hash", "x"], ["query_id", "Q"]]);
    expect(dataCheckString(fields)).toBe('auth_date=100\nquery_id=Q\nuser={"id":1}');
    expect(webAppSecretKey(TOKEN)).toEqual(createHmac("sha256", "WebAppData").update(TOKEN).digest());
  });

  it("refuses a forged hash, another bot's data and any altered field", () => {
    const genuine = signInitData({ botToken: TOKEN, user: SITI, authDate: NOW });
    const hash = new URLSearchParams(genuine).get("hash")!;
    const forged = alterField(genuine, "hash", `${hash.slice(0, 63)}${hash.endsWith("0") ? "1" : "0"}`);
    expect(check(forged)).toEqual({ ok: false, reason: "bad-hash" });
    expect(check(signInitData({ botToken: "999999:ANOTHER-bots-token-entirely", user: SITI, authDate: NOW }))).toEqual({ ok: false, reason: "bad-hash" });
    // Someone else's id, a later date, a field added after signing: all change the data signed.
    expect(check(alterField(genuine, "user", JSON.stringify({ ...SITI, id: 7999 })))).toEqual({ ok: false, reason: "bad-hash" });
    expect(check(alterField(genuine, "auth_date", String(Math.floor(NOW.getTime() / 1000) + 30)))).toEqual({ ok: false, reason: "bad-hash" });
    expect(check(alterField(genuine, "start_param", "admin"))).toEqual({ ok: false, reason: "bad-hash" });
    // The hash in capitals or cut short is not Telegram's form.
    expect(check(alterField(genuine, "hash", hash.toUpperCase()))).toEqual({ ok: false, reason: "bad-hash" });
    expect(check(alterField(genuine, "hash", hash.slice(0, 32)))).toEqual({ ok: false, reason: "bad-hash" });
  });

  it("refuses data older than the age allowed, and data dated ahead of the clock", () => {
    const seconds = (s: number) => new Date(NOW.getTime() + s * 1000);
    expect(check(signInitData({ botToken: TOKEN, user: SITI, authDate: seconds(-INIT_DATA_MAX_AGE_SECONDS) })).ok).toBe(true);
    expect(check(signInitData({ botToken: TOKEN, user: SITI, authDate: seconds(-INIT_DATA_MAX_AGE_SECONDS - 1) }))).toEqual({ ok: false, reason: "expired" });
    expect(check(signInitData({ botToken: TOKEN, user: SITI, authDate: seconds(-86_400) }))).toEqual({ ok: false, reason: "expired" });
    expect(check(signInitData({ botToken: TOKEN, user: SITI, authDate: seconds(INIT_DATA_CLOCK_SKEW_SECONDS) })).ok).toBe(true);
    expect(check(signInitData({ botToken: TOKEN, user: SITI, authDate: seconds(INIT_DATA_CLOCK_SKEW_SECONDS + 1) }))).toEqual({ ok: false, reason: "future" });
    expect(validateInitData(signInitData({ botToken: TOKEN, user: SITI, authDate: seconds(-120) }), { botToken: TOKEN, now: NOW, maxAgeSeconds: 60 })).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses signed data without a person, or with one we cannot name", () => {
    expect(check(signInitData({ botToken: TOKEN, user: null, authDate: NOW }))).toEqual({ ok: false, reason: "no-user" });
    const authDate = String(Math.floor(NOW.getTime() / 1000));
    for (const user of ["not json", "null", "[]", '{"first_name":"Siti"}', '{"id":"7001","first_name":"Siti"}', '{"id":-5,"first_name":"Siti"}', '{"id":1.5,"first_name":"Siti"}', '{"id":7001}', '{"id":7001,"first_name":"Bot","is_bot":true}', '{"id":99999999999999999999,"first_name":"Siti"}']) {
      expect(check(signedRaw([["auth_date", authDate], ["user", user]])), user).toEqual({ ok: false, reason: "bad-user" });
    }
  });

  it("refuses what is not initData at all", () => {
    const genuine = signInitData({ botToken: TOKEN, user: SITI, authDate: NOW });
    const authDate = String(Math.floor(NOW.getTime() / 1000));
    const cases: [string, string][] = [
      ["empty", ""],
      ["no hash", genuine.replace(/&?hash=[0-9a-f]+/, "")],
      ["a key twice", `${genuine}&user=${encodeURIComponent(JSON.stringify({ id: 1, first_name: "X" }))}`],
      ["a hash twice", `${genuine}&hash=${new URLSearchParams(genuine).get("hash")}`],
      ["too long", `${genuine}&pad=${"x".repeat(9_000)}`],
      ["no auth_date", signedRaw([["user", JSON.stringify(SITI)]])],
      ["a date that is no number", signedRaw([["auth_date", "yesterday"], ["user", JSON.stringify(SITI)]])],
      ["a negative date", signedRaw([["auth_date", `-${authDate}`], ["user", JSON.stringify(SITI)]])],
      ["plain text", "hello"],
    ];
    for (const [label, raw] of cases) expect(check(raw), label).toEqual({ ok: false, reason: "malformed" });
  });
});
