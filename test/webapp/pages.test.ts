import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { person, residentReport, rtTitle } from "../../src/db/schema/index.js";
import { areaScope } from "../../src/domain/roles/scope.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { listRtsInScope, type RtDetails } from "../../src/domain/rt/rt.js";
import { computeScorecards } from "../../src/domain/scores/scorecard.js";
import { computeStandings } from "../../src/domain/scores/standing.js";
import { withTestDatabase } from "../helpers/database.js";
import { withServedApp } from "./served.js";
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
import type { TestUser } from "../helpers/test-bot.js";
import { addResidents, participate, wib, type ParticipationRow } from "../domain/scores/builders.js";
import { getPage, visibleText } from "./client.js";

const database = withTestDatabase();
/** Friday 4 December 2026, 10.00 WIB: the last complete week is 23–29 November. */
const NOW = new Date("2026-12-04T03:00:00Z");
const app = withServedApp(database, NOW);
const sessionOf = (user: TestUser) => app.sessionOf(user);

/** The RT ids a page links to, in page order. */
function linkedRts(page: string): number[] {
  return [...page.matchAll(/href="\/app\/rt\/(\d+)"/g)].map((match) => Number(match[1]));
}

/** `households` households of the RT, each taking part once at each of `days` (WIB wall-clock, "2026-10-07T08:00"). */
async function activity(place: RtDetails, households: number, days: string[]): Promise<void> {
  const people = await addResidents(database.db, households);
  const rows: ParticipationRow[] = days.flatMap((day) => people.map((personId) => ({ rtId: place.id, personId, kind: "gotong_royong" as const, at: wib(day) })));
  await participate(database.db, rows);
}

const EARLY = ["2026-10-07T08:00", "2026-10-14T08:00", "2026-10-21T08:00", "2026-10-28T08:00"];
const LATE = ["2026-11-04T08:00", "2026-11-11T08:00", "2026-11-18T08:00", "2026-11-25T08:00"];

/**
 * Simpang IV Sipin: RT 01 (a ketua; busy in October, one household since: fading), RT 02 (10 KK, no
 * ketua, steady every week, B3 = 1), RT 03 (no ketua, 24 of 40 KK active only in November: rising,
 * B3 = 2, so it ranks above RT 02); Buluran Kenali (same
 * kecamatan): RT 04; Payo Selincah (another kecamatan): RT 05.
 */
async function area() {
  const rt1 = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN);
  const rt2 = await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN, 10);
  const rt3 = await addRt(database.db, 3, KELURAHAN_SIMPANG_IV_SIPIN);
  const rt4 = await addRt(database.db, 4, KELURAHAN_BULURAN_KENALI);
  const rt5 = await addRt(database.db, 5, KELURAHAN_PAYO_SELINCAH);
  const ketua = newUser("Harun");
  await addKetua(database.db, ketua, rt1.id);
  await activity(rt1, 10, EARLY);
  await activity(rt1, 1, ["2026-11-25T19:30"]);
  await activity(rt2, 5, [...EARLY, ...LATE]);
  await activity(rt3, 24, LATE);
  const koordinator = newUser("Dewi");
  await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  return { rt1, rt2, rt3, rt4, rt5, ketua, koordinator };
}

describe("the koordinator's ranked list (/app/rts)", () => {
  it("lists exactly the RTs of the area, ranked as computeStandings ranks them, a fading RT first, with trend, score, last activity and ketua", async () => {
    const { rt1, rt2, rt3, koordinator } = await area();
    const cookie = await sessionOf(koordinator);
    const page = await getPage(app.port, "/rts", cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");

    const actor = await loadActor(database.db, koordinator.id, []);
    const inScope = (await listRtsInScope(database.db, areaScope(actor))).map((place) => place.id);
    const ranked = (await computeStandings(database.db, inScope, NOW)).map((standing) => standing.scorecard.rt.rtId);
    expect(linkedRts(page.text)).toEqual(ranked);
    // Not the area's listing order (by number): fading first, then by score.
    expect(ranked).toEqual([rt1.id, rt3.id, rt2.id]);

    const text = visibleText(page.text);
    expect(text).toContain("3 dari 3 RT ditampilkan · 1 menurun");
    // RT 01: 40 households in October, 1 in November: down 97%.
    expect(text).toContain("RT 01 Simpang IV Sipin · ⚠️ menurun 97% Nilai ");
    expect(text).toMatch(/RT 01 Simpang IV Sipin · ⚠️ menurun 97% Nilai \d+\/\d+ · 10 belum dinilai · kegiatan terakhir 25 November 2026 · ada ketua/);
    expect(text).toMatch(/RT 02 Simpang IV Sipin · tren stabil Nilai \d+\/\d+ · 10 belum dinilai · kegiatan terakhir 25 November 2026 · ⚠️ tanpa ketua/);
    expect(text).toMatch(/RT 03 Simpang IV Sipin · tren naik Nilai \d+\/\d+ · 10 belum dinilai · kegiatan terakhir 25 November 2026 · ⚠️ tanpa ketua/);
    // The filters offer the area's kelurahan only.
    expect(page.text).toContain(`<option value="${KELURAHAN_SIMPANG_IV_SIPIN}">Simpang IV Sipin</option>`);
    expect(page.text).not.toContain(KELURAHAN_BULURAN_KENALI);
    expect(page.text).not.toContain("Buluran Kenali");
  });

  it("narrows by status and by kelurahan from the address", async () => {
    const { rt1, rt2, rt3, rt4 } = await area();
    const camat = newUser("Rahmat");
    await addKoordinator(database.db, camat, { kecamatanCode: KECAMATAN_TELANAIPURA });
    const cookie = await sessionOf(camat);
    const all = linkedRts((await getPage(app.port, "/rts", cookie)).text);
    expect(new Set(all)).toEqual(new Set([rt1.id, rt2.id, rt3.id, rt4.id]));

    const cases: [string, number[]][] = [
      ["?status=menurun", [rt1.id]],
      ["?status=naik", [rt3.id]],
      ["?status=stabil", all.filter((id) => id !== rt1.id && id !== rt3.id)],
      ["?status=tanpa-ketua", all.filter((id) => id !== rt1.id)],
      ["?status=belum-dinilai", all],
      [`?kelurahan=${KELURAHAN_BULURAN_KENALI}`, [rt4.id]],
      [`?kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}&status=tanpa-ketua`, all.filter((id) => id === rt2.id || id === rt3.id)],
      [`?kelurahan=${KELURAHAN_BULURAN_KENALI}&status=menurun`, []],
    ];
    for (const [query, expected] of cases) {
      const page = await getPage(app.port, `/rts${query}`, cookie);
      expect(page.status, query).toBe(200);
      expect(linkedRts(page.text), query).toEqual(expected);
    }
    const chosen = await getPage(app.port, `/rts?kelurahan=${KELURAHAN_BULURAN_KENALI}&status=menurun`, cookie);
    expect(chosen.text).toContain(`<option value="${KELURAHAN_BULURAN_KENALI}" selected>Buluran Kenali</option>`);
    expect(chosen.text).toContain('<option value="menurun" selected>Menurun</option>');
    expect(visibleText(chosen.text)).toContain("Tidak ada RT yang cocok dengan saringan ini.");
  });

  it("hostile filter values change nothing: another kelurahan, SQL, huge, emoji, markup are ignored, the area's list is shown", async () => {
    const { rt1, koordinator } = await area();
    const cookie = await sessionOf(koordinator);
    const plain = await getPage(app.port, "/rts", cookie);
    const expected = linkedRts(plain.text);
    expect(expected[0]).toBe(rt1.id);
    const hostile = [
      `kelurahan=${KELURAHAN_BULURAN_KENALI}`,
      `kelurahan=${KELURAHAN_PAYO_SELINCAH}`,
      `kelurahan=${encodeURIComponent("' OR 1=1 --")}`,
      `kelurahan=${encodeURIComponent(`${KELURAHAN_SIMPANG_IV_SIPIN}' OR '1'='1`)}`,
      `status=${encodeURIComponent("menurun' OR 1=1 --")}`,
      `status=${encodeURIComponent("<script>alert(1)</script>")}`,
      `kelurahan=${encodeURIComponent("<img src=x onerror=alert(1)>")}`,
      `kelurahan=${"9".repeat(8000)}`,
      `status=${"x".repeat(8000)}`,
      `kelurahan=${encodeURIComponent("🙂🏳️‍🌈")}&status=${encodeURIComponent("😀")}`,
      "kelurahan=%ZZ&status=%",
      "kelurahan[]=1&status[$ne]=x",
      "status=MENURUN",
      `kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}%00`,
    ];
    for (const query of hostile) {
      const page = await getPage(app.port, `/rts?${query}`, cookie);
      expect(page.status, query).toBe(200);
      expect(linkedRts(page.text), query).toEqual(expected);
      expect(page.text, query).not.toContain("<script>alert");
      expect(page.text, query).not.toContain("<img src=x");
      expect(page.text, query).not.toContain("Buluran Kenali");
      expect(page.text, query).not.toContain("Payo Selincah");
    }
    // A kelurahan the koordinator covers, written twice: the first counts.
    const twice = await getPage(app.port, `/rts?kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}&kelurahan=${KELURAHAN_BULURAN_KENALI}`, cookie);
    expect(linkedRts(twice.text)).toEqual(expected);
  });

  it("an admin picks a kelurahan of the city first, then sees its ranked RTs; someone with no area sees none", async () => {
    const { rt1, rt2, rt3, rt5 } = await area();
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const cookie = await sessionOf(admin);
    const picker = await getPage(app.port, "/rts", cookie);
    expect(linkedRts(picker.text)).toEqual([]);
    expect(visibleText(picker.text)).toContain("Pilih kelurahan");
    expect(picker.text).toContain(`href="/app/rts?kelurahan=${KELURAHAN_PAYO_SELINCAH}"`);
    expect(visibleText(picker.text)).toContain("Simpang IV Sipin (Kec. Telanaipura): 3 RT");
    expect(linkedRts((await getPage(app.port, `/rts?kelurahan=${KELURAHAN_PAYO_SELINCAH}`, cookie)).text)).toEqual([rt5.id]);
    const simpang = linkedRts((await getPage(app.port, `/rts?kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}`, cookie)).text);
    expect(simpang[0]).toBe(rt1.id);
    expect(new Set(simpang)).toEqual(new Set([rt1.id, rt2.id, rt3.id]));

    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, rt2.id);
    const none = await getPage(app.port, "/rts", await sessionOf(ketua));
    expect(none.status).toBe(200);
    expect(linkedRts(none.text)).toEqual([]);
    expect(visibleText(none.text)).toContain("Belum ada RT terdaftar di wilayah Anda.");
  });

  it("stays small for a kelurahan of forty RTs (a size bound, not a timing)", async () => {
    const places: RtDetails[] = [];
    for (let number = 1; number <= 40; number++) places.push(await addRt(database.db, number, KELURAHAN_SIMPANG_IV_SIPIN));
    // The last RT by number is the one fading: it comes first.
    await activity(places[39]!, 10, EARLY);
    await activity(places[1]!, 5, [...EARLY, ...LATE]);
    const koordinator = newUser("Dewi");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const page = await getPage(app.port, "/rts", await sessionOf(koordinator));
    expect(page.status).toBe(200);
    expect(new Set(linkedRts(page.text))).toEqual(new Set(places.map((place) => place.id)));
    expect(linkedRts(page.text)[0]).toBe(places[39]!.id);
    expect(Buffer.byteLength(page.text)).toBeLessThan(150 * 1024);
  });
});


describe("the RT page (/app/rt/<id>)", () => {
  it("shows the scorecard computeScorecards gives, each indicator explained, the 12-week chart as SVG and the window's totals", async () => {
    const { rt2, koordinator } = await area();
    // Not activity: a record taken back, one not verified, one dated after now.
    const [late] = await addResidents(database.db, 1);
    await participate(database.db, [
      { rtId: rt2.id, personId: late!, kind: "gotong_royong", at: wib("2026-12-01T08:00"), revoked: true },
      { rtId: rt2.id, personId: late!, kind: "gotong_royong", at: wib("2026-12-02T08:00"), verified: false },
      { rtId: rt2.id, personId: late!, kind: "gotong_royong", at: wib("2026-12-06T08:00") },
    ]);
    const page = await getPage(app.port, `/rt/${rt2.id}`, await sessionOf(koordinator));
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    const [scorecard] = await computeScorecards(database.db, [rt2.id], NOW);
    expect(scorecard!.overall).toBeGreaterThan(0);
    expect(text).toContain(`Nilai total: ${scorecard!.overall}/${scorecard!.scoredMax} · ${scorecard!.missing} belum dinilai · kategori Kecil (kurang dari 50 KK), 10 KK`);
    for (const indicator of scorecard!.indicators) {
      const score = indicator.source === "missing" ? "—" : String(indicator.score);
      expect(text).toMatch(new RegExp(`${indicator.code} [^:]+: ${score} ${indicator.code} `));
    }
    // B3 from the records: 5 of 10 households in the last 28 days.
    expect(text).toContain("B3 = 1: 50% KK ikut gotong royong atau bank sampah dalam 28 hari terakhir");
    expect(text).toContain("📈 Tren partisipasi: stabil");
    expect(text).toContain("kegiatan terakhir 25 November 2026");
    expect(text).toContain("Bank sampah: 0 setoran, 0 g, Rp 0");

    const svg = /<svg class="chart"[\s\S]*?<\/svg>/.exec(page.text)?.[0];
    expect(svg).toBeDefined();
    expect(svg!.match(/<rect class="bar"/g)).toHaveLength(12);
    // 5 of 10 KK every week: twelve bars at half height, titled with the week.
    expect(svg).toContain("<title>Minggu 23/11: 50% (5 KK)</title>");
    expect(svg).toContain("<title>Minggu 7/9: 0% (0 KK)</title>");
  });

  it("shows the residents' reports, 30 and 90 days, and beside B1, B2, B6 and A2, with no reporter's name or text", async () => {
    const { rt2, koordinator } = await area();
    const reporter = newUser("Pelapor Rahasia");
    const reporterId = await addPerson(database.db, reporter);
    const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);
    const base = { rtId: rt2.id, reporterPersonId: reporterId, description: "Got tersumbat di rumah Pak Rahasia" };
    await database.db.insert(residentReport).values([
      // 10 days ago, answered after 4 hours, done after 28.
      { ...base, category: "saluran", status: "selesai", createdAt: hours(-240), firstResponseAt: hours(-236), closedAt: hours(-212), lastStepAt: hours(-212), requestKey: "report:a" },
      // 20 days ago, answered after 10 hours, still handled.
      { ...base, category: "lampu", status: "ditangani", createdAt: hours(-480), firstResponseAt: hours(-470), lastStepAt: hours(-470), requestKey: "report:b" },
      // 60 days ago, refused.
      { ...base, category: "keamanan", status: "ditolak", rejectReason: "bukan urusan RT", createdAt: hours(-1440), firstResponseAt: hours(-1439), closedAt: hours(-1439), lastStepAt: hours(-1439), requestKey: "report:c" },
    ]);
    const text = visibleText((await getPage(app.port, `/rt/${rt2.id}`, await sessionOf(koordinator))).text);
    expect(text).toContain("📣 Laporan warga Terbuka sekarang: 1");
    expect(text).toContain("30 hari terakhir: 2 laporan (1 terbuka, 1 selesai, 0 ditolak); tanggapan pertama median 7 jam, selesai median 28 jam");
    expect(text).toContain("90 hari terakhir: 3 laporan (1 terbuka, 1 selesai, 1 ditolak); tanggapan pertama median 4 jam, selesai median 28 jam");
    expect(text).toMatch(/B2 .+?📣 Laporan warga terkait, 90 hari terakhir: 2 laporan \(1 terbuka, 1 selesai, 0 ditolak\)/);
    expect(text).toMatch(/B6 .+?📣 Laporan warga terkait, 90 hari terakhir: 1 laporan \(0 terbuka, 1 selesai, 0 ditolak\)/);
    expect(text).toMatch(/A2 .+?📣 Laporan warga terkait, 90 hari terakhir: 1 laporan \(0 terbuka, 0 selesai, 1 ditolak\); tanggapan pertama median 1 jam, selesai median –/);
    expect(text).toMatch(/B1 .+?📣 Laporan warga terkait, 90 hari terakhir: 0 laporan/);
    for (const secret of ["Pelapor Rahasia", "Pak Rahasia", "bukan urusan RT"]) expect(text).not.toContain(secret);
  });

  it("a fading RT says so and by how much", async () => {
    const { rt1, koordinator } = await area();
    const text = visibleText((await getPage(app.port, `/rt/${rt1.id}`, await sessionOf(koordinator))).text);
    expect(text).toContain("📈 Tren partisipasi: menurun");
    expect(text).toContain("⚠️ Partisipasi 4 minggu terakhir turun 97% dibanding 4 minggu sebelumnya.");
  });

  it("shows the titles the RT holds, to its ketua, and speaks the reader's language", async () => {
    const { rt1, ketua } = await area();
    await database.db.insert(rtTitle).values({ rtId: rt1.id, level: "bantar", category: "kecil", householdCount: 40, awardRupiah: 5_000_000, awardedOn: "2025-08-17", skNumber: "SK 1/2025", recordedAt: NOW });
    // Not held yet: its SK is dated after today.
    await database.db.insert(rtTitle).values({ rtId: rt1.id, level: "kencana", category: "kecil", householdCount: 40, awardRupiah: 0, awardedOn: "2026-12-20", skNumber: "SK 9/2026", recordedAt: NOW });
    const cookie = await sessionOf(ketua);
    const page = await getPage(app.port, `/rt/${rt1.id}`, cookie);
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain("🏆 Kampung BANTAR 2025 (");
    expect(text).not.toContain("Kencana");

    await database.db.update(person).set({ locale: "en" }).where(eq(person.telegramId, ketua.id));
    // The language is read at every request: the same session now reads English.
    const english = await getPage(app.port, `/rt/${rt1.id}`, cookie);
    expect(english.text).toContain('<html lang="en">');
    expect(visibleText(english.text)).toContain("last activity 25 November 2026");
    expect(visibleText(english.text)).toContain("Waste bank: 0 deposits");
  });
});
