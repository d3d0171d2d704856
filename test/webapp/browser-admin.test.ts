import { and, asc, count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kecamatan, kelurahan, roleAssignment, rt } from "../../src/db/schema/index.js";
import type { App } from "../../src/runtime/app.js";
import { addRound, propose } from "../helpers/cycle.js";
import { browserMissing, horizontalOverflow, screenshot, visibleText, withBrowser } from "../helpers/browser.js";
import { withTestDatabase } from "../helpers/database.js";
import { addAdmin, addKetua, addKoordinator, addRt, KECAMATAN_TELANAIPURA, KELURAHAN_BULURAN_KENALI, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { signInitData } from "../helpers/init-data.js";
import type { TestUser } from "../helpers/test-bot.js";
import { startWebAppTestApp, TOKEN } from "../runtime/harness.js";
import { TelegramStub } from "../runtime/telegram-stub.js";
import { appUrl } from "./client.js";

if (browserMissing !== null) console.warn(`test/webapp/browser-admin.test.ts skipped: ${browserMissing}`);

const NO_PROBLEMS = { consoleErrors: [], failedRequests: [], errorResponses: [], outsideRequests: [] };

/**
 * The admin's pages in a real browser (Debian's chromium, as browser.test.ts opens the app): the
 * city by kecamatan, one kecamatan by kelurahan, on a 360 px wide phone screen, with no errors.
 */
describe.skipIf(browserMissing !== null)(`the admin's pages in chromium${browserMissing ? ` (skipped: ${browserMissing})` : ""}`, () => {
  const database = withTestDatabase();
  const browser = withBrowser();
  let app: App;

  beforeAll(async () => {
    app = await startWebAppTestApp(database, new TelegramStub());
  });

  afterAll(async () => {
    await app.stop();
  });

  const initDataOf = (user: TestUser) => signInitData({ botToken: TOKEN, user: { id: user.id, first_name: user.first_name, language_code: "id" }, authDate: new Date() });

  /** Telanaipura: five RTs in Simpang IV Sipin (two with a ketua), two in Buluran Kenali; Paal Merah: three in Payo Selincah; a round with two proposals. */
  async function city() {
    const places = [];
    for (let number = 1; number <= 5; number++) places.push(await addRt(database.db, number, KELURAHAN_SIMPANG_IV_SIPIN, 30 + number));
    for (let number = 1; number <= 2; number++) places.push(await addRt(database.db, number, KELURAHAN_BULURAN_KENALI, 60));
    for (let number = 1; number <= 3; number++) places.push(await addRt(database.db, number, KELURAHAN_PAYO_SELINCAH, 120));
    await addKetua(database.db, newUser("Harun"), places[0]!.id);
    await addKetua(database.db, newUser("Yusuf"), places[1]!.id);
    await addKetua(database.db, newUser("Ani"), places[7]!.id);
    const round = await addRound(database.db);
    await propose(database.db, round.id, places[0]!.id);
    await propose(database.db, round.id, places[7]!.id);
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const lurah = newUser("Dewi");
    await addKoordinator(database.db, lurah, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    return { admin, lurah };
  }

  /** RTs and RTs without a ketua per kecamatan and per kelurahan, read here on their own. */
  async function countsInDatabase() {
    const ketua = database.db.select({ rtId: roleAssignment.rtId }).from(roleAssignment).where(and(eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt)));
    const headed = new Set((await ketua).map((row) => row.rtId));
    const places = await database.db.select({ id: rt.id, kelurahanCode: rt.kelurahanCode, kecamatanCode: kelurahan.kecamatanCode }).from(rt).innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode));
    const of = (selected: typeof places) => ({ rts: selected.length, withoutKetua: selected.filter((place) => !headed.has(place.id)).length });
    return {
      kecamatan: (code: string) => of(places.filter((place) => place.kecamatanCode === code)),
      kelurahan: (code: string) => of(places.filter((place) => place.kelurahanCode === code)),
    };
  }

  it("the admin goes from home to the city, to a kecamatan, to a kelurahan's ranked list: the database's figures, 360 px wide, no errors", async () => {
    const { admin } = await city();
    const counts = await countsInDatabase();
    const [{ kecamatanCount }] = (await database.db.select({ kecamatanCount: count() }).from(kecamatan)) as [{ kecamatanCount: number }];
    const { open } = await browser.newContext();
    const { page, problems } = await open(appUrl(app.port), { initData: initDataOf(admin) });
    await page.waitForURL(appUrl(app.port, "/home"));

    await page.getByRole("link", { name: "🏙️ Kota per kecamatan →" }).click();
    await page.waitForURL(appUrl(app.port, "/kota"));
    expect(await page.locator("h1").innerText()).toBe("Kota per kecamatan");
    expect(await page.locator(`ul.rts a[href^="/app/kecamatan/"]`).count()).toBe(kecamatanCount);
    for (const [code, name] of [[KECAMATAN_TELANAIPURA, "Telanaipura"], ["15.71.11", "Paal Merah"]] as const) {
      const { rts, withoutKetua } = counts.kecamatan(code);
      const line = (await page.locator(`ul.rts a[href="/app/kecamatan/${code}"]`).innerText()).replace(/\s+/g, " ");
      expect(line).toContain(`${name} ${rts} RT · 0 menurun · ${rts} ada yang belum dinilai · ⚠️ ${withoutKetua} tanpa ketua · rata-rata nilai 0,0`);
    }
    const text = await visibleText(page);
    expect(text).toContain("Seluruh kota 10 RT · 0 menurun · 10 ada yang belum dinilai · ⚠️ 7 tanpa ketua");
    expect(text).toContain("Putaran penilaian 2026 ▪️ Kota Jambi 10 RT · diusulkan 2 · dikunjungi 0 · dinilai lengkap 0");
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, "admin-city");

    await page.locator(`ul.rts a[href="/app/kecamatan/${KECAMATAN_TELANAIPURA}"]`).click();
    await page.waitForURL(appUrl(app.port, `/kecamatan/${KECAMATAN_TELANAIPURA}`));
    expect(await page.locator("h1").innerText()).toBe("Kecamatan Telanaipura");
    for (const [code, name] of [[KELURAHAN_SIMPANG_IV_SIPIN, "Simpang IV Sipin"], [KELURAHAN_BULURAN_KENALI, "Buluran Kenali"]] as const) {
      const { rts, withoutKetua } = counts.kelurahan(code);
      const line = (await page.locator(`ul.rts a[href="/app/rts?kelurahan=${code}"]`).innerText()).replace(/\s+/g, " ");
      expect(line).toContain(`${name} ${rts} RT · 0 menurun · ${rts} ada yang belum dinilai · ${withoutKetua > 0 ? "⚠️ " : ""}${withoutKetua} tanpa ketua`);
    }
    expect(await visibleText(page)).toContain("▪️ Telanaipura 7 RT · diusulkan 1");
    expect(await visibleText(page)).not.toContain("Payo Selincah");
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, "admin-kecamatan");

    await page.locator(`ul.rts a[href="/app/rts?kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}"]`).click();
    await page.waitForURL(appUrl(app.port, `/rts?kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}`));
    expect(await visibleText(page)).toContain(`${counts.kelurahan(KELURAHAN_SIMPANG_IV_SIPIN).rts} dari ${counts.kelurahan(KELURAHAN_SIMPANG_IV_SIPIN).rts} RT ditampilkan`);

    // Back to the city from the kecamatan's page.
    await page.goBack();
    await page.getByRole("link", { name: "Kota", exact: true }).click();
    await page.waitForURL(appUrl(app.port, "/kota"));
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a kelurahan's koordinator who edits the URL to the city or their kecamatan gets the refusal page, and no figures", async () => {
    const { lurah } = await city();
    const { open } = await browser.newContext();
    const { page, problems } = await open(appUrl(app.port), { initData: initDataOf(lurah) });
    await page.waitForURL(appUrl(app.port, "/home"));
    for (const path of ["/kota", `/kecamatan/${KECAMATAN_TELANAIPURA}`]) {
      const answer = await page.goto(appUrl(app.port, path));
      expect(answer?.status()).toBe(403);
      expect(await visibleText(page)).toBe("← Beranda Dasbor Kampung BANTAR Halaman ini di luar wilayah Anda.");
      expect(await horizontalOverflow(page)).toBe(0);
    }
    expect(problems).toEqual({ ...NO_PROBLEMS, errorResponses: ["403 /app/kota", `403 /app/kecamatan/${KECAMATAN_TELANAIPURA}`] });
  });

  it("the city page lists every kecamatan of the wilayah, in the order of their names", async () => {
    const { admin } = await city();
    const names = (await database.db.select({ name: kecamatan.name }).from(kecamatan).orderBy(asc(kecamatan.name))).map((row) => row.name);
    const { open } = await browser.newContext();
    const { page, problems } = await open(appUrl(app.port), { initData: initDataOf(admin) });
    await page.waitForURL(appUrl(app.port, "/home"));
    await page.goto(appUrl(app.port, "/kota"));
    expect(await page.locator("ul.rts .rt-name").allInnerTexts()).toEqual(names);
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
