import { AUDIENCES, type Audience } from "../domain/people/audience.js";

export type { Audience };

export type CommandSpec = { command: string; audience: Audience; showInMenu: boolean; inGroups?: true };

const MANAGERS = AUDIENCES.managers;
const COORDINATORS = AUDIENCES.coordinators;
const ANNOUNCERS = AUDIENCES.announcers;
const OFFICERS = AUDIENCES.officers;
const RESIDENTS = AUDIENCES.residents;
const BANK_OFFICERS = AUDIENCES.bankOfficers;
const BANK_EXPORTERS = AUDIENCES.bankExporters;
const SCORE_VIEWERS = AUDIENCES.scoreViewers;

/**
 * The one list of commands: the authorization middleware, /bantuan and setMyCommands all read it.
 * Descriptions live in the locale files as `command-<name>`.
 */
export const COMMANDS: readonly CommandSpec[] = [
  { command: "start", audience: "anyone", showInMenu: true },
  { command: "bantuan", audience: "anyone", showInMenu: true },
  { command: "profil", audience: "anyone", showInMenu: true },
  { command: "bahasa", audience: "anyone", showInMenu: true },
  { command: "batal", audience: "anyone", showInMenu: true },
  { command: "keluar", audience: "member", showInMenu: true },
  { command: "jadwal", audience: RESIDENTS, showInMenu: true },
  { command: "hadir", audience: RESIDENTS, showInMenu: true },
  { command: "jadwalronda", audience: RESIDENTS, showInMenu: true },
  { command: "giliranku", audience: RESIDENTS, showInMenu: true },
  { command: "siapronda", audience: RESIDENTS, showInMenu: true },
  { command: "pengingat", audience: RESIDENTS, showInMenu: true },
  { command: "senyap", audience: RESIDENTS, showInMenu: true },
  { command: "pinjamanku", audience: RESIDENTS, showInMenu: true },
  { command: "baca", audience: RESIDENTS, showInMenu: true },
  // Anyone: a resident who moved away keeps the savings they made at the bank.
  { command: "saldo", audience: "anyone", showInMenu: true },
  { command: "hapusdata", audience: "anyone", showInMenu: true },
  // What the bot keeps about me, as a file (also for someone who never joined an RT).
  { command: "dataku", audience: "anyone", showInMenu: true },
  { command: "anggota", audience: MANAGERS, showInMenu: false },
  { command: "keluarkan", audience: MANAGERS, showInMenu: false },
  { command: "jumlahkk", audience: MANAGERS, showInMenu: false },
  { command: "serahkan", audience: MANAGERS, showInMenu: false },
  { command: "petugas", audience: MANAGERS, showInMenu: false },
  { command: "undangan", audience: MANAGERS, showInMenu: false },
  { command: "hubungkan", audience: MANAGERS, showInMenu: false, inGroups: true },
  // Frees a group linked to an RT (its ketua, or a koordinator or admin over it), so another may link it.
  { command: "lepasgrup", audience: ANNOUNCERS, showInMenu: false, inGroups: true },
  { command: "acara", audience: MANAGERS, showInMenu: false },
  { command: "ubahacara", audience: MANAGERS, showInMenu: false },
  { command: "ronda", audience: MANAGERS, showInMenu: false },
  { command: "buatjadwalronda", audience: MANAGERS, showInMenu: false },
  { command: "aturpengingat", audience: MANAGERS, showInMenu: false },
  { command: "kodehadir", audience: OFFICERS, showInMenu: false },
  { command: "absen", audience: OFFICERS, showInMenu: false },
  { command: "sesibaca", audience: OFFICERS, showInMenu: false },
  { command: "buku", audience: OFFICERS, showInMenu: false },
  { command: "pinjam", audience: OFFICERS, showInMenu: false },
  { command: "kembali", audience: OFFICERS, showInMenu: false },
  { command: "konfirmasibaca", audience: OFFICERS, showInMenu: false },
  { command: "umumkan", audience: ANNOUNCERS, showInMenu: false },
  { command: "buatrt", audience: COORDINATORS, showInMenu: false },
  { command: "daftarrt", audience: COORDINATORS, showInMenu: false },
  // A new one-time ketua link for an RT in the area (the one /buatrt showed was lost or not used).
  { command: "tautanketua", audience: COORDINATORS, showInMenu: false },
  { command: "angkatkoordinator", audience: ["admin"], showInMenu: false },
  { command: "banksampah", audience: AUDIENCES.bankReaders, showInMenu: false },
  { command: "setor", audience: BANK_OFFICERS, showInMenu: false },
  { command: "tarik", audience: BANK_OFFICERS, showInMenu: false },
  { command: "koreksi", audience: BANK_OFFICERS, showInMenu: false },
  { command: "harga", audience: BANK_OFFICERS, showInMenu: false },
  { command: "eksporbank", audience: BANK_EXPORTERS, showInMenu: false },
  { command: "skor", audience: SCORE_VIEWERS, showInMenu: true },
  { command: "nilai", audience: COORDINATORS, showInMenu: false },
  // The weekly digest on demand (ketua RT: their RT; koordinator, admin: their area) and its workbook.
  { command: "ringkasan", audience: ANNOUNCERS, showInMenu: false },
  { command: "ekspor", audience: COORDINATORS, showInMenu: false },
  // The audit log of privileged actions.
  { command: "audit", audience: ["admin"], showInMenu: false },
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
