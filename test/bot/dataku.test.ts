import { describe, expect, it } from "vitest";
import { membership } from "../../src/db/schema/index.js";
import type { PersonalData } from "../../src/domain/audit/personal-data.js";
import { appointOfficer, createWasteBank, listWasteTypes } from "../../src/domain/bank-sampah/banks.js";
import { recordDeposit, recordWithdrawal, reverseEntry } from "../../src/domain/bank-sampah/ledger.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { memberCode } from "../../src/domain/people/member-code.js";
import { recordParticipation } from "../../src/domain/participation/participation.js";
import { logReading } from "../../src/domain/pojok-baca/reading-log.js";
import { enterManualScore } from "../../src/domain/scores/manual.js";
import { sentDocuments } from "../helpers/fake-telegram.js";
import { addKetua, addKoordinator, addMember, addPerson, addRt, CONSENTED_AT, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { type TestUser, withTestBot } from "../helpers/test-bot.js";

// Minggu 22 November 2026, 10.00 WIB
const { database, harness } = withTestBot();

const actorOf = (user: TestUser) => loadActor(database.db, user.id, []);
const at = (iso: string) => new Date(iso);

/** The export as the person receives it: JSON, so dates are strings. */
type Exported = { [K in keyof PersonalData]: unknown } & {
  profile: Record<string, unknown>;
  participation: { kind: string; rt: number; revokedAt: string | null }[];
};

/** Sends /dataku and returns the one JSON file it sent, parsed. */
async function dataku(user: TestUser): Promise<{ filename: string; caption: string | undefined; raw: string; data: Exported }> {
  const before = sentDocuments(harness.telegram, user.id).length;
  await harness.send(user, "/dataku");
  const documents = sentDocuments(harness.telegram, user.id).slice(before);
  expect(documents).toHaveLength(1);
  const raw = documents[0]!.bytes.toString("utf8");
  return { filename: documents[0]!.filename, caption: documents[0]!.caption, raw, data: JSON.parse(raw) as Exported };
}

describe("/dataku", () => {
  it("sends a resident everything kept about them: profile, memberships, roles, participation, savings with lines, reading", async () => {
    const db = database.db;
    const rt5 = await addRt(db, 5);
    const rt6 = await addRt(db, 6);
    const ketua = newUser("Harun");
    await addKetua(db, ketua, rt5.id);
    const koordinator = newUser("Yuliana");
    await addKoordinator(db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const siti = newUser("Siti");
    const sitiIds = await addMember(db, siti, rt5.id, "Keluarga Siti");
    // Siti lived in RT 06 before.
    await db.insert(membership).values({ personId: sitiIds.personId, rtId: rt6.id, householdLabel: "Rumah Lama", status: "left", requestedAt: at("2026-01-05T01:00:00Z"), decidedAt: at("2026-01-06T01:00:00Z"), endedAt: at("2026-10-01T01:00:00Z"), endReason: "left" });
    const budi = newUser("Budi");
    const budiIds = await addMember(db, budi, rt5.id, "Rumah Budi");

    const bank = await createWasteBank(db, await actorOf(koordinator), { name: "Bank Sampah Melati", rtIds: [rt5.id] }, at("2026-09-01T00:00:00Z"));
    const sari = newUser("Sari");
    const sariIds = await addMember(db, sari, rt5.id, "Rumah Sari");
    await appointOfficer(db, await actorOf(koordinator), { wasteBankId: bank.id, personId: sariIds.personId }, at("2026-09-01T00:00:00Z"));
    const types = await listWasteTypes(db, bank.id, at("2026-11-01T00:00:00Z"));
    const kardus = types.find((type) => type.name.startsWith("Kardus"))!;
    const officer = await actorOf(sari);
    const deposit = await recordDeposit(db, officer, { wasteBankId: bank.id, personId: sitiIds.personId, lines: [{ wasteTypeId: kardus.id, quantity: 2500 }], requestKey: "d1" }, at("2026-11-20T03:00:00Z"));
    const wrong = await recordDeposit(db, officer, { wasteBankId: bank.id, personId: sitiIds.personId, lines: [{ wasteTypeId: kardus.id, quantity: 1000 }], requestKey: "d2" }, at("2026-11-20T04:00:00Z"));
    await reverseEntry(db, officer, { entryId: wrong.entryId, reason: "salah timbang", requestKey: "r1" }, at("2026-11-20T05:00:00Z"));
    await recordWithdrawal(db, officer, { wasteBankId: bank.id, personId: sitiIds.personId, amount: 1000, requestKey: "w1" }, at("2026-11-21T03:00:00Z"));
    // Budi's savings are his own business.
    await recordDeposit(db, officer, { wasteBankId: bank.id, personId: budiIds.personId, lines: [{ wasteTypeId: kardus.id, quantity: 5000 }], requestKey: "d3" }, at("2026-11-20T03:30:00Z"));
    await recordParticipation(db, { sourceKey: "occurrence:1:person:x", rtId: rt5.id, personId: sitiIds.personId, householdLabel: "Keluarga Siti", kind: "gotong_royong", occurredAt: at("2026-11-15T00:00:00Z"), verified: true, source: "checkin-code", recordedBy: null }, at("2026-11-15T00:00:00Z"));
    await logReading(db, await actorOf(siti), { requestKey: "log-1", title: "Laskar Pelangi", minutes: 30 }, at("2026-11-21T10:00:00Z"));

    const { filename, caption, raw, data } = await dataku(siti);
    expect(filename).toBe("dataku-2026-11-22.json");
    expect(caption).toContain("Semua data Anda yang kami simpan");
    expect(data.exportedAt).toBe(harness.now.toISOString());
    expect(data.profile).toEqual({
      memberCode: memberCode(sitiIds.personId), displayName: "Siti", greeting: null, locale: "id", consentedAt: CONSENTED_AT.toISOString(),
      registeredAt: expect.any(String), announcementsMutedAt: null, eventRemindersOffAt: null, eventReminderWhen: null,
    });
    expect(data.memberships).toEqual([
      expect.objectContaining({ rt: 6, kelurahan: "Simpang IV Sipin", kecamatan: "Telanaipura", householdLabel: "Rumah Lama", status: "left", endReason: "left" }),
      expect.objectContaining({ rt: 5, kelurahan: "Simpang IV Sipin", householdLabel: "Keluarga Siti", status: "active", endedAt: null }),
    ]);
    expect(data.roles).toEqual([]);
    expect(data.participation.map((row) => [row.kind, row.rt, row.revokedAt !== null])).toEqual([
      ["gotong_royong", 5, false],
      ["bank_sampah", 5, false],
      ["bank_sampah", 5, true], // the reversed deposit's record, taken back
    ]);
    expect(data.bankAccounts).toEqual([
      {
        wasteBank: "Bank Sampah Melati", balance: deposit.amount - 1000, openedAt: "2026-11-20T03:00:00.000Z",
        entries: [
          { entryId: deposit.entryId, kind: "deposit", amount: 4500, occurredAt: "2026-11-20T03:00:00.000Z", reason: null, reversesEntryId: null, lines: [{ wasteType: kardus.name, quantity: 2500, unit: "kg", rupiahPerUnit: 1800, value: 4500 }] },
          expect.objectContaining({ entryId: wrong.entryId, kind: "deposit", amount: 1800 }),
          expect.objectContaining({ kind: "reversal", amount: -1800, reason: "salah timbang", reversesEntryId: wrong.entryId, lines: [] }),
          expect.objectContaining({ kind: "withdrawal", amount: -1000, lines: [] }),
        ],
      },
    ]);
    expect(data.readingLogs).toEqual([{ title: "Laskar Pelangi", minutes: 30, loggedAt: "2026-11-21T10:00:00.000Z", status: "pending" }]);
    expect(data.manualScoresEntered).toEqual([]);
    // Nothing of other people: not their names, not their savings.
    for (const other of ["Harun", "Yuliana", "Sari", "Budi", "Rumah Budi", "Rumah Sari", "telegram"]) expect(raw).not.toContain(other);
    expect(raw).not.toContain(String(siti.id)); // not even the person's own Telegram id is needed
    expect(JSON.stringify(data.bankAccounts)).not.toContain("9000");
  });

  it("lists a petugas's roles and a koordinator's manual scores with their notes", async () => {
    const db = database.db;
    const rt5 = await addRt(db, 5);
    const ketua = newUser("Harun");
    await addKetua(db, ketua, rt5.id);
    const koordinator = newUser("Yuliana");
    await addKoordinator(db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await enterManualScore(db, await actorOf(koordinator), { rtId: rt5.id, code: "A6", score: 1, note: "perlu sosialisasi", assessedOn: { year: 2026, month: 11, day: 20 } }, at("2026-11-21T03:00:00Z"));

    const { data } = await dataku(koordinator);
    expect(data.memberships).toEqual([]);
    expect(data.roles).toEqual([expect.objectContaining({ role: "koordinator", rt: null, kelurahan: "Simpang IV Sipin", kecamatan: null, revokedAt: null })]);
    expect(data.manualScoresEntered).toEqual([{ rt: 5, kelurahan: "Simpang IV Sipin", kecamatan: "Telanaipura", indicator: "A6", score: 1, note: "perlu sosialisasi", assessedOn: "2026-11-20", enteredAt: "2026-11-21T03:00:00.000Z" }]);

    const { data: ketuaData } = await dataku(ketua);
    expect(ketuaData.roles).toEqual([expect.objectContaining({ role: "ketua_rt", rt: { rt: 5, kelurahan: "Simpang IV Sipin", kecamatan: "Telanaipura" } })]);
  });

  it("works for someone who consented but never joined an RT", async () => {
    const user = newUser("Baru");
    await addPerson(database.db, user);
    const { data } = await dataku(user);
    expect(data.profile).toMatchObject({ displayName: "Baru", consentedAt: CONSENTED_AT.toISOString() });
    expect(data).toMatchObject({ memberships: [], roles: [], participation: [], rsvps: [], rondaShifts: [], bankAccounts: [], readingLogs: [], bookLoans: [], manualScoresEntered: [] });
  });

  it("tells a stranger, and someone who erased their data, that nothing is kept; no file is sent", async () => {
    const stranger = newUser("Asing");
    await harness.send(stranger, "/dataku");
    expect(harness.lastText(stranger)).toBe("Kami tidak menyimpan data pribadi Anda.");
    const place = await addRt(database.db, 5);
    const siti = newUser("Siti");
    await addMember(database.db, siti, place.id);
    await harness.send(siti, "/hapusdata");
    await harness.press(siti, "Ya, hapus data saya");
    await harness.send(siti, "/dataku");
    expect(harness.lastText(siti)).toBe("Kami tidak menyimpan data pribadi Anda.");
    expect(harness.telegram.callsOf("sendDocument")).toEqual([]);
  });
});
