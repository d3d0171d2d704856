import { eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { participation } from "../../../src/db/schema/index.js";
import { appointOfficer, createWasteBank, listWasteTypes, type WasteBankView, type WasteTypeView } from "../../../src/domain/bank-sampah/banks.js";
import { entrySourceKey } from "../../../src/domain/bank-sampah/ledger.js";
import { DomainError, type DomainErrorCode } from "../../../src/domain/errors.js";
import { loadActor, type Actor } from "../../../src/domain/people/actor.js";
import { addKetua, addKoordinator, addMember, addRt, KELURAHAN_BULURAN_KENALI, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../../helpers/fixtures.js";
import type { TestUser } from "../../helpers/test-bot.js";

/** Senin 2 November 2026, 10.00 WIB: the bank opens. */
export const OPENED = new Date("2026-11-02T03:00:00Z");

export const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

export type Person = TestUser & { personId: number };

/**
 * Two RTs of Simpang IV Sipin served by one bank (opened by their koordinator), RT 07 of Buluran
 * Kenali with its own bank; a petugas for each bank, residents in each RT.
 */
export async function bankWorld(db: Database) {
  const rt1 = await addRt(db, 1);
  const rt2 = await addRt(db, 2);
  const rt7 = await addRt(db, 7, KELURAHAN_BULURAN_KENALI);
  const koordinatorUser = newUser("Koordinator");
  const koordinator: Person = { ...koordinatorUser, personId: await addKoordinator(db, koordinatorUser, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN }) };
  const member = async (name: string, rtId: number, household = `Rumah ${name}`): Promise<Person> => {
    const user = newUser(name);
    return { ...user, personId: (await addMember(db, user, rtId, household)).personId };
  };
  const ketua1User = newUser("Harun");
  const ketua1: Person = { ...ketua1User, personId: (await addKetua(db, ketua1User, rt1.id)).personId };
  const ketua7User = newUser("Yusuf");
  const ketua7: Person = { ...ketua7User, personId: (await addKetua(db, ketua7User, rt7.id)).personId };

  const bank = await createWasteBank(db, await actorOf(db, koordinator), { name: "Bank Sampah Sipin Bersih", rtIds: [rt1.id, rt2.id] }, OPENED);
  const otherBank = await createWasteBank(db, await actorOf(db, ketua7), { name: "Bank Sampah Kenali", rtIds: [rt7.id] }, OPENED);

  const petugas = await member("Petugas", rt1.id);
  const otherPetugas = await member("PetugasKenali", rt7.id);
  await appointOfficer(db, await actorOf(db, koordinator), { wasteBankId: bank.id, personId: petugas.personId }, OPENED);
  await appointOfficer(db, await actorOf(db, ketua7), { wasteBankId: otherBank.id, personId: otherPetugas.personId }, OPENED);

  return {
    rt1, rt2, rt7, koordinator, ketua1, ketua7, bank, otherBank, petugas, otherPetugas,
    siti: await member("Siti", rt1.id, "Rumah 12"),
    budi: await member("Budi", rt2.id, "Rumah 3"),
    /** Lives in RT 07, which the first bank does not serve. */
    andi: await member("Andi", rt7.id),
    types: await typesByName(db, bank, OPENED),
    otherTypes: await typesByName(db, otherBank, OPENED),
    member,
  };
}

export type BankWorld = Awaited<ReturnType<typeof bankWorld>>;

export function actorOf(db: Database, who: TestUser): Promise<Actor> {
  return loadActor(db, who.id, []);
}

/** The bank's default types by a short name: pet, campur, kardus, kertas, logam, besi, kaca, jelantah. */
export async function typesByName(db: Database, bank: WasteBankView, at: Date): Promise<Record<"pet" | "campur" | "kardus" | "kertas" | "logam" | "besi" | "kaca" | "jelantah", WasteTypeView>> {
  const types = await listWasteTypes(db, bank.id, at);
  const find = (prefix: string) => {
    const type = types.find((candidate) => candidate.name.toLowerCase().startsWith(prefix));
    if (!type) throw new Error(`no waste type ${prefix}`);
    return type;
  };
  return {
    pet: find("plastik pet"), campur: find("plastik campur"), kardus: find("kardus"), kertas: find("kertas"),
    logam: find("logam"), besi: find("besi"), kaca: find("kaca"), jelantah: find("minyak"),
  };
}

/** Awaits a refusal with this code (and these vars, if given). */
export async function expectRefusal(promise: Promise<unknown>, code: DomainErrorCode, vars?: Record<string, string | number>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, `expected a refusal "${code}"`).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (vars) expect((error as DomainError).vars).toEqual(vars);
}

export async function participationOfEntry(db: Database, entryId: number) {
  return db.select().from(participation).where(eq(participation.sourceKey, entrySourceKey(entryId)));
}
