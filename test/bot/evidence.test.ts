import { eq } from "drizzle-orm";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { assessmentRound, assessorScope, auditLog, evidence, person, roundAssessor, rtProposal } from "../../src/db/schema/index.js";
import { addEvidence, packViewerOf, removeEvidence } from "../../src/domain/evidence/evidence.js";
import { loadActor } from "../../src/domain/people/actor.js";
import type { RtDetails } from "../../src/domain/rt/rt.js";
import { evidenceOccurrence, evidencePackRt } from "../../src/messages/buttons/evidence.js";
import { addOccurrences, wib } from "../domain/scores/builders.js";
import {
  addKetua,
  addKoordinator,
  addMember,
  addPerson,
  addPetugas,
  addRt,
  KECAMATAN_TELANAIPURA,
  KELURAHAN_BULURAN_KENALI,
  KELURAHAN_PAYO_SELINCAH,
  KELURAHAN_SIMPANG_IV_SIPIN,
  newUser,
  snapshotState,
} from "../helpers/fixtures.js";
import { callbackAnswerTo, pressData, pressOn, shownMessages, type TestUser, withTestBot } from "../helpers/test-bot.js";

// Wednesday 9 December 2026, 10:00 WIB.
const NOW = wib("2026-12-09T10:00");

const { database, harness } = withTestBot({ now: NOW });

type World = {
  rt05: RtDetails;
  rt07: RtDetails;
  ketua: TestUser;
  petugas: TestUser;
  petugas2: TestUser;
  warga: TestUser;
  ketua07: TestUser;
  gotongRoyong: number;
  ronda: number;
  oldEvent: number;
  rt07Event: number;
};

async function buildWorld(): Promise<World> {
  const rt05 = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN, 49);
  const rt07 = await addRt(database.db, 7, KELURAHAN_BULURAN_KENALI, 50);
  const ketua = newUser("Budi");
  const petugas = newUser("Sari");
  const petugas2 = newUser("Joko");
  const warga = newUser("Wati");
  const ketua07 = newUser("Rahmat");
  await addKetua(database.db, ketua, rt05.id);
  await addPetugas(database.db, petugas, rt05.id);
  await addPetugas(database.db, petugas2, rt05.id);
  await addMember(database.db, warga, rt05.id, "Rumah Wati");
  await addKetua(database.db, ketua07, rt07.id);
  const [gotongRoyong] = await addOccurrences(database.db, rt05.id, "gotong_royong", [wib("2026-12-06T07:00")]);
  const [ronda] = await addOccurrences(database.db, rt05.id, "ronda", [wib("2026-12-08T22:00")], { minutes: 360 });
  const [oldEvent] = await addOccurrences(database.db, rt05.id, "rapat", [wib("2026-11-01T19:00")]);
  const [rt07Event] = await addOccurrences(database.db, rt07.id, "gotong_royong", [wib("2026-12-07T07:00")]);
  return { rt05, rt07, ketua, petugas, petugas2, warga, ketua07, gotongRoyong: gotongRoyong!, ronda: ronda!, oldEvent: oldEvent!, rt07Event: rt07Event! };
}

let photoSerial = 0;

/** A photo message as Telegram sends it: three sizes, the largest last; optionally in an album. */
function photoMessage(user: TestUser, options: { unique?: string; caption?: string; album?: string } = {}): Update {
  const update = harness.messageUpdate(user, "x");
  const message = update.message as unknown as Record<string, unknown>;
  delete message.text;
  delete message.entities;
  const unique = options.unique ?? `u${++photoSerial}`;
  message.photo = [
    { file_id: `small-${unique}`, file_unique_id: `s-${unique}`, width: 90, height: 67 },
    { file_id: `big-${unique}`, file_unique_id: unique, width: 1280, height: 960 },
    { file_id: `mid-${unique}`, file_unique_id: `m-${unique}`, width: 320, height: 240 },
  ];
  if (options.caption !== undefined) message.caption = options.caption;
  if (options.album) message.media_group_id = options.album;
  return update;
}

/** Another kind of message at the photo prompt (a sticker, a document, a video). */
function otherMessage(user: TestUser, field: "sticker" | "document" | "video", extra: Record<string, unknown> = {}): Update {
  const update = harness.messageUpdate(user, "x");
  const message = update.message as unknown as Record<string, unknown>;
  delete message.text;
  delete message.entities;
  message[field] = { file_id: `${field}-1`, file_unique_id: `${field}-u1`, width: 512, height: 512, ...extra };
  return update;
}

async function rows() {
  return database.db.select().from(evidence).orderBy(evidence.id);
}

async function audits(action: "evidence_added" | "evidence_removed") {
  return (await database.db.select().from(auditLog)).filter((row) => row.action === action);
}

/** /bukti up to the photo prompt for an event or ronda night of RT 05. */
async function openForOccurrence(user: TestUser, kind: "Kegiatan RT" | "Malam ronda", occurrenceLabel: string): Promise<void> {
  await harness.send(user, "/bukti");
  await harness.press(user, kind);
  await harness.press(user, occurrenceLabel);
  expect(harness.lastText(user)).toContain("Kirim foto untuk");
}

describe("/bukti", () => {
  it("takes an album of 3 for a gotong royong, asks one caption for those without, and stores 3 rows with one audit row", async () => {
    const world = await buildWorld();
    await openForOccurrence(world.ketua, "Kegiatan RT", "Gotong royong");
    await harness.deliver(photoMessage(world.ketua, { album: "a1", caption: "Membersihkan parit 🧹" }));
    await harness.deliver(photoMessage(world.ketua, { album: "a1" }));
    await harness.deliver(photoMessage(world.ketua, { album: "a1" }));
    expect(harness.lastText(world.ketua)).toContain("Foto ke-3 diterima");
    await harness.press(world.ketua, "Selesai");
    expect(harness.lastText(world.ketua)).toContain("2 foto belum berketerangan");
    await harness.send(world.ketua, "Sesudah kerja bakti");
    expect(harness.lastText(world.ketua)).toContain("✅ 3 foto disimpan sebagai bukti Gotong royong");

    const stored = await rows();
    expect(stored).toHaveLength(3);
    expect(stored.every((row) => row.occurrenceId === world.gotongRoyong && row.indicatorCode === null && row.rtId === world.rt05.id)).toBe(true);
    // The largest size's file id, not the first one listed.
    expect(stored.map((row) => row.fileId).every((id) => id.startsWith("big-"))).toBe(true);
    expect(stored.map((row) => row.caption)).toEqual(["Membersihkan parit 🧹", "Sesudah kerja bakti", "Sesudah kerja bakti"]);
    const added = await audits("evidence_added");
    expect(added).toHaveLength(1);
    expect(added[0]!.details).toMatchObject({ count: 3, occurrence: world.gotongRoyong });
    // Captions are free text: they stay out of the log.
    expect(JSON.stringify(added[0]!.details)).not.toContain("parit");
  });

  it("stores a photo once whether its update is delivered twice, the same photo is sent again, or Selesai is tapped twice", async () => {
    const world = await buildWorld();
    await openForOccurrence(world.petugas, "Malam ronda", "Ronda");
    const photo = photoMessage(world.petugas, { unique: "same", caption: "Pos kamling malam ini" });
    await harness.deliver(photo);
    await harness.deliver(photo); // the same update redelivered
    await harness.deliver(photoMessage(world.petugas, { unique: "same" })); // the same photo sent again
    expect(harness.lastText(world.petugas)).toContain("sudah diterima tadi");
    const { messageId, keyboard } = harness.telegram.lastKeyboardIn(world.petugas.id);
    const done = keyboard.inline_keyboard.flat().find((button) => button.text.includes("Selesai")) as { callback_data: string };
    await pressData(harness, world.petugas, done.callback_data, messageId);
    const second = await pressData(harness, world.petugas, done.callback_data, messageId);
    expect(callbackAnswerTo(harness.telegram, second)?.text).toContain("sudah selesai");

    const stored = await rows();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ occurrenceId: world.ronda, caption: "Pos kamling malam ini", fileUniqueId: "same" });
    expect(await audits("evidence_added")).toHaveLength(1);
  });

  it("attaches a photo to an indicator chosen by dimension then code", async () => {
    const world = await buildWorld();
    await harness.send(world.ketua, "/bukti");
    await harness.press(world.ketua, "Indikator");
    await harness.press(world.ketua, "Bersih");
    await harness.press(world.ketua, "B5");
    expect(harness.lastText(world.ketua)).toContain("Kirim foto untuk B5 ");
    await harness.deliver(photoMessage(world.ketua, { caption: "Kebun TOGA 🌿🌱" }));
    await harness.press(world.ketua, "Selesai");
    expect(harness.lastText(world.ketua)).toContain("✅ 1 foto disimpan");
    const [row] = await rows();
    expect(row).toMatchObject({ indicatorCode: "B5", occurrenceId: null, caption: "Kebun TOGA 🌿🌱" });
  });

  it("answers a sticker, a document, a picture sent as a file, a video and text with a clear word, and stores none of them", async () => {
    const world = await buildWorld();
    await openForOccurrence(world.ketua, "Kegiatan RT", "Gotong royong");
    await harness.deliver(otherMessage(world.ketua, "sticker", { type: "regular", is_animated: false, is_video: false }));
    expect(harness.lastText(world.ketua)).toContain("Stiker bukan foto bukti");
    await harness.deliver(otherMessage(world.ketua, "document", { mime_type: "application/pdf" }));
    expect(harness.lastText(world.ketua)).toContain("Berkas ini bukan foto");
    await harness.deliver(otherMessage(world.ketua, "document", { mime_type: "image/jpeg" }));
    expect(harness.lastText(world.ketua)).toContain("terkirim sebagai berkas");
    await harness.deliver(otherMessage(world.ketua, "video", { duration: 3 }));
    expect(harness.lastText(world.ketua)).toContain("Video belum bisa");
    await harness.send(world.ketua, "ini fotonya");
    expect(harness.lastText(world.ketua)).toContain("Mohon kirim foto");
    await harness.press(world.ketua, "Selesai");
    expect(harness.lastText(world.ketua)).toContain("Belum ada foto");
    expect(await rows()).toHaveLength(0);
  });

  it("refuses a caption that is too long, drops an invisible one, and keeps SQL-ish or number-ish text as written", async () => {
    const world = await buildWorld();
    await openForOccurrence(world.ketua, "Kegiatan RT", "Gotong royong");
    await harness.deliver(photoMessage(world.ketua, { unique: "long", caption: "x".repeat(301) }));
    expect(harness.lastText(world.ketua)).toContain("terlalu panjang (paling banyak 300 karakter)");
    await harness.deliver(photoMessage(world.ketua, { unique: "blank", caption: "\u200B\u2800 \u200D" }));
    await harness.deliver(photoMessage(world.ketua, { unique: "sql", caption: "'; drop table evidence; --" }));
    await harness.deliver(photoMessage(world.ketua, { unique: "num", caption: "  2,5   kg   sampah -3 " }));
    await harness.press(world.ketua, "Selesai");
    // One photo (the invisible caption) has none: the caption prompt answers empty and emoji-only text too.
    expect(harness.lastText(world.ketua)).toContain("1 foto belum berketerangan");
    await harness.send(world.ketua, "\u200B\u200B");
    expect(harness.lastText(world.ketua)).toContain("kosong");
    await harness.send(world.ketua, "y".repeat(301));
    expect(harness.lastText(world.ketua)).toContain("300");
    await harness.press(world.ketua, "Lewati");
    expect(harness.lastText(world.ketua)).toContain("✅ 3 foto disimpan");
    const stored = await rows();
    expect(stored.map((row) => [row.fileUniqueId, row.caption])).toEqual([
      ["blank", null],
      ["sql", "'; drop table evidence; --"],
      ["num", "2,5 kg sampah -3"],
    ]);
  });

  it("refuses a warga and the ketua of another RT's occurrence sent on a forged button", async () => {
    const world = await buildWorld();
    const before = await snapshotState(database.db);
    await harness.send(world.warga, "/bukti");
    expect(harness.lastText(world.warga)).toContain("hanya untuk ketua RT dan petugas RT");
    expect(await snapshotState(database.db)).toEqual(before);

    await harness.send(world.ketua, "/bukti");
    await harness.press(world.ketua, "Kegiatan RT");
    await pressData(harness, world.ketua, evidenceOccurrence.data({ occurrence: world.rt07Event }), harness.telegram.lastKeyboardIn(world.ketua.id).messageId);
    expect(harness.lastText(world.ketua)).toBe("RT ini di luar wilayah tugas Anda.");
    await harness.deliver(photoMessage(world.ketua));
    expect(await rows()).toHaveLength(0);

    // An occurrence outside the window is not offered.
    await harness.send(world.ketua, "/bukti");
    await harness.press(world.ketua, "Kegiatan RT");
    expect(harness.buttons(world.ketua).join(" ")).not.toContain("Rapat");
  });

  it("lists the RT's photos per target with Hapus; only the adder, the ketua or a koordinator over the RT removes, once", async () => {
    const world = await buildWorld();
    const petugasActor = await loadActor(database.db, world.petugas.id, []);
    await addEvidence(harness.deps, petugasActor, {
      rtId: world.rt05.id,
      target: { kind: "occurrence", occurrenceId: world.gotongRoyong },
      photos: [{ fileId: "f1", fileUniqueId: "u1", caption: "Parit bersih" }, { fileId: "f2", fileUniqueId: "u2", caption: null }],
      requestKey: "evidence:test-1",
    });
    await harness.send(world.ketua, "/bukti");
    const overview = harness.telegram.textsTo(world.ketua.id).find((text) => text.includes("Foto bukti RT 05"))!;
    expect(overview).toContain("2 foto");
    expect(overview).toContain("Parit bersih");
    const [first, second] = await rows();

    // Another petugas of the RT did not add it: refused, nothing changes.
    const petugas2Actor = await loadActor(database.db, world.petugas2.id, []);
    await expect(removeEvidence(harness.deps, petugas2Actor, { evidenceId: first!.id })).rejects.toMatchObject({ code: "not-allowed" });
    // The ketua of another RT, and a koordinator of another kecamatan: refused.
    await expect(removeEvidence(harness.deps, await loadActor(database.db, world.ketua07.id, []), { evidenceId: first!.id })).rejects.toMatchObject({ code: "not-allowed" });
    const koorElsewhere = newUser("Koor Paal");
    await addKoordinator(database.db, koorElsewhere, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
    await expect(removeEvidence(harness.deps, await loadActor(database.db, koorElsewhere.id, []), { evidenceId: first!.id })).rejects.toMatchObject({ code: "not-allowed" });

    // The ketua removes through the button; a double tap removes nothing more.
    const listed = shownMessages(harness.telegram, world.ketua.id).find((message) => message.text.includes("Foto bukti RT 05"))!;
    const tap = await pressOn(harness, world.ketua, listed, "Hapus 2");
    expect(callbackAnswerTo(harness.telegram, tap)?.text).toContain("dihapus");
    await harness.deliver(tap); // the same update redelivered
    const pressAgain = await pressData(harness, world.ketua, tap.callback_query!.data!, tap.callback_query!.message!.message_id);
    expect(callbackAnswerTo(harness.telegram, pressAgain)?.text).toBe("Foto ini sudah dihapus.");
    // The adder removes their own; a koordinator over the kecamatan may too (already removed: nothing).
    expect((await removeEvidence(harness.deps, petugasActor, { evidenceId: second!.id })).removed).toBe(true);
    const koor = newUser("Koor");
    await addKoordinator(database.db, koor, { kecamatanCode: KECAMATAN_TELANAIPURA });
    expect((await removeEvidence(harness.deps, await loadActor(database.db, koor.id, []), { evidenceId: second!.id })).removed).toBe(false);

    const after = await rows();
    expect(after.every((row) => row.removedAt !== null)).toBe(true);
    expect(await audits("evidence_removed")).toHaveLength(2);
  });
});

describe("the team's on-site photos", () => {
  it("are not listed by /bukti and the ketua cannot remove them; the one who took them or a koordinator can", async () => {
    const world = await buildWorld();
    const roundId = await openRound();
    const assessor = newUser("Pak Babinsa");
    await addAssessor(assessor, roundId, { rtId: world.rt05.id });
    const assessorId = (await loadActor(database.db, assessor.id, [])).person!.id;
    const [teamPhoto] = await database.db
      .insert(evidence)
      .values({ rtId: world.rt05.id, roundId, indicatorCode: "B1", fileId: "team-f", fileUniqueId: "team-u", caption: "Foto tim di lokasi", addedBy: assessorId, addedAt: NOW, requestKey: "onsite:x:photo:0" })
      .returning({ id: evidence.id });
    await addEvidence(harness.deps, await loadActor(database.db, world.ketua.id, []), { rtId: world.rt05.id, target: { kind: "indicator", code: "B5" }, photos: [{ fileId: "own-f", fileUniqueId: "own-u", caption: "Kebun RT" }], requestKey: "evidence:own" });

    await harness.send(world.ketua, "/bukti");
    const shown = shownMessages(harness.telegram, world.ketua.id).map((message) => message.text).join("\n");
    expect(shown).toContain("Kebun RT");
    expect(shown).not.toContain("Foto tim di lokasi");
    expect(shown).not.toContain("Pak Babinsa");

    const ketuaActor = await loadActor(database.db, world.ketua.id, []);
    await expect(removeEvidence(harness.deps, ketuaActor, { evidenceId: teamPhoto!.id })).rejects.toMatchObject({ code: "not-allowed" });
    const koor = newUser("Koor");
    await addKoordinator(database.db, koor, { kecamatanCode: KECAMATAN_TELANAIPURA });
    expect((await removeEvidence(harness.deps, await loadActor(database.db, koor.id, []), { evidenceId: teamPhoto!.id })).removed).toBe(true);
  });
});

async function openRound(): Promise<number> {
  const [round] = await database.db
    .insert(assessmentRound)
    .values({ year: 2027, proposalDeadline: "2027-03-01", visitFrom: "2027-04-01", visitTo: "2027-05-01", decisionOn: "2027-06-01", openedAt: NOW })
    .returning({ id: assessmentRound.id });
  return round!.id;
}

async function addAssessor(user: TestUser, roundId: number, scope: { rtId: number } | { kecamatanCode: string }): Promise<void> {
  const personId = await addPerson(database.db, user);
  const [assessor] = await database.db.insert(roundAssessor).values({ roundId, personId, agency: "babinsa", joinedAt: NOW }).returning({ id: roundAssessor.id });
  await database.db.insert(assessorScope).values({ assessorId: assessor!.id, ...scope });
}

function documentsTo(user: TestUser) {
  return harness.telegram.callsOf("sendDocument").filter((call) => call.payload.chat_id === user.id);
}

describe("/paketbukti", () => {
  it("sends the ketua their own RT's pack as a PDF named after the RT, kelurahan and round", async () => {
    const world = await buildWorld();
    await openRound();
    await harness.send(world.ketua, "/paketbukti");
    const [sent] = documentsTo(world.ketua);
    expect(sent).toBeDefined();
    const file = sent!.files![0]!;
    expect(file.filename).toMatch(/^bukti-rt05-[a-z0-9-]+-2027\.pdf$/);
    expect(file.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(String(sent!.payload.caption)).toContain("Paket bukti RT 05");
  });

  it("refuses the ketua of another RT and an assessor outside their scope, whatever the button says", async () => {
    const world = await buildWorld();
    const roundId = await openRound();
    const forged = evidencePackRt.data({ rt: world.rt05.id, round: roundId });
    const refused = await pressData(harness, world.ketua07, forged);
    expect(callbackAnswerTo(harness.telegram, refused)?.text ?? harness.lastText(world.ketua07)).toContain("di luar wilayah");
    expect(documentsTo(world.ketua07)).toHaveLength(0);

    const assessor = newUser("Pak Babinsa");
    await addAssessor(assessor, roundId, { rtId: world.rt07.id });
    await database.db.insert(rtProposal).values({ roundId, rtId: world.rt07.id, proposedAt: NOW, householdCount: 50 });
    await harness.send(assessor, "/paketbukti");
    // One RT in scope: its pack comes at once, and it is RT 07's.
    expect(documentsTo(assessor)[0]!.files![0]!.filename).toMatch(/^bukti-rt07-/);
    const outside = await pressData(harness, assessor, forged);
    expect(callbackAnswerTo(harness.telegram, outside)?.text ?? harness.lastText(assessor)).toContain("di luar wilayah");
    expect(documentsTo(assessor)).toHaveLength(1);

    // A koordinator of the kecamatan chooses among its RTs.
    const koor = newUser("Koor");
    await addKoordinator(database.db, koor, { kecamatanCode: KECAMATAN_TELANAIPURA });
    await harness.send(koor, "/paketbukti");
    expect(harness.lastText(koor)).toContain("pilih RT (2 RT)");
    await harness.press(koor, "RT 05");
    expect(documentsTo(koor)[0]!.files![0]!.filename).toMatch(/^bukti-rt05-/);
  });

  it("gives an assessor only the RTs they may score: proposed, not withdrawn, not their own", async () => {
    const world = await buildWorld();
    const roundId = await openRound();
    // A kecamatan scope holds RT 05 and RT 07; only RT 07 is proposed; RT 05 is also the assessor's own.
    const wargaId = (await loadActor(database.db, world.warga.id, [])).person!.id;
    const [member] = await database.db.insert(roundAssessor).values({ roundId, personId: wargaId, agency: "babinsa", joinedAt: NOW }).returning({ id: roundAssessor.id });
    await database.db.insert(assessorScope).values({ assessorId: member!.id, kecamatanCode: KECAMATAN_TELANAIPURA });
    await database.db.insert(rtProposal).values({ roundId, rtId: world.rt07.id, proposedAt: NOW, householdCount: 50 });
    await harness.send(world.warga, "/paketbukti");
    expect(documentsTo(world.warga).map((call) => call.files![0]!.filename)).toEqual([expect.stringMatching(/^bukti-rt07-/)]);
    const own = await pressData(harness, world.warga, evidencePackRt.data({ rt: world.rt05.id, round: roundId }));
    expect(callbackAnswerTo(harness.telegram, own)?.text ?? harness.lastText(world.warga)).toContain("di luar wilayah");
    // Withdrawn: no pack any more.
    await database.db.update(rtProposal).set({ withdrawnAt: NOW });
    await pressData(harness, world.warga, evidencePackRt.data({ rt: world.rt07.id, round: roundId }));
    expect(documentsTo(world.warga)).toHaveLength(1);
  });

  it("gives a koordinator acting as ketua of an RT the ketua's view of it, and the staff view of the other RTs of their area", async () => {
    const world = await buildWorld();
    const roundId = await openRound();
    // RT 09 has no ketua; the kecamatan's koordinator acts as its ketua.
    const rt09 = await addRt(database.db, 9, KELURAHAN_SIMPANG_IV_SIPIN, 40);
    const koor = newUser("Koor");
    const koorId = await addKoordinator(database.db, koor, { kecamatanCode: KECAMATAN_TELANAIPURA });
    await database.db.update(person).set({ actingRtId: rt09.id }).where(eq(person.id, koorId));
    const actor = await loadActor(database.db, koor.id, []);
    expect(actor.grants).toContainEqual(expect.objectContaining({ role: "ketua_rt", rtId: rt09.id }));
    expect(await packViewerOf(database.db, actor, { rtId: rt09.id, roundId })).toBe("ketua");
    expect(await packViewerOf(database.db, actor, { rtId: world.rt05.id, roundId })).toBe("staff");
    // Their own RT's pack still comes, read as its ketua reads it.
    await pressData(harness, koor, evidencePackRt.data({ rt: rt09.id, round: roundId }));
    expect(documentsTo(koor)[0]!.files![0]!.filename).toMatch(/^bukti-rt09-/);

    // A resident of an RT who holds no right over it gets no pack of it; its ketua the ketua's view.
    expect(await packViewerOf(database.db, await loadActor(database.db, world.warga.id, []), { rtId: world.rt05.id, roundId })).toBeNull();
    expect(await packViewerOf(database.db, await loadActor(database.db, world.ketua.id, []), { rtId: world.rt05.id, roundId })).toBe("ketua");
  });

  it("tells a ketua there is no round yet", async () => {
    const world = await buildWorld();
    await harness.send(world.ketua, "/paketbukti");
    expect(harness.lastText(world.ketua)).toContain("Belum ada putaran penilaian");
  });
});
