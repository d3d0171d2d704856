import { AUDIENCES, allows, type Audience } from "../domain/people/audience.js";
import type { Actor } from "../domain/people/actor.js";
import { RECAP_READERS } from "../messages/buttons/onsite.js";

export type { Audience };

/** The tasks /bantuan groups commands by, in the order it shows them; titles are `help-group-<group>`. */
export const COMMAND_GROUPS = ["umum", "kegiatan", "lapor", "bank", "kas", "baca", "rt", "penilaian", "wilayah", "saya"] as const;
export type CommandGroup = (typeof COMMAND_GROUPS)[number];

/**
 * `inGroups`: the command is (also) taken in an RT's group chat; one that works only there
 * (/hubungkan, /lepasgrup) stays out of the person's private "/" menu, but /bantuan names it.
 */
export type CommandSpec = { command: string; audience: Audience; group: CommandGroup; inGroups?: true };

const MANAGERS = AUDIENCES.managers;
const COORDINATORS = AUDIENCES.coordinators;
const ANNOUNCERS = AUDIENCES.announcers;
const OFFICERS = AUDIENCES.officers;
const RESIDENTS = AUDIENCES.residents;
const BANK_OFFICERS = AUDIENCES.bankOfficers;
const BANK_EXPORTERS = AUDIENCES.bankExporters;
const SCORE_VIEWERS = AUDIENCES.scoreViewers;

/**
 * The one list of commands: the authorization middleware, /bantuan and each person's "/" menu all
 * read it, so the menu shows exactly what the person may run.
 * Descriptions live in the locale files as `command-<name>`.
 */
export const COMMANDS: readonly CommandSpec[] = [
  { command: "start", audience: "anyone", group: "umum" },
  { command: "bantuan", audience: "anyone", group: "umum" },
  { command: "profil", audience: "anyone", group: "saya" },
  { command: "bahasa", audience: "anyone", group: "saya" },
  { command: "batal", audience: "anyone", group: "umum" },
  { command: "keluar", audience: "member", group: "saya" },
  { command: "jadwal", audience: RESIDENTS, group: "kegiatan" },
  { command: "hadir", audience: RESIDENTS, group: "kegiatan" },
  { command: "jadwalronda", audience: RESIDENTS, group: "kegiatan" },
  { command: "giliranku", audience: RESIDENTS, group: "kegiatan" },
  { command: "siapronda", audience: RESIDENTS, group: "kegiatan" },
  { command: "pengingat", audience: RESIDENTS, group: "saya" },
  { command: "senyap", audience: RESIDENTS, group: "saya" },
  { command: "pinjamanku", audience: RESIDENTS, group: "baca" },
  { command: "baca", audience: RESIDENTS, group: "baca" },
  // Anyone: a resident who moved away keeps the savings they made at the bank.
  { command: "saldo", audience: "anyone", group: "bank" },
  { command: "hapusdata", audience: "anyone", group: "saya" },
  // What the bot keeps about me, as a file (also for someone who never joined an RT).
  { command: "dataku", audience: "anyone", group: "saya" },
  { command: "anggota", audience: MANAGERS, group: "rt" },
  { command: "keluarkan", audience: MANAGERS, group: "rt" },
  { command: "jumlahkk", audience: MANAGERS, group: "rt" },
  { command: "serahkan", audience: MANAGERS, group: "rt" },
  { command: "petugas", audience: MANAGERS, group: "rt" },
  // issue 17: residents without Telegram, kept by the ketua and the RT's petugas.
  { command: "tanpatelegram", audience: OFFICERS, group: "rt" },
  { command: "undangan", audience: MANAGERS, group: "rt" },
  { command: "hubungkan", audience: MANAGERS, group: "rt", inGroups: true },
  // Frees a group linked to an RT (its ketua, or a koordinator or admin over it), so another may link it.
  { command: "lepasgrup", audience: ANNOUNCERS, group: "rt", inGroups: true },
  { command: "acara", audience: MANAGERS, group: "kegiatan" },
  { command: "ubahacara", audience: MANAGERS, group: "kegiatan" },
  { command: "ronda", audience: MANAGERS, group: "kegiatan" },
  { command: "buatjadwalronda", audience: MANAGERS, group: "kegiatan" },
  { command: "aturpengingat", audience: MANAGERS, group: "kegiatan" },
  { command: "kodehadir", audience: OFFICERS, group: "kegiatan" },
  { command: "absen", audience: OFFICERS, group: "kegiatan" },
  { command: "sesibaca", audience: OFFICERS, group: "baca" },
  { command: "buku", audience: OFFICERS, group: "baca" },
  { command: "pinjam", audience: OFFICERS, group: "baca" },
  { command: "kembali", audience: OFFICERS, group: "baca" },
  { command: "konfirmasibaca", audience: OFFICERS, group: "baca" },
  { command: "umumkan", audience: ANNOUNCERS, group: "rt" },
  // issue 17: a question to the RT (musyawarah) with Telegram's polls; counts toward A5.
  { command: "polling", audience: MANAGERS, group: "rt" },
  { command: "buatrt", audience: COORDINATORS, group: "wilayah" },
  { command: "daftarrt", audience: COORDINATORS, group: "wilayah" },
  // A new one-time ketua link for an RT in the area (the one /buatrt showed was lost or not used).
  { command: "tautanketua", audience: COORDINATORS, group: "wilayah" },
  { command: "angkatkoordinator", audience: ["admin"], group: "wilayah" },
  // Anyone: a saver who moved away still reads their bank's books (open-books.ts checks who may).
  { command: "banksampah", audience: "anyone", group: "bank" },
  { command: "setor", audience: BANK_OFFICERS, group: "bank" },
  { command: "tarik", audience: BANK_OFFICERS, group: "bank" },
  { command: "koreksi", audience: BANK_OFFICERS, group: "bank" },
  { command: "harga", audience: BANK_OFFICERS, group: "bank" },
  { command: "eksporbank", audience: BANK_EXPORTERS, group: "bank" },
  { command: "skor", audience: SCORE_VIEWERS, group: "kegiatan" },
  // issue 17: the 21 indicators in plain words, where the RT stands and what a resident can do.
  { command: "indikator", audience: SCORE_VIEWERS, group: "kegiatan" },
  { command: "nilai", audience: COORDINATORS, group: "wilayah" },
  // issue 15 (koordinator): what is not yet scored in the area, one RT's unscored indicators in one
  // pass, and the live recap; beside /nilai, among the koordinator's and the city's tools.
  { command: "belumdinilai", audience: COORDINATORS, group: "wilayah" },
  { command: "nilaisemua", audience: COORDINATORS, group: "wilayah" },
  { command: "rekap", audience: COORDINATORS, group: "wilayah" },
  // The weekly digest on demand (ketua RT: their RT; koordinator, admin: their area) and its workbook.
  { command: "ringkasan", audience: ANNOUNCERS, group: "rt" },
  { command: "ekspor", audience: COORDINATORS, group: "wilayah" },
  // The audit log of privileged actions.
  { command: "audit", audience: ["admin"], group: "wilayah" },
  // Issue 15, on site: an assessor scores a proposed RT of their scope, indicator by indicator.
  { command: "nilaitim", audience: AUDIENCES.assessors, group: "penilaian" },
  // The team's recap of an RT (the ketua's own only once the round is decided; see recapViewerOf).
  { command: "rekaptim", audience: RECAP_READERS, group: "penilaian" },
  // Photos as evidence all year (ketua RT and petugas of the RT), and the evidence pack PDF of an RT
  // for the round (its ketua, a koordinator or admin over it, an assessor whose scope holds it).
  { command: "bukti", audience: OFFICERS, group: "penilaian" },
  { command: "paketbukti", audience: ["ketua_rt", "koordinator", "admin", "penilai"], group: "penilaian" },
  // issue 15: the assessment team of the round (links, who is on it) and the visits it makes.
  { command: "timpenilai", audience: AUDIENCES.admins, group: "penilaian" },
  { command: "kunjungan", audience: COORDINATORS, group: "penilaian" },
  { command: "tugaspenilaian", audience: AUDIENCES.assessors, group: "penilaian" },
  // Keeping the title (issue 15): the ketua's quarterly penilaian mandiri of their own RT, and a
  // koordinator's re-assessment visit to a title holder of their area.
  { command: "nilaimandiri", audience: MANAGERS, group: "penilaian" },
  { command: "kunjunganulang", audience: COORDINATORS, group: "penilaian" },
  // issue 15: the program's rounds (admin), proposals (koordinator, admin), what the team will look at (ketua, koordinator, admin).
  { command: "putaran", audience: AUDIENCES.admins, group: "penilaian" },
  { command: "usulkan", audience: COORDINATORS, group: "penilaian" },
  { command: "penilaian", audience: ANNOUNCERS, group: "penilaian" },
  // issue 15: award. The round's decision (SK, winners, uang pembinaan), and the holders on the way to Kencana.
  { command: "keputusan", audience: AUDIENCES.admins, group: "penilaian" },
  { command: "kencana", audience: COORDINATORS, group: "penilaian" },
  // issue 17: the kas RT. Every member reads it; its bendahara (or the ketua) records in it; the
  // ketua appoints the bendahara; the board's workbook for them and a koordinator over the RT.
  { command: "kas", audience: AUDIENCES.kasReaders, group: "kas" },
  { command: "kascatat", audience: AUDIENCES.kasKeepers, group: "kas" },
  { command: "kaskoreksi", audience: AUDIENCES.kasKeepers, group: "kas" },
  { command: "eksporkas", audience: AUDIENCES.kasExporters, group: "kas" },
  { command: "bendahara", audience: MANAGERS, group: "rt" },
  // issue 17: residents report a problem in their RT and follow it; the ketua (or acting ketua) handles them.
  { command: "lapor", audience: RESIDENTS, group: "lapor" },
  { command: "laporanku", audience: RESIDENTS, group: "lapor" },
  { command: "laporanrt", audience: MANAGERS, group: "lapor" },
];

/**
 * Old names that still work, with the rights of the command they now name, but are shown nowhere
 * (menus, /bantuan): people who learnt them are not stranded.
 */
export const COMMAND_ALIASES: Readonly<Record<string, string>> = { rotaku: "giliranku", buatrota: "buatjadwalronda" };

export function findCommand(name: string): CommandSpec | undefined {
  const command = COMMAND_ALIASES[name] ?? name;
  return COMMANDS.find((spec) => spec.command === command);
}

/** Someone the bot does not know: what the default "/" menu (no scope) shows. */
export const STRANGER: Actor = { telegramId: 0, person: null, membership: null, grants: [] };

/** The commands in this person's own "/" menu (a private chat): what they may run there, in list order. */
export function menuCommands(actor: Actor): string[] {
  return COMMANDS.filter((spec) => !spec.inGroups && allows(spec.audience, actor)).map((spec) => spec.command);
}
