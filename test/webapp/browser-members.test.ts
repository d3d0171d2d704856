import { and, count, eq, gte, isNull, lt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { participation, person } from "../../src/db/schema/index.js";
import type { App } from "../../src/runtime/app.js";
import { participate } from "../domain/scores/builders.js";
import { browserMissing, horizontalOverflow, screenshot, visibleText, withBrowser, type MiniAppPage } from "../helpers/browser.js";
import { withTestDatabase } from "../helpers/database.js";
import { addKetua, addKoordinator, addMember, addPending, addPetugas, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { signInitData } from "../helpers/init-data.js";
import { readWorkbook } from "../helpers/spreadsheet.js";
import type { TestUser } from "../helpers/test-bot.js";
import { startWebAppTestApp, TOKEN } from "../runtime/harness.js";
import { TelegramStub } from "../runtime/telegram-stub.js";
import { appUrl } from "./client.js";

if (browserMissing !== null) console.warn(`test/webapp/browser-members.test.ts skipped: ${browserMissing}`);

const NO_PROBLEMS = { consoleErrors: [], failedRequests: [], errorResponses: [], outsideRequests: [] };

/** The events the page posted to Telegram through the stub, with what they carried. */
async function postedWithData({ page }: MiniAppPage): Promise<{ type: string; data: Partial<Record<string, string>> | null }[]> {
  return page.evaluate(() => JSON.parse((globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem("__telegram_stub_events") ?? "[]") as { type: string; data: Record<string, string> | null }[]);
}

/**
 * The ketua's pages and the koordinator's download in Debian's chromium, opened as Telegram opens
 * the app (see browser.test.ts): a 360 px wide phone, Telegram's script answered by the stub.
 */
describe.skipIf(browserMissing !== null)(`the ketua's pages and the XLSX download in chromium${browserMissing ? ` (skipped: ${browserMissing})` : ""}`, () => {
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

  async function area() {
    const rt1 = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 41);
    const rt2 = await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN, 35);
    const ketua = newUser("Harun");
    const ketuaIds = await addKetua(database.db, ketua, rt1.id);
    await database.db.update(person).set({ greeting: "pak" }).where(eq(person.id, ketuaIds.personId));
    const siti = await addMember(database.db, newUser("Siti Nurhaliza Binti Abdullah Rahman"), rt1.id, "Rumah di ujung gang sebelah masjid Al-Ikhlas, blok C nomor 12");
    await database.db.update(person).set({ greeting: "bu" }).where(eq(person.id, siti.personId));
    await addPetugas(database.db, newUser("Joko"), rt1.id);
    await addPending(database.db, newUser("Budi"), rt1.id);
    await addMember(database.db, newUser("Wati"), rt2.id);
    const now = Date.now();
    // Two records in the last 28 days, one older.
    await participate(database.db, [
      { rtId: rt1.id, personId: siti.personId, kind: "gotong_royong", at: new Date(now - 3 * 86_400_000) },
      { rtId: rt1.id, personId: siti.personId, kind: "bank_sampah", at: new Date(now - 10 * 86_400_000) },
      { rtId: rt1.id, personId: siti.personId, kind: "gotong_royong", at: new Date(now - 40 * 86_400_000) },
    ]);
    const koordinator = newUser("Dewi");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    return { rt1, rt2, ketua, siti, koordinator };
  }

  it("a ketua opens their RT's page from the home page, then its members with their participation: as the database has them, 360 px wide, no errors", async () => {
    const { rt1, ketua, siti } = await area();
    const { open } = await browser.newContext();
    const opened = await open(appUrl(app.port), { initData: initDataOf(ketua) });
    const { page, problems } = opened;
    await page.waitForURL(appUrl(app.port, "/home"));
    expect(await page.locator("h1").innerText()).toBe("Halo, Pak Harun!");

    await page.getByRole("link", { name: "RT Anda: RT 01 Simpang IV Sipin" }).click();
    await page.waitForURL(appUrl(app.port, `/rt/${rt1.id}`));
    expect(await page.locator("h1").innerText()).toBe("RT 01 Simpang IV Sipin");
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, "ketua-rt");

    await page.getByRole("link", { name: "👥 Warga RT dan keikutsertaannya →" }).click();
    await page.waitForURL(appUrl(app.port, `/rt/${rt1.id}/warga`));
    expect(await page.locator("h1").innerText()).toBe("Warga RT 01 Simpang IV Sipin");
    const [inWindow] = await database.db
      .select({ n: count() })
      .from(participation)
      .where(and(eq(participation.personId, siti.personId), eq(participation.rtId, rt1.id), eq(participation.verified, true), isNull(participation.revokedAt), gte(participation.occurredAt, new Date(Date.now() - 28 * 86_400_000)), lt(participation.occurredAt, new Date())));
    expect(inWindow!.n).toBe(2);
    const lines = (await page.locator("ol.rts li").allInnerTexts()).map((line) => line.replace(/\s+/g, " ").trim());
    expect(lines).toHaveLength(3);
    expect(lines.find((line) => line.startsWith("Bu Siti"))).toContain(`${inWindow!.n} kegiatan dalam 28 hari terakhir · terakhir ikut `);
    expect(lines.find((line) => line.startsWith("Pak Harun"))).toContain("(ketua RT)");
    expect(lines.find((line) => line.startsWith("Joko"))).toContain("(petugas) · Rumah Petugas 0 kegiatan dalam 28 hari terakhir · belum pernah ikut kegiatan");
    const text = await visibleText(page);
    expect(text).toContain("3 warga aktif, 1 menunggu persetujuan · 41 KK");
    expect(text).toContain("Menunggu persetujuan (1) Budi · Rumah 2");
    expect(text).not.toContain("Wati");
    // A long name and a long household label wrap: nothing reaches past the phone's width.
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, "ketua-members");

    // Back to the RT page by its link.
    await page.getByRole("link", { name: "← RT 01 Simpang IV Sipin" }).click();
    await page.waitForURL(appUrl(app.port, `/rt/${rt1.id}`));
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a koordinator's download: in Telegram 8.0 the app asks Telegram to download the ticketed file (which opens with no cookie); in an older Telegram the plain link downloads it", async () => {
    const { rt2, koordinator } = await area();
    const { open } = await browser.newContext();
    const opened = await open(appUrl(app.port), { initData: initDataOf(koordinator), version: "8.0" });
    const { page, problems } = opened;
    await page.waitForURL(appUrl(app.port, "/home"));
    await page.goto(appUrl(app.port, "/rts?status=tanpa-ketua"));
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByRole("link", { name: "⬇️ Unduh XLSX daftar ini" }).click();
    await expect.poll(async () => (await postedWithData(opened)).map((event) => event.type)).toContain("web_app_request_file_download");
    const request = (await postedWithData(opened)).find((event) => event.type === "web_app_request_file_download")!.data!;
    expect(request.file_name).toMatch(/^peringkat-rt-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(request.url).toMatch(new RegExp(`^${appUrl(app.port, "/rts.xlsx")}\\?status=tanpa-ketua&ticket=`));
    // What Telegram's client would fetch, with no cookie at all: the list shown (RT 02 only has no ketua).
    const fetched = await fetch(request.url!);
    expect(fetched.status).toBe(200);
    const sheet = (await readWorkbook(Buffer.from(await fetched.arrayBuffer()))).worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(2).value).toBe("RT 02");
    expect(sheet.getRow(2).getCell(3).value).toBe(rt2.kelurahanName);
    expect(problems).toEqual(NO_PROBLEMS);

    // Telegram 7.10 has no downloadFile: the link is left to the browser, which saves the file.
    // Another opening, so other initData (the same data would be refused as replayed).
    const older = await browser.newContext();
    const old = await older.open(appUrl(app.port), { initData: signInitData({ botToken: TOKEN, user: { id: koordinator.id, first_name: "Dewi", language_code: "id" }, extra: { query_id: "AAHdF6IQAAAAAN0XohDhrOrd" } }), version: "7.10" });
    await old.page.waitForURL(appUrl(app.port, "/home"));
    await old.page.goto(appUrl(app.port, "/rts"));
    await screenshot(old.page, "koordinator-rts");
    const [download] = await Promise.all([old.page.waitForEvent("download"), old.page.getByRole("link", { name: "⬇️ Unduh XLSX daftar ini" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^peringkat-rt-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect((await postedWithData(old)).map((event) => event.type)).not.toContain("web_app_request_file_download");
    expect(old.problems).toEqual(NO_PROBLEMS);
  });
});
