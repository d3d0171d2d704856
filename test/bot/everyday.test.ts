import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { COMMANDS, menuCommands, STRANGER } from "../../src/bot/commands.js";
import { registerCommands } from "../../src/bot/set-commands.js";
import { membership, person, roleAssignment } from "../../src/db/schema/index.js";
import { memberCode } from "../../src/domain/people/member-code.js";
import { createLogger } from "../../src/logger.js";
import {
  activeRolesOf,
  addAdmin,
  addKetua,
  addKoordinator,
  addMember,
  addPending,
  addPerson,
  addPetugas,
  addRt,
  currentMembershipOf,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
  snapshotState,
} from "../helpers/fixtures.js";
import { callbackAnswerTo, pressData, TestBot, type TestUser, withTestBot } from "../helpers/test-bot.js";
import { pick } from "../../src/messages/buttons/common.js";
import { joinPick, joinStep, leave } from "../../src/messages/buttons/people.js";

const kit = withTestBot();
const database = kit.database;
let harness: TestBot;
beforeEach(() => {
  harness = kit.harness;
});

/** The commands /bantuan lists, sorted (their order is by task: see "groups by task"). */
async function helpCommands(user: TestUser): Promise<string[]> {
  await harness.send(user, "/bantuan");
  return sorted(harness.lastText(user).split("\n").flatMap((line) => /^\/(\w+) — /.exec(line)?.[1] ?? []));
}

function sorted(commands: readonly string[]): string[] {
  return [...commands].sort();
}

const EVERYONE = ["start", "bantuan", "profil", "bahasa", "batal", "saldo", "hapusdata", "dataku", "banksampah"];
const RESIDENT = ["keluar", "jadwal", "hadir", "jadwalronda", "giliranku", "siapronda", "pengingat", "senyap", "pinjamanku", "baca", "saldo", "hapusdata", "dataku", "kas", "lapor", "laporanku"];
const KETUA = ["anggota", "keluarkan", "jumlahkk", "serahkan", "petugas", "undangan", "hubungkan", "lepasgrup", "acara", "ubahacara", "ronda", "buatjadwalronda", "aturpengingat", "kodehadir", "absen", "sesibaca", "buku", "pinjam", "kembali", "konfirmasibaca", "umumkan", "polling", "laporanrt", "banksampah", "eksporbank", "skor", "indikator", "ringkasan", "rekaptim", "bukti", "paketbukti", "nilaimandiri", "penilaian", "kascatat", "kaskoreksi", "eksporkas", "bendahara"];
const STAFF = ["lepasgrup", "umumkan", "buatrt", "daftarrt", "tautanketua", "rekaptim"];

describe("/bantuan", () => {
  it("shows a newcomer only what anyone may use", async () => {
    const user = newUser("Baru");
    expect(await helpCommands(user)).toEqual(sorted(EVERYONE));
    expect(harness.lastText(user)).toMatch(/^Perintah yang bisa Anda gunakan:\n\n▸ Umum\n\/start — Mulai dan daftar ke RT Anda\n/);
  });

  it("shows a warga /keluar but no ketua commands", async () => {
    const place = await addRt(database.db, 5);
    const siti = newUser("Siti");
    await addMember(database.db, siti, place.id);
    const commands = await helpCommands(siti);
    // /banksampah: a resident reads the bank's prices and month there.
    expect(commands).toEqual(sorted([...EVERYONE.slice(0, 5), ...RESIDENT, "banksampah", "skor", "indikator"]));
    expect(harness.lastText(siti)).toContain("/keluar — Keluar dari RT");
    expect(harness.lastText(siti)).not.toContain("/anggota");
  });

  it("shows someone still waiting for approval /keluar, to withdraw", async () => {
    const place = await addRt(database.db, 5);
    const user = newUser("Tunggu");
    await addPending(database.db, user, place.id);
    expect(await helpCommands(user)).toContain("keluar");
  });

  it("shows a ketua the ketua commands, with their descriptions", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    const commands = await helpCommands(ketua);
    expect(commands).toEqual(sorted([...EVERYONE.slice(0, 5), ...RESIDENT, ...KETUA, "tanpatelegram"]));
    expect(harness.lastText(ketua)).toContain("/anggota — Anggota RT dan permintaan bergabung");
    expect(harness.lastText(ketua)).toContain("/undangan — Tautan undangan untuk warga");
    for (const staff of ["buatrt", "daftarrt", "angkatkoordinator"]) expect(commands).not.toContain(staff);
  });

  it("shows a petugas what a warga sees, plus the attendance commands", async () => {
    const place = await addRt(database.db, 5);
    const petugas = newUser("Petugas");
    await addPetugas(database.db, petugas, place.id);
    expect(await helpCommands(petugas)).toEqual(sorted([...EVERYONE.slice(0, 5), ...RESIDENT, "kodehadir", "absen", "sesibaca", "buku", "pinjam", "kembali", "konfirmasibaca", "banksampah", "skor", "indikator", "bukti", "tanpatelegram"]));
  });

  it("shows a koordinator the RT registry but not the admin's command", async () => {
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    expect(await helpCommands(koordinator)).toEqual(sorted([...EVERYONE, ...STAFF, "eksporbank", "skor", "indikator", "nilai", "ringkasan", "ekspor", "paketbukti", "kunjungan", "kunjunganulang", "kencana", "belumdinilai", "nilaisemua", "rekap", "penilaian", "usulkan", "eksporkas"]));
  });

  it("shows an admin (from the database or from ADMIN_TELEGRAM_IDS) everything for the city", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    expect(await helpCommands(admin)).toEqual(sorted([...EVERYONE, ...STAFF, "angkatkoordinator", "eksporbank", "skor", "indikator", "nilai", "ringkasan", "ekspor", "audit", "paketbukti", "timpenilai", "kunjungan", "kunjunganulang", "keputusan", "kencana", "belumdinilai", "nilaisemua", "rekap", "penilaian", "putaran", "usulkan", "eksporkas"]));

    const bootstrap = newUser("Bootstrap");
    harness = new TestBot(database.db, { adminTelegramIds: [bootstrap.id] });
    expect(await helpCommands(bootstrap)).toEqual(sorted([...EVERYONE, ...STAFF, "angkatkoordinator", "eksporbank", "skor", "indikator", "nilai", "ringkasan", "ekspor", "audit", "paketbukti", "timpenilai", "kunjungan", "kunjunganulang", "keputusan", "kencana", "belumdinilai", "nilaisemua", "rekap", "penilaian", "putaran", "usulkan", "eksporkas"]));
  });

  it("groups by task, showing only the tasks the person has commands for", async () => {
    const place = await addRt(database.db, 5);
    const siti = newUser("Siti");
    await addMember(database.db, siti, place.id);
    await harness.send(siti, "/bantuan");
    const text = harness.lastText(siti);
    const headings = text.split("\n").filter((line) => line.startsWith("▸ "));
    expect(headings).toEqual(["▸ Umum", "▸ Kegiatan & ronda", "▸ Laporan warga", "▸ Bank sampah", "▸ Kas RT", "▸ Pojok baca", "▸ Data saya"]);
    // Each command sits under its task.
    expect(text).toMatch(/▸ Kegiatan & ronda\n\/jadwal — [^\n]+\n\/hadir — /);
    expect(text).toMatch(/▸ Bank sampah\n\/saldo — /);
    expect(text).toMatch(/▸ Data saya\n\/profil — /);

    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    await harness.send(ketua, "/bantuan");
    const ketuaText = harness.lastText(ketua);
    expect(ketuaText.split("\n").filter((line) => line.startsWith("▸ "))).toEqual(["▸ Umum", "▸ Kegiatan & ronda", "▸ Laporan warga", "▸ Bank sampah", "▸ Kas RT", "▸ Pojok baca", "▸ Mengelola RT", "▸ Penilaian Kampung BANTAR", "▸ Data saya"]);
    expect(ketuaText).toMatch(/▸ Mengelola RT\n\/anggota — /);
    expect(ketuaText.length).toBeLessThanOrEqual(4096);

    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    await harness.send(admin, "/bahasa");
    await harness.press(admin, "English");
    await harness.send(admin, "/bantuan");
    expect(harness.lastText(admin).split("\n").filter((line) => line.startsWith("▸ "))).toEqual(["▸ General", "▸ Activities & night watch", "▸ Waste bank", "▸ RT cash book", "▸ Running the RT", "▸ Kampung BANTAR assessment", "▸ Coordinator & city", "▸ My data"]);
  });

  it("lists only commands that exist, each once", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    const commands = await helpCommands(admin);
    expect(new Set(commands).size).toBe(commands.length);
    for (const command of commands) expect(COMMANDS.map((spec) => spec.command)).toContain(command);
  });
});

describe("/profil", () => {
  it("shows a warga's name, RT, status, KK, roles, language and consent time in WIB", async () => {
    const place = await addRt(database.db, 5);
    const siti = newUser("Siti");
    const { personId } = await addMember(database.db, siti, place.id, "Keluarga Pak Budi");
    await harness.send(siti, "/profil");
    expect(harness.lastText(siti)).toBe(
      [
        "Data diri Anda",
        "• Nama: Siti",
        "• Disapa: Siti", // no greeting chosen: the name alone
        "• RT: RT 05 Kelurahan Simpang IV Sipin, Kecamatan Telanaipura",
        "• Status: anggota aktif",
        "• KK: Keluarga Pak Budi",
        `• Kode anggota (untuk bank sampah): ${memberCode(personId)}`,
        "• Peran: warga",
        "• Bahasa: Bahasa Indonesia",
        "• Persetujuan data: 1 November 2026 pukul 08.00 WIB", // consented at 01:00 UTC
        "",
        "Ingin disapa dengan cara lain? Pilih di bawah.",
      ].join("\n"),
    );
  });

  it("shows a ketua's roles and a pending resident's status", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    await harness.send(ketua, "/profil");
    expect(harness.lastText(ketua)).toContain("• Peran: ketua RT, warga");

    const user = newUser("Tunggu");
    await addPending(database.db, user, place.id, "No. 3");
    await harness.send(user, "/profil");
    expect(harness.lastText(user)).toContain("• Status: menunggu persetujuan ketua RT");
    expect(harness.lastText(user)).toContain("• KK: No. 3");
    expect(harness.lastText(user)).toContain("• Peran: -");
  });

  it("shows a koordinator who lives in no registered RT", async () => {
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await harness.send(koordinator, "/profil");
    expect(harness.lastText(koordinator)).toContain("• RT: belum terdaftar di RT");
    expect(harness.lastText(koordinator)).toContain("• Status: -");
    expect(harness.lastText(koordinator)).toContain("• Peran: koordinator");
  });

  it("tells someone unregistered how to register", async () => {
    const user = newUser("Asing");
    await harness.send(user, "/profil");
    expect(harness.lastText(user)).toBe("Anda belum terdaftar. Kirim /start untuk mendaftar.");
  });
});

describe("/bahasa", () => {
  it("switches to English and back, for replies and /profil labels alike", async () => {
    const place = await addRt(database.db, 5);
    const siti = newUser("Siti");
    await addMember(database.db, siti, place.id, "No. 12");

    await harness.send(siti, "/bahasa");
    expect(harness.lastText(siti)).toBe("Pilih bahasa:");
    expect(harness.buttons(siti)).toEqual(["Bahasa Indonesia", "English"]);
    await harness.press(siti, "English");
    expect(harness.lastText(siti)).toBe("All right, the bot will use English.");

    await harness.send(siti, "/profil");
    const profile = harness.lastText(siti);
    expect(profile).toContain("• Name: Siti");
    expect(profile).toContain("• Status: active member");
    expect(profile).toContain("• Household: No. 12");
    expect(profile).toContain("• Roles: resident");
    expect(profile).toContain("• Language: English");
    expect(profile).toContain("• Data consent: 1 November 2026 at 08:00 WIB");
    await harness.send(siti, "/bantuan");
    expect(harness.lastText(siti)).toContain("Commands you can use:");
    await harness.send(siti, "apa ini?");
    expect(harness.lastText(siti)).toBe("Sorry, I did not understand. Send /bantuan to see the commands.");

    // The choice is stored, so it survives a restart.
    harness.restart();
    await harness.send(siti, "/bahasa");
    expect(harness.lastText(siti)).toBe("Choose a language:");
    await harness.press(siti, "Bahasa Indonesia");
    expect(harness.lastText(siti)).toBe("Baik, bot akan memakai Bahasa Indonesia.");
    await harness.send(siti, "/profil");
    expect(harness.lastText(siti)).toContain("• Nama: Siti");
    expect(harness.lastText(siti)).toContain("• Persetujuan data: 1 November 2026 pukul 08.00 WIB");
  });

  it("speaks Indonesian by default, whatever the Telegram app's language", async () => {
    const user: TestUser = { ...newUser("Tourist"), language_code: "en" };
    await harness.send(user, "/bantuan");
    expect(harness.lastText(user)).toContain("Perintah yang bisa Anda gunakan:");
  });

  it("ignores a forged language", async () => {
    const user = newUser("Siti");
    await harness.send(user, "/bahasa");
    for (const data of ["lang:fr", "language:fr", "language:EN", "language:en:x"]) {
      const update = await pressData(harness, user, data, harness.telegram.lastKeyboardIn(user.id).messageId);
      expect(callbackAnswerTo(harness.telegram, update)?.text, data).toBe("Tombol ini sudah tidak berlaku.");
    }
    expect(await database.db.select().from(person)).toEqual([]);
    await harness.send(user, "/bantuan");
    expect(harness.lastText(user)).toContain("Perintah yang bisa Anda gunakan:");
  });
});

describe("/keluar", () => {
  async function rtWithKetua() {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    const { membershipId } = await addKetua(database.db, ketua, place.id);
    return { place, ketua, ketuaMembership: membershipId };
  }

  it("asks first, then ends the membership and tells the ketua", async () => {
    const { place, ketua } = await rtWithKetua();
    const siti = newUser("Siti");
    const ids = await addMember(database.db, siti, place.id);

    await harness.send(siti, "/keluar");
    expect(harness.lastText(siti)).toBe("Yakin keluar dari RT 05 Kelurahan Simpang IV Sipin? Riwayat kegiatan Anda tetap tercatat.");
    expect(harness.buttons(siti)).toEqual(["Ya, keluar", "Batal"]);
    await harness.press(siti, "Ya, keluar");

    expect(harness.lastText(siti)).toBe("Anda sudah keluar dari RT 05 Kelurahan Simpang IV Sipin. Kirim /start jika ingin bergabung ke RT lain.");
    const [row] = await database.db.select().from(membership).where(eq(membership.id, ids.membershipId));
    expect(row).toMatchObject({ status: "left", endReason: "left", endedAt: harness.now });
    expect(harness.lastText(ketua)).toBe("Siti keluar dari RT 05 Kelurahan Simpang IV Sipin.");
    expect(await currentMembershipOf(database.db, siti.id)).toBeUndefined();
  });

  it("changes nothing when cancelled", async () => {
    const { place } = await rtWithKetua();
    const siti = newUser("Siti");
    await addMember(database.db, siti, place.id);
    const before = await snapshotState(database.db);
    await harness.send(siti, "/keluar");
    await harness.press(siti, "Batal");
    expect(harness.lastText(siti)).toBe("Dibatalkan. Tidak ada yang diubah.");
    expect(await snapshotState(database.db)).toEqual(before);
  });

  it("ends a petugas's duties with the membership", async () => {
    const { place } = await rtWithKetua();
    const petugas = newUser("Petugas");
    await addPetugas(database.db, petugas, place.id);
    await harness.send(petugas, "/keluar");
    await harness.press(petugas, "Ya, keluar");
    expect(await activeRolesOf(database.db, petugas.id)).toEqual([]);
  });

  it("withdraws a pending request without bothering the ketua", async () => {
    const { place, ketua } = await rtWithKetua();
    const user = newUser("Tunggu");
    await addPending(database.db, user, place.id);
    const toKetua = harness.telegram.textsTo(ketua.id).length;
    await harness.send(user, "/keluar");
    await harness.press(user, "Ya, batalkan");
    expect(await database.db.select({ status: membership.status, endReason: membership.endReason }).from(membership).where(eq(membership.rtId, place.id))).toContainEqual({
      status: "left",
      endReason: "withdrawn",
    });
    expect(harness.telegram.textsTo(ketua.id)).toHaveLength(toKetua);
  });

  it("refuses a ketua at once with the hand-over message", async () => {
    const { place, ketua, ketuaMembership } = await rtWithKetua();
    const before = await snapshotState(database.db);
    await harness.send(ketua, "/keluar");
    expect(harness.lastText(ketua)).toBe("Anda ketua RT ini. Serahkan jabatan dulu dengan /serahkan sebelum keluar.");
    expect(() => harness.buttons(ketua)).toThrow(); // no confirmation to press

    // Even a forged confirmation changes nothing.
    const update = await pressData(harness, ketua, leave.data({ choice: "yes", membership: ketuaMembership }));
    expect(callbackAnswerTo(harness.telegram, update)).toMatchObject({ text: "Anda ketua RT ini. Serahkan jabatan dulu dengan /serahkan sebelum keluar.", show_alert: true });
    expect(await snapshotState(database.db)).toEqual(before);
    expect(await activeRolesOf(database.db, ketua.id)).toEqual([`ketua_rt:${place.id}`]);
  });

  it("is refused politely to someone in no RT", async () => {
    const user = newUser("Asing");
    await addPerson(database.db, user);
    await harness.send(user, "/keluar");
    expect(harness.lastText(user)).toBe("Anda belum terdaftar di RT mana pun. Kirim /start untuk mendaftar.");
  });

  it("is harmless when confirmed twice", async () => {
    const { place, ketua } = await rtWithKetua();
    const siti = newUser("Siti");
    const { membershipId } = await addMember(database.db, siti, place.id);
    await harness.send(siti, "/keluar");
    const { messageId } = harness.telegram.lastKeyboardIn(siti.id);
    const confirm = await harness.press(siti, "Ya, keluar");
    await harness.deliver(confirm);
    const again = harness.callbackUpdate(siti, leave.data({ choice: "yes", membership: membershipId }), messageId);
    await harness.deliver(again);
    expect(callbackAnswerTo(harness.telegram, again)).toBeDefined();
    expect(harness.telegram.textsTo(ketua.id).filter((text) => text.includes("keluar dari RT"))).toHaveLength(1);
    expect(await database.db.select().from(roleAssignment).where(eq(roleAssignment.role, "ketua_rt"))).toHaveLength(1);
  });
});

describe("/batal, unknown commands, free text and stale buttons", () => {
  it("/batal with nothing under way says so", async () => {
    const user = newUser("Siti");
    await harness.send(user, "/batal");
    expect(harness.lastText(user)).toBe("Tidak ada yang sedang berjalan. Ketik /bantuan untuk melihat perintah.");
  });

  it("an unknown command gets a pointer to /bantuan", async () => {
    const user = newUser("Siti");
    await harness.send(user, "/halo");
    expect(harness.lastText(user)).toBe("Perintah itu tidak dikenal. Ketik /bantuan untuk melihat perintah.");
  });

  it("free text outside a conversation gets the fallback", async () => {
    const user = newUser("Siti");
    await harness.send(user, "selamat pagi pak");
    expect(harness.lastText(user)).toBe("Maaf, saya belum mengerti. Ketik /bantuan untuk melihat perintah.");
  });

  it("a button of a finished conversation gets the stale-button toast", async () => {
    const user = newUser("Siti");
    for (const data of [joinStep.data({ step: "send" }), joinPick.data({ level: "kec", value: "15.71.01" }), "reg:send", "akel:i:0", pick.data({ picker: "akel", action: "item", index: 0 }), "whatever"]) {
      const update = await pressData(harness, user, data);
      expect(callbackAnswerTo(harness.telegram, update)?.text, data).toBe("Tombol ini sudah tidak berlaku.");
    }
    expect(harness.telegram.callsOf("sendMessage")).toEqual([]);
  });
});

describe("the command menu (setMyCommands)", () => {
  function capturingLogger() {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger("info", { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    return { logger, lines };
  }
  const menu = menuCommands(STRANGER);

  it("registers the menu in Indonesian for everyone and in English for English apps", async () => {
    const { logger, lines } = capturingLogger();
    expect(await registerCommands(harness.bot.api, harness.deps, logger)).toBe(true);

    const calls = harness.telegram.callsOf("setMyCommands");
    expect(calls).toHaveLength(2);
    const [indonesian, english] = calls.map((call) => call.payload);
    expect(indonesian).not.toHaveProperty("language_code");
    expect(english).toMatchObject({ language_code: "en" });
    const commandsOf = (payload: Record<string, unknown> | undefined) => payload?.commands as { command: string; description: string }[];
    expect(commandsOf(indonesian).map((c) => c.command)).toEqual(menu);
    expect(commandsOf(english).map((c) => c.command)).toEqual(menu);
    expect(commandsOf(indonesian)).toContainEqual({ command: "hapusdata", description: "Hapus data pribadi Anda" });
    expect(commandsOf(english).find((c) => c.command === "hapusdata")?.description).toMatch(/erase/i);
    // Telegram's limits: 1-256 characters per description, lowercase command names.
    for (const payload of [indonesian, english]) {
      for (const { command, description } of commandsOf(payload)) {
        expect(command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(description.length).toBeGreaterThan(0);
        expect(description.length).toBeLessThanOrEqual(256);
      }
    }
    // Ketua and staff commands are not in the public menu.
    expect(menu).not.toContain("anggota");
    expect(lines.filter((line) => line.level === 40)).toEqual([]);
  });

  it("logs a failure and returns false, without throwing, and still registers the other language", async () => {
    const { logger, lines } = capturingLogger();
    harness.telegram.failNext("setMyCommands", { error_code: 429, description: "Too Many Requests: retry after 5", parameters: { retry_after: 5 } });

    await expect(registerCommands(harness.bot.api, harness.deps, logger)).resolves.toBe(false);

    const calls = harness.telegram.callsOf("setMyCommands");
    expect(calls).toHaveLength(2);
    expect(calls[1]?.payload).toMatchObject({ language_code: "en" });
    expect(calls[1]?.result).toBe(true);
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ locale: "id", msg: "setMyCommands failed; the command menu may be out of date" });
    expect(JSON.stringify(warnings[0])).toContain("Too Many Requests");
    // The token never reaches the log.
    expect(JSON.stringify(lines)).not.toContain("TEST-token");
  });
});
