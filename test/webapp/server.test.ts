import { get as httpGet, type IncomingHttpHeaders } from "node:http";
import { gunzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { person } from "../../src/db/schema/index.js";
import type { App } from "../../src/runtime/app.js";
import { createI18n } from "../../src/bot/i18n.js";
import { claimInitData } from "../../src/db/init-data-claims.js";
import { createLogger } from "../../src/logger.js";
import { productionJobs } from "../../src/scheduling/jobs.js";
import { INIT_DATA_CLOCK_SKEW_SECONDS, INIT_DATA_MAX_AGE_SECONDS } from "../../src/webapp/init-data.js";
import { SESSION_TTL_SECONDS } from "../../src/webapp/session.js";
import { withTestDatabase } from "../helpers/database.js";
import {
  addAdmin,
  addKetua,
  addKoordinator,
  addMember,
  addPending,
  addRt,
  KELURAHAN_BULURAN_KENALI,
  KELURAHAN_PAYO_SELINCAH,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
} from "../helpers/fixtures.js";
import { alterField, signInitData } from "../helpers/init-data.js";
import type { TestUser } from "../helpers/test-bot.js";
import { startTestApp, startWebAppTestApp, TOKEN } from "../runtime/harness.js";
import { TelegramStub } from "../runtime/telegram-stub.js";
import { appUrl, getPage, signIn, visibleText } from "./client.js";

const database = withTestDatabase();
const START = new Date("2026-12-04T03:00:00Z");
let now = START;
let app: App;

beforeAll(async () => {
  app = await startWebAppTestApp(database, new TelegramStub(), { clock: () => now });
});

afterAll(async () => {
  await app.stop();
});

beforeEach(() => {
  now = START;
});

const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const initDataOf = (user: TestUser, authDate = now) => signInitData({ botToken: TOKEN, user: { id: user.id, first_name: user.first_name, language_code: "id" }, authDate });

/** Signs `user` in as the boot page would; the session cookie's value. */
async function sessionOf(user: TestUser): Promise<string> {
  const answer = await signIn(app.port, initDataOf(user));
  expect(answer.status).toBe(204);
  return answer.cookie!;
}

/** Simpang IV Sipin: RT 01 (a ketua, two residents and a request), RT 02 (no ketua); Buluran Kenali (same kecamatan): RT 03; Payo Selincah: RT 04. */
async function area() {
  const rt1 = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN);
  const rt2 = await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN);
  const rt3 = await addRt(database.db, 3, KELURAHAN_BULURAN_KENALI);
  const rt4 = await addRt(database.db, 4, KELURAHAN_PAYO_SELINCAH);
  const ketua = newUser("Harun");
  await addKetua(database.db, ketua, rt1.id);
  await addMember(database.db, newUser("Siti"), rt1.id);
  await addPending(database.db, newUser("Budi"), rt1.id);
  const koordinator = newUser("Dewi");
  await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  return { rt1, rt2, rt3, rt4, ketua, koordinator };
}

describe("signing in with Telegram's initData", () => {
  it("makes a session cookie from valid data, and the koordinator's home lists the RTs of their area", async () => {
    const { rt1, rt2, koordinator } = await area();
    const answer = await signIn(app.port, initDataOf(koordinator));
    expect(answer.status).toBe(204);
    expect(answer.setCookie).toMatch(new RegExp(`^bantar_app=[^;]+; Path=/app; Max-Age=${SESSION_TTL_SECONDS}; HttpOnly; Secure; SameSite=None; Partitioned$`));

    const home = await getPage(app.port, "/home", answer.cookie);
    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(home.headers.get("cache-control")).toBe("no-store");
    expect(home.headers.get("content-security-policy")).toContain("script-src 'self' https://telegram.org");
    expect(home.text).toContain('<html lang="id">');
    expect(home.text).toContain("var(--tg-theme-bg-color");
    expect(home.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(visibleText(home.text)).toBe(
      "Halo, Dewi! 📊 Peringkat RT di wilayah Anda → " +
        "2 RT di wilayah Anda " +
        "RT 01 Simpang IV Sipin Kelurahan Simpang IV Sipin, Kecamatan Telanaipura 2 warga aktif, 1 menunggu · ada ketua " +
        "RT 02 Simpang IV Sipin Kelurahan Simpang IV Sipin, Kecamatan Telanaipura 0 warga aktif, 0 menunggu · ⚠️ belum ada ketua",
    );
    expect(home.text).toContain(`href="/app/rt/${rt1.id}"`);
    expect(home.text).toContain(`href="/app/rt/${rt2.id}"`);
    expect(home.text).toContain('href="/app/rts"');
  });

  it("refuses forged, altered, another bot's, expired and future data: 401 and no cookie", async () => {
    const { koordinator } = await area();
    const genuine = initDataOf(koordinator);
    const cases: [string, string, string][] = [
      ["someone else's id", alterField(genuine, "user", JSON.stringify({ id: 1, first_name: "Admin" })), "bad-hash"],
      ["another bot's", signInitData({ botToken: "999999:ANOTHER-bots-token-entirely", user: { id: koordinator.id, first_name: "Dewi" }, authDate: now }), "bad-hash"],
      ["expired", initDataOf(koordinator, later(-INIT_DATA_MAX_AGE_SECONDS - 1)), "expired"],
      ["from the future", initDataOf(koordinator, later(600)), "future"],
      ["no user", signInitData({ botToken: TOKEN, user: null, authDate: now }), "no-user"],
      ["not initData", "hello", "malformed"],
      ["too big", `${genuine}&pad=${"x".repeat(20_000)}`, "malformed"],
    ];
    for (const [label, initData, reason] of cases) {
      const answer = await signIn(app.port, initData);
      expect({ label, status: answer.status, body: answer.body, setCookie: answer.setCookie }).toEqual({ label, status: 401, body: { ok: false, error: reason }, setCookie: null });
    }
    // The genuine data still works: the refusals above did not use it up.
    expect((await signIn(app.port, genuine)).status).toBe(204);
  });

  it("refuses the same initData a second time (a replay), even before it expires", async () => {
    const { koordinator } = await area();
    const initData = initDataOf(koordinator);
    expect((await signIn(app.port, initData)).status).toBe(204);
    now = later(60);
    expect(await signIn(app.port, initData)).toMatchObject({ status: 401, body: { ok: false, error: "replayed" }, setCookie: null });
    // Two instances (or two tabs) racing with one copy: one session, not two.
    const fresh = initDataOf(koordinator);
    const raced = await Promise.all([signIn(app.port, fresh), signIn(app.port, fresh), signIn(app.port, fresh)]);
    expect(raced.map((answer) => answer.status).sort()).toEqual([204, 401, 401]);
    // A reload inside Telegram posts the same data with its own session: kept, no new session;
    // another account's session (a shared device) does not make the copy good.
    now = later(120);
    const opened = initDataOf(koordinator);
    const first = await signIn(app.port, opened);
    const reload = await signIn(app.port, opened, first.cookie);
    expect(reload).toMatchObject({ status: 204, setCookie: null });
    expect(first.status).toBe(204);
    const other = newUser("Orang Lain");
    const otherSession = (await signIn(app.port, initDataOf(other))).cookie;
    expect(await signIn(app.port, initData, otherSession)).toMatchObject({ status: 401, body: { ok: false, error: "replayed" }, setCookie: null });
  });

  it("forgets a used initData only once it has expired (the daily prune job)", async () => {
    const hash = "a".repeat(64);
    expect(await claimInitData(database.db, hash, now)).toBe(true);
    expect(await claimInitData(database.db, hash, later(10))).toBe(false);
    const prune = productionJobs({ db: database.db, i18n: createI18n(database.db), logger: createLogger("silent") }).find((job) => job.name === "prune-updates")!;
    // Data claimed now may be dated up to the skew ahead, so it is good until then plus its age.
    const expiresIn = INIT_DATA_MAX_AGE_SECONDS + INIT_DATA_CLOCK_SKEW_SECONDS;
    await prune.run(later(expiresIn - 1));
    expect(await claimInitData(database.db, hash, later(expiresIn - 1))).toBe(false);
    await prune.run(later(expiresIn + 1));
    expect(await claimInitData(database.db, hash, later(expiresIn + 1))).toBe(true);
  });

  it("answers only POST at /app/session", async () => {
    const answer = await fetch(appUrl(app.port, "/session"));
    expect(answer.status).toBe(405);
  });
});

describe("pages need the session", () => {
  it("without a cookie, with a tampered or an expired one: 401, and a bad cookie is dropped", async () => {
    const { koordinator, rt1 } = await area();
    const noCookie = await getPage(app.port, "/home");
    expect(noCookie.status).toBe(401);
    expect(visibleText(noCookie.text)).toBe("Dasbor Kampung BANTAR Sesi dasbor Anda sudah berakhir. Tutup dasbor, lalu buka lagi dari bot.");
    expect(noCookie.headers.get("set-cookie")).toBeNull();
    expect((await getPage(app.port, `/rt/${rt1.id}`)).status).toBe(401);
    expect((await getPage(app.port, "/no-such-page")).status).toBe(401);

    const cookie = await sessionOf(koordinator);
    const [id, expires, started, signature] = cookie.split(".") as [string, string, string, string];
    const other = newUser("Orang Lain");
    for (const tampered of [`${other.id}.${expires}.${started}.${signature}`, `${id}.${Number(expires) + 3_600}.${started}.${signature}`, `${id}.${expires}.${started}.${signature.slice(1)}A`, "x"]) {
      const answer = await getPage(app.port, "/home", tampered);
      expect(answer.status, tampered).toBe(401);
      expect(answer.headers.get("set-cookie")).toMatch(/^bantar_app=; Path=\/app; Max-Age=0;/);
    }

    const fresh = await getPage(app.port, "/home", cookie);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("set-cookie")).toBeNull(); // more than half its life left: not renewed
    now = later(SESSION_TTL_SECONDS);
    expect((await getPage(app.port, "/home", cookie)).status).toBe(401);
  });

  it("renews the session on a page opened in its second quarter hour, so working on keeps it", async () => {
    const { koordinator } = await area();
    const cookie = await sessionOf(koordinator);
    now = later(SESSION_TTL_SECONDS - 60);
    const page = await getPage(app.port, "/home", cookie);
    expect(page.status).toBe(200);
    const renewed = /^bantar_app=([^;]+); Path=\/app; Max-Age=1800; HttpOnly/.exec(page.headers.get("set-cookie") ?? "")?.[1];
    expect(renewed).toBeDefined();
    now = later(120); // past the first cookie's half hour, within the renewed one's
    expect((await getPage(app.port, "/home", cookie)).status).toBe(401);
    expect((await getPage(app.port, "/home", renewed)).status).toBe(200);
  });

  it("opens the boot page at /app, or the home page when already signed in", async () => {
    const { koordinator } = await area();
    const boot = await getPage(app.port, "");
    expect(boot.status).toBe(200);
    expect(boot.text).toContain('<script src="https://telegram.org/js/telegram-web-app.js"></script>');
    expect(boot.text).toContain('<script src="/app/boot.js" defer></script>');
    expect(boot.text).toContain('data-base="/app"');
    expect(visibleText(boot.text)).toBe("Dasbor Kampung BANTAR Membuka dasbor…");
    expect((await getPage(app.port, "/")).status).toBe(200);

    const script = await getPage(app.port, "/boot.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.text).toContain("Telegram.WebApp");

    // Opened again while signed in: the boot page again, which signs in with this opening's data.
    const cookie = await sessionOf(koordinator);
    const again = await getPage(app.port, "", cookie);
    expect(again.status).toBe(200);
    expect(visibleText(again.text)).toBe("Dasbor Kampung BANTAR Membuka dasbor…");
  });
});

describe("each page checks the actor's reach as the bot does", () => {
  it("a koordinator opens their kelurahan's RTs, not another kelurahan's (403), and unknown pages are 404", async () => {
    const { rt1, rt3, rt4, koordinator } = await area();
    const cookie = await sessionOf(koordinator);
    const own = await getPage(app.port, `/rt/${rt1.id}`, cookie);
    expect(own.status).toBe(200);
    expect(visibleText(own.text)).toMatch(/^← Beranda · ← Peringkat Simpang IV Sipin RT 01 Simpang IV Sipin Kelurahan Simpang IV Sipin, Kecamatan Telanaipura 40 KK · /);
    for (const other of [rt3, rt4]) {
      const refused = await getPage(app.port, `/rt/${other.id}`, cookie);
      expect(refused.status).toBe(403);
      expect(visibleText(refused.text)).toBe("← Beranda Dasbor Kampung BANTAR Halaman ini di luar wilayah Anda.");
      expect(refused.text).not.toContain("Buluran Kenali");
    }
    for (const path of [`/rt/${rt4.id + 1000}`, "/rt/99999999999", "/rt/0", "/rt/abc", `/rt/${rt1.id}/x`, "/nothing", "/home/"]) {
      expect((await getPage(app.port, path, cookie)).status, path).toBe(404);
    }
  });

  it("a koordinator of the kecamatan sees both of its kelurahan, and an admin the city's count", async () => {
    const { rt3, rt4 } = await area();
    const camat = newUser("Rahmat");
    await addKoordinator(database.db, camat, { kecamatanCode: "15.71.01" });
    const cookie = await sessionOf(camat);
    expect(visibleText((await getPage(app.port, "/home", cookie)).text)).toContain("3 RT di wilayah Anda");
    expect((await getPage(app.port, `/rt/${rt3.id}`, cookie)).status).toBe(200);
    expect((await getPage(app.port, `/rt/${rt4.id}`, cookie)).status).toBe(403);

    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const adminCookie = await sessionOf(admin);
    expect(visibleText((await getPage(app.port, "/home", adminCookie)).text)).toBe("Halo, Admin! 4 RT di seluruh kota 🏙️ Kota per kecamatan → 📊 Peringkat RT di wilayah Anda →");
    expect((await getPage(app.port, `/rt/${rt4.id}`, adminCookie)).status).toBe(200);
  });

  it("a ketua opens their own RT only; a resident and a stranger are sent to the bot", async () => {
    const { rt1, rt2, ketua } = await area();
    const cookie = await sessionOf(ketua);
    const home = await getPage(app.port, "/home", cookie);
    expect(visibleText(home.text)).toBe("Halo, Harun! RT Anda: RT 01 Simpang IV Sipin");
    expect((await getPage(app.port, `/rt/${rt1.id}`, cookie)).status).toBe(200);
    expect((await getPage(app.port, `/rt/${rt2.id}`, cookie)).status).toBe(403);

    const resident = newUser("Ani");
    await addMember(database.db, resident, rt1.id);
    const residentCookie = await sessionOf(resident);
    expect(visibleText((await getPage(app.port, "/home", residentCookie)).text)).toBe(
      "Halo, Ani! Dasbor ini untuk ketua RT, koordinator, dan admin. Perintah untuk warga ada di bot: kirim /bantuan.",
    );
    expect((await getPage(app.port, `/rt/${rt1.id}`, residentCookie)).status).toBe(403);

    const stranger = newUser("Asing");
    const strangerCookie = await sessionOf(stranger);
    expect(visibleText((await getPage(app.port, "/home", strangerCookie)).text)).toBe(
      "Dasbor Kampung BANTAR Anda belum terdaftar. Buka bot Kampung BANTAR dan kirim /start untuk mendaftar.",
    );
    expect((await getPage(app.port, `/rt/${rt1.id}`, strangerCookie)).status).toBe(403);
  });

  it("escapes what people wrote, and speaks the person's chosen language", async () => {
    const { koordinator } = await area();
    const hostile = newUser("Hostile");
    await addKoordinator(database.db, hostile, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await database.db.update(person).set({ displayName: `<img src=x onerror=alert(1)>"&'`, greeting: "bu" }).where(eq(person.telegramId, hostile.id));
    const page = await getPage(app.port, "/home", await sessionOf(hostile));
    expect(page.text).not.toContain("<img");
    expect(page.text).toContain("Halo, Bu &lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;!");

    await database.db.update(person).set({ locale: "en" }).where(eq(person.telegramId, koordinator.id));
    const english = await getPage(app.port, "/home", await sessionOf(koordinator));
    expect(english.text).toContain('<html lang="en">');
    expect(visibleText(english.text)).toContain("2 RTs in your area");
  });
});

/** A page as it comes over the wire (node:http: fetch would decompress it unseen), asking with `acceptEncoding`. */
function rawPage(path: string, cookie: string, acceptEncoding?: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { cookie: `bantar_app=${cookie}`, ...(acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding }) };
    httpGet({ host: "127.0.0.1", port: app.port, path: `/app${path}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

describe("pages are gzipped for a client that takes gzip", () => {
  it("sends the same page gzipped when asked, as it is otherwise (no header, identity, gzip;q=0), and says it varies", async () => {
    const { rt1, rt2, koordinator } = await area();
    const cookie = await sessionOf(koordinator);
    const plain = await rawPage("/rts", cookie);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("accept-encoding");
    const text = plain.body.toString("utf8");
    expect(text).toContain(`href="/app/rt/${rt1.id}"`);
    expect(text).toContain(`href="/app/rt/${rt2.id}"`);

    for (const accept of ["gzip, deflate, br", "br;q=1.0, gzip;q=0.8, *;q=0.1", "*", "GZIP"]) {
      const packed = await rawPage("/rts", cookie, accept);
      expect(packed.status, accept).toBe(200);
      expect(packed.headers["content-encoding"], accept).toBe("gzip");
      expect(packed.headers.vary).toBe("accept-encoding");
      expect(packed.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(packed.body.length).toBeLessThan(plain.body.length);
      expect(gunzipSync(packed.body).toString("utf8"), accept).toBe(text);
    }
    for (const accept of ["identity", "gzip;q=0", "br", "gzip;q=0, *;q=1", "gzip;q=abc", ""]) {
      const answer = await rawPage("/rts", cookie, accept);
      expect(answer.headers["content-encoding"], accept).toBeUndefined();
      expect(answer.body.toString("utf8"), accept).toBe(text);
    }
  });

  it("compresses refusals too, and keeps their status and cookie header; boot.js (under 1 KB) is left alone", async () => {
    const { rt4, koordinator } = await area();
    const cookie = await sessionOf(koordinator);
    const refused = await rawPage(`/rt/${rt4.id}`, cookie, "gzip");
    expect(refused.status).toBe(403);
    expect(refused.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(refused.body).toString("utf8")).toContain("Halaman ini di luar wilayah Anda.");
    const signedOut = await rawPage("/home", "x", "gzip");
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers["set-cookie"]?.[0]).toMatch(/^bantar_app=; Path=\/app; Max-Age=0;/);
    expect(gunzipSync(signedOut.body).toString("utf8")).toContain("Sesi dasbor Anda sudah berakhir.");
    const script = await rawPage("/boot.js", cookie, "gzip");
    expect(script.headers["content-encoding"]).toBeUndefined();
    expect(script.body.toString("utf8")).toContain("Telegram.WebApp");
  });
});

describe("without WEBAPP_URL", () => {
  it("the server has no /app at all", async () => {
    const plain = await startTestApp(database, new TelegramStub(), "webhook");
    try {
      expect((await fetch(`http://127.0.0.1:${plain.port}/app`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${plain.port}/app/session`, { method: "POST", body: "x" })).status).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
