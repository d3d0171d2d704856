import { eq } from "drizzle-orm";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { rt } from "../../src/db/schema/index.js";
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
  KECAMATAN_TELANAIPURA,
  KELURAHAN_BULURAN_KENALI,
  KELURAHAN_PAYO_SELINCAH,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
  snapshotState,
} from "../helpers/fixtures.js";
import { withTestDatabase } from "../helpers/database.js";
import { handover, inviteReset, memberDecision, memberRemove, petugas } from "../../src/messages/buttons/people.js";
import { callbackAnswerTo, photoUpdate, pressData, TestBot, type TestUser } from "../helpers/test-bot.js";
import type { ApiCall } from "../helpers/fake-telegram.js";

const database = withTestDatabase();
let harness: TestBot;

const ROLES = [
  "stranger",
  "no-rt",
  "pending",
  "warga",
  "petugas",
  "ketua_rt",
  "koordinator-kelurahan",
  "koordinator-kecamatan",
  "admin",
  "bootstrap-admin",
] as const;
type RoleKey = (typeof ROLES)[number];

/**
 * RT 05 Simpang IV Sipin holds the ketua, a petugas, a warga, a pending member, and the people
 * buttons act on (Target, an active member; Pemohon, a pending request). RT 07 Buluran Kenali
 * (same kecamatan, Telanaipura) and RT 03 Payo Selincah (kecamatan Paal Merah) are elsewhere.
 */
async function buildWorld() {
  const db = database.db;
  const rtA = await addRt(db, 5, KELURAHAN_SIMPANG_IV_SIPIN);
  const rtB = await addRt(db, 7, KELURAHAN_BULURAN_KENALI);
  const rtC = await addRt(db, 3, KELURAHAN_PAYO_SELINCAH);
  const users: Record<RoleKey, TestUser> = {
    stranger: newUser("Asing"),
    "no-rt": newUser("Tanpa"),
    pending: newUser("Menunggu"),
    warga: newUser("Warga"),
    petugas: newUser("Petugas"),
    ketua_rt: newUser("Ketua"),
    "koordinator-kelurahan": newUser("Koorkel"),
    "koordinator-kecamatan": newUser("Koorkec"),
    admin: newUser("Admin"),
    "bootstrap-admin": newUser("Bootstrap"),
  };
  await addPerson(db, users["no-rt"]);
  await addPending(db, users.pending, rtA.id);
  await addMember(db, users.warga, rtA.id);
  await addPetugas(db, users.petugas, rtA.id);
  await addKetua(db, users.ketua_rt, rtA.id);
  await addKoordinator(db, users["koordinator-kelurahan"], { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  await addKoordinator(db, users["koordinator-kecamatan"], { kecamatanCode: KECAMATAN_TELANAIPURA });
  await addAdmin(db, users.admin);
  const target = newUser("Target");
  const targetMember = await addMember(db, target, rtA.id, "Rumah Target");
  const applicant = newUser("Pemohon");
  const application = await addPending(db, applicant, rtA.id, "Rumah Pemohon");
  harness = new TestBot(db, { adminTelegramIds: [users["bootstrap-admin"].id] });
  return { rtA, rtB, rtC, users, target, targetMember, applicant, application };
}

/** The calls the bot made after `mark` (an index into the recorder). */
function callsSince(mark: number): ApiCall[] {
  return harness.telegram.calls.slice(mark);
}

const REFUSAL = {
  member: "Anda belum terdaftar di RT mana pun. Kirim /start untuk mendaftar.",
  ketua: "Maaf, perintah ini hanya untuk ketua RT.",
  staff: "Maaf, perintah ini hanya untuk koordinator dan admin kota.",
  admin: "Maaf, perintah ini hanya untuk admin kota.",
  decide: "Maaf, hanya ketua RT atau koordinator yang dapat memproses permintaan ini.",
  notAllowed: "Maaf, Anda tidak berwenang melakukan ini.",
};

const MEMBERS: RoleKey[] = ["pending", "warga", "petugas", "ketua_rt"];
const KETUA: RoleKey[] = ["ketua_rt"];
const STAFF: RoleKey[] = ["koordinator-kelurahan", "koordinator-kecamatan", "admin", "bootstrap-admin"];
const ADMINS: RoleKey[] = ["admin", "bootstrap-admin"];

type CommandCase = { command: string; allowed: RoleKey[]; refusal: string; firstReply: (role: RoleKey) => string };

const COMMAND_CASES: CommandCase[] = [
  {
    command: "keluar",
    allowed: MEMBERS,
    refusal: REFUSAL.member,
    // The ketua may run it, and is told at once to hand the RT over first.
    // A person still waiting is asked to withdraw the request instead.
    firstReply: (role) =>
      role === "ketua_rt" ? "Anda ketua RT ini. Serahkan jabatan dulu dengan /serahkan sebelum keluar."
      : role === "pending" ? "Batalkan permintaan Anda bergabung ke RT 05 Kelurahan Simpang IV Sipin?"
      : "Yakin keluar dari RT 05 Kelurahan Simpang IV Sipin?",
  },
  { command: "anggota", allowed: KETUA, refusal: REFUSAL.ketua, firstReply: () => "Warga RT 05 Kelurahan Simpang IV Sipin: 4 anggota aktif, 40 KK terdata." },
  { command: "keluarkan", allowed: KETUA, refusal: REFUSAL.ketua, firstReply: () => "Pilih warga yang akan dikeluarkan dari RT 05:" },
  { command: "jumlahkk", allowed: KETUA, refusal: REFUSAL.ketua, firstReply: () => "Berapa jumlah KK (kartu keluarga) di RT Anda?" },
  { command: "serahkan", allowed: KETUA, refusal: REFUSAL.ketua, firstReply: () => "Pilih warga yang akan menjadi ketua RT 05 berikutnya:" },
  { command: "petugas", allowed: KETUA, refusal: REFUSAL.ketua, firstReply: () => "Ketuk nama untuk mengangkat atau mencopot petugas RT 05" },
  { command: "undangan", allowed: KETUA, refusal: REFUSAL.ketua, firstReply: () => "Tautan undangan warga RT 05 Kelurahan Simpang IV Sipin:" },
  {
    command: "buatrt",
    allowed: STAFF,
    refusal: REFUSAL.staff,
    // A koordinator's area lies in one kecamatan, so the bot goes straight to its kelurahan.
    firstReply: (role) => (role.startsWith("koordinator") ? "Kecamatan Telanaipura. Pilih kelurahan:" : "Pilih kecamatan:"),
  },
  {
    command: "daftarrt",
    allowed: STAFF,
    refusal: REFUSAL.staff,
    firstReply: (role) => `RT di wilayah Anda (${role === "koordinator-kelurahan" ? 1 : role === "koordinator-kecamatan" ? 2 : 3}):`,
  },
  { command: "tautanketua", allowed: STAFF, refusal: REFUSAL.staff, firstReply: () => "Untuk RT mana tautan ketua baru dibuat?" },
  // issue 15: award (no round and no holder in this world).
  { command: "keputusan", allowed: ADMINS, refusal: REFUSAL.admin, firstReply: () => "Belum ada putaran penilaian yang dibuka." },
  { command: "kencana", allowed: STAFF, refusal: REFUSAL.staff, firstReply: () => "Belum ada RT pemegang gelar Kampung BANTAR di wilayah Anda." },
  { command: "angkatkoordinator", allowed: ADMINS, refusal: REFUSAL.admin, firstReply: () => "Koordinator untuk tingkat apa?" },
];

const COMMAND_MATRIX = COMMAND_CASES.flatMap((spec) => ROLES.map((role) => ({ ...spec, role, allow: spec.allowed.includes(role) })));

describe("every role × every privileged command", () => {
  it.each(COMMAND_MATRIX)("/$command by $role: allowed=$allow", async ({ command, role, allow, refusal, firstReply }) => {
    const { users } = await buildWorld();
    const user = users[role];
    const before = await snapshotState(database.db);
    const mark = harness.telegram.calls.length;

    await harness.send(user, `/${command}`);

    const calls = callsSince(mark);
    const texts = calls.filter((call) => call.method === "sendMessage").map((call) => String(call.payload.text));
    if (allow) {
      expect(calls[0]?.method).toBe("sendMessage");
      expect(calls[0]?.payload.chat_id).toBe(user.id);
      expect(String(calls[0]?.payload.text)).toContain(firstReply(role));
      expect(texts).not.toContain(refusal);
    } else {
      // One polite answer to the person, nothing else sent, nothing stored.
      expect(calls.map((call) => [call.method, call.payload.chat_id, call.payload.text])).toEqual([["sendMessage", user.id, refusal]]);
      expect(await snapshotState(database.db)).toEqual(before);
    }
  });

  it("refuses a command addressed to this bot by name, and ignores the letter case", async () => {
    const { users } = await buildWorld();
    for (const text of ["/anggota@bantar_test_bot", "/ANGGOTA", "/Buatrt", "/angkatkoordinator@BANTAR_TEST_BOT 5"]) {
      const mark = harness.telegram.calls.length;
      await harness.send(users.warga, text);
      const calls = callsSince(mark);
      expect(calls).toHaveLength(1);
      expect(String(calls[0]?.payload.text)).toMatch(/^Maaf, perintah ini hanya untuk/);
    }
  });

  it("does not run a privileged command written as a photo caption", async () => {
    const { users } = await buildWorld();
    const before = await snapshotState(database.db);
    for (const caption of ["/anggota", "/undangan", "/angkatkoordinator", "/buatrt"]) {
      await harness.deliver(photoUpdate(harness, users.stranger, caption));
      await harness.deliver(photoUpdate(harness, users.warga, caption));
    }
    const texts = [...harness.telegram.textsTo(users.stranger.id), ...harness.telegram.textsTo(users.warga.id)];
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text).not.toMatch(/Warga RT|Tautan undangan|tingkat apa|Pilih kecamatan|Pilih kelurahan/);
    }
    expect(await snapshotState(database.db)).toEqual(before);
  });
});

type World = Awaited<ReturnType<typeof buildWorld>>;
type ButtonCase = {
  prefix: string;
  allowed: RoleKey[];
  refusal: string;
  data: (world: World) => string;
  /** What an allowed press must have changed. */
  changed: (world: World) => Promise<void>;
};

const BUTTON_CASES: ButtonCase[] = [
  {
    prefix: memberDecision.prefix,
    allowed: ["ketua_rt", ...STAFF],
    refusal: REFUSAL.decide,
    data: (world) => memberDecision.data({ decision: "ok", membership: world.application.membershipId }),
    changed: async (world) => expect((await currentMembershipOf(database.db, world.applicant.id))?.status).toBe("active"),
  },
  {
    prefix: memberRemove.prefix,
    allowed: KETUA,
    refusal: REFUSAL.ketua,
    data: (world) => memberRemove.data({ step: "confirm", membership: world.targetMember.membershipId }),
    changed: async (world) => expect(await currentMembershipOf(database.db, world.target.id)).toBeUndefined(),
  },
  {
    prefix: handover.prefix,
    allowed: KETUA,
    refusal: REFUSAL.ketua,
    data: (world) => handover.data({ step: "confirm", membership: world.targetMember.membershipId }),
    changed: async (world) => expect(await activeRolesOf(database.db, world.target.id)).toEqual([`ketua_rt:${world.rtA.id}`]),
  },
  {
    prefix: petugas.prefix,
    allowed: KETUA,
    refusal: REFUSAL.ketua,
    data: (world) => petugas.data({ change: "add", membership: world.targetMember.membershipId }),
    changed: async (world) => expect(await activeRolesOf(database.db, world.target.id)).toEqual([`petugas:${world.rtA.id}`]),
  },
  {
    prefix: inviteReset.prefix,
    allowed: KETUA,
    refusal: REFUSAL.ketua,
    data: () => inviteReset.data({}),
    changed: async (world) => {
      const [row] = await database.db.select({ inviteCode: rt.inviteCode }).from(rt).where(eq(rt.id, world.rtA.id));
      expect(row?.inviteCode).not.toBe(world.rtA.inviteCode);
    },
  },
];

const BUTTON_MATRIX = BUTTON_CASES.flatMap((spec) => ROLES.map((role) => ({ ...spec, role, allow: spec.allowed.includes(role) })));

describe("every role × every privileged button", () => {
  it.each(BUTTON_MATRIX)("$prefix button by $role: allowed=$allow", async ({ role, allow, refusal, data, changed }) => {
    const world = await buildWorld();
    const user = world.users[role];
    const before = await snapshotState(database.db);
    const mark = harness.telegram.calls.length;

    const update = await pressData(harness, user, data(world));

    const answer = callbackAnswerTo(harness.telegram, update);
    if (allow) {
      expect(answer?.text ?? "").not.toBe(refusal);
      expect(answer?.show_alert).not.toBe(true);
      await changed(world);
    } else {
      expect(answer).toEqual(expect.objectContaining({ text: refusal, show_alert: true }));
      expect(callsSince(mark).map((call) => call.method)).toEqual(["answerCallbackQuery"]);
      expect(await snapshotState(database.db)).toEqual(before);
    }
  });
});

describe("scope", () => {
  async function expectRefusedPress(user: TestUser, data: string, world: World): Promise<Update> {
    const before = await snapshotState(database.db);
    const mark = harness.telegram.calls.length;
    const update = await pressData(harness, user, data);
    expect(callbackAnswerTo(harness.telegram, update)).toEqual(expect.objectContaining({ text: REFUSAL.notAllowed, show_alert: true }));
    expect(callsSince(mark).map((call) => call.method)).toEqual(["answerCallbackQuery"]);
    expect(await snapshotState(database.db)).toEqual(before);
    expect(harness.telegram.textsTo(world.applicant.id)).toEqual([]);
    expect(harness.telegram.textsTo(world.target.id)).toEqual([]);
    return update;
  }

  it("a ketua of another RT cannot decide on this RT's request with forged callback data", async () => {
    const world = await buildWorld();
    const otherKetua = newUser("Ketua", "Tujuh");
    await addKetua(database.db, otherKetua, world.rtB.id);
    await expectRefusedPress(otherKetua, memberDecision.data({ decision: "ok", membership: world.application.membershipId }), world);
    await expectRefusedPress(otherKetua, memberDecision.data({ decision: "no", membership: world.application.membershipId }), world);
    expect((await currentMembershipOf(database.db, world.applicant.id))?.status).toBe("pending");
  });

  it("a ketua of another RT cannot remove, promote, appoint or even look up this RT's members", async () => {
    const world = await buildWorld();
    const otherKetua = newUser("Ketua", "Tujuh");
    await addKetua(database.db, otherKetua, world.rtB.id);
    const id = world.targetMember.membershipId;
    for (const data of [
      memberRemove.data({ step: "confirm", membership: id }),
      handover.data({ step: "confirm", membership: id }),
      petugas.data({ change: "add", membership: id }),
      petugas.data({ change: "del", membership: id }),
    ]) {
      await expectRefusedPress(otherKetua, data, world);
    }
    // The confirmation step must not reveal who lives in someone else's RT.
    for (const data of [memberRemove.data({ step: "ask", membership: id }), handover.data({ step: "ask", membership: id })]) {
      const update = await pressData(harness, otherKetua, data);
      expect(callbackAnswerTo(harness.telegram, update)).toEqual(
        expect.objectContaining({ text: "Warga tersebut tidak ditemukan atau sudah tidak aktif.", show_alert: true }),
      );
      expect(harness.telegram.textsTo(otherKetua.id).join("\n")).not.toContain("Target");
    }
    expect(await currentMembershipOf(database.db, world.target.id)).toMatchObject({ status: "active", rtId: world.rtA.id });
    expect(await activeRolesOf(database.db, world.target.id)).toEqual([]);
  });

  it("a koordinator of another kelurahan or another kecamatan cannot decide on the request", async () => {
    const world = await buildWorld();
    const otherKelurahan = newUser("Koor", "Buluran");
    await addKoordinator(database.db, otherKelurahan, { kelurahanCode: KELURAHAN_BULURAN_KENALI });
    const otherKecamatan = newUser("Koor", "Paal");
    await addKoordinator(database.db, otherKecamatan, { kecamatanCode: "15.71.11" });
    await expectRefusedPress(otherKelurahan, memberDecision.data({ decision: "ok", membership: world.application.membershipId }), world);
    await expectRefusedPress(otherKecamatan, memberDecision.data({ decision: "ok", membership: world.application.membershipId }), world);
    await expectRefusedPress(otherKecamatan, memberDecision.data({ decision: "no", membership: world.application.membershipId }), world);
    expect((await currentMembershipOf(database.db, world.applicant.id))?.status).toBe("pending");

    // The koordinator of the kecamatan that holds the RT may.
    await pressData(harness, world.users["koordinator-kecamatan"], memberDecision.data({ decision: "ok", membership: world.application.membershipId }));
    expect((await currentMembershipOf(database.db, world.applicant.id))?.status).toBe("active");
    expect(harness.telegram.textsTo(world.applicant.id)).toEqual([expect.stringContaining("Anda sudah menjadi warga RT 05")]);
  });
});

describe("/bantuan", () => {
  const EVERYONE = ["start", "bantuan", "profil", "bahasa", "batal", "saldo", "hapusdata", "dataku", "banksampah"];
  const PENDING = [...EVERYONE.slice(0, 5), "keluar", "saldo", "hapusdata", "dataku", "banksampah"];
  const MEMBER = [...EVERYONE.slice(0, 5), "banksampah", "keluar", "jadwal", "hadir", "jadwalronda", "giliranku", "siapronda", "pengingat", "senyap", "pinjamanku", "baca", "saldo", "hapusdata", "dataku", "kas", "lapor", "laporanku", "indikator"];
  const PETUGAS = [...MEMBER, "kodehadir", "absen", "sesibaca", "buku", "pinjam", "kembali", "konfirmasibaca", "skor", "bukti", "tanpatelegram"];
  const KETUA_COMMANDS = [...MEMBER, "anggota", "keluarkan", "jumlahkk", "serahkan", "petugas", "undangan", "hubungkan", "lepasgrup", "acara", "ubahacara", "ronda", "buatjadwalronda", "aturpengingat", "kodehadir", "absen", "sesibaca", "buku", "pinjam", "kembali", "konfirmasibaca", "umumkan", "polling", "eksporbank", "skor", "ringkasan", "rekaptim", "bukti", "paketbukti", "nilaimandiri", "penilaian", "tanpatelegram", "kascatat", "kaskoreksi", "eksporkas", "bendahara", "laporanrt"];
  const KOORDINATOR = [...EVERYONE, "lepasgrup", "umumkan", "buatrt", "daftarrt", "tautanketua", "eksporbank", "skor", "indikator", "nilai", "ringkasan", "ekspor", "rekaptim", "paketbukti", "kunjungan", "kunjunganulang", "kencana", "belumdinilai", "nilaisemua", "rekap", "penilaian", "usulkan", "eksporkas"];
  const ADMIN = [...EVERYONE, "lepasgrup", "umumkan", "buatrt", "daftarrt", "tautanketua", "angkatkoordinator", "eksporbank", "skor", "indikator", "nilai", "ringkasan", "ekspor", "audit", "rekaptim", "paketbukti", "timpenilai", "kunjungan", "kunjunganulang", "keputusan", "kencana", "belumdinilai", "nilaisemua", "rekap", "penilaian", "putaran", "usulkan", "eksporkas"];
  const EXPECTED: Record<RoleKey, string[]> = {
    stranger: EVERYONE,
    "no-rt": EVERYONE,
    pending: PENDING,
    warga: [...MEMBER, "skor"],
    petugas: PETUGAS,
    ketua_rt: KETUA_COMMANDS,
    "koordinator-kelurahan": KOORDINATOR,
    "koordinator-kecamatan": KOORDINATOR,
    admin: ADMIN,
    "bootstrap-admin": ADMIN,
  };

  it.each(ROLES)("shows %s only the commands they may run", async (role) => {
    const { users } = await buildWorld();
    await harness.send(users[role], "/bantuan");
    const text = harness.lastText(users[role]);
    expect(text.startsWith("Perintah yang bisa Anda gunakan:")).toBe(true);
    const listed = text.split("\n").filter((line) => line.startsWith("/")).map((line) => line.slice(1).split(" ")[0]);
    expect([...listed].sort()).toEqual([...EXPECTED[role]].sort()); // grouped by task: the order is test/bot/everyday.test.ts's
    for (const line of text.split("\n").filter((l) => l.startsWith("/"))) {
      expect(line).toMatch(/^\/\w+ — \S/); // each with its Indonesian description
    }
  });
});
