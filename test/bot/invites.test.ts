import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { membership, person, roleAssignment, roleInvite } from "../../src/db/schema/index.js";
import { DomainError } from "../../src/domain/errors.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { ensurePerson } from "../../src/domain/people/person.js";
import { createRoleInvite, redeemRoleInvite, ROLE_INVITE_TTL_MS } from "../../src/domain/roles/roles.js";
import { resetInviteCode, type RtDetails } from "../../src/domain/rt/rt.js";
import {
  activeRolesOf,
  addAdmin,
  addKetua,
  addKoordinator,
  addMember,
  addPending,
  addRt,
  currentMembershipOf,
  KECAMATAN_TELANAIPURA,
  newUser,
  snapshotState,
} from "../helpers/fixtures.js";
import { type TestUser, withTestBot } from "../helpers/test-bot.js";
import { joinStep } from "../../src/messages/buttons/people.js";

const { database, harness } = withTestBot();

const INVALID = "Tautan undangan ini tidak dikenal";
const EXPIRED = "Tautan ini sudah kedaluwarsa";
const USED = "Tautan ini sudah dipakai";
const CONSENT = "Data yang kami simpan";

/** The RT's member link, as the ketua gets it from /undangan. */
async function memberLinkCode(ketua: TestUser): Promise<string> {
  await harness.send(ketua, "/undangan");
  const match = /https:\/\/t\.me\/bantar_test_bot\?start=([A-Za-z0-9_-]+)/.exec(harness.lastText(ketua));
  if (!match) throw new Error(`no invite link in: ${harness.lastText(ketua)}`);
  return match[1]!;
}

/** A one-time link for the ketua of `place`, made by a koordinator of its kelurahan. */
async function ketuaLinkCode(place: RtDetails): Promise<string> {
  const koordinator = newUser("Koordinator");
  await addKoordinator(database.db, koordinator, { kelurahanCode: place.kelurahanCode });
  const actor = await loadActor(database.db, koordinator.id, []);
  return (await createRoleInvite(database.db, actor, { role: "ketua_rt", rtId: place.id }, harness.now)).code;
}

async function personOf(user: TestUser) {
  const [row] = await database.db.select().from(person).where(eq(person.telegramId, user.id));
  return row;
}

async function ketuaGrants(rtId: number) {
  return database.db.select().from(roleAssignment).where(and(eq(roleAssignment.rtId, rtId), eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt)));
}

async function membershipRowsOf(user: TestUser) {
  const found = await personOf(user);
  return found ? database.db.select().from(membership).where(eq(membership.personId, found.id)) : [];
}

/** Consent, name, household and the summary of a one-time ketua link. */
async function takeKetuaLink(user: TestUser, code: string, name: string, household: string): Promise<void> {
  await harness.send(user, `/start ${code}`);
  await harness.press(user, "Saya setuju");
  expect(harness.lastText(user)).toContain("Siapa nama Anda?");
  await harness.send(user, name);
  await harness.press(user, "saja");
  await harness.send(user, household);
  expect(harness.lastText(user)).toContain(`Nama: ${name}`);
}

describe("the RT's member link", () => {
  it("skips the kecamatan, kelurahan and RT questions and sends the request to that RT's ketua", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Pak", "Ketua");
    await addKetua(database.db, ketua, place.id);
    const code = await memberLinkCode(ketua);
    expect(code).toBe(place.inviteCode);

    const siti = newUser("Siti");
    await harness.send(siti, `/start ${code}`);
    expect(harness.lastText(siti)).toContain(CONSENT);
    await harness.press(siti, "Saya setuju");
    expect(harness.telegram.textsTo(siti.id)).toContainEqual("Anda diundang bergabung ke RT 05 Kelurahan Simpang IV Sipin, Kecamatan Telanaipura.");
    expect(harness.lastText(siti)).toContain("Siapa nama Anda?");
    await harness.send(siti, "Siti Aminah");
    await harness.press(siti, "saja");
    expect(harness.lastText(siti)).toContain("kepala keluarga di kartu keluarga (KK)");
    await harness.send(siti, "No. 12B");
    expect(harness.lastText(siti)).toContain("RT 05 Kelurahan Simpang IV Sipin");
    expect(harness.lastText(siti)).toContain("KK: No. 12B");
    await harness.press(siti, "Kirim permintaan");

    expect(harness.lastText(siti)).toContain("sudah dikirim ke ketua RT 05");
    const texts = harness.telegram.textsTo(siti.id).join("\n");
    expect(texts).not.toContain("Pilih kecamatan");
    expect(texts).not.toContain("Pilih kelurahan");
    expect(texts).not.toContain("Pilih RT");
    expect(await currentMembershipOf(database.db, siti.id)).toMatchObject({ rtId: place.id, status: "pending", householdLabel: "No. 12B" });
    expect((await personOf(siti))?.displayName).toBe("Siti Aminah");
    expect(harness.lastText(ketua)).toContain("Siti Aminah");
    expect(harness.buttons(ketua)).toEqual(["✅ Setujui", "❌ Tolak"]);
  });

  it("tells an active member of another RT to /keluar first, and stores nothing", async () => {
    const home = await addRt(database.db, 1);
    const other = await addRt(database.db, 2);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, other.id);
    const budi = newUser("Budi");
    await addMember(database.db, budi, home.id);
    const code = await memberLinkCode(ketua);
    const before = await snapshotState(database.db);

    await harness.send(budi, `/start ${code}`);
    expect(harness.lastText(budi)).toBe("Anda sudah menjadi warga RT lain. Kirim /keluar dulu jika ingin pindah RT.");
    expect(await snapshotState(database.db)).toEqual(before);
    // No conversation was started: a text now gets the plain fallback, not a registration prompt.
    await harness.send(budi, "Budi Santoso");
    expect(harness.lastText(budi)).toContain("belum mengerti");
  });

  it("tells a member of the same RT that they are already in it", async () => {
    const place = await addRt(database.db, 3);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    const rina = newUser("Rina");
    await addMember(database.db, rina, place.id);
    const before = await snapshotState(database.db);

    await harness.send(rina, `/start ${place.inviteCode}`);
    expect(harness.lastText(rina)).toBe("Anda sudah menjadi warga RT ini.");
    // The ketua opening their own link is told the same.
    await harness.send(ketua, `/start ${place.inviteCode}`);
    expect(harness.lastText(ketua)).toBe("Anda sudah menjadi warga RT ini.");
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("moves a pending request to the RT of the link, keeping the old one as history", async () => {
    const first = await addRt(database.db, 1);
    const second = await addRt(database.db, 2);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, second.id);
    const dewi = newUser("Dewi");
    await addPending(database.db, dewi, first.id);

    await harness.send(dewi, `/start ${second.inviteCode}`);
    // Consent was given before, so the link goes straight to the RT, and the question of replacing the first.
    expect(harness.telegram.textsTo(dewi.id).join("\n")).not.toContain(CONSENT);
    expect(harness.lastText(dewi)).toBe("Permintaan Anda ke RT 01 Kelurahan Simpang IV Sipin masih menunggu. Ganti dengan RT 02 Kelurahan Simpang IV Sipin?");
    await harness.press(dewi, "Ya, ganti");
    await harness.send(dewi, "Dewi Lestari");
    await harness.press(dewi, "saja");
    await harness.send(dewi, "No. 4");
    await harness.press(dewi, "Kirim permintaan");
    const rows = await membershipRowsOf(dewi);
    expect(rows.map((row) => [row.rtId, row.status, row.endReason])).toEqual([
      [first.id, "left", "withdrawn"],
      [second.id, "pending", null],
    ]);
  });

  it("stops working once the ketua makes a new one", async () => {
    const place = await addRt(database.db, 6);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    const fresh = await resetInviteCode(database.db, place.id);
    expect(fresh).not.toBe(place.inviteCode);

    const user = newUser("Lama");
    await harness.send(user, `/start ${place.inviteCode}`);
    expect(harness.lastText(user)).toContain(INVALID);
    await harness.send(user, `/start ${fresh}`);
    expect(harness.lastText(user)).toContain(CONSENT);
  });
});

describe("the one-time ketua link", () => {
  it("makes whoever opens it the ketua RT and an active member", async () => {
    const place = await addRt(database.db, 8);
    const code = await ketuaLinkCode(place);
    const hasan = newUser("Hasan");

    await harness.send(hasan, `/start ${code}`);
    expect(harness.lastText(hasan)).toContain(CONSENT);
    await harness.press(hasan, "Saya setuju");
    expect(harness.telegram.textsTo(hasan.id)).toContainEqual("Tautan ini menjadikan Anda ketua RT 08 Kelurahan Simpang IV Sipin, Kecamatan Telanaipura.");
    await harness.send(hasan, "Hasan Basri");
    await harness.press(hasan, "saja");
    await harness.send(hasan, "Keluarga Pak Hasan");
    expect(harness.lastText(hasan)).toContain("Ketua RT 08 Kelurahan Simpang IV Sipin");
    await harness.press(hasan, "Ya, lanjutkan");

    expect(harness.lastText(hasan)).toContain("Selamat, Anda sekarang ketua RT 08 Kelurahan Simpang IV Sipin!");
    expect(await activeRolesOf(database.db, hasan.id)).toEqual([`ketua_rt:${place.id}`]);
    expect(await currentMembershipOf(database.db, hasan.id)).toMatchObject({ rtId: place.id, status: "active", householdLabel: "Keluarga Pak Hasan" });
    const stored = await personOf(hasan);
    expect(stored).toMatchObject({ displayName: "Hasan Basri", consentedAt: harness.now });
    const [invite] = await database.db.select().from(roleInvite).where(eq(roleInvite.code, code));
    expect(invite).toMatchObject({ usedBy: stored!.id, usedAt: harness.now });

    // The new ketua now has the ketua's commands.
    await harness.send(hasan, "/anggota");
    expect(harness.lastText(hasan)).toContain("Warga RT 08 Kelurahan Simpang IV Sipin: 1 anggota aktif");
  });

  it("still works a minute before its seventh day ends", async () => {
    const place = await addRt(database.db, 8);
    const code = await ketuaLinkCode(place);
    harness.now = new Date(harness.now.getTime() + ROLE_INVITE_TTL_MS - 60_000);
    const user = newUser("Tepat");
    await takeKetuaLink(user, code, "Tepat Waktu", "No. 1");
    await harness.press(user, "Ya, lanjutkan");
    expect(harness.lastText(user)).toContain("Selamat, Anda sekarang ketua RT 08");
    expect(await activeRolesOf(database.db, user.id)).toEqual([`ketua_rt:${place.id}`]);
  });

  it("is refused after seven days, storing nothing", async () => {
    const place = await addRt(database.db, 8);
    const code = await ketuaLinkCode(place);
    const before = await snapshotState(database.db);
    harness.now = new Date(harness.now.getTime() + ROLE_INVITE_TTL_MS + 60_000);
    const late = newUser("Telat");

    await harness.send(late, `/start ${code}`);
    expect(harness.lastText(late)).toBe("Tautan ini sudah kedaluwarsa. Minta tautan baru kepada koordinator Anda.");
    expect(harness.telegram.textsTo(late.id).join("\n")).not.toContain(CONSENT);
    expect(await snapshotState(database.db)).toEqual(before);
    expect(await ketuaGrants(place.id)).toEqual([]);
  });

  it("is refused at the confirmation when it expired while the form was being filled in", async () => {
    const place = await addRt(database.db, 8);
    const code = await ketuaLinkCode(place);
    harness.now = new Date(harness.now.getTime() + ROLE_INVITE_TTL_MS - 60_000);
    const slow = newUser("Lambat");
    await takeKetuaLink(slow, code, "Lambat Sekali", "No. 2");
    harness.now = new Date(harness.now.getTime() + 2 * 60_000);
    await harness.press(slow, "Ya, lanjutkan");
    expect(harness.lastText(slow)).toContain(EXPIRED);
    expect(await ketuaGrants(place.id)).toEqual([]);
    expect(await currentMembershipOf(database.db, slow.id)).toBeUndefined();
  });

  it("cannot be used a second time by someone else", async () => {
    const place = await addRt(database.db, 8);
    const code = await ketuaLinkCode(place);
    const first = newUser("Pertama");
    await takeKetuaLink(first, code, "Orang Pertama", "No. 1");
    await harness.press(first, "Ya, lanjutkan");
    const before = await snapshotState(database.db);

    const second = newUser("Kedua");
    await harness.send(second, `/start ${code}`);
    expect(harness.lastText(second)).toBe("Tautan ini sudah dipakai. Setiap tautan ketua RT/koordinator hanya berlaku satu kali.");
    expect(await snapshotState(database.db)).toEqual(before);
    expect(await activeRolesOf(database.db, first.id)).toEqual([`ketua_rt:${place.id}`]);
  });

  it("tells the one who used it that it is used, rather than starting over", async () => {
    const place = await addRt(database.db, 8);
    const code = await ketuaLinkCode(place);
    const user = newUser("Ulang");
    await takeKetuaLink(user, code, "Ulang Lagi", "No. 1");
    await harness.press(user, "Ya, lanjutkan");
    const before = await snapshotState(database.db);
    await harness.send(user, `/start ${code}`);
    expect(harness.lastText(user)).toContain(USED);
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("lets only the first of two people who opened it become ketua", async () => {
    const place = await addRt(database.db, 8);
    const code = await ketuaLinkCode(place);
    const fast = newUser("Cepat");
    const slow = newUser("Lambat");
    await takeKetuaLink(fast, code, "Orang Cepat", "No. 1");
    await takeKetuaLink(slow, code, "Orang Lambat", "No. 2");
    await harness.press(fast, "Ya, lanjutkan");
    await harness.press(slow, "Ya, lanjutkan");

    expect(harness.lastText(fast)).toContain("Selamat, Anda sekarang ketua RT 08");
    expect(harness.lastText(slow)).toContain(USED);
    expect(await activeRolesOf(database.db, fast.id)).toEqual([`ketua_rt:${place.id}`]);
    expect(await activeRolesOf(database.db, slow.id)).toEqual([]);
    expect(await currentMembershipOf(database.db, slow.id)).toBeUndefined();
  });

  it("grants once when confirm is tapped twice or the update is redelivered", async () => {
    const place = await addRt(database.db, 8);
    const code = await ketuaLinkCode(place);
    const user = newUser("Ganda");
    await takeKetuaLink(user, code, "Ganda Dua", "No. 2");
    const { messageId } = harness.telegram.lastKeyboardIn(user.id);
    const confirm = await harness.press(user, "Ya, lanjutkan");
    await harness.deliver(confirm); // Telegram redelivers the same update
    await harness.deliver(harness.callbackUpdate(user, joinStep.data({ step: "send" }), messageId)); // a second tap on the same button
    harness.restart();
    await harness.deliver(harness.callbackUpdate(user, joinStep.data({ step: "send" }), messageId)); // and a third, after a restart

    expect(await ketuaGrants(place.id)).toHaveLength(1);
    expect(await membershipRowsOf(user)).toHaveLength(1);
    expect(harness.telegram.textsTo(user.id).filter((text) => text.includes("Selamat, Anda sekarang ketua"))).toHaveLength(1);
  });

  it("makes an active member of that RT its ketua, replacing the previous ketua", async () => {
    const place = await addRt(database.db, 8);
    const oldKetua = newUser("Lama");
    await addKetua(database.db, oldKetua, place.id);
    const warga = newUser("Warga");
    const { membershipId } = await addMember(database.db, warga, place.id, "Rumah 9");
    const code = await ketuaLinkCode(place);

    await harness.send(warga, `/start ${code}`);
    await harness.send(warga, "Warga Baru");
    await harness.press(warga, "saja");
    await harness.send(warga, "Rumah 9A");
    await harness.press(warga, "Ya, lanjutkan");

    expect(await activeRolesOf(database.db, warga.id)).toEqual([`ketua_rt:${place.id}`]);
    expect(await activeRolesOf(database.db, oldKetua.id)).toEqual([]);
    expect(await currentMembershipOf(database.db, warga.id)).toEqual({ id: membershipId, rtId: place.id, status: "active", householdLabel: "Rumah 9A" });
  });

  it("tells an active member of another RT to /keluar first, before asking anything", async () => {
    const home = await addRt(database.db, 1);
    const place = await addRt(database.db, 8);
    const budi = newUser("Budi");
    await addMember(database.db, budi, home.id);
    const code = await ketuaLinkCode(place);
    const before = await snapshotState(database.db);

    await harness.send(budi, `/start ${code}`);
    expect(harness.lastText(budi)).toBe("Anda sudah menjadi warga RT lain. Kirim /keluar dulu jika ingin pindah RT.");
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("a koordinator link makes the opener koordinator of the area, without an RT", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const actor = await loadActor(database.db, admin.id, []);
    const { code } = await createRoleInvite(database.db, actor, { role: "koordinator", kecamatanCode: KECAMATAN_TELANAIPURA }, harness.now);
    const user = newUser("Pendamping");

    await harness.send(user, `/start ${code}`);
    await harness.press(user, "Saya setuju");
    expect(harness.telegram.textsTo(user.id)).toContainEqual("Tautan ini menjadikan Anda koordinator Kecamatan Telanaipura.");
    await harness.send(user, "Ibu Pendamping");
    await harness.press(user, "saja");
    expect(harness.lastText(user)).toContain("Koordinator Kecamatan Telanaipura");
    await harness.press(user, "Ya, lanjutkan");
    expect(harness.lastText(user)).toContain("Selamat, Anda sekarang koordinator Kecamatan Telanaipura");
    expect(await activeRolesOf(database.db, user.id)).toEqual([`koordinator:${KECAMATAN_TELANAIPURA}`]);
    expect(await currentMembershipOf(database.db, user.id)).toBeUndefined();
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("lets exactly one of two people racing on two connections win (real PostgreSQL)", async () => {
    const place = await addRt(database.db, 8);
    const code = await ketuaLinkCode(place);
    const racers = await Promise.all([newUser("Satu"), newUser("Dua")].map((user) => ensurePerson(database.db, user.id)));
    const second = await openDatabase({ kind: "postgres", url: database.url! });
    try {
      for (let round = 0; round < 5; round++) {
        if (round > 0) {
          await database.db.update(roleInvite).set({ usedBy: null, usedAt: null }).where(eq(roleInvite.code, code));
          await database.db.delete(roleAssignment).where(eq(roleAssignment.rtId, place.id));
          await database.db.delete(membership).where(eq(membership.rtId, place.id));
        }
        const results = await Promise.allSettled([
          redeemRoleInvite(database.db, { code, personId: racers[0]!, displayName: "Satu", householdLabel: "No. 1" }, harness.now),
          redeemRoleInvite(second.db, { code, personId: racers[1]!, displayName: "Dua", householdLabel: "No. 2" }, harness.now),
        ]);
        const won = results.filter((result) => result.status === "fulfilled");
        const lost = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]!.reason).toBeInstanceOf(DomainError);
        expect((lost[0]!.reason as DomainError).code).toBe("invite-used");
        const grants = await ketuaGrants(place.id);
        expect(grants).toHaveLength(1);
        const [invite] = await database.db.select().from(roleInvite).where(eq(roleInvite.code, code));
        expect(invite?.usedBy).toBe(grants[0]!.personId);
        expect(await database.db.select().from(membership).where(eq(membership.rtId, place.id))).toHaveLength(1);
      }
    } finally {
      await second.close();
    }
  });
});

describe("a link that is not one", () => {
  const swapCase = (text: string) => [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");

  it.each<[string, (place: RtDetails) => string]>([
    ["a random code", () => "Zq8xK2mP4n"],
    ["SQL", () => "'; DROP TABLE rt;--"],
    ["emoji", () => "🏠🏠🏠"],
    ["65 characters", () => "a".repeat(65)],
    ["64 characters nobody issued", () => "b".repeat(64)],
    ["a code with a space", () => "abc def"],
    ["an RT code in the wrong case", (place) => swapCase(place.inviteCode)],
    ["an RT code with something after it", (place) => `${place.inviteCode}x`],
  ])("%s gets the invalid-invite message and stores nothing", async (_label, payload) => {
    const place = await addRt(database.db, 5);
    await addKetua(database.db, newUser("Ketua"), place.id);
    const before = await snapshotState(database.db);
    const user = newUser("Tamu");

    await harness.send(user, `/start ${payload(place)}`);
    expect(harness.lastText(user)).toBe("Tautan undangan ini tidak dikenal. Minta tautan baru kepada ketua RT atau koordinator Anda.");
    expect(await snapshotState(database.db)).toEqual(before);
    expect(await personOf(user)).toBeUndefined();
  });

  it("an empty payload is a plain /start: the consent screen, nothing stored yet", async () => {
    const before = await snapshotState(database.db);
    const user = newUser("Kosong");
    await harness.send(user, "/start ");
    expect(harness.lastText(user)).toContain(CONSENT);
    expect(harness.telegram.textsTo(user.id).join("\n")).not.toContain(INVALID);
    expect(await snapshotState(database.db)).toEqual({ ...before, bot_state: expect.anything() });
    expect(await personOf(user)).toBeUndefined();
  });

  it("keeps the database intact after SQL in the payload", async () => {
    const place = await addRt(database.db, 5);
    await harness.send(newUser("Iseng"), "/start '; DROP TABLE rt;--");
    await harness.send(newUser("Iseng"), "/start 1' OR '1'='1");
    const user = newUser("Warga");
    await harness.send(user, `/start ${place.inviteCode}`);
    expect(harness.lastText(user)).toContain(CONSENT);
  });
});
