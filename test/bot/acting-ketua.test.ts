import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, event, membership, person, roleAssignment } from "../../src/db/schema/index.js";
import { actFor, actingStop } from "../../src/messages/buttons/people.js";
import { addKetua, addKoordinator, addMember, addPending, addRt, currentMembershipOf, KELURAHAN_BULURAN_KENALI, newUser } from "../helpers/fixtures.js";
import { callbackAnswerTo, pressData, type TestUser, withTestBot } from "../helpers/test-bot.js";

// A koordinator acts as ketua of an RT of their area that has no ketua (RT 07), until one takes over.
const { database, harness } = withTestBot();

const GOTONG_ROYONG = "Gotong royong / kerja bakti";
const ACTING = "(bertindak sebagai ketua RT 07)";
const ONLY_KETUA = "Maaf, perintah ini hanya untuk ketua RT.";
const HAND_OVER = "Anda ketua RT ini. Serahkan jabatan dulu dengan /serahkan sebelum keluar.";
const LINK = /https:\/\/t\.me\/bantar_test_bot\?start=([A-Za-z0-9_-]+)/;

/** RT 05 with a ketua, RT 07 without one (one resident, one request waiting), RT 03 in another kelurahan; a koordinator over Simpang IV Sipin. */
async function area() {
  const rt05 = await addRt(database.db, 5);
  const rt07 = await addRt(database.db, 7);
  const rt03 = await addRt(database.db, 3, KELURAHAN_BULURAN_KENALI);
  await addKetua(database.db, newUser("Harun"), rt05.id);
  await addMember(database.db, newUser("Siti"), rt07.id, "Rumah 1");
  const dewi = newUser("Dewi");
  await addPending(database.db, dewi, rt07.id, "Rumah 9");
  const koordinator = newUser("Rahmat");
  const koordinatorId = await addKoordinator(database.db, koordinator, { kelurahanCode: rt05.kelurahanCode });
  return { rt05, rt07, rt03, dewi, koordinator: Object.assign(koordinator, { personId: koordinatorId }) };
}

async function actingRtOf(personId: number): Promise<number | null> {
  const [row] = await database.db.select({ acting: person.actingRtId }).from(person).where(eq(person.id, personId));
  return row!.acting;
}

async function startActing(koordinator: TestUser) {
  await harness.send(koordinator, "/daftarrt");
  await harness.press(koordinator, "Bertindak untuk RT 07");
}

describe("a koordinator acting for an RT without a ketua", () => {
  it("chooses RT 07 on /daftarrt, approves its join request and creates an /acara there, told each time for which RT; audited as themselves", async () => {
    const { rt07, dewi, koordinator } = await area();
    await harness.send(koordinator, "/acara");
    expect(harness.lastText(koordinator)).toBe(ONLY_KETUA);

    await harness.send(koordinator, "/daftarrt");
    // Only the RT without a ketua can be acted for.
    expect(harness.buttons(koordinator)).toEqual(["Tautan ketua RT 07 · Simpang IV Sipin", "Bertindak untuk RT 07"]);
    await harness.press(koordinator, "Bertindak untuk RT 07");
    expect(harness.lastText(koordinator)).toContain("Anda kini bertindak sebagai ketua RT 07 · Simpang IV Sipin");
    expect(harness.telegram.menuShownTo(koordinator.id)).toEqual(expect.arrayContaining(["anggota", "acara", "daftarrt"]));

    await harness.send(koordinator, "/anggota");
    const texts = harness.telegram.textsTo(koordinator.id);
    expect(texts.at(-3)).toBe(ACTING);
    expect(texts.at(-2)).toContain("Warga RT 07");
    await harness.press(koordinator, "✅ Dewi");
    expect((await currentMembershipOf(database.db, dewi.id))?.status).toBe("active");

    await harness.send(koordinator, "/acara");
    expect(harness.telegram.textsTo(koordinator.id).at(-2)).toBe(ACTING);
    await harness.press(koordinator, GOTONG_ROYONG);
    await harness.send(koordinator, "Minggu 07.00");
    await harness.press(koordinator, "Pos kamling");
    await harness.press(koordinator, "Lewati");
    await harness.press(koordinator, "Sekali saja");
    await harness.press(koordinator, "💾 Simpan");
    const events = await database.db.select().from(event);
    expect(events.map((row) => row.rtId)).toEqual([rt07.id]);

    const audit = await database.db.select().from(auditLog).where(eq(auditLog.rtId, rt07.id)).orderBy(auditLog.id);
    expect(audit.map((row) => [row.action, row.actorPersonId])).toEqual([
      ["acting_started", koordinator.personId],
      ["membership_approved", koordinator.personId],
    ]);
    // A second press of the same button changes nothing: no second audit row.
    await harness.send(koordinator, "/daftarrt");
    expect(harness.lastText(koordinator)).toContain("Anda sedang bertindak sebagai ketua RT 07");
    expect(harness.buttons(koordinator)).toEqual(["Tautan ketua RT 07 · Simpang IV Sipin", "Berhenti bertindak untuk RT 07"]);
    await pressData(harness, koordinator, actFor.data({ rt: rt07.id }));
    expect(await database.db.select().from(auditLog).where(and(eq(auditLog.rtId, rt07.id), eq(auditLog.action, "acting_started")))).toHaveLength(1);

    await harness.press(koordinator, "Berhenti bertindak");
    expect(harness.lastText(koordinator)).toBe("Anda tidak lagi bertindak sebagai ketua RT.");
    await harness.send(koordinator, "/acara");
    expect(harness.lastText(koordinator)).toBe(ONLY_KETUA);
    expect(harness.telegram.menuShownTo(koordinator.id)).not.toContain("acara");
  });

  it("cannot act for an RT outside the area or one that has a ketua; forged and stale presses change nothing", async () => {
    const { rt05, rt03, koordinator } = await area();
    let update = await pressData(harness, koordinator, actFor.data({ rt: rt03.id }));
    expect(callbackAnswerTo(harness.telegram, update)?.text).toBe("RT ini di luar wilayah tugas Anda.");
    update = await pressData(harness, koordinator, actFor.data({ rt: rt05.id }));
    expect(callbackAnswerTo(harness.telegram, update)?.text).toBe("RT ini sudah punya ketua (Harun): ketuanya yang mengurus RT ini.");
    update = await pressData(harness, koordinator, actFor.data({ rt: 999999 }));
    expect(callbackAnswerTo(harness.telegram, update)?.text).toBe("RT ini di luar wilayah tugas Anda.");
    for (const forged of ["actfor:", "actfor:abc", "actfor:-1", "actfor:1 or 1=1", `actfor:${rt03.id}:x`]) {
      update = await pressData(harness, koordinator, forged);
      expect(callbackAnswerTo(harness.telegram, update)?.text).toBe("Tombol ini sudah tidak berlaku.");
    }
    expect(await actingRtOf(koordinator.personId)).toBeNull();
    await harness.send(koordinator, "/acara");
    expect(harness.lastText(koordinator)).toBe(ONLY_KETUA);

    // Stopping when not acting says so; a resident cannot press either button.
    update = await pressData(harness, koordinator, actingStop.data({}));
    expect(harness.lastText(koordinator)).toBe("Anda tidak sedang bertindak untuk RT mana pun.");
    const siti = newUser("Siti2");
    const { personId } = await addMember(database.db, siti, rt05.id);
    update = await pressData(harness, siti, actFor.data({ rt: rt05.id }));
    expect(callbackAnswerTo(harness.telegram, update)?.show_alert).toBe(true);
    expect(await actingRtOf(personId)).toBeNull();

    // A choice stored for an RT that then leaves the area grants nothing (loadActor checks the area).
    await database.db.update(person).set({ actingRtId: rt03.id }).where(eq(person.id, koordinator.personId));
    await harness.send(koordinator, "/acara");
    expect(harness.lastText(koordinator)).toBe(ONLY_KETUA);
  });

  it("ends when a ketua opens RT 07's link, also in the middle of a form", async () => {
    const { rt07, koordinator } = await area();
    await startActing(koordinator);
    await harness.send(koordinator, "/tautanketua");
    await harness.press(koordinator, "RT 07");
    await harness.press(koordinator, "Buat tautan");
    const code = LINK.exec(harness.lastText(koordinator))![1]!;

    await harness.send(koordinator, "/acara");
    await harness.press(koordinator, GOTONG_ROYONG);

    const budi = newUser("Budi");
    await harness.send(budi, `/start ${code}`);
    await harness.press(budi, "Saya setuju");
    await harness.send(budi, "Budi Santoso");
    await harness.press(budi, "Pak Budi Santoso");
    await harness.send(budi, "No. 3");
    await harness.press(budi, "Ya, lanjutkan");

    await harness.send(koordinator, "Minggu 07.00");
    expect(harness.lastText(koordinator)).toContain("Maaf, isian ini dihentikan");
    expect(await database.db.select().from(event)).toEqual([]);
    expect(await actingRtOf(koordinator.personId)).toBeNull();
    await harness.send(koordinator, "/anggota");
    expect(harness.lastText(koordinator)).toBe(ONLY_KETUA);
    expect(harness.telegram.menuShownTo(koordinator.id)).not.toContain("acara");
    expect(harness.telegram.menuShownTo(budi.id)).toContain("acara");
    const [budiRow] = await database.db.select().from(membership).where(eq(membership.rtId, rt07.id));
    expect(budiRow).toBeDefined();
  });

  it("a koordinator who heads RT 08 and acts for RT 07 still cannot leave RT 08 without handing it over", async () => {
    const { rt07 } = await area();
    const place = await addRt(database.db, 8);
    const both = newUser("Yusuf");
    const { personId } = await addKetua(database.db, both, place.id);
    await database.db.insert(roleAssignment).values({ personId, role: "koordinator", kelurahanCode: rt07.kelurahanCode, grantedAt: new Date() });
    await startActing(both);
    expect(await actingRtOf(personId)).toBe(rt07.id);
    await harness.send(both, "/keluar");
    expect(harness.lastText(both)).toBe(HAND_OVER);
  });
});
