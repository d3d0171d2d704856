import { and, eq, inArray } from "drizzle-orm";
import { encode } from "fast-png";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidence, participation, person } from "../../src/db/schema/index.js";
import { addEvidence } from "../../src/domain/evidence/evidence.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { wibDate } from "../../src/domain/schedule/wib.js";
import type { App } from "../../src/runtime/app.js";
import { browserMissing, horizontalOverflow, screenshot, visibleText, withBrowser } from "../helpers/browser.js";
import { addOccurrences, addResidents, participate, wib, type ParticipationRow } from "../domain/scores/builders.js";
import { withTestDatabase } from "../helpers/database.js";
import { addKetua, addKoordinator, addRt, KELURAHAN_BULURAN_KENALI, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { signInitData } from "../helpers/init-data.js";
import { serviceDeps } from "../helpers/service-deps.js";
import type { TestUser } from "../helpers/test-bot.js";
import { startWebAppTestApp, TOKEN } from "../runtime/harness.js";
import { TelegramStub } from "../runtime/telegram-stub.js";
import { appUrl, getPage, signIn, visibleText as pageText } from "./client.js";

// Said once at the top, as the default reporter shows only a count of skipped tests.
if (browserMissing !== null) console.warn(`test/webapp/browser-rt.test.ts skipped: ${browserMissing}`);

const database = withTestDatabase();
/** Friday 4 December 2026, 10.00 WIB: the app's clock; the browser's initData is signed at this moment too. */
const NOW = wib("2026-12-04T10:00");
const stub = new TelegramStub();
let app: App;

beforeAll(async () => {
  app = await startWebAppTestApp(database, stub, { clock: () => NOW });
});

afterAll(async () => {
  await app.stop();
});

const initDataOf = (user: TestUser) => signInitData({ botToken: TOKEN, user: { id: user.id, first_name: user.first_name, language_code: "id" }, authDate: NOW });

/** A real PNG of the given size: a gradient a person would see as a picture. */
function png(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) {
    const x = (i / 3) % width;
    const y = Math.floor(i / 3 / width);
    data[i] = Math.floor((x / width) * 255);
    data[i + 1] = Math.floor((y / height) * 255);
    data[i + 2] = 160;
  }
  return encode({ width, height, data, channels: 3, depth: 8 });
}

/**
 * RT 01 Simpang IV Sipin with its ketua and a koordinator, and what the RT did: a ronda night (3
 * people), two deposits on one day, a book loan, a gotong royong (4 people, 2 households), nine
 * days of reading; and what must not show: a revoked tick, an unverified report, a record after
 * now, one older than 90 days, another RT's. Two evidence photos at the fake Telegram.
 */
async function rtWithActivity() {
  const rt1 = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 30);
  const rt2 = await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN, 30);
  const ketua = newUser("Harun");
  await addKetua(database.db, ketua, rt1.id);
  const koordinator = newUser("Dewi");
  await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  const people = await addResidents(database.db, 6);
  const [ronda] = await addOccurrences(database.db, rt1.id, "ronda", [wib("2026-12-01T22:00")]);
  const [gotongRoyong] = await addOccurrences(database.db, rt1.id, "gotong_royong", [wib("2026-11-29T07:00")]);
  const on = (index: number) => people[index]!;
  const rows: ParticipationRow[] = [
    // The ronda night: two check in before midnight, one after: one activity, on the night's day.
    ...[0, 1].map((index) => ({ rtId: rt1.id, personId: on(index), kind: "ronda" as const, at: wib("2026-12-01T22:10"), occurrenceId: ronda! })),
    { rtId: rt1.id, personId: on(2), kind: "ronda", at: wib("2026-12-02T00:20"), occurrenceId: ronda! },
    { rtId: rt1.id, personId: on(3), kind: "bank_sampah", at: wib("2026-12-02T09:00") },
    { rtId: rt1.id, personId: on(4), kind: "bank_sampah", at: wib("2026-12-02T10:30") },
    { rtId: rt1.id, personId: on(5), kind: "pojok_baca_pinjam", at: wib("2026-12-03T16:00") },
    ...[0, 1].map((index) => ({ rtId: rt1.id, personId: on(index), kind: "gotong_royong" as const, at: wib("2026-11-29T07:30"), household: "Rumah A", occurrenceId: gotongRoyong! })),
    ...[2, 3].map((index) => ({ rtId: rt1.id, personId: on(index), kind: "gotong_royong" as const, at: wib("2026-11-29T07:40"), household: "Rumah B", occurrenceId: gotongRoyong! })),
    ...Array.from({ length: 9 }, (_, day) => ({ rtId: rt1.id, personId: on(day % 6), kind: "membaca" as const, at: wib(`2026-11-${String(10 + day).padStart(2, "0")}T19:00`) })),
    // None of these.
    { rtId: rt1.id, personId: on(0), kind: "rapat", at: wib("2026-12-03T20:00"), revoked: true },
    { rtId: rt1.id, personId: on(1), kind: "lainnya", at: wib("2026-12-03T20:00"), verified: false },
    { rtId: rt1.id, personId: on(2), kind: "posyandu", at: wib("2026-12-04T11:00") },
    { rtId: rt1.id, personId: on(3), kind: "pkk", at: wib("2026-08-01T09:00") },
    { rtId: rt2.id, personId: on(4), kind: "yasinan", at: wib("2026-12-03T19:00") },
  ];
  await participate(database.db, rows);

  const actor = await loadActor(database.db, ketua.id, []);
  const photos = [
    { fileId: "browser-rt-ronda", bytes: png(320, 240), target: { kind: "occurrence" as const, occurrenceId: ronda! } },
    { fileId: "browser-rt-toga", bytes: png(200, 260), target: { kind: "indicator" as const, code: "B5" as const } },
  ];
  for (const photo of photos) {
    stub.telegram.putFile(photo.fileId, photo.bytes);
    await addEvidence(serviceDeps(database.db, NOW), actor, { rtId: rt1.id, target: photo.target, photos: [{ fileId: photo.fileId, fileUniqueId: `u-${photo.fileId}`, caption: null }], requestKey: `browser-rt:${photo.fileId}` });
  }
  return { rt1, koordinator, people, photos };
}

/**
 * The recent activity the database holds for an RT, worked out here on its own: its verified,
 * unrevoked records of the 90 days up to now, one activity per occurrence (or per kind and WIB
 * day without one), newest first, ten at most; as the page's lines.
 */
async function expectedActivity(rtId: number): Promise<string[]> {
  const rows = await database.db
    .select({ kind: participation.kind, personId: participation.personId, household: participation.householdLabel, at: participation.occurredAt, occurrenceId: participation.occurrenceId, verified: participation.verified, revokedAt: participation.revokedAt })
    .from(participation)
    .where(eq(participation.rtId, rtId));
  const groups = new Map<string, { kind: string; first: Date; last: Date; people: Set<number>; households: Set<string | null> }>();
  for (const row of rows) {
    if (!row.verified || row.revokedAt !== null || row.at > NOW || row.at.getTime() <= NOW.getTime() - 90 * 86_400_000) continue;
    const day = wibDate(row.at);
    const key = row.occurrenceId !== null ? `o${row.occurrenceId}` : `${row.kind}:${day.year}-${day.month}-${day.day}`;
    const group = groups.get(key) ?? { kind: row.kind, first: row.at, last: row.at, people: new Set<number>(), households: new Set<string | null>() };
    if (row.at < group.first) group.first = row.at;
    if (row.at > group.last) group.last = row.at;
    group.people.add(row.personId);
    group.households.add(row.household);
    groups.set(key, group);
  }
  const labels: Record<string, string> = { ronda: "Ronda", bank_sampah: "Bank sampah", pojok_baca_pinjam: "Pinjam buku", gotong_royong: "Gotong royong", membaca: "Membaca" };
  const days = new Intl.DateTimeFormat("id-ID", { timeZone: "Asia/Jakarta", weekday: "long", day: "numeric", month: "long", year: "numeric" });
  return [...groups.values()]
    .sort((a, b) => b.last.getTime() - a.last.getTime())
    .slice(0, 10)
    .map((group) => `${days.format(group.first)}: ${labels[group.kind]}, ${group.people.size} warga (${group.households.size} KK)`);
}

describe("the RT page's recent activity", () => {
  it("lists the RT's latest ten activities as the database holds them: day, kind and counts, no one's name", async () => {
    const { rt1, koordinator, people } = await rtWithActivity();
    const signed = await signIn(app.port, initDataOf(koordinator));
    const page = await getPage(app.port, `/rt/${rt1.id}`, signed.cookie);
    expect(page.status).toBe(200);
    const lines = [...page.text.matchAll(/<ul class="plain recent">([\s\S]*?)<\/ul>/g)].flatMap((match) => [...match[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((item) => pageText(item[1]!)));
    const expected = await expectedActivity(rt1.id);
    expect(lines).toEqual(expected);
    // Worked out by hand as well: the newest four, and the oldest reading days left out (13 activities, the newest 10 shown).
    expect(lines.slice(0, 4)).toEqual([
      "Kamis, 3 Desember 2026: Pinjam buku, 1 warga (1 KK)",
      "Rabu, 2 Desember 2026: Bank sampah, 2 warga (2 KK)",
      "Selasa, 1 Desember 2026: Ronda, 3 warga (3 KK)",
      "Minggu, 29 November 2026: Gotong royong, 4 warga (2 KK)",
    ]);
    expect(lines).toHaveLength(10);
    expect(lines.at(-1)).toBe("Jumat, 13 November 2026: Membaca, 1 warga (1 KK)");
    // No resident's name on a page koordinators read.
    const names = await database.db.select({ name: person.displayName }).from(person).where(inArray(person.id, people));
    for (const { name } of names) expect(pageText(page.text)).not.toContain(name);
  });

  it("says so when the RT did nothing in 90 days", async () => {
    const place = await addRt(database.db, 9, KELURAHAN_SIMPANG_IV_SIPIN, 10);
    const [someone] = await addResidents(database.db, 1);
    await participate(database.db, [{ rtId: place.id, personId: someone!, kind: "ronda", at: wib("2026-08-20T21:00") }]);
    const koordinator = newUser("Sari");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const page = await getPage(app.port, `/rt/${place.id}`, (await signIn(app.port, initDataOf(koordinator))).cookie);
    const text = pageText(page.text);
    expect(text).toContain("Kegiatan terbaru Belum ada kegiatan tercatat dalam 90 hari terakhir.");
    expect(text).toContain("Foto bukti Belum ada foto bukti.");
    expect(page.text).not.toContain('class="plain recent"');
    // Still counted where it belongs: only outside the recent list.
    expect(
      await database.db.select({ id: participation.id }).from(participation).where(and(eq(participation.rtId, place.id), eq(participation.kind, "ronda"))),
    ).toHaveLength(1);
  });
});

/** The little of an <img> read inside the page (the project compiles without the DOM's types). */
type InPageImage = { complete: boolean; naturalWidth: number; naturalHeight: number; getAttribute(name: string): string | null };

describe.skipIf(browserMissing !== null)(`the RT page in chromium${browserMissing ? ` (skipped: ${browserMissing})` : ""}`, () => {
  const browser = withBrowser();

  it("a koordinator opens an RT: its recent activity as in the database, its evidence photos drawn from Telegram's files, 360 px wide, no errors", async () => {
    const { rt1, koordinator, photos } = await rtWithActivity();
    const expected = await expectedActivity(rt1.id);
    const { open } = await browser.newContext();
    const { page, problems } = await open(appUrl(app.port), { initData: initDataOf(koordinator) });
    await page.waitForURL(appUrl(app.port, "/home"));
    await page.goto(appUrl(app.port, `/rt/${rt1.id}`));
    expect(await page.locator("h1").innerText()).toBe("RT 01 Simpang IV Sipin");

    const lines = await page.locator("ul.recent li").allInnerTexts();
    expect(lines.map((line) => line.replace(/\s+/g, " ").trim())).toEqual(expected);

    // Newest first: the indicator's photo, then the ronda night's; each drawn (lazy: brought into view first).
    const images = page.locator("ul.photos img");
    expect(await images.count()).toBe(2);
    for (let index = 0; index < 2; index++) await images.nth(index).scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const all = (globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<InPageImage> } }).document.querySelectorAll("ul.photos img");
      return Array.from(all).every((image) => image.complete && image.naturalWidth > 0);
    });
    const drawn = await images.evaluateAll((nodes) => (nodes as unknown as InPageImage[]).map((image) => ({ src: image.getAttribute("src"), width: image.naturalWidth, height: image.naturalHeight, alt: image.getAttribute("alt") })));
    expect(drawn.map(({ width, height }) => ({ width, height }))).toEqual([
      { width: 200, height: 260 },
      { width: 320, height: 240 },
    ]);
    expect(drawn.every((image) => /^\/app\/photo\/\d+$/.test(image.src ?? ""))).toBe(true);
    expect(drawn.map((image) => image.alt)).toEqual(["B5 Lahan tidur dan TOGA, 4 Desember 2026", "Ronda, 1 Desember 2026"]);
    expect(await visibleText(page)).toContain("B5 Lahan tidur dan TOGA, 4 Desember 2026 Ronda, 1 Desember 2026");
    expect(stub.telegram.callsOf("getFile").filter((call) => photos.some((photo) => photo.fileId === call.payload.file_id))).toHaveLength(2);

    expect(await horizontalOverflow(page)).toBe(0);
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await screenshot(page, "koordinator-rt");
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], errorResponses: [], outsideRequests: [] });
  });

  it("another kelurahan's koordinator who puts a photo's address in gets the refusal, and no picture", async () => {
    const { rt1 } = await rtWithActivity();
    const [photo] = await database.db.select({ id: evidence.id }).from(evidence).where(eq(evidence.rtId, rt1.id)).orderBy(evidence.id).limit(1);
    const neighbour = newUser("Fajar");
    await addKoordinator(database.db, neighbour, { kelurahanCode: KELURAHAN_BULURAN_KENALI });
    const { open } = await browser.newContext();
    const { page, problems } = await open(appUrl(app.port), { initData: initDataOf(neighbour) });
    await page.waitForURL(appUrl(app.port, "/home"));
    const answer = await page.goto(appUrl(app.port, `/photo/${photo!.id}`));
    expect(answer?.status()).toBe(403);
    expect(answer?.headers()["content-type"]).toBe("text/html; charset=utf-8");
    expect(await visibleText(page)).toBe("← Beranda Dasbor Kampung BANTAR Halaman ini di luar wilayah Anda.");
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], errorResponses: [`403 /app/photo/${photo!.id}`], outsideRequests: [] });
  });
});
