import { and, asc, count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kecamatan, kelurahan, membership, roleAssignment, rt } from "../../src/db/schema/index.js";
import type { App } from "../../src/runtime/app.js";
import { INIT_DATA_MAX_AGE_SECONDS } from "../../src/webapp/init-data.js";
import { browserMissing, computedStyle, DARK_THEME, horizontalOverflow, postedEvents, screenshot, scriptCookies, visibleText, withBrowser, type MiniAppPage } from "../helpers/browser.js";
import { withTestDatabase } from "../helpers/database.js";
import { addKetua, addKoordinator, addMember, addPending, addRt, KELURAHAN_BULURAN_KENALI, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { alterField, signInitData } from "../helpers/init-data.js";
import type { TestUser } from "../helpers/test-bot.js";
import { startWebAppTestApp, TOKEN } from "../runtime/harness.js";
import { TelegramStub } from "../runtime/telegram-stub.js";
import { appUrl } from "./client.js";

const SIGNED_OUT = "Sesi dasbor Anda sudah berakhir. Tutup dasbor, lalu buka lagi dari bot.";
const REFUSED = "Dasbor tidak bisa dibuka dengan data ini. Tutup dasbor, lalu buka lagi dari bot.";

// Said once at the top, as the default reporter shows only a count of skipped tests.
if (browserMissing !== null) console.warn(`test/webapp/browser.test.ts skipped: ${browserMissing}`);

/**
 * The Mini App in a real browser (Debian's chromium, driven by playwright-core), opened as Telegram
 * opens it: the real app on the test database, signed initData in the launch fragment, Telegram's
 * script answered by the stub, a 360 px wide phone screen, no network but the app.
 */
describe.skipIf(browserMissing !== null)(`the Mini App in chromium${browserMissing ? ` (skipped: ${browserMissing})` : ""}`, () => {
  const database = withTestDatabase();
  const browser = withBrowser();
  let app: App;

  beforeAll(async () => {
    app = await startWebAppTestApp(database, new TelegramStub());
  });

  afterAll(async () => {
    await app.stop();
  });

  const initDataOf = (user: TestUser, authDate = new Date()) => signInitData({ botToken: TOKEN, user: { id: user.id, first_name: user.first_name, language_code: "id" }, authDate });

  /** Simpang IV Sipin: RT 01 (ketua, two residents, a request), RT 02 (no ketua, one resident), RT 07 (empty); RT 03 in Buluran Kenali and RT 04 in Payo Selincah are another koordinator's. */
  async function area() {
    const rt1 = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 41);
    const rt2 = await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN, 35);
    const rt7 = await addRt(database.db, 7, KELURAHAN_SIMPANG_IV_SIPIN, 12);
    const rt3 = await addRt(database.db, 3, KELURAHAN_BULURAN_KENALI, 50);
    const rt4 = await addRt(database.db, 4, KELURAHAN_PAYO_SELINCAH, 60);
    await addKetua(database.db, newUser("Harun"), rt1.id);
    await addMember(database.db, newUser("Siti"), rt1.id);
    await addPending(database.db, newUser("Budi"), rt1.id);
    await addMember(database.db, newUser("Rina"), rt2.id);
    await addKetua(database.db, newUser("Yusuf"), rt3.id);
    const koordinator = newUser("Dewi");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const neighbour = newUser("Fajar");
    await addKoordinator(database.db, neighbour, { kelurahanCode: KELURAHAN_BULURAN_KENALI });
    return { rt1, rt2, rt7, rt3, rt4, koordinator, neighbour };
  }

  /** What the database holds for the RTs of a kelurahan, read here on its own (not through the app's queries). */
  async function rtsInDatabase(kelurahanCode: string) {
    const places = await database.db
      .select({ id: rt.id, number: rt.number, households: rt.householdCount, kelurahan: kelurahan.name, kecamatan: kecamatan.name })
      .from(rt)
      .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
      .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
      .where(eq(rt.kelurahanCode, kelurahanCode))
      .orderBy(asc(rt.number));
    const members = await database.db.select({ rtId: membership.rtId, status: membership.status, n: count() }).from(membership).groupBy(membership.rtId, membership.status);
    const ketua = await database.db.select({ rtId: roleAssignment.rtId }).from(roleAssignment).where(and(eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt)));
    const counted = (id: number, status: string) => members.find((row) => row.rtId === id && row.status === status)?.n ?? 0;
    return places.map((place) => ({
      ...place,
      name: `RT ${String(place.number).padStart(2, "0")} ${place.kelurahan}`,
      active: counted(place.id, "active"),
      pending: counted(place.id, "pending"),
      hasKetua: ketua.some((row) => row.rtId === place.id),
    }));
  }

  /** Waits for the boot page to say `text` in its note (a refusal, or the outside-Telegram line). */
  async function bootNote({ page }: MiniAppPage, text: string): Promise<void> {
    await page.locator("#note", { hasText: text }).waitFor();
  }

  it("a koordinator opens the app from Telegram: signed in, their kelurahan's RTs as the database has them, Telegram's theme, 360 px wide, no errors", async () => {
    const { koordinator } = await area();
    const expected = await rtsInDatabase(KELURAHAN_SIMPANG_IV_SIPIN);
    const { context, open } = await browser.newContext();
    const opened = await open(appUrl(app.port), { initData: initDataOf(koordinator) });
    const { page, problems } = opened;
    await page.waitForURL(appUrl(app.port, "/home"));

    expect(await page.locator("h1").innerText()).toBe("Halo, Dewi!");
    expect(await page.locator("h2").innerText()).toBe(`${expected.length} RT di wilayah Anda`);
    // Exactly the kelurahan's RTs, each linked, with the database's counts and ketua.
    const links = page.locator("ul.rts li a");
    expect(await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")).sort())).toEqual(expected.map((place) => `/app/rt/${place.id}`).sort());
    for (const place of expected) {
      const line = (await page.locator(`ul.rts a[href="/app/rt/${place.id}"]`).innerText()).replace(/\s+/g, " ");
      expect(line).toContain(place.name);
      expect(line).toContain(`Kelurahan ${place.kelurahan}, Kecamatan ${place.kecamatan}`);
      expect(line).toContain(`${place.active} warga aktif, ${place.pending} menunggu`);
      expect(line).toContain(place.hasKetua ? "ada ketua" : "belum ada ketua");
    }
    const text = await visibleText(page);
    expect(text).not.toContain("Buluran Kenali");
    expect(text).not.toContain("Payo Selincah");

    // The boot page told Telegram it was ready; the cookie is the app's only, out of scripts' reach.
    expect(await postedEvents(page)).toContain("web_app_ready");
    const cookies = await context.cookies();
    expect(cookies.map((cookie) => ({ name: cookie.name, path: cookie.path, httpOnly: cookie.httpOnly }))).toEqual([{ name: "bantar_app", path: "/app", httpOnly: true }]);
    expect(await scriptCookies(page)).toBe("");

    // Telegram's colours are the page's (light theme: white background, its link colour for RT names).
    expect(await computedStyle(page.locator("body"), "background-color")).toBe("rgb(255, 255, 255)");
    expect(await computedStyle(page.locator(".rt-name").first(), "color")).toBe("rgb(38, 120, 182)");
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, "koordinator-home");

    // One RT, by tapping it: the name, the place and the households the database has.
    const first = expected[0]!;
    await page.locator(`ul.rts a[href="/app/rt/${first.id}"]`).click();
    await page.waitForURL(appUrl(app.port, `/rt/${first.id}`));
    expect(await page.locator("h1").innerText()).toBe(first.name);
    expect(await visibleText(page)).toContain(`${first.households} KK`);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, "rt");

    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], errorResponses: [], outsideRequests: [] });
  });

  it("follows Telegram's night theme", async () => {
    const { koordinator } = await area();
    const { open } = await browser.newContext();
    const { page, problems } = await open(appUrl(app.port), { initData: initDataOf(koordinator), theme: DARK_THEME });
    await page.waitForURL(appUrl(app.port, "/home"));
    expect(await computedStyle(page.locator("body"), "background-color")).toBe("rgb(33, 45, 59)");
    expect(await computedStyle(page.locator("body"), "color")).toBe("rgb(255, 255, 255)");
    await screenshot(page, "koordinator-home-dark");
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], errorResponses: [], outsideRequests: [] });
  });

  it("forged initData (another koordinator's id put in, the hash kept) is refused: the page says so, shows no data, and no session is made", async () => {
    const { koordinator, neighbour } = await area();
    const forged = alterField(initDataOf(koordinator), "user", JSON.stringify({ id: neighbour.id, first_name: neighbour.first_name, language_code: "id" }));
    const { context, open } = await browser.newContext();
    const opened = await open(appUrl(app.port), { initData: forged });
    await bootNote(opened, REFUSED);
    const { page, problems } = opened;
    expect(page.url()).toMatch(new RegExp(`^${appUrl(app.port)}#`));
    expect(await visibleText(page)).toBe(`Dasbor Kampung BANTAR ${REFUSED}`);
    expect(await context.cookies()).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, "refused");

    // Nothing behind the boot page opens without the session.
    await page.goto(appUrl(app.port, "/home"));
    expect(await visibleText(page)).toBe(`Dasbor Kampung BANTAR ${SIGNED_OUT}`);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], errorResponses: ["401 /app/session", "401 /app/home"], outsideRequests: [] });
  });

  it("expired initData is refused the same way", async () => {
    const { koordinator, rt1 } = await area();
    const expired = initDataOf(koordinator, new Date(Date.now() - (INIT_DATA_MAX_AGE_SECONDS + 60) * 1000));
    const { context, open } = await browser.newContext();
    const opened = await open(appUrl(app.port), { initData: expired });
    await bootNote(opened, REFUSED);
    const { page, problems } = opened;
    expect(await visibleText(page)).toBe(`Dasbor Kampung BANTAR ${REFUSED}`);
    expect(await context.cookies()).toEqual([]);

    await page.goto(appUrl(app.port, `/rt/${rt1.id}`));
    expect(await visibleText(page)).toBe(`Dasbor Kampung BANTAR ${SIGNED_OUT}`);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], errorResponses: ["401 /app/session", `401 /app/rt/${rt1.id}`], outsideRequests: [] });
  });

  it("a koordinator who edits the URL to another kelurahan's RT gets the refusal page, and nothing of that RT", async () => {
    const { rt1, rt3, rt4, koordinator } = await area();
    const { open } = await browser.newContext();
    const { page, problems } = await open(appUrl(app.port), { initData: initDataOf(koordinator) });
    await page.waitForURL(appUrl(app.port, "/home"));
    await page.goto(appUrl(app.port, `/rt/${rt1.id}`));
    expect(await page.locator("h1").innerText()).toBe("RT 01 Simpang IV Sipin");

    for (const other of [rt3, rt4]) {
      const answer = await page.goto(appUrl(app.port, `/rt/${other.id}`));
      expect(answer?.status()).toBe(403);
      expect(await visibleText(page)).toBe("← Beranda Dasbor Kampung BANTAR Halaman ini di luar wilayah Anda.");
      expect(await page.content()).not.toContain(other.kelurahanName);
      expect(await horizontalOverflow(page)).toBe(0);
    }
    await screenshot(page, "forbidden");

    // The way back still works: the session was not lost.
    await page.getByRole("link", { name: "← Beranda" }).click();
    await page.waitForURL(appUrl(app.port, "/home"));
    expect(await page.locator("h1").innerText()).toBe("Halo, Dewi!");
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], errorResponses: [`403 /app/rt/${rt3.id}`, `403 /app/rt/${rt4.id}`], outsideRequests: [] });
  });

  it("opened outside Telegram (no initData), the page says where to open it and asks for no session", async () => {
    const { open } = await browser.newContext();
    const opened = await open(appUrl(app.port), { initData: null });
    await bootNote(opened, "Dasbor ini hanya bisa dibuka dari dalam Telegram, lewat bot Kampung BANTAR.");
    const { page, problems } = opened;
    expect(await postedEvents(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], errorResponses: [], outsideRequests: [] });
  });
});
