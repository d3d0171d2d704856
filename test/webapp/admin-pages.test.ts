import { and, asc, count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { indicatorScore, kecamatan, kelurahan, person, roleAssignment, rt, rtProposal, rtTitle } from "../../src/db/schema/index.js";
import type { RtDetails } from "../../src/domain/rt/rt.js";
import { AUTOMATIC_CODES, INDICATOR_CODES } from "../../src/domain/scores/indicators.js";
import { computeStandings } from "../../src/domain/scores/standing.js";
import type { App } from "../../src/runtime/app.js";
import { withTestDatabase } from "../helpers/database.js";
import { addRound, propose } from "../helpers/cycle.js";
import {
  addAdmin,
  addKetua,
  addKoordinator,
  addPerson,
  addRt,
  KECAMATAN_TELANAIPURA,
  KELURAHAN_BULURAN_KENALI,
  KELURAHAN_PAYO_SELINCAH,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
} from "../helpers/fixtures.js";
import { signInitData } from "../helpers/init-data.js";
import type { TestUser } from "../helpers/test-bot.js";
import { addResidents, participate, wib, type ParticipationRow } from "../domain/scores/builders.js";
import { startWebAppTestApp, TOKEN } from "../runtime/harness.js";
import { TelegramStub } from "../runtime/telegram-stub.js";
import { getPage, signIn, visibleText } from "./client.js";

const database = withTestDatabase();
/** Friday 4 December 2026, 10.00 WIB: the last complete week is 23–29 November. */
const NOW = new Date("2026-12-04T03:00:00Z");
const KECAMATAN_PAAL_MERAH = "15.71.11";
const FORBIDDEN = "← Beranda Dasbor Kampung BANTAR Halaman ini di luar wilayah Anda.";
const NOT_FOUND = "← Beranda Dasbor Kampung BANTAR Halaman ini tidak ada.";
const MANUAL_CODES = INDICATOR_CODES.filter((code) => !(AUTOMATIC_CODES as readonly string[]).includes(code));
let app: App;

beforeAll(async () => {
  app = await startWebAppTestApp(database, new TelegramStub(), { clock: () => NOW });
});

afterAll(async () => {
  await app.stop();
});

/** Each person signs in once per test: the same initData twice is a replay, refused. */
const sessions = new Map<number, string>();
beforeEach(() => sessions.clear());

async function sessionOf(user: TestUser): Promise<string> {
  const kept = sessions.get(user.id);
  if (kept) return kept;
  const answer = await signIn(app.port, signInitData({ botToken: TOKEN, user: { id: user.id, first_name: user.first_name, language_code: "id" }, authDate: NOW }));
  expect(answer.status).toBe(204);
  sessions.set(user.id, answer.cookie!);
  return answer.cookie!;
}

async function activity(place: RtDetails, households: number, days: string[]): Promise<void> {
  const people = await addResidents(database.db, households);
  const rows: ParticipationRow[] = days.flatMap((day) => people.map((personId) => ({ rtId: place.id, personId, kind: "gotong_royong" as const, at: wib(day) })));
  await participate(database.db, rows);
}

/** A koordinator's hand scores, written straight into indicator_score. */
async function scoreByHand(place: RtDetails, codes: readonly string[], score: number): Promise<void> {
  const enteredBy = await addPerson(database.db, newUser("Penilai"));
  await database.db.insert(indicatorScore).values(codes.map((code) => ({ rtId: place.id, indicatorCode: code, score, note: null, assessedOn: "2026-11-30", enteredBy, enteredAt: NOW })));
}

/**
 * Telanaipura: Simpang IV Sipin RT 01 (a ketua; busy in October, one household since: fading;
 * every hand indicator scored 2), RT 02 (no ketua; three hand indicators scored 1), RT 03 (no
 * ketua, nothing); Buluran Kenali RT 04 (a ketua, nothing). Paal Merah: Payo Selincah RT 05 (no ketua).
 */
async function city() {
  const rt1 = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN);
  const rt2 = await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN, 10);
  const rt3 = await addRt(database.db, 3, KELURAHAN_SIMPANG_IV_SIPIN);
  const rt4 = await addRt(database.db, 4, KELURAHAN_BULURAN_KENALI);
  const rt5 = await addRt(database.db, 5, KELURAHAN_PAYO_SELINCAH);
  await addKetua(database.db, newUser("Harun"), rt1.id);
  await addKetua(database.db, newUser("Yusuf"), rt4.id);
  await activity(rt1, 10, ["2026-10-07T08:00", "2026-10-14T08:00", "2026-10-21T08:00", "2026-10-28T08:00"]);
  await activity(rt1, 1, ["2026-11-25T19:30"]);
  await scoreByHand(rt1, MANUAL_CODES, 2);
  await scoreByHand(rt2, MANUAL_CODES.slice(0, 3), 1);
  const admin = newUser("Admin");
  await addAdmin(database.db, admin);
  const lurah = newUser("Dewi");
  await addKoordinator(database.db, lurah, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  const camat = newUser("Rahmat");
  await addKoordinator(database.db, camat, { kecamatanCode: KECAMATAN_TELANAIPURA });
  return { rt1, rt2, rt3, rt4, rt5, admin, lurah, camat };
}

type Expected = { rts: number; fading: number; unscored: number; withoutKetua: number; sum: number };

/**
 * The figures as the database holds them, read here on its own: RTs and their kelurahan and
 * kecamatan, the ketua roles held, the hand scores (the RTs of these tests have no measured score:
 * RT 01's one household of 40 in the window is below B3's lowest step), and the fading RTs given.
 */
async function expectedFigures(fadingIds: readonly number[]) {
  const places = await database.db
    .select({ id: rt.id, kelurahanCode: rt.kelurahanCode, kecamatanCode: kelurahan.kecamatanCode })
    .from(rt)
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode));
  const ketua = new Set(
    (await database.db.select({ rtId: roleAssignment.rtId }).from(roleAssignment).where(and(eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt)))).map((row) => row.rtId),
  );
  const scores = await database.db.select({ rtId: indicatorScore.rtId, code: indicatorScore.indicatorCode, score: indicatorScore.score }).from(indicatorScore);
  const of = (selected: typeof places): Expected => {
    const ids = new Set(selected.map((place) => place.id));
    const mine = scores.filter((row) => ids.has(row.rtId));
    return {
      rts: selected.length,
      fading: selected.filter((place) => fadingIds.includes(place.id)).length,
      unscored: selected.filter((place) => new Set(mine.filter((row) => row.rtId === place.id).map((row) => row.code)).size < MANUAL_CODES.length).length,
      withoutKetua: selected.filter((place) => !ketua.has(place.id)).length,
      sum: mine.reduce((total, row) => total + row.score, 0),
    };
  };
  return {
    total: of(places),
    kecamatan: (code: string) => of(places.filter((place) => place.kecamatanCode === code)),
    kelurahan: (code: string) => of(places.filter((place) => place.kelurahanCode === code)),
  };
}

/** The line the page shows for figures, in Indonesian. */
function line(expected: Expected): string {
  if (expected.rts === 0) return "0 RT";
  const warn = (count: number, text: string) => (count > 0 ? `⚠️ ${count} ${text}` : `${count} ${text}`);
  const average = (Math.round((10 * expected.sum) / expected.rts) / 10).toFixed(1).replace(".", ",");
  return `${expected.rts} RT · ${warn(expected.fading, "menurun")} · ${expected.unscored} ada yang belum dinilai · ${warn(expected.withoutKetua, "tanpa ketua")} · rata-rata nilai ${average}`;
}

function links(page: string, prefix: string): string[] {
  return [...page.matchAll(new RegExp(`href="(${prefix.replace(/[.?]/g, "\\$&")}[^"]*)"`, "g"))].map((match) => match[1]!.replace(/&amp;/g, "&"));
}

describe("the city page (/app/kota)", () => {
  it("gives the admin every kecamatan with its RTs, fading, unscored, without ketua and mean score as the database has them, the city first, each linked", async () => {
    const { rt1, admin } = await city();
    // The fading RT as the ranked list finds it (computeStandings' trends, not the page's query).
    const fading = (await computeStandings(database.db, "all", NOW)).filter((standing) => standing.trend.fading.menurun).map((standing) => standing.scorecard.rt.rtId);
    expect(fading).toEqual([rt1.id]);
    const expected = await expectedFigures(fading);
    expect(expected.total).toEqual({ rts: 5, fading: 1, unscored: 4, withoutKetua: 3, sum: 23 });

    const page = await getPage(app.port, "/kota", await sessionOf(admin));
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const text = visibleText(page.text);
    expect(text).toContain(`Seluruh kota ${line(expected.total)}`);
    expect(text).toContain("Seluruh kota 5 RT · ⚠️ 1 menurun · 4 ada yang belum dinilai · ⚠️ 3 tanpa ketua · rata-rata nilai 4,6");

    // Every kecamatan of the wilayah, by name, linked to its page, with its own figures.
    const allKecamatan = await database.db.select({ code: kecamatan.code, name: kecamatan.name }).from(kecamatan).orderBy(asc(kecamatan.name));
    expect(allKecamatan.length).toBeGreaterThan(5);
    expect(links(page.text, "/app/kecamatan/")).toEqual(allKecamatan.map((entry) => `/app/kecamatan/${entry.code}`));
    for (const entry of allKecamatan) expect(text, entry.name).toContain(`${entry.name} ${line(expected.kecamatan(entry.code))}`);
    expect(text).toContain("Telanaipura 4 RT · ⚠️ 1 menurun · 3 ada yang belum dinilai · ⚠️ 2 tanpa ketua · rata-rata nilai 5,8");
    expect(text).toContain("Paal Merah 1 RT · 0 menurun · 1 ada yang belum dinilai · ⚠️ 1 tanpa ketua · rata-rata nilai 0,0");

    // No round yet: said briefly.
    expect(text).toContain("Rekap putaran penilaian Belum ada putaran penilaian.");

    // In the reader's language, decimals as they write them.
    await database.db.update(person).set({ locale: "en" }).where(eq(person.telegramId, admin.id));
    const english = visibleText((await getPage(app.port, "/kota", await sessionOf(admin))).text);
    expect(english).toContain("The whole city 5 RTs · ⚠️ 1 fading · 4 with unscored indicators · ⚠️ 3 without a ketua · mean score 4.6");
    expect(english).toContain("There is no assessment round yet.");
  });

  it("shows the round's recap once a round exists: proposals and holders as the database has them, per kecamatan and for the city", async () => {
    const { rt1, rt2, rt5, admin } = await city();
    const round = await addRound(database.db);
    await propose(database.db, round.id, rt2.id);
    await propose(database.db, round.id, rt5.id);
    await database.db.insert(rtTitle).values({ rtId: rt1.id, level: "bantar", category: "kecil", householdCount: 40, awardRupiah: 5_000_000, awardedOn: "2025-08-17", skNumber: "SK 1/2025", recordedAt: NOW });
    const [{ proposed }] = (await database.db.select({ proposed: count() }).from(rtProposal).where(eq(rtProposal.roundId, round.id))) as [{ proposed: number }];
    const [{ holders }] = (await database.db.select({ holders: count() }).from(rtTitle).where(eq(rtTitle.level, "bantar"))) as [{ holders: number }];
    expect([proposed, holders]).toEqual([2, 1]);

    const text = visibleText((await getPage(app.port, "/kota", await sessionOf(admin))).text);
    expect(text).toContain("Rekap putaran penilaian Putaran penilaian 2026");
    // The city's block, then Telanaipura's and Paal Merah's (the kecamatan with RTs).
    expect(text).toContain(`▪️ Kota Jambi 5 RT · diusulkan ${proposed} · dikunjungi 0 · dinilai lengkap 0 Pemenang putaran ini: 0 (Besar 0, Sedang 0, Kecil 0) Pemegang gelar Kampung BANTAR: ${holders} · ⚠️ 1 partisipasinya menurun`);
    expect(text).toContain("▪️ Telanaipura 4 RT · diusulkan 1 · dikunjungi 0");
    expect(text).toContain("▪️ Paal Merah 1 RT · diusulkan 1 · dikunjungi 0");
  });

  it("is the admin's only: a koordinator of a kelurahan or of a kecamatan, a ketua, someone unknown get the refusal and no figures", async () => {
    const { rt3, lurah, camat } = await city();
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, rt3.id);
    const stranger = newUser("Asing");
    for (const user of [lurah, camat, ketua, stranger]) {
      const page = await getPage(app.port, "/kota", await sessionOf(user));
      expect(page.status, user.first_name).toBe(403);
      expect(visibleText(page.text), user.first_name).toBe(FORBIDDEN);
      expect(page.text).not.toContain("Telanaipura");
    }
    expect((await getPage(app.port, "/kota")).status).toBe(401);
  });
});

describe("a kecamatan's page (/app/kecamatan/<code>)", () => {
  it("gives the admin and the kecamatan's koordinator each kelurahan's figures as the database has them, linked to the ranked list when it has RTs", async () => {
    const { rt1, admin, camat } = await city();
    const expected = await expectedFigures([rt1.id]);
    const allKelurahan = await database.db.select({ code: kelurahan.code, name: kelurahan.name }).from(kelurahan).where(eq(kelurahan.kecamatanCode, KECAMATAN_TELANAIPURA)).orderBy(asc(kelurahan.name));
    for (const user of [admin, camat]) {
      const page = await getPage(app.port, `/kecamatan/${KECAMATAN_TELANAIPURA}`, await sessionOf(user));
      expect(page.status, user.first_name).toBe(200);
      const text = visibleText(page.text);
      expect(page.text).toContain("<h1>Kecamatan Telanaipura</h1>");
      expect(text).toContain(`Seluruh kecamatan ${line(expected.kecamatan(KECAMATAN_TELANAIPURA))}`);
      for (const entry of allKelurahan) expect(text, entry.name).toContain(`${entry.name} ${line(expected.kelurahan(entry.code))}`);
      expect(text).toContain("Simpang IV Sipin 3 RT · ⚠️ 1 menurun · 2 ada yang belum dinilai · ⚠️ 2 tanpa ketua · rata-rata nilai 7,7");
      expect(text).toContain("Buluran Kenali 1 RT · 0 menurun · 1 ada yang belum dinilai · 0 tanpa ketua · rata-rata nilai 0,0");
      // Only the kelurahan with RTs link to the ranked list; nothing of another kecamatan.
      expect(links(page.text, "/app/rts?")).toEqual([`/app/rts?kelurahan=${KELURAHAN_BULURAN_KENALI}`, `/app/rts?kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}`]);
      expect(allKelurahan.length).toBeGreaterThan(2);
      expect(page.text).not.toContain("Payo Selincah");
      expect(text).toContain("Belum ada putaran penilaian.");
      // The admin is offered the way back to the city; the koordinator is not.
      expect(links(page.text, "/app/kota"), user.first_name).toEqual(user === admin ? ["/app/kota"] : []);
    }
    // The kelurahan's link opens the ranked list of its RTs.
    const ranked = await getPage(app.port, `/rts?kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}`, await sessionOf(camat));
    expect(visibleText(ranked.text)).toContain("3 dari 3 RT ditampilkan · 1 menurun");
  });

  it("shows the kecamatan's part of the round's recap", async () => {
    const { rt2, rt5, admin } = await city();
    const round = await addRound(database.db);
    await propose(database.db, round.id, rt2.id);
    await propose(database.db, round.id, rt5.id);
    const text = visibleText((await getPage(app.port, `/kecamatan/${KECAMATAN_TELANAIPURA}`, await sessionOf(admin))).text);
    expect(text).toContain("Putaran penilaian 2026 ▪️ Telanaipura 4 RT · diusulkan 1 · dikunjungi 0 · dinilai lengkap 0");
    expect(text).not.toContain("Paal Merah");
  });

  it("refuses a koordinator of one kelurahan (even of that kecamatan), another kecamatan's koordinator and a ketua", async () => {
    const { rt5, lurah, camat } = await city();
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, rt5.id);
    const cases: [TestUser, string][] = [
      [lurah, KECAMATAN_TELANAIPURA],
      [camat, KECAMATAN_PAAL_MERAH],
      [ketua, KECAMATAN_PAAL_MERAH],
      // Well formed, but no kecamatan of theirs (nor of the city): refused before anything is read.
      [camat, "15.71.99"],
    ];
    for (const [user, code] of cases) {
      const page = await getPage(app.port, `/kecamatan/${code}`, await sessionOf(user));
      expect(page.status, `${user.first_name} ${code}`).toBe(403);
      expect(visibleText(page.text)).toBe(FORBIDDEN);
      expect(page.text).not.toContain("Simpang IV Sipin");
      expect(page.text).not.toContain("Payo Selincah");
    }
  });

  it("a made-up, odd or huge code is 'not found', for the admin too, never a crash, never echoed", async () => {
    const { admin, camat } = await city();
    const cookie = await sessionOf(admin);
    const hostile = [
      "15.71.99",
      "99.99.99",
      KELURAHAN_SIMPANG_IV_SIPIN,
      "15.71.1",
      "15.71.011",
      encodeURIComponent("15.71.01' OR '1'='1"),
      encodeURIComponent("' OR 1=1 --"),
      encodeURIComponent("<script>alert(1)</script>"),
      `${KECAMATAN_TELANAIPURA}%00`,
      "%ZZ",
      "1".repeat(10_000),
      encodeURIComponent("🙂"),
      `${KECAMATAN_TELANAIPURA}/x`,
      "",
    ];
    for (const code of hostile) {
      const page = await getPage(app.port, `/kecamatan/${code}`, cookie);
      expect(page.status, code.slice(0, 40)).toBe(404);
      expect(visibleText(page.text), code.slice(0, 40)).toBe(NOT_FOUND);
      expect(page.text).not.toContain("<script>alert");
      expect(page.text).not.toContain("1111111111");
    }
    // The koordinator: a code of the wrong form is not found either (nothing said about the area).
    const odd = await getPage(app.port, `/kecamatan/${encodeURIComponent("' OR 1=1 --")}`, await sessionOf(camat));
    expect(odd.status).toBe(404);
  });
});

describe("the home page's way in", () => {
  it("offers the admin the city, a kecamatan's koordinator their kecamatan, a kelurahan's koordinator neither", async () => {
    const { admin, camat, lurah } = await city();
    const adminHome = await getPage(app.port, "/home", await sessionOf(admin));
    expect(links(adminHome.text, "/app/kota")).toEqual(["/app/kota"]);
    expect(visibleText(adminHome.text)).toContain("5 RT di seluruh kota 🏙️ Kota per kecamatan →");
    const camatHome = await getPage(app.port, "/home", await sessionOf(camat));
    expect(links(camatHome.text, "/app/kecamatan/")).toEqual([`/app/kecamatan/${KECAMATAN_TELANAIPURA}`]);
    expect(visibleText(camatHome.text)).toContain("🏘️ Kecamatan Telanaipura per kelurahan →");
    expect(links(camatHome.text, "/app/kota")).toEqual([]);
    const lurahHome = await getPage(app.port, "/home", await sessionOf(lurah));
    expect(links(lurahHome.text, "/app/kecamatan/")).toEqual([]);
    expect(links(lurahHome.text, "/app/kota")).toEqual([]);
  });
});
