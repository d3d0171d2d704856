import { and, eq, gte, isNull, lt, lte, max, count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { participation, person } from "../../src/db/schema/index.js";
import { participate, wib } from "../domain/scores/builders.js";
import { withTestDatabase } from "../helpers/database.js";
import { withServedApp } from "./served.js";
import { addKetua, addKoordinator, addMember, addPending, addPetugas, addRt, KELURAHAN_BULURAN_KENALI, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import type { TestUser } from "../helpers/test-bot.js";
import { getPage, visibleText } from "./client.js";

const database = withTestDatabase();
/** Friday 4 December 2026, 10.00 WIB: the 28-day window opens on 6 November, 10.00 WIB. */
const NOW = new Date("2026-12-04T03:00:00Z");
const WINDOW_FROM = new Date(NOW.getTime() - 28 * 24 * 60 * 60 * 1000);
const app = withServedApp(database, NOW);
const sessionOf = (user: TestUser) => app.sessionOf(user);

/**
 * Simpang IV Sipin RT 01: ketua Pak Harun, Bu Siti (3 gotong royong in the window, one before it;
 * a revoked, an unverified and a future record that do not count), petugas Kak Joko (one ronda ending
 * 06.00 WIB on 1 December, which is still 30 November in UTC), Rina (nothing), Budi
 * waiting; RT 02 (no ketua, one resident); RT 03 in Buluran Kenali with its own ketua.
 */
async function area() {
  const rt1 = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 41);
  const rt2 = await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN, 35);
  const rt3 = await addRt(database.db, 3, KELURAHAN_BULURAN_KENALI, 50);
  const ketua = newUser("Harun");
  const ketuaIds = await addKetua(database.db, ketua, rt1.id);
  const siti = newUser("Siti");
  const sitiIds = await addMember(database.db, siti, rt1.id, "Rumah Siti");
  const joko = newUser("Joko");
  const jokoIds = await addPetugas(database.db, joko, rt1.id);
  const rina = newUser("Rina");
  await addMember(database.db, rina, rt1.id, "Rumah Rina");
  const budi = newUser("Budi");
  await addPending(database.db, budi, rt1.id, "Rumah Budi");
  await database.db.update(person).set({ greeting: "pak" }).where(eq(person.id, ketuaIds.personId));
  await database.db.update(person).set({ greeting: "bu" }).where(eq(person.id, sitiIds.personId));
  await database.db.update(person).set({ greeting: "kak" }).where(eq(person.id, jokoIds.personId));
  await participate(database.db, [
    { rtId: rt1.id, personId: sitiIds.personId, kind: "gotong_royong", at: wib("2026-10-20T08:00") },
    { rtId: rt1.id, personId: sitiIds.personId, kind: "gotong_royong", at: wib("2026-11-08T08:00") },
    { rtId: rt1.id, personId: sitiIds.personId, kind: "bank_sampah", at: wib("2026-11-15T09:00") },
    { rtId: rt1.id, personId: sitiIds.personId, kind: "gotong_royong", at: wib("2026-11-22T08:00") },
    { rtId: rt1.id, personId: sitiIds.personId, kind: "gotong_royong", at: wib("2026-11-29T08:00"), revoked: true },
    { rtId: rt1.id, personId: sitiIds.personId, kind: "gotong_royong", at: wib("2026-12-02T08:00"), verified: false },
    { rtId: rt1.id, personId: sitiIds.personId, kind: "gotong_royong", at: wib("2026-12-06T08:00") },
    { rtId: rt1.id, personId: jokoIds.personId, kind: "ronda", at: wib("2026-12-01T06:00") },
    // Done for another RT: not this RT's participation.
    { rtId: rt2.id, personId: jokoIds.personId, kind: "ronda", at: wib("2026-12-01T23:30") },
  ]);
  const resident2 = newUser("Wati");
  await addMember(database.db, resident2, rt2.id);
  const ketua3 = newUser("Yusuf");
  await addKetua(database.db, ketua3, rt3.id);
  const koordinator = newUser("Dewi");
  await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  const neighbour = newUser("Fajar");
  await addKoordinator(database.db, neighbour, { kelurahanCode: KELURAHAN_BULURAN_KENALI });
  return { rt1, rt2, rt3, ketua, ketuaIds, siti, sitiIds, joko, jokoIds, rina, budi, resident2, ketua3, koordinator, neighbour };
}

/** A person's records for the RT as the database holds them: in the window, and the last one up to now. */
async function recordsOf(rtId: number, personId: number): Promise<{ inWindow: number; last: Date | null }> {
  const counted = and(eq(participation.rtId, rtId), eq(participation.personId, personId), eq(participation.verified, true), isNull(participation.revokedAt));
  const [window] = await database.db.select({ n: count() }).from(participation).where(and(counted, gte(participation.occurredAt, WINDOW_FROM), lt(participation.occurredAt, NOW)));
  const [last] = await database.db.select({ at: max(participation.occurredAt) }).from(participation).where(and(counted, lte(participation.occurredAt, NOW)));
  return { inWindow: window!.n, last: last?.at ?? null };
}

describe("the members page (/app/rt/<id>/warga)", () => {
  it("shows the ketua their RT's members, named as the bot names them, each with the window's activities and last day as the database has them, and the requests waiting", async () => {
    const { rt1, ketua, sitiIds, jokoIds } = await area();
    const cookie = await sessionOf(ketua);
    const page = await getPage(app.port, `/rt/${rt1.id}/warga`, cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const text = visibleText(page.text);
    expect(text).toContain("Warga RT 01 Simpang IV Sipin");
    expect(text).toContain("4 warga aktif, 1 menunggu persetujuan · 41 KK");

    // What the database says, read here apart from the page's queries.
    const siti = await recordsOf(rt1.id, sitiIds.personId);
    const joko = await recordsOf(rt1.id, jokoIds.personId);
    expect(siti).toEqual({ inWindow: 3, last: wib("2026-11-22T08:00") });
    expect(joko).toEqual({ inWindow: 1, last: wib("2026-12-01T06:00") });
    expect(joko.last!.toISOString()).toBe("2026-11-30T23:00:00.000Z");

    expect(text).toContain("Pak Harun (ketua RT) · Rumah Ketua 0 kegiatan dalam 28 hari terakhir · belum pernah ikut kegiatan");
    expect(text).toContain(`Bu Siti · Rumah Siti ${siti.inWindow} kegiatan dalam 28 hari terakhir · terakhir ikut 22 November 2026`);
    // The WIB day, not the UTC one.
    expect(text).toContain(`Kak Joko (petugas) · Rumah Petugas ${joko.inWindow} kegiatan dalam 28 hari terakhir · terakhir ikut 1 Desember 2026`);
    expect(text).toContain("Rina · Rumah Rina 0 kegiatan dalam 28 hari terakhir · belum pernah ikut kegiatan");
    expect(text).toContain("Menunggu persetujuan (1) Budi · Rumah Budi minta bergabung");
    expect(text).toContain("Setujui atau tolak lewat bot: kirim /anggota.");
    // Nobody of another RT.
    expect(text).not.toContain("Wati");
    expect(text).not.toContain("Yusuf");
    // The way back is the RT's page.
    expect(page.text).toContain(`<a href="/app/rt/${rt1.id}">← RT 01 Simpang IV Sipin</a>`);

    // The RT page links to it for its ketua.
    const rtPage = await getPage(app.port, `/rt/${rt1.id}`, cookie);
    expect(rtPage.text).toContain(`href="/app/rt/${rt1.id}/warga"`);
    expect(visibleText(rtPage.text)).toContain("👥 Warga RT dan keikutsertaannya →");
  });

  it("escapes what people wrote: a name and a household label of markup are shown as text", async () => {
    const { rt1, ketua } = await area();
    const odd = newUser("X");
    const ids = await addMember(database.db, odd, rt1.id, '<img src=x onerror=alert(1)>"');
    await database.db.update(person).set({ displayName: "<script>alert(1)</script>" }).where(eq(person.id, ids.personId));
    const page = await getPage(app.port, `/rt/${rt1.id}/warga`, await sessionOf(ketua));
    expect(page.status).toBe(200);
    expect(page.text).not.toContain("<script>alert");
    expect(page.text).not.toContain("<img src=x");
    expect(visibleText(page.text)).toContain('<script>alert(1)</script> · <img src=x onerror=alert(1)>"');
  });

  it("is refused to whom /anggota would not show it: a resident of the RT, the ketua of another RT, a koordinator of another kelurahan, and a koordinator not acting for it", async () => {
    const { rt1, rt2, rt3, siti, ketua3, neighbour, koordinator, ketua } = await area();
    const cases: [string, TestUser, number][] = [
      ["resident of the RT", siti, rt1.id],
      ["ketua of another RT", ketua3, rt1.id],
      ["ketua of RT 01, another RT's members", ketua, rt3.id],
      ["koordinator of another kelurahan", neighbour, rt1.id],
      ["koordinator of the kelurahan, not acting", koordinator, rt1.id],
    ];
    const cookies = new Map<number, string>();
    for (const [who, user, rtId] of cases) {
      // One sign-in per person: the same initData opens one session only.
      if (!cookies.has(user.id)) cookies.set(user.id, await sessionOf(user));
      const cookie = cookies.get(user.id)!;
      const page = await getPage(app.port, `/rt/${rtId}/warga`, cookie);
      expect(page.status, who).toBe(403);
      // The koordinator may read the RT, not its members: told so, not that it is out of their area.
      const refusal = who === "koordinator of the kelurahan, not acting" ? "Daftar warga RT ini hanya untuk ketua RT-nya, seperti /anggota di bot. Halaman RT-nya tetap bisa Anda buka." : "Halaman ini di luar wilayah Anda.";
      expect(visibleText(page.text), who).toBe(`← Beranda Dasbor Kampung BANTAR ${refusal}`);
      expect(page.text, who).not.toMatch(/Siti|Budi|Rina|Wati|Rumah/);
    }
    // The koordinator still reads RT 01's page, without the link to its members.
    const cookie = cookies.get(koordinator.id)!;
    const rtPage = await getPage(app.port, `/rt/${rt1.id}`, cookie);
    expect(rtPage.status).toBe(200);
    expect(rtPage.text).not.toContain("/warga");

    // Acting as ketua of RT 02 (it has none), the koordinator sees RT 02's members as /anggota does, and still not RT 01's.
    // Roles are read at every request: the same session now acts for RT 02.
    await database.db.update(person).set({ actingRtId: rt2.id }).where(eq(person.telegramId, koordinator.id));
    const acting = await getPage(app.port, `/rt/${rt2.id}/warga`, cookie);
    expect(acting.status).toBe(200);
    expect(visibleText(acting.text)).toContain("Wati · Rumah 1 0 kegiatan dalam 28 hari terakhir");
    expect((await getPage(app.port, `/rt/${rt2.id}`, cookie)).text).toContain(`href="/app/rt/${rt2.id}/warga"`);
    expect((await getPage(app.port, `/rt/${rt1.id}/warga`, cookie)).status).toBe(403);
  });

  it("forged and odd addresses name nothing: unknown, zero, huge, negative ids, other suffixes; no session, no page", async () => {
    const { rt1, ketua } = await area();
    const cookie = await sessionOf(ketua);
    for (const path of [`/rt/999999/warga`, "/rt/0/warga", "/rt/99999999999/warga", "/rt/-1/warga", `/rt/${rt1.id}/warga/x`, `/rt/${rt1.id}/WARGA`, `/rt/${rt1.id}/warga%00`, `/rt/${rt1.id}//warga`, `/rt/0${rt1.id}/warga`]) {
      const page = await getPage(app.port, path, cookie);
      expect(page.status, path).toBe(404);
      expect(page.text, path).not.toContain("Siti");
    }
    // A query string changes nothing.
    expect((await getPage(app.port, `/rt/${rt1.id}/warga?rt=2&x=<b>`, cookie)).status).toBe(200);
    const signedOut = await getPage(app.port, `/rt/${rt1.id}/warga`);
    expect(signedOut.status).toBe(401);
    expect(signedOut.text).not.toContain("Siti");
  });
});
