import { asc } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { outbox } from "../../../src/db/schema/index.js";
import { appointBankOfficer, revokeBankOfficer } from "../../../src/domain/bank-sampah/officers.js";
import type { ServiceDeps } from "../../../src/domain/service.js";
import { withTestDatabase } from "../../helpers/database.js";
import { actorOf, bankWorld, minutesAfter, OPENED, type BankWorld } from "./world.js";

const database = withTestDatabase();
let world: BankWorld;

beforeEach(async () => {
  world = await bankWorld(database.db);
});

const NOW = minutesAfter(OPENED, 60);
/** Texts that show which message and values were chosen, in which language. */
const deps = (): ServiceDeps => ({
  db: database.db,
  i18n: { t: (locale, key, vars) => `${locale}|${key}|${JSON.stringify(vars ?? {})}` },
  clock: () => NOW,
  wakeDelivery: () => {},
});

describe("officer services", () => {
  it("tells an appointed or revoked officer once per appointment, in the same transaction", async () => {
    const actor = await actorOf(database.db, world.koordinator);
    const params = { actor, wasteBankId: world.bank.id, personId: world.budi.personId };
    expect(await appointBankOfficer(deps(), params)).toEqual({ changed: true, name: "Budi", bankName: "Bank Sampah Sipin Bersih" });
    expect(await appointBankOfficer(deps(), params)).toEqual({ changed: false, name: "Budi", bankName: "Bank Sampah Sipin Bersih" });
    expect(await revokeBankOfficer(deps(), params)).toEqual({ changed: true, name: "Budi", bankName: "Bank Sampah Sipin Bersih" });
    expect(await revokeBankOfficer(deps(), params)).toEqual({ changed: false, name: "-", bankName: "Bank Sampah Sipin Bersih" });
    await appointBankOfficer(deps(), params); // appointed again: news again
    const texts = (await database.db.select().from(outbox).orderBy(asc(outbox.id))).map((notice) => (notice.payload as { text: string }).text);
    expect(texts).toEqual([
      'id|bank-officer-appointed-notice|{"bank":"Bank Sampah Sipin Bersih"}',
      'id|bank-officer-revoked-notice|{"bank":"Bank Sampah Sipin Bersih"}',
      'id|bank-officer-appointed-notice|{"bank":"Bank Sampah Sipin Bersih"}',
    ]);
  });
});
