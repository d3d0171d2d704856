import { roleNames, type Actor, type RoleName } from "./actor.js";

/** Who may run a command or press a button: "anyone", "member" (pending or active resident), or named roles. */
export type Audience = "anyone" | "member" | readonly RoleName[];

/** The role groups commands and buttons are meant for; which RT or bank is checked in the services. */
export const AUDIENCES = {
  managers: ["ketua_rt"],
  coordinators: ["koordinator", "admin"],
  announcers: ["ketua_rt", "koordinator", "admin"],
  officers: ["ketua_rt", "petugas"],
  residents: ["warga"],
  /** Officers of a waste bank; which bank is checked in the domain (requireOfficer). */
  bankOfficers: ["petugas_bank"],
  /** /banksampah: residents read their bank's prices and month; ketua and koordinator also manage banks. */
  bankReaders: ["warga", "petugas_bank", "ketua_rt", "koordinator", "admin"],
  /** Who may export a waste bank's books; which bank is checked in the domain (canViewBank). */
  bankExporters: ["petugas_bank", "ketua_rt", "koordinator", "admin"],
  /** /skor: a warga sees their points, a ketua the RT's scorecard, a koordinator or admin the ranking. */
  scoreViewers: ["warga", "ketua_rt", "koordinator", "admin"],
  admins: ["admin"],
  /** Who has pages in the Mini App (issue 16): a ketua their RT, a koordinator their area, an admin the city. */
  dashboardReaders: ["ketua_rt", "koordinator", "admin"],
  /** The assessment team of an open round; which RTs is checked in the domain (assessorRtIds). */
  assessors: ["penilai"],
  /** issue 17: /kas, the RT's cash book, read by every member; which RT is the reader's own. */
  kasReaders: ["warga", "bendahara", "ketua_rt"],
  /** Who records in the cash book: its bendahara, or the ketua (acting ketua too); which RT is checked in domain/kas. */
  kasKeepers: ["bendahara", "ketua_rt"],
  /** Who exports the cash book for the RT's board; which RT is checked in domain/kas (mayExportKas). */
  kasExporters: ["bendahara", "ketua_rt", "koordinator", "admin"],
} as const satisfies Record<string, readonly RoleName[]>;

export function allows(audience: Audience, actor: Actor): boolean {
  if (audience === "anyone") return true;
  if (audience === "member") return actor.membership !== null;
  const roles = roleNames(actor);
  return audience.some((role) => roles.has(role));
}
