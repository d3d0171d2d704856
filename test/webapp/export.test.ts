import { and, eq, isNull } from "drizzle-orm";
import type ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { kelurahan, roleAssignment, rt } from "../../src/db/schema/index.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { areaScope } from "../../src/domain/roles/scope.js";
import { listRtsInScope, type RtDetails } from "../../src/domain/rt/rt.js";
import { computeStandings } from "../../src/domain/scores/standing.js";
import { SESSION_COOKIE } from "../../src/webapp/session.js";
import { addResidents, participate, wib, type ParticipationRow } from "../domain/scores/builders.js";
import { withTestDatabase } from "../helpers/database.js";
import { withServedApp } from "./served.js";
import { addAdmin, addKetua, addKoordinator, addRt, KECAMATAN_TELANAIPURA, KELURAHAN_BULURAN_KENALI, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { readWorkbook } from "../helpers/spreadsheet.js";
import type { TestUser } from "../helpers/test-bot.js";
import { appUrl, getPage, visibleText } from "./client.js";

const database = withTestDatabase();
/** Friday 4 December 2026, 10.00 WIB. */
const NOW = new Date("2026-12-04T03:00:00Z");
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const HEADERS = ["Peringkat", "RT", "Kelurahan", "Kecamatan", "Nilai total", "Nilai maksimum (yang sudah dinilai)", "Belum dinilai", "Tren", "Penurunan (%)", "Kegiatan terakhir", "Ketua", "Jumlah KK"];
const app = withServedApp(database, NOW);
const sessionOf = (user: TestUser) => app.sessionOf(user);

type FileAnswer = { status: number; headers: Headers; body: Buffer };

async function getFile(path: string, cookie?: string | null): Promise<FileAnswer> {
  const response = await fetch(appUrl(app.port, path), { headers: cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}, redirect: "manual" });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** The sheet's rows as plain values (a date as its yyyy-mm-dd), header first. */
async function sheetRows(body: Buffer): Promise<unknown[][]> {
  const workbook = await readWorkbook(body);
  expect(workbook.worksheets).toHaveLength(1);
  const sheet: ExcelJS.Worksheet = workbook.worksheets[0]!;
  expect(sheet.name).toBe("Peringkat RT");
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: unknown[] = [];
    for (let column = 1; column <= HEADERS.length; column++) {
      const value = row.getCell(column).value;
      values.push(value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? null));
    }
    rows.push(values);
  });
  return rows;
}

/** The RT ids a page links to, in page order. */
function linkedRts(page: string): number[] {
  return [...page.matchAll(/href="\/app\/rt\/(\d+)"/g)].map((match) => Number(match[1]));
}

/** Each data row's RT, read back by its kelurahan and number from the database. */
async function rowRtIds(rows: unknown[][]): Promise<number[]> {
  const places = await database.db.select({ id: rt.id, number: rt.number, kelurahan: kelurahan.name }).from(rt).innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode));
  return rows.slice(1).map((row) => {
    const found = places.filter((place) => `RT ${String(place.number).padStart(2, "0")}` === row[1] && place.kelurahan === row[2]);
    expect(found, JSON.stringify(row)).toHaveLength(1);
    return found[0]!.id;
  });
}

async function activity(place: RtDetails, households: number, days: string[]): Promise<void> {
  const people = await addResidents(database.db, households);
  const rows: ParticipationRow[] = days.flatMap((day) => people.map((personId) => ({ rtId: place.id, personId, kind: "gotong_royong" as const, at: wib(day) })));
  await participate(database.db, rows);
}

const EARLY = ["2026-10-07T08:00", "2026-10-14T08:00", "2026-10-21T08:00", "2026-10-28T08:00"];
const LATE = ["2026-11-04T08:00", "2026-11-11T08:00", "2026-11-18T08:00", "2026-11-25T08:00"];

/** As pages.test.ts: Simpang IV Sipin RT 01 (ketua, fading), 02 (steady, 10 KK), 03 (rising); Buluran Kenali RT 04; Payo Selincah RT 05. */
async function area() {
  const rt1 = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN);
  const rt2 = await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN, 10);
  const rt3 = await addRt(database.db, 3, KELURAHAN_SIMPANG_IV_SIPIN);
  const rt4 = await addRt(database.db, 4, KELURAHAN_BULURAN_KENALI);
  const rt5 = await addRt(database.db, 5, KELURAHAN_PAYO_SELINCAH);
  const ketua = newUser("Harun");
  await addKetua(database.db, ketua, rt1.id);
  await activity(rt1, 10, EARLY);
  // 19.30 WIB on the 25th is 12.30 UTC: the WIB day is the 25th.
  await activity(rt1, 1, ["2026-11-25T19:30"]);
  await activity(rt2, 5, [...EARLY, ...LATE]);
  // 06.00 WIB on 1 December is 23.00 UTC on 30 November: the file says the WIB day.
  await activity(rt3, 24, [...LATE, "2026-12-01T06:00"]);
  const koordinator = newUser("Dewi");
  await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  return { rt1, rt2, rt3, rt4, rt5, ketua, koordinator };
}

describe("the ranked list's XLSX (/app/rts.xlsx)", () => {
  it("holds exactly the rows the page shows, in its order, with the database's scores, trend, last activity (WIB day), ketua and KK", async () => {
    const { rt1, rt2, rt3, koordinator } = await area();
    const cookie = await sessionOf(koordinator);
    const page = await getPage(app.port, "/rts", cookie);
    const file = await getFile("/rts.xlsx", cookie);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe(XLSX_TYPE);
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="peringkat-rt-2026-12-04.xlsx"');
    expect(file.headers.get("cache-control")).toBe("no-store");

    const rows = await sheetRows(file.body);
    expect(rows[0]).toEqual(HEADERS);
    expect(await rowRtIds(rows)).toEqual(linkedRts(page.text));
    expect(await rowRtIds(rows)).toEqual([rt1.id, rt3.id, rt2.id]);

    // Every cell against the database, read here apart from the page's code.
    const actor = await loadActor(database.db, koordinator.id, []);
    const inScope = (await listRtsInScope(database.db, areaScope(actor))).map((place) => place.id);
    const standings = await computeStandings(database.db, inScope, NOW);
    const ketuaOf = new Set((await database.db.select({ rtId: roleAssignment.rtId }).from(roleAssignment).where(and(eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt)))).map((row) => row.rtId));
    const lastDay: Record<number, string> = { [rt1.id]: "2026-11-25", [rt2.id]: "2026-11-25", [rt3.id]: "2026-12-01" };
    const trendWord = { menurun: "menurun", naik: "naik", stabil: "stabil" } as const;
    const expected = standings.map((standing, index) => {
      const id = standing.scorecard.rt.rtId;
      return [
        index + 1,
        `RT ${String(id === rt1.id ? 1 : id === rt2.id ? 2 : 3).padStart(2, "0")}`,
        "Simpang IV Sipin",
        "Telanaipura",
        standing.scorecard.overall,
        standing.scorecard.scoredMax,
        standing.scorecard.missing,
        trendWord[standing.direction],
        standing.trend.fading.menurun ? standing.trend.fading.dropPercent : null,
        lastDay[id],
        ketuaOf.has(id) ? "ada" : "tidak ada",
        standing.scorecard.rt.householdCount,
      ];
    });
    expect(rows.slice(1)).toEqual(expected);
    // The facts the fixture was built for, said plainly: RT 01 fading by 97%, 10 KK in RT 02.
    expect(rows[1]!.slice(7, 9)).toEqual(["menurun", 97]);
    expect(rows[3]![11]).toBe(10);
    expect(rows[3]![10]).toBe("tidak ada");
    expect(rows[1]![10]).toBe("ada");

    // The page offers it, with the filters it shows, and the name it is saved under.
    expect(page.text).toContain('href="/app/rts.xlsx" download="peringkat-rt-2026-12-04.xlsx"');
    expect(visibleText(page.text)).toContain("⬇️ Unduh XLSX daftar ini");
  });

  it("follows the filters exactly as the page does", async () => {
    const { rt1 } = await area();
    const camat = newUser("Rahmat");
    await addKoordinator(database.db, camat, { kecamatanCode: KECAMATAN_TELANAIPURA });
    const cookie = await sessionOf(camat);
    const queries = [
      "",
      "?status=menurun",
      "?status=naik",
      "?status=stabil",
      "?status=tanpa-ketua",
      "?status=belum-dinilai",
      `?kelurahan=${KELURAHAN_BULURAN_KENALI}`,
      `?kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}&status=tanpa-ketua`,
      `?kelurahan=${KELURAHAN_BULURAN_KENALI}&status=menurun`,
    ];
    const seen = new Set<string>();
    for (const query of queries) {
      const page = await getPage(app.port, `/rts${query}`, cookie);
      const file = await getFile(`/rts.xlsx${query}`, cookie);
      expect(file.status, query).toBe(200);
      const rows = await sheetRows(file.body);
      expect(rows[0], query).toEqual(HEADERS);
      expect(await rowRtIds(rows), query).toEqual(linkedRts(page.text));
      seen.add(JSON.stringify(linkedRts(page.text)));
      // The page's link carries the filters it applied.
      expect(page.text, query).toContain(`href="/app/rts.xlsx${query.replace("&", "&amp;")}"`);
    }
    // The filters did narrow (not the same rows every time), and an empty result is a header alone.
    expect(seen.size).toBeGreaterThan(4);
    expect(await sheetRows((await getFile("/rts.xlsx?status=menurun", cookie)).body).then(rowRtIds)).toEqual([rt1.id]);
    expect(await sheetRows((await getFile(`/rts.xlsx?kelurahan=${KELURAHAN_BULURAN_KENALI}&status=menurun`, cookie)).body)).toEqual([HEADERS]);
  });

  it("never widens the area: another kelurahan's code and hostile values give the area's own rows", async () => {
    const { koordinator } = await area();
    const cookie = await sessionOf(koordinator);
    const plain = await sheetRows((await getFile("/rts.xlsx", cookie)).body);
    expect(plain).toHaveLength(4);
    const hostile = [
      `kelurahan=${KELURAHAN_BULURAN_KENALI}`,
      `kelurahan=${KELURAHAN_PAYO_SELINCAH}`,
      `kelurahan=${encodeURIComponent("' OR 1=1 --")}`,
      `kelurahan=${encodeURIComponent(`${KELURAHAN_SIMPANG_IV_SIPIN}' OR '1'='1`)}`,
      `status=${encodeURIComponent("<script>alert(1)</script>")}`,
      `kelurahan=${"9".repeat(8000)}`,
      `status=${"x".repeat(8000)}`,
      `kelurahan=${encodeURIComponent("🙂🏳️‍🌈")}&status=${encodeURIComponent("😀")}`,
      "kelurahan=%ZZ&status=%",
      "kelurahan[]=1&status[$ne]=x",
      `kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}%00`,
      `kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}&kelurahan=${KELURAHAN_BULURAN_KENALI}`,
      "ticket=../../etc/passwd",
    ];
    for (const query of hostile) {
      const file = await getFile(`/rts.xlsx?${query}`, cookie);
      expect(file.status, query).toBe(200);
      const rows = await sheetRows(file.body);
      expect(rows, query).toEqual(plain);
      expect(JSON.stringify(rows), query).not.toMatch(/Buluran Kenali|Talang Bakung|Paal Merah/);
      // The page's link never repeats what was dropped.
      const page = await getPage(app.port, `/rts?${query}`, cookie);
      const href = /class="download" href="([^"]*)"/.exec(page.text)?.[1];
      expect(["/app/rts.xlsx", `/app/rts.xlsx?kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}`], query).toContain(href);
    }
  });

  it("an admin gets the kelurahan chosen; with none chosen the file is refused with what to do; someone with no area gets none", async () => {
    const { rt5, ketua } = await area();
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const cookie = await sessionOf(admin);
    const picker = await getPage(app.port, "/rts", cookie);
    expect(picker.text).not.toContain("rts.xlsx");
    const refused = await getFile("/rts.xlsx", cookie);
    expect(refused.status).toBe(400);
    expect(refused.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(visibleText(refused.body.toString("utf8"))).toContain("Pilih kelurahan dulu di halaman peringkat, lalu unduh XLSX-nya.");
    expect(refused.body.toString("utf8")).toContain('href="/app/rts"');

    const chosen = await getFile(`/rts.xlsx?kelurahan=${KELURAHAN_PAYO_SELINCAH}`, cookie);
    expect(chosen.status).toBe(200);
    const rows = await sheetRows(chosen.body);
    expect(await rowRtIds(rows)).toEqual([rt5.id]);
    expect(rows[1]![1]).toBe("RT 05");
    expect(rows[1]![2]).toBe(rt5.kelurahanName);
    expect(rows[1]![3]).toBe(rt5.kecamatanName);
    expect(await rowRtIds(await sheetRows((await getFile(`/rts.xlsx?kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}`, cookie)).body))).toEqual(
      linkedRts((await getPage(app.port, `/rts?kelurahan=${KELURAHAN_SIMPANG_IV_SIPIN}`, cookie)).text),
    );

    // A ketua has no area: no file, and nothing of anyone's RTs.
    const none = await getFile("/rts.xlsx", await sessionOf(ketua));
    expect(none.status).toBe(404);
    expect(visibleText(none.body.toString("utf8"))).toContain("Belum ada RT terdaftar di wilayah Anda.");
  });

  it("opens only with a session, or with the ticket its page gave (for Telegram's own download), and for nothing else", async () => {
    const { rt1, koordinator } = await area();
    const cookie = await sessionOf(koordinator);
    expect((await getFile("/rts.xlsx")).status).toBe(401);
    expect((await getFile("/rts.xlsx", "forged.cookie")).status).toBe(401);

    const page = await getPage(app.port, "/rts?status=menurun", cookie);
    const ticketHref = /data-ticket-href="([^"]+)"/.exec(page.text)![1]!.replace(/&amp;/g, "&");
    expect(ticketHref).toMatch(/^\/app\/rts\.xlsx\?status=menurun&ticket=[^&]+$/);
    expect(page.text).toContain('data-file-name="peringkat-rt-2026-12-04.xlsx"');
    expect(page.text).toContain('<script src="/app/download.js" defer></script>');
    const byTicket = await getFile(ticketHref.slice("/app".length));
    expect(byTicket.status).toBe(200);
    expect(await rowRtIds(await sheetRows(byTicket.body))).toEqual([rt1.id]);

    const ticket = new URL(ticketHref, "http://x").searchParams.get("ticket")!;
    // A ticket is not a session: no page opens with it, as a cookie or in the address.
    expect((await getPage(app.port, `/rts?ticket=${ticket}`)).status).toBe(401);
    expect((await getPage(app.port, "/home", ticket)).status).toBe(401);
    // Nor is a session a ticket; a ticket altered is nothing.
    expect((await getFile(`/rts.xlsx?ticket=${cookie}`)).status).toBe(401);
    const [id, expires, started, signature] = ticket.split(".");
    expect((await getFile(`/rts.xlsx?ticket=${id}.${Number(expires) + 3600}.${started}.${signature}`)).status).toBe(401);
    expect((await getFile(`/rts.xlsx?ticket=${Number(id) + 1}.${expires}.${started}.${signature}`)).status).toBe(401);

    const script = await getPage(app.port, "/download.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.text).toContain("downloadFile");
  });
});
