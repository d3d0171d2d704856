import { and, asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { kecamatan, kelurahan, membership, roleAssignment, roleInvite, rt } from "../../src/db/schema/index.js";
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
  KELURAHAN_BULURAN_KENALI,
  KELURAHAN_PAYO_SELINCAH,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
  snapshotState,
} from "../helpers/fixtures.js";
import { ketuaLink } from "../../src/messages/buttons/people.js";
import { photoUpdate, pressData, TestBot, type TestUser, withTestBot } from "../helpers/test-bot.js";

const kit = withTestBot();
const database = kit.database;
let harness: TestBot;
beforeEach(() => {
  harness = kit.harness;
});

const DAY_MS = 24 * 60 * 60 * 1000;
/** The fixture's code 15.71.11.1001 is Kelurahan Talang Bakung (Kecamatan Paal Merah), whatever its name says. */
const KELURAHAN_TALANG_BAKUNG = KELURAHAN_PAYO_SELINCAH;
const LINK = /https:\/\/t\.me\/bantar_test_bot\?start=([A-Za-z0-9_-]+)/;

function linkCode(text: string): string {
  const match = LINK.exec(text);
  if (!match) throw new Error(`no deep link in: ${text}`);
  return match[1]!;
}

async function kelurahanNamesOf(kecamatanCode: string): Promise<string[]> {
  const rows = await database.db.select({ name: kelurahan.name }).from(kelurahan).where(eq(kelurahan.kecamatanCode, kecamatanCode)).orderBy(asc(kelurahan.name));
  return rows.map((row) => row.name);
}

/** Pages through a paged picker, collecting every choice label (without ◀ ▶, page numbers and Batal). */
async function allChoices(user: TestUser): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    const labels = harness.buttons(user);
    seen.push(...labels.filter((label) => !["◀", "▶", "Batal"].includes(label) && !/^\d+\/\d+$/.test(label)));
    if (!labels.includes("▶")) return seen;
    await harness.press(user, "▶");
  }
}

/** Presses a choice in a paged picker, turning pages forward until it appears. */
async function pickPaged(user: TestUser, label: string): Promise<void> {
  while (!harness.buttons(user).includes(label)) await harness.press(user, "▶");
  await harness.press(user, label);
}

async function rtsIn(kelurahanCode: string) {
  return database.db.select().from(rt).where(eq(rt.kelurahanCode, kelurahanCode)).orderBy(asc(rt.number));
}

/** Opens a one-time ketua link as a new person and answers every question. */
async function takeKetuaLink(user: TestUser, code: string, name: string, household: string): Promise<void> {
  await harness.send(user, `/start ${code}`);
  expect(harness.lastText(user)).toContain("Data yang kami simpan");
  await harness.press(user, "Saya setuju");
  expect(harness.telegram.textsTo(user.id)).toContain("Tautan ini menjadikan Anda ketua RT 12 Kelurahan Simpang IV Sipin, Kecamatan Telanaipura.");
  await harness.send(user, name);
  await harness.press(user, "saja");
  await harness.send(user, household);
  expect(harness.lastText(user)).toContain(`Ketua RT 12 Kelurahan Simpang IV Sipin`);
  await harness.press(user, "Ya, lanjutkan");
}

describe("/buatrt", () => {
  it("as koordinator of a kelurahan: offers only that kelurahan, re-asks hostile numbers, gives a working ketua link", async () => {
    const koordinator = newUser("Koor");
    const koordinatorId = await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });

    await harness.send(koordinator, "/buatrt");
    expect(harness.lastText(koordinator)).toBe("Kecamatan Telanaipura. Pilih kelurahan:");
    expect(harness.buttons(koordinator)).toEqual(["Simpang IV Sipin", "Batal"]);
    await harness.press(koordinator, "Simpang IV Sipin");
    expect(harness.lastText(koordinator)).toBe("Kelurahan Simpang IV Sipin. Nomor RT berapa? Tulis angkanya saja, misalnya 5.");

    const hostile: [string, string][] = [
      ["0", "Angka harus antara 1 dan 999."],
      ["1000", "Angka harus antara 1 dan 999."],
      ["-3", "Angka harus antara 1 dan 999."],
      ["5a", "Itu bukan angka. Tulis angkanya saja, dari 1 sampai 999."],
      ["RT 5", "Itu bukan angka. Tulis angkanya saja, dari 1 sampai 999."],
      ["🏠", "Itu bukan angka. Tulis angkanya saja, dari 1 sampai 999."],
      ["2,5", "Harus bilangan bulat, tanpa koma, dari 1 sampai 999."],
      ["1; DROP TABLE rt; --", "Itu bukan angka. Tulis angkanya saja, dari 1 sampai 999."],
      ["' OR '1'='1", "Itu bukan angka. Tulis angkanya saja, dari 1 sampai 999."],
    ];
    for (const [text, answer] of hostile) {
      await harness.send(koordinator, text);
      expect(harness.lastText(koordinator)).toBe(answer);
    }
    await harness.deliver(photoUpdate(harness, koordinator));
    expect(harness.lastText(koordinator)).toBe("Mohon jawab dengan teks, atau kirim /batal untuk berhenti.");
    expect(await rtsIn(KELURAHAN_SIMPANG_IV_SIPIN)).toEqual([]);

    await harness.send(koordinator, "12");
    expect(harness.lastText(koordinator)).toBe("Berapa jumlah KK di RT ini? Tulis 0 jika belum tahu.");
    await harness.send(koordinator, "sembilan puluh");
    expect(harness.lastText(koordinator)).toBe("Itu bukan angka. Tulis angkanya saja, dari 0 sampai 10.000.");
    await harness.send(koordinator, "90");

    const created = harness.lastText(koordinator);
    expect(created).toContain("RT 12 Kelurahan Simpang IV Sipin, Kecamatan Telanaipura sudah terdaftar.");
    expect(created).toContain("29 November 2026"); // seven days from 22 November
    expect(created).toContain("WIB");
    const [place] = await rtsIn(KELURAHAN_SIMPANG_IV_SIPIN);
    expect(place).toMatchObject({ number: 12, householdCount: 90, createdBy: koordinatorId });
    const code = linkCode(created);
    const [invite] = await database.db.select().from(roleInvite).where(eq(roleInvite.code, code));
    expect(invite).toMatchObject({ role: "ketua_rt", rtId: place!.id, createdBy: koordinatorId, usedBy: null });

    const newKetua = newUser("Hasan");
    await takeKetuaLink(newKetua, code, "Hasan Basri", "No. 1");
    expect(harness.lastText(newKetua)).toBe(
      "Selamat, Anda sekarang ketua RT 12 Kelurahan Simpang IV Sipin! Bagikan tautan undangan warga dengan /undangan, dan lihat perintah lain di /bantuan.",
    );
    expect(await activeRolesOf(database.db, newKetua.id)).toEqual([`ketua_rt:${place!.id}`]);
    expect(await currentMembershipOf(database.db, newKetua.id)).toMatchObject({ rtId: place!.id, status: "active", householdLabel: "No. 1" });
    await harness.send(newKetua, "/anggota");
    expect(harness.lastText(newKetua)).toContain("Warga RT 12 Kelurahan Simpang IV Sipin: 1 anggota aktif, 90 KK terdata.");
    expect(harness.lastText(newKetua)).toContain("Hasan Basri — No. 1 (ketua RT)");

    // One time only: the next person is refused, and the ketua stays who they are.
    const other = newUser("Lain");
    await harness.send(other, `/start ${code}`);
    expect(harness.telegram.textsTo(other.id)).toEqual(["Tautan ini sudah dipakai. Setiap tautan ketua RT/koordinator hanya berlaku satu kali."]);
    expect(await activeRolesOf(database.db, other.id)).toEqual([]);
  });

  it("as koordinator of a kecamatan: offers exactly that kecamatan's kelurahan", async () => {
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kecamatanCode: KECAMATAN_TELANAIPURA });
    await harness.send(koordinator, "/buatrt");
    expect(harness.lastText(koordinator)).toBe("Kecamatan Telanaipura. Pilih kelurahan:");
    const offered = await allChoices(koordinator);
    expect(offered).toEqual(await kelurahanNamesOf(KECAMATAN_TELANAIPURA));
    expect(offered).toContain("Buluran Kenali");
    expect(offered).not.toContain("Payo Selincah");

    await pickPaged(koordinator, "Buluran Kenali");
    await harness.send(koordinator, "3");
    await harness.send(koordinator, "0");
    expect(harness.lastText(koordinator)).toContain("RT 03 Kelurahan Buluran Kenali, Kecamatan Telanaipura sudah terdaftar.");
    expect((await rtsIn(KELURAHAN_BULURAN_KENALI)).map((row) => [row.number, row.householdCount])).toEqual([[3, 0]]);
  });

  it("as admin: offers all 11 kecamatan of Kota Jambi, and any kelurahan", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    await harness.send(admin, "/buatrt");
    expect(harness.lastText(admin)).toBe("Pilih kecamatan:");
    const offered = await allChoices(admin);
    const expected = (await database.db.select({ name: kecamatan.name }).from(kecamatan).where(eq(kecamatan.regencyCode, "15.71")).orderBy(asc(kecamatan.name))).map((row) => row.name);
    expect(expected).toHaveLength(11);
    expect(offered).toEqual(expected);

    await pickPaged(admin, "Paal Merah");
    expect(await allChoices(admin)).toEqual(await kelurahanNamesOf("15.71.11"));
    await harness.send(admin, "/batal");
    await harness.send(admin, "/buatrt");
    await pickPaged(admin, "Paal Merah");
    await pickPaged(admin, "Payo Selincah");
    await harness.send(admin, "7");
    await harness.send(admin, "150");
    expect(harness.lastText(admin)).toContain("RT 07 Kelurahan Payo Selincah, Kecamatan Paal Merah sudah terdaftar.");
    expect(harness.lastText(admin)).toMatch(LINK);
  });

  it("as a bootstrap admin who never wrote to the bot: creates the RT and its ketua link", async () => {
    const boss = newUser("Kepala", "Dinas");
    harness = new TestBot(database.db, { adminTelegramIds: [boss.id] });
    await harness.send(boss, "/buatrt");
    await pickPaged(boss, "Telanaipura");
    await pickPaged(boss, "Simpang IV Sipin");
    await harness.send(boss, "12");
    await harness.send(boss, "30");
    const created = harness.lastText(boss);
    expect(created).toContain("RT 12 Kelurahan Simpang IV Sipin, Kecamatan Telanaipura sudah terdaftar.");

    const newKetua = newUser("Hasan");
    await takeKetuaLink(newKetua, linkCode(created), "Hasan Basri", "No. 1");
    const [place] = await rtsIn(KELURAHAN_SIMPANG_IV_SIPIN);
    expect(await activeRolesOf(database.db, newKetua.id)).toEqual([`ketua_rt:${place!.id}`]);
  });

  it("refuses a duplicate RT number clearly and creates nothing", async () => {
    await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN);
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await harness.send(koordinator, "/buatrt");
    await harness.press(koordinator, "Simpang IV Sipin");
    await harness.send(koordinator, "5");
    await harness.send(koordinator, "60");
    expect(harness.lastText(koordinator)).toMatch(/^RT 0?5 sudah terdaftar di kelurahan ini\./);
    expect(harness.lastText(koordinator)).not.toMatch(LINK);
    expect((await rtsIn(KELURAHAN_SIMPANG_IV_SIPIN)).map((row) => [row.number, row.householdCount])).toEqual([[5, 40]]);
    expect(await database.db.select().from(roleInvite)).toEqual([]);
  });

  it("creates no RT when the koordinator's role ends before the RT is saved", async () => {
    const koordinator = newUser("Koor");
    const koordinatorId = await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await harness.send(koordinator, "/buatrt");
    await harness.press(koordinator, "Simpang IV Sipin");
    await harness.send(koordinator, "12");
    await database.db.update(roleAssignment).set({ revokedAt: harness.now }).where(eq(roleAssignment.personId, koordinatorId));
    await harness.send(koordinator, "60");
    // Stopped at this answer, before the save: the form checks the area again with every answer.
    expect(harness.lastText(koordinator)).toBe("Maaf, isian ini dihentikan: peran atau wilayah tugas Anda sudah berubah, jadi Anda tidak lagi berwenang atas isian ini. Langkah terakhir tidak dijalankan.");
    // Nothing half-made: no RT without a ketua link, which would also block a retry as a duplicate.
    expect(await rtsIn(KELURAHAN_SIMPANG_IV_SIPIN)).toEqual([]);
    expect(await database.db.select().from(roleInvite)).toEqual([]);
  });

  it("stops with nothing created when cancelled at the kelurahan", async () => {
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kecamatanCode: KECAMATAN_TELANAIPURA });
    const before = await snapshotState(database.db);
    await harness.send(koordinator, "/buatrt");
    await harness.press(koordinator, "Batal");
    expect(harness.lastText(koordinator)).toBe("Dibatalkan. Tidak ada yang diubah.");
    await harness.send(koordinator, "12");
    expect(harness.lastText(koordinator)).toBe("Maaf, saya belum mengerti. Ketik /bantuan untuk melihat perintah.");
    // Nothing stored, not even the finished conversation.
    expect(await snapshotState(database.db)).toEqual(before);
  });
});

describe("/daftarrt", () => {
  async function buildRts() {
    const rt1 = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN, 120);
    await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN, 0);
    const rt3 = await addRt(database.db, 3, KELURAHAN_BULURAN_KENALI, 55);
    const rt4 = await addRt(database.db, 4, KELURAHAN_TALANG_BAKUNG, 80);
    await addKetua(database.db, newUser("Ketua"), rt1.id);
    await addMember(database.db, newUser("Budi"), rt1.id);
    await addPending(database.db, newUser("Citra"), rt1.id);
    // Someone who left is history, not a member.
    const gone = await addMember(database.db, newUser("Pergi"), rt1.id);
    await database.db.update(membership).set({ status: "left" }).where(and(eq(membership.id, gone.membershipId)));
    await addMember(database.db, newUser("Dedi"), rt3.id);
    await addPending(database.db, newUser("Eka"), rt4.id);
  }

  it("shows a kelurahan koordinator the RTs of that kelurahan, with member counts", async () => {
    await buildRts();
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await harness.send(koordinator, "/daftarrt");
    expect(harness.telegram.textsTo(koordinator.id)).toEqual([
      [
        "RT di wilayah Anda (2):",
        "",
        "📍 Simpang IV Sipin, Kec. Telanaipura",
        "• RT 01: 2 warga aktif, 1 menunggu, 120 KK",
        "• RT 02: 0 warga aktif, 0 menunggu, 0 KK · ⚠️ belum ada ketua",
        "",
        "1 RT belum punya ketua. Buat tautan ketuanya dengan tombol di bawah, lalu kirim kepada calon ketua RT. Selama belum ada ketua, permintaan bergabung ke RT itu dikirim kepada koordinator wilayahnya.",
      ].join("\n"),
    ]);
    expect(harness.buttons(koordinator)).toEqual(["Tautan ketua RT 02 · Simpang IV Sipin", "Bertindak untuk RT 02"]);
  });

  it("gives the ketua link of an RT without a ketua from the list, and the RT leaves that list once its ketua joins", async () => {
    await buildRts();
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kecamatanCode: KECAMATAN_TELANAIPURA });
    await harness.send(koordinator, "/daftarrt");
    expect(harness.buttons(koordinator)).toEqual(["Tautan ketua RT 03 · Buluran Kenali", "Bertindak untuk RT 03", "Tautan ketua RT 02 · Simpang IV Sipin", "Bertindak untuk RT 02"]);
    await harness.press(koordinator, "Tautan ketua RT 03");
    expect(harness.lastText(koordinator)).toContain("Buat tautan ketua baru untuk RT 03 Kelurahan Buluran Kenali?");
    await harness.press(koordinator, "Buat tautan");
    const code = linkCode(harness.lastText(koordinator));

    const dedi = newUser("Dedi");
    await harness.send(dedi, `/start ${code}`);
    await harness.press(dedi, "Saya setuju");
    await harness.send(dedi, "Dedi Saputra");
    await harness.press(dedi, "Pak Dedi Saputra");
    await harness.send(dedi, "No. 3");
    await harness.press(dedi, "Ya, lanjutkan");
    expect(await activeRolesOf(database.db, dedi.id)).toEqual([expect.stringMatching(/^ketua_rt:/)]);
    // The link made a ketua: their own menu holds the ketua's commands.
    expect(harness.telegram.menuShownTo(dedi.id)).toEqual(expect.arrayContaining(["anggota", "acara", "umumkan"]));

    await harness.send(koordinator, "/daftarrt");
    expect(harness.lastText(koordinator)).toContain("• RT 03: 2 warga aktif, 0 menunggu, 55 KK\n");
    expect(harness.buttons(koordinator)).toEqual(["Tautan ketua RT 02 · Simpang IV Sipin", "Bertindak untuk RT 02"]);
  });

  it("refuses a ketua-link button for an RT outside the koordinator's area", async () => {
    await buildRts();
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const [outside] = await database.db.select().from(rt).where(eq(rt.number, 3));
    const before = await database.db.select().from(roleInvite);
    await pressData(harness, koordinator, ketuaLink.data({ step: "confirm", rt: outside!.id }));
    expect(await database.db.select().from(roleInvite)).toEqual(before);
  });

  it("shows a kecamatan koordinator every RT in the kecamatan and none outside it", async () => {
    await buildRts();
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kecamatanCode: KECAMATAN_TELANAIPURA });
    await harness.send(koordinator, "/daftarrt");
    const text = harness.lastText(koordinator);
    expect(text).toContain("RT di wilayah Anda (3):");
    expect(text).toContain("📍 Buluran Kenali, Kec. Telanaipura\n• RT 03: 1 warga aktif, 0 menunggu, 55 KK");
    expect(text).toContain("• RT 01: 2 warga aktif, 1 menunggu, 120 KK");
    expect(text).not.toContain("Paal Merah");
    expect(text).not.toContain("RT 04");
  });

  it("shows an admin the whole city, and a koordinator with no RT yet a pointer to /buatrt", async () => {
    await buildRts();
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    await harness.send(admin, "/daftarrt");
    expect(harness.lastText(admin)).toContain("RT di wilayah Anda (4):");
    expect(harness.lastText(admin)).toContain("📍 Talang Bakung, Kec. Paal Merah\n• RT 04: 0 warga aktif, 1 menunggu, 80 KK");

    const lonely = newUser("Koor");
    await addKoordinator(database.db, lonely, { kecamatanCode: "15.71.02" });
    await harness.send(lonely, "/daftarrt");
    expect(harness.lastText(lonely)).toBe("Belum ada RT terdaftar di wilayah Anda. Daftarkan dengan /buatrt.");
  });
});

describe("/angkatkoordinator", () => {
  async function appoint(admin: TestUser, level: "Kelurahan" | "Kecamatan", kecamatanName: string, kelurahanName?: string): Promise<string> {
    await harness.send(admin, "/angkatkoordinator");
    expect(harness.lastText(admin)).toBe("Koordinator untuk tingkat apa?");
    await harness.press(admin, level);
    expect(harness.lastText(admin)).toBe("Pilih kecamatan:");
    await pickPaged(admin, kecamatanName);
    if (kelurahanName) await pickPaged(admin, kelurahanName);
    return harness.lastText(admin);
  }

  /** Opens a koordinator link as a new person: consent, name, confirm. */
  async function takeKoordinatorLink(user: TestUser, code: string, name: string): Promise<void> {
    await harness.send(user, `/start ${code}`);
    await harness.press(user, "Saya setuju");
    await harness.send(user, name);
    await harness.press(user, "saja");
    await harness.press(user, "Ya, lanjutkan");
  }

  it("makes a kelurahan koordinator, who can then list that kelurahan's RTs", async () => {
    await addRt(database.db, 3, KELURAHAN_BULURAN_KENALI);
    await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN);
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const text = await appoint(admin, "Kelurahan", "Telanaipura", "Buluran Kenali");
    expect(text).toContain("Tautan untuk koordinator Kelurahan Buluran Kenali (satu kali pakai, berlaku 7 hari):");

    const koordinator = newUser("Rahmat");
    await takeKoordinatorLink(koordinator, linkCode(text), "Rahmat Hidayat");
    expect(harness.lastText(koordinator)).toContain("Selamat, Anda sekarang koordinator");
    expect(harness.lastText(koordinator)).toContain("Buluran Kenali");
    expect(await activeRolesOf(database.db, koordinator.id)).toEqual([`koordinator:${KELURAHAN_BULURAN_KENALI}`]);
    expect(await currentMembershipOf(database.db, koordinator.id)).toBeUndefined();

    await harness.send(koordinator, "/daftarrt");
    expect(harness.lastText(koordinator)).toContain("RT di wilayah Anda (1):");
    expect(harness.lastText(koordinator)).toContain("📍 Buluran Kenali, Kec. Telanaipura");
    expect(harness.lastText(koordinator)).not.toContain("Simpang IV Sipin");
  });

  it("makes a kecamatan koordinator without asking for a kelurahan", async () => {
    await addRt(database.db, 3, KELURAHAN_BULURAN_KENALI);
    await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN);
    await addRt(database.db, 4, KELURAHAN_TALANG_BAKUNG);
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const text = await appoint(admin, "Kecamatan", "Telanaipura");
    expect(text).toContain("Tautan untuk koordinator Kecamatan Telanaipura (satu kali pakai, berlaku 7 hari):");

    const koordinator = newUser("Rahmat");
    await takeKoordinatorLink(koordinator, linkCode(text), "Rahmat Hidayat");
    expect(await activeRolesOf(database.db, koordinator.id)).toEqual([`koordinator:${KECAMATAN_TELANAIPURA}`]);
    await harness.send(koordinator, "/daftarrt");
    expect(harness.lastText(koordinator)).toContain("RT di wilayah Anda (2):");
    expect(harness.lastText(koordinator)).not.toContain("Paal Merah");
  });

  it("tells the opener which area they will coordinate, kelurahan or kecamatan of the same name", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    // Telanaipura is both a kecamatan and one of its kelurahan.
    const kelurahanCode = linkCode(await appoint(admin, "Kelurahan", "Telanaipura", "Telanaipura"));
    const kecamatanCode = linkCode(await appoint(admin, "Kecamatan", "Telanaipura"));

    const small = newUser("Sari");
    await takeKoordinatorLink(small, kelurahanCode, "Sari Dewi");
    const large = newUser("Joko");
    await takeKoordinatorLink(large, kecamatanCode, "Joko Susilo");

    const smallTexts = harness.telegram.textsTo(small.id);
    expect(smallTexts).toContain("Tautan ini menjadikan Anda koordinator Kelurahan Telanaipura.");
    expect(smallTexts.at(-1)).toBe("Selamat, Anda sekarang koordinator Kelurahan Telanaipura. Lihat perintah Anda di /bantuan.");
    const largeTexts = harness.telegram.textsTo(large.id);
    expect(largeTexts).toContain("Tautan ini menjadikan Anda koordinator Kecamatan Telanaipura.");
    expect(largeTexts.some((text) => text.includes("• Koordinator Kecamatan Telanaipura"))).toBe(true);
    expect(largeTexts.at(-1)).toBe("Selamat, Anda sekarang koordinator Kecamatan Telanaipura. Lihat perintah Anda di /bantuan.");
    const [telanaipura] = await database.db.select({ code: kelurahan.code }).from(kelurahan).where(and(eq(kelurahan.name, "Telanaipura"), eq(kelurahan.kecamatanCode, KECAMATAN_TELANAIPURA)));
    expect(await activeRolesOf(database.db, small.id)).toEqual([`koordinator:${telanaipura!.code}`]);
    expect(await activeRolesOf(database.db, large.id)).toEqual([`koordinator:${KECAMATAN_TELANAIPURA}`]);
  });

  it("works for a bootstrap admin who never wrote to the bot", async () => {
    const boss = newUser("Kepala");
    harness = new TestBot(database.db, { adminTelegramIds: [boss.id] });
    const text = await appoint(boss, "Kecamatan", "Paal Merah");
    expect(text).toContain("Tautan untuk koordinator Kecamatan Paal Merah");
    const koordinator = newUser("Rahmat");
    await takeKoordinatorLink(koordinator, linkCode(text), "Rahmat Hidayat");
    expect(await activeRolesOf(database.db, koordinator.id)).toEqual(["koordinator:15.71.11"]);
  });

  it("refuses an expired link, even one opened in time but confirmed too late", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const stale = linkCode(await appoint(admin, "Kelurahan", "Telanaipura", "Buluran Kenali"));
    const slow = linkCode(await appoint(admin, "Kecamatan", "Telanaipura"));

    const late = newUser("Telat");
    harness.now = new Date(harness.now.getTime() + 8 * DAY_MS);
    await harness.send(late, `/start ${stale}`);
    expect(harness.telegram.textsTo(late.id)).toEqual(["Tautan ini sudah kedaluwarsa. Minta tautan baru kepada koordinator Anda."]);
    expect(await activeRolesOf(database.db, late.id)).toEqual([]);

    harness.now = new Date(harness.now.getTime() - 2 * DAY_MS); // day 6: still valid when opened
    const dawdler = newUser("Lambat");
    await harness.send(dawdler, `/start ${slow}`);
    await harness.press(dawdler, "Saya setuju");
    await harness.send(dawdler, "Lambat Sekali");
    await harness.press(dawdler, "saja");
    harness.now = new Date(harness.now.getTime() + 2 * DAY_MS); // day 8 at the confirmation
    await harness.press(dawdler, "Ya, lanjutkan");
    expect(harness.lastText(dawdler)).toBe("Tautan ini sudah kedaluwarsa. Minta tautan baru kepada koordinator Anda.");
    expect(await activeRolesOf(database.db, dawdler.id)).toEqual([]);
  });

  it("refuses a link that was already used, leaving the first koordinator in place", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const code = linkCode(await appoint(admin, "Kelurahan", "Telanaipura", "Buluran Kenali"));
    const first = newUser("Pertama");
    await takeKoordinatorLink(first, code, "Pertama Datang");
    const second = newUser("Kedua");
    await harness.send(second, `/start ${code}`);
    expect(harness.telegram.textsTo(second.id)).toEqual(["Tautan ini sudah dipakai. Setiap tautan ketua RT/koordinator hanya berlaku satu kali."]);
    expect(await activeRolesOf(database.db, second.id)).toEqual([]);
    expect(await activeRolesOf(database.db, first.id)).toEqual([`koordinator:${KELURAHAN_BULURAN_KENALI}`]);
  });

  it("refuses a race: two people open the same link, only the first to confirm becomes koordinator", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const code = linkCode(await appoint(admin, "Kelurahan", "Telanaipura", "Buluran Kenali"));
    const a = newUser("Ani");
    const b = newUser("Bayu");
    for (const user of [a, b]) {
      await harness.send(user, `/start ${code}`);
      await harness.press(user, "Saya setuju");
      await harness.send(user, `${user.first_name} Saja`);
      await harness.press(user, "saja");
    }
    await harness.press(a, "Ya, lanjutkan");
    await harness.press(b, "Ya, lanjutkan");
    expect(harness.lastText(b)).toBe("Tautan ini sudah dipakai. Setiap tautan ketua RT/koordinator hanya berlaku satu kali.");
    expect(await activeRolesOf(database.db, a.id)).toEqual([`koordinator:${KELURAHAN_BULURAN_KENALI}`]);
    expect(await activeRolesOf(database.db, b.id)).toEqual([]);
  });
});
