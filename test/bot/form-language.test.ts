import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { person } from "../../src/db/schema/index.js";
import { appointOfficer, createWasteBank } from "../../src/domain/bank-sampah/banks.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { addKoordinator, addMember, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { withTestBot } from "../helpers/test-bot.js";

/**
 * A form replays every update it took so far, each in a context of its own; their language is
 * the one of the person answering now (src/bot/i18n.ts), not looked up again per replayed update.
 */
const { database, harness } = withTestBot();

async function bankWorld() {
  const db = database.db;
  const rt5 = await addRt(db, 5);
  const koordinator = newUser("Koordinator");
  await addKoordinator(db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  const bank = await createWasteBank(db, await loadActor(db, koordinator.id, []), { name: "Bank Sampah Sipin Bersih", rtIds: [rt5.id] }, new Date("2026-09-01T00:00:00Z"));
  const sari = newUser("Sari");
  const { personId: sariId } = await addMember(db, sari, rt5.id, "Rumah 1");
  await appointOfficer(db, await loadActor(db, koordinator.id, []), { wasteBankId: bank.id, personId: sariId }, new Date("2026-09-01T00:00:00Z"));
  await addMember(db, newUser("Siti"), rt5.id, "Rumah 12");
  return { sari, sariId };
}

describe("a form's language", () => {
  it("is the person's at every step, replayed steps included, and follows a change made between steps", async () => {
    const { sari, sariId } = await bankWorld();
    await database.db.update(person).set({ locale: "en" }).where(eq(person.id, sariId));
    await harness.send(sari, "/setor");
    expect(harness.lastText(sari)).toContain("Whose deposit is it?");
    await harness.send(sari, "siti");
    await harness.press(sari, "Siti");
    expect(harness.lastText(sari)).toContain("Which waste type is Siti depositing?");
    await harness.press(sari, "Kardus");
    await harness.send(sari, "2.5");
    expect(harness.lastText(sari)).toContain("Total: Rp");
    expect(harness.lastText(sari)).toContain("Deposit of Siti");

    // Back to Indonesian before the last step: the form speaks it from the next answer on.
    await database.db.update(person).set({ locale: "id" }).where(eq(person.id, sariId));
    await harness.press(sari, "Save");
    expect(harness.lastText(sari)).toContain("Setoran Siti tersimpan");
  });
});
