import { like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "../../src/db/schema/index.js";
import { createLogger } from "../../src/logger.js";
import { planReminders } from "../../src/scheduling/reminders.js";
import { addKetua, addMember, addRt, newUser } from "../helpers/fixtures.js";
import { withTestBot } from "../helpers/test-bot.js";

const { database, harness } = withTestBot();

/** Deadline-aware planning may start a reminder a little early, never late. */
function expectDueBy(notBefore: Date, due: string) {
  expect(notBefore.getTime()).toBeLessThanOrEqual(Date.parse(due));
  expect(notBefore.getTime()).toBeGreaterThan(Date.parse(due) - 60_000);
}

describe("reminders of a moved date", () => {
  it("are queued again for the new time, not left at the old one", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    await addMember(database.db, newUser("Siti"), place.id);
    harness.drainAfterEachUpdate = false; // keep the reminders in the outbox to look at them

    // Sunday 22 Nov 10:00 WIB: a gotong royong tomorrow (Monday) 07.00.
    await harness.send(ketua, "/acara");
    await harness.press(ketua, "Gotong royong");
    await harness.send(ketua, "besok 07.00");
    await harness.send(ketua, "Pos kamling");
    await harness.press(ketua, "Lewati");
    await harness.press(ketua, "Sekali saja");
    await harness.press(ketua, "Simpan");

    const deps = { db: database.db, i18n: harness.deps.i18n, logger: createLogger("silent") };
    await planReminders(deps, harness.now);
    const before = await database.db.select().from(outbox).where(like(outbox.dedupeKey, "reminder:%"));
    expect(before.length).toBeGreaterThan(0);
    const beforeDue = before.filter((row) => row.dedupeKey.endsWith(":before"));
    expect(beforeDue).toHaveLength(2); // Siti and the ketua, who lives in the RT too
    for (const row of beforeDue) expectDueBy(row.notBefore, "2026-11-22T22:00:00.000Z"); // 2 hours before 07.00 WIB Monday

    await harness.send(ketua, "/ubahacara");
    await harness.press(ketua, "Gotong royong");
    await harness.press(ketua, "Ubah waktu");
    await harness.send(ketua, "besok 09.00");
    await planReminders(deps, harness.now);
    const after = await database.db.select().from(outbox).where(like(outbox.dedupeKey, "reminder:%"));
    const afterDue = after.filter((row) => row.dedupeKey.endsWith(":before"));
    expect(afterDue).toHaveLength(2);
    for (const row of afterDue) {
      expectDueBy(row.notBefore, "2026-11-23T00:00:00.000Z"); // 2 hours before 09.00 WIB Monday
      expect(String((row.payload as { text: string }).text)).toContain("09.00");
    }
  });
});
