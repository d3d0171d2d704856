import { and, asc, eq, like, sql } from "drizzle-orm";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { auditLog, botState, event, eventOccurrence, ledgerEntry, membership, outbox, person, roleInvite, rt, wastePrice, wasteType } from "../../src/db/schema/index.js";
import { createI18n } from "../../src/bot/i18n.js";
import { appointOfficer, createWasteBank, listWasteTypes, revokeOfficer, setPrice } from "../../src/domain/bank-sampah/banks.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { ketuaLink, ketuaLinkPage, memberDecision } from "../../src/messages/buttons/people.js";
import { createLogger } from "../../src/logger.js";
import { productionJobs } from "../../src/scheduling/jobs.js";
import type { InjectedFailure } from "../../src/testing/fake-telegram.js";
import { activeRolesOf, addAdmin, addKetua, addKoordinator, addMember, addPending, addRt, currentMembershipOf, KELURAHAN_BULURAN_KENALI, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser, snapshotState } from "../helpers/fixtures.js";
import { callbackAnswerTo, callbackDataOf, pressData, shownMessages, type ShownMessage, type TestUser, withTestBot } from "../helpers/test-bot.js";

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
/**
 * Makes the database refuse to insert or to delete a form step's row in bot_state: as if going away
 * (`errcode` 57P01, a transient failure) or outright. `arm` puts the trigger on (at once or later),
 * `undo` takes it and its function away.
 */
async function refuseFormSteps(operation: "insert" | "delete", errcode?: string) {
  const name = `refuse_step_${operation}`;
  const row = operation === "insert" ? "new" : "old";
  await database.db.execute(sql.raw(`
    create function ${name}() returns trigger language plpgsql as $$
    begin
      if ${row}.key like 'form-step:%' then raise exception 'form steps refused'${errcode ? ` using errcode = '${errcode}'` : ""}; end if;
      return ${row};
    end $$`));
  return {
    arm: async () => void (await database.db.execute(sql.raw(`create trigger ${name} before ${operation} on bot_state for each row execute function ${name}()`))),
    undo: async () => {
      await database.db.execute(sql.raw(`drop trigger if exists ${name} on bot_state`));
      await database.db.execute(sql.raw(`drop function if exists ${name}()`));
    },
  };
}

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
  return { sari, siti, sariId, bank, koordinator: actor };
}

/** What forms kept for the redelivery of failed updates. */
function keptSteps() {
  return database.db.select().from(botState).where(like(botState.key, "form-step:%"));
}

/** Sari's /setor up to the summary of 2,5 kg of Kardus; the Simpan tap on it, not yet delivered. */
async function depositUpToSave(sari: TestUser): Promise<Update> {
  await harness.send(sari, "/setor");
  await harness.send(sari, "siti");
  await harness.press(sari, "Siti");
  await harness.press(sari, "Kardus");
  await harness.send(sari, "2,5");
  const summary = shownWith(sari, "Total: Rp 4.500");
  return harness.callbackUpdate(sari, callbackDataOf(summary).find((data) => data.startsWith("bank.setor:save:"))!, summary.messageId);
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
      // One receipt queued, and what was kept for the redelivery is gone with the ended form.
      expect(await database.db.select().from(outbox).where(eq(outbox.chatId, siti.id))).toHaveLength(1);
      expect(await database.db.select().from(botState)).toEqual([]);
    });
  }

  it("when polling (nothing is redelivered), the answer typed again goes on at the same step", async () => {
    const { sari } = await bankWorld();
    await harness.send(sari, "/setor");
    await harness.send(sari, "siti");
    await harness.press(sari, "Siti");
    await harness.press(sari, "Kardus");
    harness.telegram.failNext("sendMessage", SERVER_ERROR, { chatId: sari.id });
    await expect(harness.send(sari, "2,5")).rejects.toThrow();
    await harness.send(sari, "2,5");
    expect(harness.lastText(sari)).toContain("Total: Rp 4.500");
  });

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

describe("a failed reply at the end of /acara", () => {
  for (const [what, failure] of FAILURES) {
    it(`after ${what} on the reply to Simpan, the redelivered tap saves the event once and tells the ketua`, async () => {
      const place = await addRt(database.db, 5);
      const ketua = newUser("Ketua");
      await addKetua(database.db, ketua, place.id);
      await harness.send(ketua, "/acara");
      await harness.press(ketua, "Ronda");
      await failThenRedeliver(ketua, harness.messageUpdate(ketua, "nanti malam 22.00"), "sendMessage", failure);
      await harness.press(ketua, "Pos kamling");
      await harness.press(ketua, "Lewati");
      await harness.press(ketua, "Sekali saja");

      const summary = shownWith(ketua, "Periksa kembali");
      const save = harness.callbackUpdate(ketua, callbackDataOf(summary)[0]!, summary.messageId);
      harness.telegram.failNext("sendMessage", failure, { chatId: ketua.id });
      await expect(harness.deliver(save)).rejects.toThrow();
      expect(await database.db.select().from(event)).toHaveLength(1);
      harness.telegram.failNext("answerCallbackQuery", QUERY_TOO_OLD);
      await harness.deliver(save);

      expect(harness.lastText(ketua)).toBe("Ronda pada Minggu, 22 November 2026 pukul 22.00 WIB sudah dijadwalkan. Belum ada warga lain yang bisa diberi tahu.");
      expect(await database.db.select().from(event)).toHaveLength(1);
      expect(await database.db.select().from(eventOccurrence)).toHaveLength(1);
      // What was kept for the redelivery is gone once the update is over; so is the ended form.
      expect(await database.db.select().from(botState)).toEqual([]);
    });
  }
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
      await harness.press(rina, "saja");
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
      expect(harness.telegram.textsTo(dewi.id)).toEqual([expect.stringContaining("Anda sudah menjadi warga RT 05")]);
      expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "membership_approved"))).toHaveLength(1);
    });
  }
});

const LINK = /https:\/\/t\.me\/bantar_test_bot\?start=([A-Za-z0-9_-]+)/;
const OUT_OF_SCOPE = "RT ini di luar wilayah tugas Anda.";

function linkCode(text: string): string {
  const match = LINK.exec(text);
  if (!match) throw new Error(`no deep link in: ${text}`);
  return match[1]!;
}

/** Opens a ketua link as a new person and answers every question; returns the last reply. */
async function takeKetuaLink(user: TestUser, code: string): Promise<string> {
  await harness.send(user, `/start ${code}`);
  if (harness.lastText(user).includes("Data yang kami simpan")) await harness.press(user, "Saya setuju");
  if (!harness.lastText(user).includes("nama")) return harness.lastText(user);
  await harness.send(user, `${user.first_name} Baru`);
  await harness.press(user, "saja");
  await harness.send(user, "No. 1");
  await harness.press(user, "Ya, lanjutkan");
  return harness.lastText(user);
}

async function invitesOf(rtId: number) {
  return database.db.select().from(roleInvite).where(eq(roleInvite.rtId, rtId));
}

describe("a ketua link lost with its reply", () => {
  for (const [what, failure] of FAILURES) {
    it(`after ${what} on /buatrt's last reply, the RT is made once, the redelivery shows its link, and /tautanketua gives a working one in its place`, async () => {
      const koordinator = newUser("Koor");
      await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
      await harness.send(koordinator, "/buatrt");
      await harness.press(koordinator, "Simpang IV Sipin");
      await harness.send(koordinator, "12");
      await failThenRedeliver(koordinator, harness.messageUpdate(koordinator, "90"), "sendMessage", failure);

      const places = await database.db.select().from(rt).where(eq(rt.kelurahanCode, KELURAHAN_SIMPANG_IV_SIPIN));
      expect(places.map((place) => place.number)).toEqual([12]);
      const [lost] = await invitesOf(places[0]!.id);
      // The redelivery replays the step: the RT made once, and its link shown after all.
      expect(await invitesOf(places[0]!.id)).toHaveLength(1);
      expect(harness.lastText(koordinator)).toContain("RT 12 Kelurahan Simpang IV Sipin, Kecamatan Telanaipura sudah terdaftar.");
      expect(linkCode(harness.lastText(koordinator))).toBe(lost!.code);
      expect(harness.lastText(koordinator)).toContain("/tautanketua");

      await harness.send(koordinator, "/tautanketua");
      expect(harness.lastText(koordinator)).toBe("Untuk RT mana tautan ketua baru dibuat?");
      expect(harness.buttons(koordinator)).toEqual(["RT 12 · Simpang IV Sipin", "Tutup"]);
      await harness.press(koordinator, "RT 12 · Simpang IV Sipin");
      expect(harness.lastText(koordinator)).toBe(
        "Buat tautan ketua baru untuk RT 12 Kelurahan Simpang IV Sipin?\nTautan ketua sebelumnya untuk RT ini yang belum dipakai tidak berlaku lagi.",
      );
      await harness.press(koordinator, "Buat tautan");
      const made = harness.lastText(koordinator);
      expect(made).toContain("Tautan ketua RT 12 Kelurahan Simpang IV Sipin, Kecamatan Telanaipura.");
      expect(made).toContain("29 November 2026");
      expect(made).toContain("Tautan ketua sebelumnya untuk RT ini tidak berlaku lagi.");
      const code = linkCode(made);
      expect(code).not.toBe(lost!.code);

      // The lost link (if it reached anyone after all) no longer works; the new one does.
      const stray = newUser("Stray");
      expect(await takeKetuaLink(stray, lost!.code)).toContain("kedaluwarsa");
      expect(await activeRolesOf(database.db, stray.id)).toEqual([]);
      const hasan = newUser("Hasan");
      expect(await takeKetuaLink(hasan, code)).toContain("Selamat, Anda sekarang ketua RT 12");
      expect(await activeRolesOf(database.db, hasan.id)).toEqual([`ketua_rt:${places[0]!.id}`]);
    });
  }

  it("a failed reply to the link's press makes a newer link on the redelivery, and only the newest works", async () => {
    const place = await addRt(database.db, 5);
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    await harness.send(admin, "/tautanketua");
    await harness.press(admin, "RT 05 · Simpang IV Sipin");
    const confirm = shownWith(admin, "Buat tautan ketua baru");
    const press = harness.callbackUpdate(admin, callbackDataOf(confirm)[0]!, confirm.messageId);
    await failThenRedeliver(admin, press, "editMessageText", SERVER_ERROR);
    const invites = await invitesOf(place.id);
    expect(invites).toHaveLength(2);
    const shown = linkCode(harness.lastText(admin));
    const usable = invites.filter((invite) => invite.expiresAt.getTime() > harness.now.getTime());
    expect(usable.map((invite) => invite.code)).toEqual([shown]);
  });
});

describe("/tautanketua", () => {
  it("warns that a new link replaces the RT's ketua, and lists only the RTs of the koordinator's area, paged", async () => {
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    for (let number = 1; number <= 9; number++) await addRt(database.db, number);
    await addRt(database.db, 3, KELURAHAN_BULURAN_KENALI);
    const places = await database.db.select().from(rt).where(eq(rt.kelurahanCode, KELURAHAN_SIMPANG_IV_SIPIN));
    await addKetua(database.db, newUser("Harun"), places.find((place) => place.number === 9)!.id);

    await harness.send(koordinator, "/tautanketua");
    const first = harness.buttons(koordinator);
    expect(first.filter((label) => label.startsWith("RT "))).toHaveLength(8);
    expect(first).not.toContain("RT 03 · Buluran Kenali");
    await harness.press(koordinator, "▶");
    expect(harness.buttons(koordinator)).toContain("RT 09 · Simpang IV Sipin");
    await harness.press(koordinator, "RT 09 · Simpang IV Sipin");
    expect(harness.lastText(koordinator)).toContain("RT 09 Kelurahan Simpang IV Sipin sekarang diketuai Harun. Siapa pun yang membuka tautan baru menjadi ketua RT menggantikan Harun.");
    await harness.press(koordinator, "Batal");
    expect(harness.lastText(koordinator)).toBe("Ditutup.");
    expect(await database.db.select().from(roleInvite)).toEqual([]);
  });

  it("refuses other roles, RTs outside the area, and forged or stale buttons, storing nothing", async () => {
    const inScope = await addRt(database.db, 5);
    const elsewhere = await addRt(database.db, 7, KELURAHAN_PAYO_SELINCAH);
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, inScope.id);
    const warga = newUser("Warga");
    await addMember(database.db, warga, inScope.id);
    const stranger = newUser("Asing");
    const before = await snapshotState(database.db);

    for (const user of [ketua, warga, stranger]) {
      await harness.send(user, "/tautanketua");
      expect(harness.lastText(user)).toBe("Maaf, perintah ini hanya untuk koordinator dan admin kota.");
      for (const data of [ketuaLink.data({ step: "ask", rt: inScope.id }), ketuaLink.data({ step: "confirm", rt: inScope.id }), ketuaLinkPage.data({ page: 0 })]) {
        const press = await pressData(harness, user, data);
        expect(callbackAnswerTo(harness.telegram, press)).toEqual(expect.objectContaining({ text: "Maaf, perintah ini hanya untuk koordinator dan admin kota.", show_alert: true }));
      }
    }
    // An RT of another kelurahan, or none at all: refused alike, and nothing is said about it.
    for (const rtId of [elsewhere.id, 999_999]) {
      for (const step of ["ask", "confirm"] as const) {
        const press = await pressData(harness, koordinator, ketuaLink.data({ step, rt: rtId }));
        expect(callbackAnswerTo(harness.telegram, press)).toEqual(expect.objectContaining({ text: OUT_OF_SCOPE, show_alert: true }));
      }
    }
    for (const data of ["ketualink:confirm:-1", "ketualink:confirm:0", "ketualink:ask:5 OR 1=1", "ketualink:confirm", "ketualink.page:abc", `ketualink:make:${inScope.id}`]) {
      const press = await pressData(harness, koordinator, data);
      expect(callbackAnswerTo(harness.telegram, press)?.text, data).toBe("Tombol ini sudah tidak berlaku.");
    }
    // A page past the end shows the last page.
    await pressData(harness, koordinator, ketuaLinkPage.data({ page: 99 }));
    expect(harness.lastText(koordinator)).toBe("Untuk RT mana tautan ketua baru dibuat?");
    const { bot_state: _ignored, ...after } = await snapshotState(database.db);
    const { bot_state: _before, ...expected } = before;
    expect(after).toEqual(expected);
  });
});

describe("what a form keeps for a redelivery", () => {
  it("names no Telegram id, and goes once the update is over even when its redelivery no longer reaches the form", async () => {
    const { sari } = await bankWorld();
    const tap = await depositUpToSave(sari);
    harness.telegram.failNext("sendMessage", SERVER_ERROR, { chatId: sari.id });
    await expect(harness.deliver(tap)).rejects.toThrow();
    const kept = await keptSteps();
    expect(kept.length).toBeGreaterThan(0);
    // The receipt kept is for Sari's reply: the resident's Telegram id is not in it.
    expect(JSON.stringify(kept.map((row) => row.value))).not.toContain("telegramId");

    // Before Telegram sends the tap again, Sari ends the form; the redelivered tap is told it was saved.
    await harness.send(sari, "/batal");
    await harness.deliver(tap);
    expect(await database.db.select().from(ledgerEntry)).toHaveLength(1);
    expect(await keptSteps()).toEqual([]);
  });

  it("of an update never sent again (polling) goes with the daily prune of processed updates", async () => {
    const { sari } = await bankWorld();
    const tap = await depositUpToSave(sari);
    harness.telegram.failNext("sendMessage", SERVER_ERROR, { chatId: sari.id });
    await expect(harness.deliver(tap)).rejects.toThrow();
    expect((await keptSteps()).length).toBeGreaterThan(0);
    const jobs = productionJobs({ db: database.db, i18n: createI18n(database.db), logger: createLogger("silent") });
    const prune = jobs.find((job) => job.name === "prune-updates")!;
    // Rows are stamped by the database's clock: the job's `now` is a day and more after it.
    await prune.run(new Date(Date.now() + 86_400_000 + 3_600_000));
    expect(await keptSteps()).toEqual([]);
  });

  it("when it cannot be dropped, the form's state is not saved either (one statement): the redelivery goes on from the same step and saves once", async () => {
    const { sari, siti } = await bankWorld();
    // The Simpan keeps what the step decided (the right it still holds) before the deposit commits.
    const tap = await depositUpToSave(sari);
    // The database refuses, as if going away, to drop kept steps (with the form's own state).
    const refusal = await refuseFormSteps("delete", "57P01");
    await refusal.arm();
    try {
      await expect(harness.deliver(tap)).rejects.toThrow();
    } finally {
      await refusal.undo();
    }
    expect((await keptSteps()).length).toBeGreaterThan(0);
    harness.telegram.failNext("answerCallbackQuery", QUERY_TOO_OLD);
    await harness.deliver(tap);
    expect(harness.lastText(sari)).toContain("Setoran Siti tersimpan");
    expect(await database.db.select().from(ledgerEntry)).toHaveLength(1);
    expect(await database.db.select().from(outbox).where(eq(outbox.chatId, siti.id))).toHaveLength(1);
    // The form ended, and what was kept went with it.
    expect(await database.db.select().from(botState)).toEqual([]);
    await harness.send(sari, "/setor");
    expect(harness.lastText(sari)).toContain("Setoran dari siapa?");
  });

  it("a step that committed without a request key (a price set) is not called again when the database went away with the failed reply", async () => {
    const { sari } = await bankWorld();
    // The database goes away as the reply to the new price is being sent: from then on no form
    // step can be kept (as if the reply's failure and the database's were one outage).
    const refusal = await refuseFormSteps("insert", "57P01");
    const original = harness.telegram.fetch;
    let armed = true;
    (harness.telegram as unknown as { fetch: typeof original }).fetch = async (input, init) => {
      const body = typeof init?.body === "string" ? init.body : "";
      if (armed && String(input).endsWith("/sendMessage") && body.includes("Harga Kardus sekarang")) {
        armed = false;
        await refusal.arm();
      }
      return original(input, init);
    };
    try {
      harness.restart();
      await harness.send(sari, "/harga");
      await harness.press(sari, "Ubah harga");
      await harness.press(sari, "Kardus");
      await harness.send(sari, "Rp 2.000");
      const asked = shownWith(sari, "Berlaku mulai kapan");
      const tap = harness.callbackUpdate(sari, callbackDataOf(asked)[0]!, asked.messageId);
      harness.telegram.failNext("sendMessage", SERVER_ERROR, { chatId: sari.id, when: (payload) => String(payload.text ?? "").includes("Harga Kardus sekarang") });
      await expect(harness.deliver(tap)).rejects.toThrow();
      await refusal.undo();
      // The database is back; Telegram delivers the tap again.
      harness.telegram.failNext("answerCallbackQuery", QUERY_TOO_OLD);
      await harness.deliver(tap);
    } finally {
      (harness.telegram as unknown as { fetch: typeof original }).fetch = original;
      await refusal.undo();
    }
    const [kardus] = await database.db.select().from(wasteType).where(eq(wasteType.name, "Kardus"));
    expect(await database.db.select().from(wastePrice).where(and(eq(wastePrice.wasteTypeId, kardus!.id), eq(wastePrice.rupiahPerUnit, 2000)))).toHaveLength(1);
  });

  it("is not written by steps that go well and commit nothing: they cost no round trip for it", async () => {
    const { sari } = await bankWorld();
    await harness.send(sari, "/setor");
    // The database refuses to keep any step, as a witness: the steps below must not try.
    const refusal = await refuseFormSteps("insert");
    await refusal.arm();
    try {
      await harness.send(sari, "siti");
      await harness.press(sari, "Siti");
      await harness.press(sari, "Kardus");
      await harness.send(sari, "2,5");
    } finally {
      await refusal.undo();
    }
    expect(harness.lastText(sari)).toContain("Total: Rp 4.500");
    expect(await keptSteps()).toEqual([]);
  });

  it("after a price change, the summary shown again keeps its request across a redelivery: the Simpan of the timed-out one saves", async () => {
    const { sari, sariId, bank } = await bankWorld();
    const tap = await depositUpToSave(sari);
    const kardus = (await listWasteTypes(database.db, bank.id, harness.now)).find((type) => type.name === "Kardus")!;
    await setPrice(database.db, await loadActor(database.db, sari.id, []), kardus.id, 2000, harness.now, harness.now);
    expect(sariId).toBeGreaterThan(0);

    // The reply with the summary at the new price reaches the chat, but its answer times out.
    harness.telegram.failNext("sendMessage", "timeout", { chatId: sari.id });
    await expect(harness.deliver(tap)).rejects.toThrow();
    harness.telegram.failNext("answerCallbackQuery", QUERY_TOO_OLD);
    await harness.deliver(tap);
    const again = shownMessages(harness.telegram, sari.id).filter((message) => message.text.includes("Total: Rp 5.000"));
    expect(again).toHaveLength(2);
    expect(callbackDataOf(again[0]!)).toEqual(callbackDataOf(again[1]!));

    const save = callbackDataOf(again[0]!).find((data) => data.startsWith("bank.setor:save:"))!;
    await harness.deliver(harness.callbackUpdate(sari, save, again[0]!.messageId));
    expect(harness.lastText(sari)).toContain("Setoran Siti tersimpan");
    expect(await database.db.select({ amount: ledgerEntry.amount }).from(ledgerEntry)).toEqual([{ amount: 5000 }]);
  });
});

describe("a right lost between a step and its redelivery", () => {
  it("does not unsay what the step saved: the redelivered price of a new type tells it was added", async () => {
    const { sari, sariId, bank, koordinator } = await bankWorld();
    await harness.send(sari, "/harga");
    await harness.press(sari, "Tambah jenis");
    await harness.send(sari, "Kaleng susu");
    await harness.press(sari, "per kg");
    const price = harness.messageUpdate(sari, "2.000");
    harness.telegram.failNext("sendMessage", SERVER_ERROR, { chatId: sari.id });
    await expect(harness.deliver(price)).rejects.toThrow();
    // Sari stops being an officer before Telegram sends the price again.
    await revokeOfficer(database.db, koordinator, { wasteBankId: bank.id, personId: sariId }, harness.now);
    await harness.deliver(price);

    expect(harness.telegram.textsTo(sari.id)).toContain("✅ Kaleng susu ditambahkan dengan harga Rp 2.000/kg.");
    expect(harness.telegram.textsTo(sari.id).join("\n")).not.toContain("Langkah terakhir tidak dijalankan");
    expect(await database.db.select().from(wasteType).where(eq(wasteType.name, "Kaleng susu"))).toHaveLength(1);
  });
});

describe("an update redelivered after a later one moved its form", () => {
  it("does not read back what it kept at the step it was: a right lost meanwhile is asked afresh", async () => {
    const { sari, sariId, bank, koordinator } = await bankWorld();
    await harness.send(sari, "/setor");
    const search = harness.messageUpdate(sari, "siti");
    harness.telegram.failNext("sendMessage", SERVER_ERROR, { chatId: sari.id });
    await expect(harness.deliver(search)).rejects.toThrow();
    // Polling: Sari types it again, and the form moves on to the list of residents.
    await harness.send(sari, "siti");
    expect(harness.buttons(sari).some((label) => label.includes("Siti"))).toBe(true);
    await revokeOfficer(database.db, koordinator, { wasteBankId: bank.id, personId: sariId }, harness.now);

    // The first "siti" arrives again (a restart re-reading it): its kept "still an officer" is not hers now.
    await harness.deliver(search);
    expect(harness.lastText(sari)).toContain("Langkah terakhir tidak dijalankan");
  });
});
