import { asc, eq } from "drizzle-orm";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { auditLog, ledgerEntry, membership, outbox, person } from "../../src/db/schema/index.js";
import { appointOfficer, createWasteBank } from "../../src/domain/bank-sampah/banks.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { memberDecision } from "../../src/messages/buttons/people.js";
import type { InjectedFailure } from "../../src/testing/fake-telegram.js";
import { addKetua, addKoordinator, addMember, addPending, addRt, currentMembershipOf, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { callbackDataOf, shownMessages, type ShownMessage, type TestUser, withTestBot } from "../helpers/test-bot.js";

/**
 * A reply that Telegram refuses with a 5xx, or that times out, fails its update; Telegram sends the
 * update again. The form it was part of goes on at the same step, what the step saved is saved
 * once, and the reply is sent then.
 */
const { database, harness } = withTestBot();

const SERVER_ERROR: InjectedFailure = { error_code: 502, description: "Bad Gateway" };
const FAILURES: [string, InjectedFailure][] = [
  ["a 5xx", SERVER_ERROR],
  ["a timeout", "timeout"],
];
/** What Telegram answers to a second answer of the same press. */
const QUERY_TOO_OLD: InjectedFailure = { error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" };
const NOT_UNDERSTOOD = "Maaf, saya belum mengerti";

function shownWith(user: TestUser, text: string): ShownMessage {
  const found = shownMessages(harness.telegram, user.id).filter((message) => message.text.includes(text)).at(-1);
  if (!found) throw new Error(`no message with "${text}" in chat ${user.id}: ${harness.telegram.textsTo(user.id).join(" | ")}`);
  return found;
}

/** Delivers `update` with the first `method` call to `user` failing, then again as Telegram redelivers it. */
async function failThenRedeliver(user: TestUser, update: Update, method: string, failure: InjectedFailure): Promise<void> {
  harness.telegram.failNext(method, failure, { chatId: user.id });
  await expect(harness.deliver(update)).rejects.toThrow();
  await harness.deliver(update);
}

/** Sari is the officer of a bank serving RT 05, where Siti lives. */
async function bankWorld() {
  const db = database.db;
  const rt5 = await addRt(db, 5);
  const koordinator = newUser("Koordinator");
  await addKoordinator(db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  const actor = await loadActor(db, koordinator.id, []);
  const bank = await createWasteBank(db, actor, { name: "Bank Sampah Sipin Bersih", rtIds: [rt5.id] }, new Date("2026-09-01T00:00:00Z"));
  const sari = newUser("Sari");
  const { personId: sariId } = await addMember(db, sari, rt5.id, "Rumah 1");
  await appointOfficer(db, actor, { wasteBankId: bank.id, personId: sariId }, new Date("2026-09-01T00:00:00Z"));
  const siti = newUser("Siti");
  await addMember(db, siti, rt5.id, "Rumah 12");
  return { sari, siti };
}

describe("a failed reply in the middle of /setor", () => {
  for (const [what, failure] of FAILURES) {
    it(`after ${what} on the reply to the weight, the redelivered weight goes on at the same step, and the deposit is saved once`, async () => {
      const { sari, siti } = await bankWorld();
      await harness.send(sari, "/setor");
      await harness.send(sari, "siti");
      await harness.press(sari, "Siti");
      await harness.press(sari, "Kardus");
      expect(harness.lastText(sari)).toContain("Berapa");

      const weight = harness.messageUpdate(sari, "2,5");
      await failThenRedeliver(sari, weight, "sendMessage", failure);
      expect(harness.telegram.textsTo(sari.id).join("\n")).not.toContain(NOT_UNDERSTOOD);
      expect(harness.lastText(sari)).toContain("Total: Rp 4.500");

      // The Simpan tap: the reply after the save fails, Telegram redelivers the tap, whose second
      // answer Telegram refuses (it was answered already).
      const summary = shownWith(sari, "Total: Rp 4.500");
      const save = callbackDataOf(summary).find((data) => data.startsWith("bank.setor:save:"))!;
      const tap = harness.callbackUpdate(sari, save, summary.messageId);
      harness.telegram.failNext("sendMessage", failure, { chatId: sari.id });
      await expect(harness.deliver(tap)).rejects.toThrow();
      harness.telegram.failNext("answerCallbackQuery", QUERY_TOO_OLD);
      await harness.deliver(tap);

      expect(harness.lastText(sari)).toContain("Setoran Siti tersimpan");
      expect(await database.db.select().from(ledgerEntry)).toHaveLength(1);
      expect(harness.telegram.textsTo(siti.id)).toHaveLength(1);
      // The form is over: another message is not an answer to it.
      expect(await database.db.select().from(outbox).where(eq(outbox.chatId, siti.id))).toHaveLength(1);
    });
  }

  it("still ends the form when the failure is not one a retry can pass (a 400)", async () => {
    const { sari } = await bankWorld();
    await harness.send(sari, "/setor");
    await harness.send(sari, "siti");
    await harness.press(sari, "Siti");
    await harness.press(sari, "Kardus");
    const weight = harness.messageUpdate(sari, "2,5");
    harness.telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: message is too long" }, { chatId: sari.id });
    await expect(harness.deliver(weight)).rejects.toThrow();
    await harness.deliver(weight);
    expect(harness.lastText(sari)).toContain(NOT_UNDERSTOOD);
  });
});

async function membershipsOf(telegramId: number) {
  const [row] = await database.db.select().from(person).where(eq(person.telegramId, telegramId));
  return row ? database.db.select().from(membership).where(eq(membership.personId, row.id)) : [];
}

describe("a failed reply in the middle of registration", () => {
  for (const [what, failure] of FAILURES) {
    it(`after ${what}, the redelivered name and "Kirim" go on at the same step, and the request is made once`, async () => {
      const place = await addRt(database.db, 5);
      const ketua = newUser("Ketua");
      await addKetua(database.db, ketua, place.id);
      const rina = newUser("Rina");
      await harness.send(rina, "/start");
      await harness.press(rina, "Saya setuju");
      await harness.press(rina, "Telanaipura");
      await harness.press(rina, "Simpang IV Sipin");
      await harness.press(rina, "RT 05");

      await failThenRedeliver(rina, harness.messageUpdate(rina, "Rina Marlina"), "sendMessage", failure);
      expect(harness.telegram.textsTo(rina.id).join("\n")).not.toContain(NOT_UNDERSTOOD);
      await harness.send(rina, "No. 5");
      expect(harness.lastText(rina)).toContain("Rina Marlina");

      const summary = shownWith(rina, "Rina Marlina");
      const send = harness.callbackUpdate(rina, callbackDataOf(summary)[0]!, summary.messageId);
      harness.telegram.failNext("sendMessage", failure, { chatId: rina.id });
      await expect(harness.deliver(send)).rejects.toThrow();
      harness.telegram.failNext("answerCallbackQuery", QUERY_TOO_OLD);
      await harness.deliver(send);

      expect(harness.lastText(rina)).toContain("sudah dikirim ke ketua RT 05");
      const rows = await membershipsOf(rina.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ rtId: place.id, status: "pending", householdLabel: "No. 5" });
      expect(harness.telegram.textsTo(ketua.id).filter((text) => text.includes("Rina Marlina"))).toHaveLength(1);
    });
  }
});

describe("an approval whose answer fails", () => {
  for (const [what, failure] of FAILURES) {
    it(`after ${what} on answerCallbackQuery, the resident's notice is queued once and sent once`, async () => {
      const place = await addRt(database.db, 5);
      const ketua = newUser("Ketua");
      await addKetua(database.db, ketua, place.id);
      const dewi = newUser("Dewi");
      const request = await addPending(database.db, dewi, place.id);
      await harness.send(ketua, "/anggota");
      const list = shownWith(ketua, "Menunggu persetujuan");
      const tap = harness.callbackUpdate(ketua, memberDecision.data({ decision: "ok", membership: request.membershipId }), list.messageId);
      harness.telegram.failNext("answerCallbackQuery", failure);
      await expect(harness.deliver(tap)).rejects.toThrow();
      expect(await database.db.select().from(outbox).where(eq(outbox.chatId, dewi.id))).toHaveLength(1);

      await harness.deliver(tap);
      expect((await currentMembershipOf(database.db, dewi.id))?.status).toBe("active");
      expect(await database.db.select().from(outbox).where(eq(outbox.chatId, dewi.id)).orderBy(asc(outbox.id))).toHaveLength(1);
      expect(harness.telegram.textsTo(dewi.id)).toEqual([expect.stringContaining("Selamat! Anda sudah menjadi warga RT 05")]);
      expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "membership_approved"))).toHaveLength(1);
    });
  }
});
