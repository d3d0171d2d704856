import { eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { membership, roleAssignment } from "../db/schema/index.js";
import { requestMembership } from "../domain/membership/membership.js";
import { wantMenus } from "../domain/people/menu.js";
import { recordConsent, setDisplayName } from "../domain/people/person.js";
import { createRt, type RtDetails } from "../domain/rt/rt.js";
import type { SimulatedUser } from "./telegram-simulator.js";

export const DEMO_WILAYAH = "15.71"; // Kota Jambi
export const DEMO_KELURAHAN = "15.71.01.1001"; // Simpang IV Sipin, Kecamatan Telanaipura

type Home = { rt: 5 | 7; household: string; status: "active" | "pending" };
type StaffRole = "ketua_rt" | "petugas" | "koordinator" | "admin";

/** Someone the console can play. `name` is what `:as` matches; `user` is their Telegram account. */
export type DemoPerson = { name: string; user: SimulatedUser; displayName?: string; home?: Home; role?: StaffRole };

/**
 * The demo neighbourhood: RT 05 with a ketua, a petugas, residents and one request waiting for the
 * ketua; RT 07 with residents but no ketua yet (its requests go to the koordinator); a koordinator
 * of the kelurahan, a city admin, and "Baru", who has never used the bot.
 */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { name: "Baru", user: { id: 710_001, first_name: "Andi", last_name: "Pratama" } },
  { name: "Pak Harun", user: { id: 710_002, first_name: "Harun", last_name: "Rasyid" }, displayName: "Harun Rasyid", home: { rt: 5, household: "Keluarga Pak Harun, No. 1", status: "active" }, role: "ketua_rt" },
  { name: "Bu Sri", user: { id: 710_003, first_name: "Sri", last_name: "Wahyuni" }, displayName: "Sri Wahyuni", home: { rt: 5, household: "No. 4", status: "active" }, role: "petugas" },
  { name: "Siti", user: { id: 710_004, first_name: "Siti", last_name: "Aminah" }, displayName: "Siti Aminah", home: { rt: 5, household: "Keluarga Pak Budi, No. 12", status: "active" } },
  { name: "Budi", user: { id: 710_005, first_name: "Budi", last_name: "Santoso" }, displayName: "Budi Santoso", home: { rt: 5, household: "Keluarga Pak Budi, No. 12", status: "active" } },
  { name: "Dewi", user: { id: 710_006, first_name: "Dewi", last_name: "Lestari" }, displayName: "Dewi Lestari", home: { rt: 5, household: "No. 9A", status: "pending" } },
  { name: "Rahmat", user: { id: 710_007, first_name: "Rahmat", last_name: "Hidayat" }, displayName: "Rahmat Hidayat", home: { rt: 7, household: "No. 3", status: "active" } },
  { name: "Nurhayati", user: { id: 710_008, first_name: "Nurhayati" }, displayName: "Nurhayati", home: { rt: 7, household: "Keluarga Ibu Nur, No. 15", status: "active" } },
  { name: "Bu Yuliana", user: { id: 710_009, first_name: "Yuliana", last_name: "Putri" }, displayName: "Yuliana Putri", role: "koordinator" },
  { name: "Pak Ahmad", user: { id: 710_010, first_name: "Ahmad", last_name: "Fauzi" }, displayName: "Ahmad Fauzi", role: "admin" },
];

export type DemoWorld = { people: readonly DemoPerson[]; rts: Record<5 | 7, RtDetails> };

/** Fills a fresh database (wilayah already loaded) with the demo neighbourhood. */
export async function seedDemo(db: Database, now: Date): Promise<DemoWorld> {
  const rts = {
    5: await createRt(db, { kelurahanCode: DEMO_KELURAHAN, number: 5, householdCount: 42, createdBy: null }),
    7: await createRt(db, { kelurahanCode: DEMO_KELURAHAN, number: 7, householdCount: 35, createdBy: null }),
  };
  for (const demo of DEMO_PEOPLE) {
    if (!demo.displayName) continue; // the newcomer starts with nothing stored
    const personId = await recordConsent(db, demo.user.id, "id", now);
    await setDisplayName(db, personId, demo.displayName);
    if (demo.home) {
      const request = { personId, rtId: rts[demo.home.rt].id, displayName: demo.displayName, householdLabel: demo.home.household };
      const { membershipId } = await requestMembership(db, request, now);
      // Seeded residents were accepted before the demo begins; nobody approved them in the bot.
      if (demo.home.status === "active") await db.update(membership).set({ status: "active", decidedAt: now }).where(eq(membership.id, membershipId));
    }
    if (demo.role) await db.insert(roleAssignment).values({ personId, role: demo.role, ...roleScope(demo, rts), grantedAt: now });
    // Their own "/" menus, as a role or membership given in the bot would mark them.
    await wantMenus(db, [personId], now);
  }
  return { people: DEMO_PEOPLE, rts };
}

function roleScope(demo: DemoPerson, rts: DemoWorld["rts"]): { rtId?: number; kelurahanCode?: string } {
  if (demo.role === "ketua_rt" || demo.role === "petugas") return { rtId: rts[demo.home!.rt].id };
  if (demo.role === "koordinator") return { kelurahanCode: DEMO_KELURAHAN };
  return {};
}
