import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { membership, person } from "../../src/db/schema/index.js";
import { addKetua, addKoordinator, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { withTestBot } from "../helpers/test-bot.js";

const { database, harness } = withTestBot();

async function membershipsOf(telegramId: number) {
  const [row] = await database.db.select().from(person).where(eq(person.telegramId, telegramId));
  if (!row) return [];
  return database.db.select().from(membership).where(eq(membership.personId, row.id));
}

/** Walks a new resident through consent, kecamatan → kelurahan → RT, name and household. */
async function registerThroughMap(user: ReturnType<typeof newUser>, rtLabel: string, name: string, household: string) {
  await harness.send(user, "/start");
  expect(harness.lastText(user)).toContain("Data yang kami simpan");
  await harness.press(user, "Saya setuju");
  expect(harness.lastText(user)).toContain("Pilih kecamatan");
  await harness.press(user, "Telanaipura");
  expect(harness.lastText(user)).toContain("Pilih kelurahan");
  await harness.press(user, "Simpang IV Sipin");
  expect(harness.lastText(user)).toContain("Pilih RT");
  await harness.press(user, rtLabel);
  await harness.send(user, name);
  await harness.send(user, household);
  expect(harness.lastText(user)).toContain(name);
  await harness.press(user, "Kirim permintaan");
}

describe("registration", () => {
  it("takes a resident from /start to an approved membership, telling both sides", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Pak", "RT");
    await addKetua(database.db, ketua, place.id);
    const siti = newUser("Siti", "Aminah");

    await registerThroughMap(siti, "RT 05", "Siti Aminah", "Keluarga Pak Budi, No. 12");

    expect(harness.lastText(siti)).toContain("sudah dikirim ke ketua RT 05");
    expect(harness.lastText(ketua)).toContain("Siti Aminah");
    expect(harness.lastText(ketua)).toContain("Keluarga Pak Budi, No. 12");
    const [pending] = await membershipsOf(siti.id);
    expect(pending).toMatchObject({ rtId: place.id, status: "pending", householdLabel: "Keluarga Pak Budi, No. 12" });

    await harness.press(ketua, "Setujui");
    expect(harness.lastText(siti)).toContain("Selamat! Anda sudah menjadi warga RT 05");
    const [active] = await membershipsOf(siti.id);
    expect(active?.status).toBe("active");
    const [stored] = await database.db.select().from(person).where(eq(person.telegramId, siti.id));
    expect(stored?.displayName).toBe("Siti Aminah");
    expect(stored?.consentedAt).toEqual(harness.now);
  });

  it("tells a rejected resident, and keeps the request as history", async () => {
    const place = await addRt(database.db, 7);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    const budi = newUser("Budi");
    await registerThroughMap(budi, "RT 07", "Budi Santoso", "No. 3");

    await harness.press(ketua, "Tolak");
    expect(harness.lastText(budi)).toContain("tidak disetujui");
    const rows = await membershipsOf(budi.id);
    expect(rows.map((r) => r.status)).toEqual(["rejected"]);
  });

  it("stores nothing when consent is declined", async () => {
    const user = newUser("Ragu");
    await harness.send(user, "/start");
    await harness.press(user, "Tidak setuju");
    expect(harness.lastText(user)).toContain("tidak ada data Anda yang kami simpan");
    expect(await database.db.select().from(person).where(eq(person.telegramId, user.id))).toEqual([]);
  });

  it("sends the request to the koordinator when the RT has no ketua", async () => {
    await addRt(database.db, 9);
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const user = newUser("Dewi");
    await registerThroughMap(user, "RT 09", "Dewi Lestari", "No. 9");
    expect(harness.lastText(user)).toContain("diteruskan ke koordinator");
    expect(harness.lastText(koordinator)).toContain("Dewi Lestari");
    await harness.press(koordinator, "Setujui");
    const rows = await membershipsOf(user.id);
    expect(rows[0]?.status).toBe("active");
  });

  it("resumes a registration half-way through after a restart", async () => {
    const place = await addRt(database.db, 5);
    await addKetua(database.db, newUser("Ketua"), place.id);
    const user = newUser("Rina");
    await harness.send(user, "/start");
    await harness.press(user, "Saya setuju");
    await harness.press(user, "Telanaipura");
    await harness.press(user, "Simpang IV Sipin");
    await harness.press(user, "RT 05");

    harness.restart(); // a new process on the same database

    await harness.send(user, "Rina Marlina");
    await harness.send(user, "No. 5");
    await harness.press(user, "Kirim permintaan");
    const rows = await membershipsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rtId: place.id, status: "pending", householdLabel: "No. 5" });
  });

  it("handles the same update delivered twice as once", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    const user = newUser("Tono");
    await harness.send(user, "/start");
    await harness.press(user, "Saya setuju");
    await harness.press(user, "Telanaipura");
    await harness.press(user, "Simpang IV Sipin");
    await harness.press(user, "RT 05");
    const nameUpdate = await harness.send(user, "Tono Sugiarto");
    const callsBefore = harness.telegram.calls.length;
    await harness.deliver(nameUpdate); // Telegram redelivers the name
    expect(harness.telegram.calls.length).toBe(callsBefore);
    await harness.send(user, "No. 8");
    const submit = await harness.press(user, "Kirim permintaan");
    await harness.deliver(submit);
    const rows = await membershipsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(harness.telegram.textsTo(ketua.id).filter((t) => t.includes("Tono Sugiarto"))).toHaveLength(1);

    const approve = await harness.press(ketua, "Setujui");
    await harness.deliver(approve);
    expect(harness.telegram.textsTo(user.id).filter((t) => t.includes("Selamat!"))).toHaveLength(1);
    const active = await database.db.select().from(membership).where(and(eq(membership.rtId, place.id), eq(membership.status, "active")));
    expect(active).toHaveLength(2); // the ketua and Tono
  });
});
