import { and, eq, like } from "drizzle-orm";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { auditLog, outbox, participation, person, poll, pollCopy, pollVote, rt } from "../../src/db/schema/index.js";
import { erasePerson } from "../../src/domain/people/person.js";
import { recordPollCopySent } from "../../src/domain/polls/copies.js";
import { closePoll } from "../../src/domain/polls/polls.js";
import { windowRtMetrics } from "../../src/domain/scores/metrics.js";
import { DEFAULT_SCORE_CONFIG } from "../../src/domain/scores/config.js";
import { scoreAutomatic } from "../../src/domain/scores/scorecard.js";
import { pollClose, pollPeek } from "../../src/messages/buttons/polls.js";
import { createLogger } from "../../src/logger.js";
import { productionJobs } from "../../src/scheduling/jobs.js";
import { addKetua, addKoordinator, addMember, addRt, newUser } from "../helpers/fixtures.js";
import { callbackAnswerTo, pressData, type TestUser, withTestBot } from "../helpers/test-bot.js";

const { database, harness } = withTestBot();

const GROUP_ID = -1001234567890;
const DAY_MS = 24 * 60 * 60 * 1000;
let nextPollUpdateId = 7_000_000;

/** Telegram's poll_answer: no chat, the voter, the options chosen (empty: the vote taken back). */
function voteUpdate(user: TestUser, pollId: string, optionIds: number[]): Update {
  return { update_id: nextPollUpdateId++, poll_answer: { poll_id: pollId, user: { id: user.id, is_bot: false, first_name: user.first_name }, option_ids: optionIds } } as Update;
}

/** Telegram's poll update: the poll's state with its counts, no chat, no sender. */
function pollStateUpdate(pollId: string, counts: number[]): Update {
  return {
    update_id: nextPollUpdateId++,
    poll: {
      id: pollId, question: "q", options: counts.map((voter_count, index) => ({ text: `o${index}`, voter_count })), total_voter_count: counts.reduce((a, b) => a + b, 0),
      is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false,
    },
  } as Update;
}

async function vote(user: TestUser, pollId: string, optionIds: number[]): Promise<Update> {
  const update = voteUpdate(user, pollId, optionIds);
  await harness.deliver(update);
  return update;
}

/** RT 05: ketua Harun, Siti and Budi of one household, Dewi of another, Eko with no household on record. */
async function rt05() {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Harun");
  await addKetua(database.db, ketua, place.id);
  const siti = newUser("Siti");
  const budi = newUser("Budi");
  const dewi = newUser("Dewi");
  const eko = newUser("Eko");
  await addMember(database.db, siti, place.id, "Keluarga Budi No. 3");
  await addMember(database.db, budi, place.id, " keluarga budi no. 3 ");
  await addMember(database.db, dewi, place.id, "Rumah 7");
  const { membershipId } = await addMember(database.db, eko, place.id);
  await database.db.execute(`update membership set household_label = null where id = ${membershipId}`);
  return { place, ketua, siti, budi, dewi, eko };
}

type FormAnswers = { question?: string; options?: string; where?: "Grup" | "Setiap warga"; anonymous?: boolean; household?: boolean; days?: string };

/** /polling through to "Kirim polling". */
async function askPoll(ketua: TestUser, answers: FormAnswers = {}): Promise<void> {
  await harness.send(ketua, "/polling");
  if (harness.lastText(ketua).startsWith("Polling yang masih dibuka")) await harness.press(ketua, "Buat polling baru");
  expect(harness.lastText(ketua)).toContain("Apa yang ingin ditanyakan");
  await harness.send(ketua, answers.question ?? "Kerja bakti bulan depan hari apa?");
  expect(harness.lastText(ketua)).toContain("pilihan jawabannya");
  await harness.send(ketua, answers.options ?? "Sabtu pagi\nMinggu pagi");
  if (answers.where) await harness.press(ketua, answers.where);
  await harness.press(ketua, answers.anonymous === false ? "Dengan nama" : "Tanpa nama");
  await harness.press(ketua, answers.household ? "Satu suara per KK" : "Satu suara per orang");
  await harness.press(ketua, answers.days ?? "3 hari");
  expect(harness.lastText(ketua)).toContain("Periksa dulu");
  await harness.press(ketua, "Kirim polling");
}

/** The Telegram poll id of the poll message in a chat (the latest). */
function pollIdIn(chatId: number): string {
  const polls = harness.telegram.pollsIn(chatId);
  expect(polls.length).toBeGreaterThan(0);
  return polls.at(-1)!.poll!.id;
}

async function onlyPoll() {
  const rows = await database.db.select().from(poll);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe("/polling to each member privately", () => {
  it("sends one Telegram poll per member, records each message's poll id, and keeps one vote per household (first wins)", async () => {
    const { ketua, siti, budi, dewi, eko } = await rt05();
    await askPoll(ketua, { household: true });
    expect(harness.telegram.textsTo(ketua.id)).toContainEqual(expect.stringContaining("Polling dikirim ke 5 warga"));
    for (const user of [ketua, siti, budi, dewi, eko]) {
      const [message] = harness.telegram.pollsIn(user.id);
      expect(message!.poll).toMatchObject({ question: "Kerja bakti bulan depan hari apa?", is_anonymous: false, options: [{ text: "Sabtu pagi" }, { text: "Minggu pagi" }] });
      expect(harness.telegram.textsTo(user.id).some((text) => text.startsWith("📊 Polling dari Ketua RT 05, Harun") && text.includes("Satu suara per KK"))).toBe(true);
    }
    const copies = await database.db.select().from(pollCopy);
    expect(copies).toHaveLength(5);
    expect(new Set(copies.map((copy) => copy.telegramPollId)).size).toBe(5);

    await vote(siti, pollIdIn(siti.id), [0]);
    // Budi's label is Siti's, spelled with other spaces and case: one household.
    await vote(budi, pollIdIn(budi.id), [1]);
    expect(harness.lastText(budi)).toContain("anggota KK Anda sudah lebih dulu memilih");
    await vote(dewi, pollIdIn(dewi.id), [1]);
    await vote(eko, pollIdIn(eko.id), [1]);
    const votes = await database.db.select().from(pollVote);
    expect(votes.filter((row) => row.counted)).toHaveLength(3);

    // Siti changes her mind: her vote is replaced, still the household's.
    await vote(siti, pollIdIn(siti.id), [1]);
    const { id } = await onlyPoll();
    await pressData(harness, ketua, pollPeek.data({ poll: id }));
    expect(harness.lastText(ketua)).toContain("Minggu pagi: 3 (100%)");
  });

  it("counts a redelivered answer once, removes a retracted one and lets the household's next voter count", async () => {
    const { ketua, siti, budi } = await rt05();
    await askPoll(ketua, { household: true });
    const sitiVote = await vote(siti, pollIdIn(siti.id), [0]);
    await harness.deliver(sitiVote);
    await vote(siti, pollIdIn(siti.id), [0]);
    await vote(budi, pollIdIn(budi.id), [1]);
    // Budi is told once, however often he votes.
    await vote(budi, pollIdIn(budi.id), [0]);
    expect(harness.telegram.textsTo(budi.id).filter((text) => text.includes("sudah lebih dulu memilih"))).toHaveLength(1);
    let votes = await database.db.select().from(pollVote);
    expect(votes.map((row) => [row.counted, row.optionIds])).toEqual(expect.arrayContaining([[true, [0]], [false, [0]]]));

    await vote(siti, pollIdIn(siti.id), []);
    votes = await database.db.select().from(pollVote);
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ counted: true, optionIds: [0] });
    // Budi is told his vote counts now.
    expect(harness.telegram.textsTo(budi.id).filter((text) => text.includes("suara Anda sekarang dihitung"))).toHaveLength(1);
  });

  it("counts only members still active at the close: one who left is neither in the result nor in A5", async () => {
    const { ketua, siti, dewi } = await rt05();
    await askPoll(ketua);
    await vote(siti, pollIdIn(siti.id), [0]);
    await vote(dewi, pollIdIn(dewi.id), [1]);
    const [dewiRow] = await database.db.select({ id: person.id }).from(person).where(eq(person.telegramId, dewi.id));
    await database.db.execute(`update membership set status = 'left' where person_id = ${dewiRow!.id}`);
    const { id } = await onlyPoll();
    await pressData(harness, ketua, pollClose.data({ poll: id }));
    expect(await onlyPoll()).toMatchObject({ resultCounts: [1, 0], resultVoters: 1 });
    const records = await database.db.select().from(participation).where(eq(participation.kind, "musyawarah"));
    expect(records).toHaveLength(1);
    expect(records[0]!.householdLabel).not.toBeNull();
  });

  it("ignores an older answer delivered after a newer one (a failed update redelivered late)", async () => {
    const { ketua, siti } = await rt05();
    await askPoll(ketua);
    const older = voteUpdate(siti, pollIdIn(siti.id), [0]);
    const newer = voteUpdate(siti, pollIdIn(siti.id), [1]);
    await harness.deliver(newer);
    await harness.deliver(older);
    const votes = await database.db.select().from(pollVote);
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ optionIds: [1], lastUpdateId: newer.update_id });
  });

  it("refuses votes from a forwarded copy and from someone outside the RT", async () => {
    const { ketua, siti } = await rt05();
    const other = await addRt(database.db, 6);
    const stranger = newUser("Asing");
    await addMember(database.db, stranger, other.id, "Rumah 9");
    const otherKetua = newUser("Rahmat");
    await addKetua(database.db, otherKetua, other.id);
    await askPoll(ketua, {});
    // Siti's copy forwarded: the same poll id, answered by someone else.
    await vote(stranger, pollIdIn(siti.id), [0]);
    await vote(otherKetua, pollIdIn(siti.id), [1]);
    await vote(ketua, pollIdIn(siti.id), [1]);
    await vote(newUser("Tamu"), pollIdIn(siti.id), [1]);
    await vote(siti, "poll-unknown", [1]);
    expect(await database.db.select().from(pollVote)).toEqual([]);
    // The other RT's ketua can neither see nor close it.
    const { id } = await onlyPoll();
    const peek = await pressData(harness, otherKetua, pollPeek.data({ poll: id }));
    expect(callbackAnswerTo(harness.telegram, peek)?.text).toContain("tidak ditemukan");
    const close = await pressData(harness, otherKetua, pollClose.data({ poll: id }));
    expect((await onlyPoll()).status).toBe("open");
    expect(callbackAnswerTo(harness.telegram, close)?.text).toBe("Maaf, Anda tidak berwenang melakukan ini.");
  });

  it("closes by the ketua's button once: stops every copy, tells the members and the ketua, and writes A5 participation", async () => {
    const { ketua, siti, budi, dewi, place } = await rt05();
    await askPoll(ketua, { household: true, anonymous: false });
    await vote(siti, pollIdIn(siti.id), [0]);
    await vote(budi, pollIdIn(budi.id), [1]);
    await vote(dewi, pollIdIn(dewi.id), [1]);
    const { id } = await onlyPoll();
    const first = await pressData(harness, ketua, pollClose.data({ poll: id }));
    expect(callbackAnswerTo(harness.telegram, first)?.text).toBe("Polling ditutup.");
    const second = await pressData(harness, ketua, pollClose.data({ poll: id }));
    expect(callbackAnswerTo(harness.telegram, second)?.text).toBe("Polling itu sudah ditutup.");

    expect(harness.telegram.callsOf("stopPoll").filter((call) => call.result !== undefined)).toHaveLength(5);
    for (const user of [siti, budi, dewi]) {
      const result = harness.telegram.textsTo(user.id).find((text) => text.startsWith("📊 Hasil polling"))!;
      expect(result).toContain("Sabtu pagi: 1 (50%)");
      expect(result).toContain("Minggu pagi: 1 (50%)");
      expect(result).toContain("2 suara (satu per KK)");
      // Members never read who voted.
      for (const name of ["Siti", "Budi", "Dewi"]) expect(result).not.toContain(name);
    }
    // The ketua of a poll with names sees them.
    const ketuaResult = harness.telegram.textsTo(ketua.id).find((text) => text.startsWith("🔒 Polling ditutup.\n\n📊 Hasil polling"))!;
    expect(ketuaResult).toContain("Siti");
    expect(ketuaResult).toContain("Dewi");
    expect(ketuaResult).not.toContain("Budi");

    const records = await database.db.select().from(participation).where(eq(participation.kind, "musyawarah"));
    // Every member who voted took part; the household rule only decides whose vote counted.
    expect(records).toHaveLength(3);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "poll_closed"))).toHaveLength(1);
    const [metrics] = await windowRtMetrics(database.db, new Date(harness.now.getTime() + 60_000), { rtIds: [place.id] });
    // The votes count for A5 alone, not as households taking part.
    expect(metrics!.metrics).toMatchObject({ musyawarahPolls: 1, musyawarahHouseholds: 2, rapatHeld: 0, participatingHouseholds: 0 });
    // A5 is the better of the rapat's level and the polls' (2 of 40 KK voting: 0, as without a rapat).
    expect(scoreAutomatic("A5", metrics!.metrics, DEFAULT_SCORE_CONFIG)).toMatchObject({ score: 0, explanation: { key: "score-explain-a5", vars: { held: 0 } } });

    // A vote after closing changes nothing.
    await vote(dewi, pollIdIn(dewi.id), [0]);
    expect((await database.db.select().from(pollVote).where(eq(pollVote.optionIds, [0])))).toHaveLength(1);
  });

  it("closes by itself when its time comes (the job), naming nobody in an anonymous poll, also to the ketua", async () => {
    const { ketua, siti, dewi } = await rt05();
    await askPoll(ketua, { household: false, days: "1 hari" });
    await vote(siti, pollIdIn(siti.id), [0]);
    await vote(dewi, pollIdIn(dewi.id), [0]);
    const job = productionJobs({ ...harness.deps, logger: createLogger("silent") }).find((candidate) => candidate.name === "close-polls")!;
    const asked = harness.now.getTime();
    expect(await job.run(new Date(asked + DAY_MS - 60_000))).toBe(0);
    harness.now = new Date(asked + DAY_MS);
    expect(await job.run(harness.now)).toBe(1);
    expect(await job.run(new Date(asked + DAY_MS + 60_000))).toBe(0);
    await harness.settle();
    const ketuaResult = harness.telegram.textsTo(ketua.id).find((text) => text.startsWith("⏰ Waktu polling sudah habis"))!;
    expect(ketuaResult).toContain("Sabtu pagi: 2 (100%)");
    expect(ketuaResult).not.toContain("Siti");
    expect((await onlyPoll()).status).toBe("closed");
  });
});

describe("a copy being sent as the poll closes", () => {
  it("is stopped once its message is recorded, so no copy stays open after the close", async () => {
    const { ketua, siti } = await rt05();
    harness.drainAfterEachUpdate = false;
    await askPoll(ketua);
    const { id } = await onlyPoll();
    const [sitiRow] = await database.db.select({ id: person.id }).from(person).where(eq(person.telegramId, siti.id));
    const [copy] = await database.db.select().from(pollCopy).where(and(eq(pollCopy.pollId, id), eq(pollCopy.personId, sitiRow!.id)));
    // The sender has claimed Siti's copy and is sending it.
    await database.db.update(outbox).set({ status: "sending", claimedAt: harness.now, claimedBy: "test" }).where(eq(outbox.dedupeKey, copy!.dedupeKey));
    await closePoll(harness.deps, { pollId: id, actor: null }, harness.now);
    expect(await database.db.select().from(outbox).where(eq(outbox.method, "stopPoll"))).toHaveLength(0);
    // Telegram answers: the copy went out; the engine records it.
    expect(await recordPollCopySent(database.db, { dedupeKey: copy!.dedupeKey, telegramPollId: "late-copy", messageId: 4242, now: harness.now })).toBe(true);
    const stops = await database.db.select().from(outbox).where(eq(outbox.method, "stopPoll"));
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({ chatId: siti.id, payload: { message_id: 4242 }, notBefore: harness.now });
  });

  it("sends every copy protected, so it cannot be forwarded", async () => {
    const { ketua } = await rt05();
    await askPoll(ketua);
    const copies = await database.db.select().from(outbox).where(eq(outbox.method, "sendPoll"));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy.payload).toMatchObject({ protect_content: true });
  });
});

describe("the close-polls job", () => {
  it("closes the other due polls when one fails, logging the failing one without personal ids, and closes it once it can", async () => {
    const { ketua } = await rt05();
    await askPoll(ketua, { days: "1 hari", question: "Pertanyaan pertama?" });
    await askPoll(ketua, { days: "1 hari", question: "Pertanyaan kedua?" });
    const [first, second] = await database.db.select().from(poll).orderBy(poll.closesAt);
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => lines.push(line) });
    const job = productionJobs({ ...harness.deps, logger }).find((candidate) => candidate.name === "close-polls")!;
    await database.db.execute(`create function fail_poll_close() returns trigger language plpgsql as $$ begin raise exception 'no closing %', new.id; end $$`);
    await database.db.execute(`create trigger fail_poll_close before update on poll for each row when (old.id = ${first!.id}) execute function fail_poll_close()`);
    try {
      harness.now = new Date(harness.now.getTime() + DAY_MS);
      expect(await job.run(harness.now)).toBe(1);
      expect((await database.db.select().from(poll).where(eq(poll.id, second!.id)))[0]!.status).toBe("closed");
      expect((await database.db.select().from(poll).where(eq(poll.id, first!.id)))[0]!.status).toBe("open");
      const failed = lines.filter((line) => line.includes("closing a due poll failed"));
      expect(failed).toHaveLength(1);
      expect(failed[0]).toContain(`"pollId":${first!.id}`);
      expect(failed[0]).not.toContain(String(ketua.id));
    } finally {
      await database.db.execute(`drop trigger fail_poll_close on poll`);
      await database.db.execute(`drop function fail_poll_close()`);
    }
    expect(await job.run(new Date(harness.now.getTime() + 60_000))).toBe(1);
  });
});

describe("a result with names of many voters", () => {
  it("is split under Telegram's limit, for the ketua's look and for the close notice, naming all 200 voters", async () => {
    const { ketua } = await rt05();
    await askPoll(ketua, { anonymous: false });
    const { id } = await onlyPoll();
    const people = await database.db.insert(person).values(Array.from({ length: 200 }, (_, i) => ({ telegramId: 9_100_000 + i, displayName: `Warga Dengan Nama Cukup Panjang ${i + 1}` }))).returning({ id: person.id });
    await database.db.insert(pollVote).values(people.map((row, i) => ({ pollId: id, personId: row.id, household: `person:${row.id}`, optionIds: [i % 2], counted: true, votedAt: harness.now })));

    const before = harness.telegram.textsTo(ketua.id).length;
    await pressData(harness, ketua, pollPeek.data({ poll: id }));
    const peeked = harness.telegram.textsTo(ketua.id).slice(before);
    expect(peeked.length).toBeGreaterThan(1);
    for (const text of peeked) expect(text.length).toBeLessThanOrEqual(4096);
    for (let i = 1; i <= 200; i++) expect(peeked.join("\n")).toMatch(new RegExp(`Panjang ${i}(,|\\n|$)`));

    const closing = harness.telegram.textsTo(ketua.id).length;
    await pressData(harness, ketua, pollClose.data({ poll: id }));
    const notices = harness.telegram.textsTo(ketua.id).slice(closing).filter((text) => text.includes("Warga Dengan Nama"));
    expect(notices.length).toBeGreaterThan(1);
    for (const text of notices) expect(text.length).toBeLessThanOrEqual(4096);
    expect(notices.join("\n")).toContain("Panjang 200");
  });
});

describe("/polling in the RT's group", () => {
  async function linkGroup(rtId: number) {
    await database.db.update(rt).set({ groupChatId: GROUP_ID }).where(eq(rt.id, rtId));
  }

  /** RT 05 with its group linked, and its ketua's anonymous group poll "Iuran sampah naik?" (Setuju / Tidak setuju, 3 days) sent. */
  async function anonymousGroupPoll() {
    const { ketua, place } = await rt05();
    await linkGroup(place.id);
    await harness.send(ketua, "/polling");
    await harness.send(ketua, "Iuran sampah naik?");
    await harness.send(ketua, "Setuju\nTidak setuju");
    await harness.press(ketua, "Grup RT");
    await harness.press(ketua, "Tanpa nama");
    await harness.press(ketua, "3 hari");
    await harness.press(ketua, "Kirim polling");
    return { ketua, place };
  }

  it("an anonymous group poll is a Telegram anonymous poll: no household rule (said in words), counts from poll updates", async () => {
    const { ketua, place } = await rt05();
    await linkGroup(place.id);
    await harness.send(ketua, "/polling");
    await harness.send(ketua, "Iuran sampah naik?");
    await harness.send(ketua, "Setuju\nTidak setuju\nAbstain");
    await harness.press(ketua, "Grup RT");
    await harness.press(ketua, "Tanpa nama");
    expect(harness.telegram.textsTo(ketua.id).some((text) => text.includes("dihitung per orang, bukan per KK"))).toBe(true);
    await harness.press(ketua, "3 hari");
    await harness.press(ketua, "Kirim polling");
    expect(harness.lastText(ketua)).toContain("Polling dikirim ke grup RT");
    const [message] = harness.telegram.pollsIn(GROUP_ID);
    expect(message!.poll!.is_anonymous).toBe(true);
    const pollId = message!.poll!.id;
    await harness.deliver(pollStateUpdate(pollId, [3, 1, 0]));
    const { id } = await onlyPoll();
    await pressData(harness, ketua, pollClose.data({ poll: id }));
    // The counts come with stopPoll's answer: the group and the ketua are pointed to the stopped poll,
    // never told counts that may be short of Telegram's last ones.
    await harness.settle();
    expect(harness.telegram.textsTo(GROUP_ID).filter((text) => text.startsWith("📊 Polling \""))).toEqual(['📊 Polling "Iuran sampah naik?" sudah ditutup. Hasil akhirnya tampil pada polling itu di grup RT (dihitung Telegram, tanpa nama).']);
    expect(harness.telegram.textsTo(ketua.id).some((text) => /Setuju: \d/.test(text))).toBe(false);
    // Nobody's vote is known: no participation record.
    expect(await database.db.select().from(participation)).toEqual([]);
  });

  it("keeps the newer counts of an anonymous group poll when its poll updates are handled out of order", async () => {
    await anonymousGroupPoll();
    const pollId = harness.telegram.pollsIn(GROUP_ID)[0]!.poll!.id;
    const older = pollStateUpdate(pollId, [1, 0]);
    const newer = pollStateUpdate(pollId, [4, 2]);
    await harness.deliver(newer);
    await harness.deliver(older); // Telegram's older state, handled last (another instance, a redelivery)
    const kept = await onlyPoll();
    expect(kept.telegramCounts).toEqual([4, 2]);
    expect(kept.telegramCountsUpdateId).toBe(newer.update_id);
  });

  it("records an anonymous group poll's final counts from Telegram's answer to stopPoll", async () => {
    const { ketua } = await anonymousGroupPoll();
    const [message] = harness.telegram.pollsIn(GROUP_ID);
    await harness.deliver(pollStateUpdate(message!.poll!.id, [3, 1]));
    // Two more votes came in after the last poll update the bot saw.
    message!.poll!.options[0]!.voter_count = 4;
    message!.poll!.options[1]!.voter_count = 2;
    const { id } = await onlyPoll();
    await pressData(harness, ketua, pollClose.data({ poll: id }));
    await harness.settle();
    expect(await onlyPoll()).toMatchObject({ resultCounts: [4, 2], resultVoters: 6 });
  });

  it("a named group poll takes members' votes per household and ignores non-members", async () => {
    const { ketua, place, siti, budi } = await rt05();
    await linkGroup(place.id);
    await askPoll(ketua, { where: "Grup", anonymous: false, household: true });
    const [message] = harness.telegram.pollsIn(GROUP_ID);
    expect(message!.poll!.is_anonymous).toBe(false);
    await vote(siti, message!.poll!.id, [0]);
    await vote(budi, message!.poll!.id, [1]);
    await vote(newUser("Tamu"), message!.poll!.id, [1]);
    expect((await database.db.select().from(pollVote)).map((row) => row.counted).sort()).toEqual([false, true]);
  });

  it("tells a group replaced since the poll went out nothing of it at the close; the ketua still gets the result", async () => {
    const { ketua, place, siti } = await rt05();
    await linkGroup(place.id);
    await askPoll(ketua, { where: "Grup", anonymous: false, household: false });
    const [message] = harness.telegram.pollsIn(GROUP_ID);
    await vote(siti, message!.poll!.id, [0]);
    const NEW_GROUP = GROUP_ID - 1;
    await database.db.update(rt).set({ groupChatId: NEW_GROUP }).where(eq(rt.id, place.id));
    const { id } = await onlyPoll();
    await pressData(harness, ketua, pollClose.data({ poll: id }));
    await harness.settle();
    expect(harness.telegram.textsTo(NEW_GROUP).filter((text) => text.startsWith("📊 Hasil polling"))).toEqual([]);
    expect(harness.telegram.textsTo(GROUP_ID).filter((text) => text.startsWith("📊 Hasil polling"))).toEqual([]);
    expect(harness.telegram.textsTo(ketua.id).some((text) => text.includes("Hasil polling"))).toBe(true);
  });

  it("refuses a group poll once the group is unlinked", async () => {
    const { ketua, place } = await rt05();
    await linkGroup(place.id);
    await harness.send(ketua, "/polling");
    await harness.send(ketua, "Tanya?");
    await harness.send(ketua, "Ya\nTidak");
    await harness.press(ketua, "Grup RT");
    await database.db.update(rt).set({ groupChatId: null }).where(eq(rt.id, place.id));
    await harness.press(ketua, "Dengan nama");
    await harness.press(ketua, "Satu suara per orang");
    await harness.press(ketua, "3 hari");
    await harness.press(ketua, "Kirim polling");
    expect(harness.lastText(ketua)).toContain("belum punya grup Telegram yang terhubung");
    expect(await database.db.select().from(poll)).toEqual([]);
  });
});

describe("/polling's form", () => {
  it("refuses warga, and lets an acting koordinator ask the RT it acts for", async () => {
    const { siti, place } = await rt05();
    await harness.send(siti, "/polling");
    expect(harness.lastText(siti)).toBe("Maaf, perintah ini hanya untuk ketua RT.");
    const rt09 = await addRt(database.db, 9, place.kelurahanCode);
    const warga09 = newUser("Wati");
    await addMember(database.db, warga09, rt09.id, "Rumah 1");
    const koordinator = newUser("Koor");
    const koordinatorId = await addKoordinator(database.db, koordinator, { kelurahanCode: place.kelurahanCode });
    await database.db.update(person).set({ actingRtId: rt09.id }).where(eq(person.id, koordinatorId));
    await askPoll(koordinator, {});
    expect(harness.telegram.textsTo(koordinator.id)).toContainEqual(expect.stringContaining("Polling dikirim ke 1 warga"));
    expect(harness.telegram.pollsIn(warga09.id)).toHaveLength(1);
    expect(harness.telegram.pollsIn(siti.id)).toHaveLength(0);
  });

  it("asks again on hostile questions and options, and sends nothing until they are right", async () => {
    const { ketua } = await rt05();
    await harness.send(ketua, "/polling");
    for (const [text, reply] of [
      ["", "Isian masih kosong"],
      ["\u200B\u200B", "Isian masih kosong"],
      ["x".repeat(301), "paling banyak 300 karakter"],
    ] as const) {
      await harness.send(ketua, text);
      expect(harness.lastText(ketua)).toContain(reply);
    }
    await harness.send(ketua, "Mau 🍲 makan apa?'); drop table poll; --");
    for (const [text, reply] of [
      ["Satu saja", "paling sedikit 2 pilihan"],
      ["\u200B\nSatu\n\u200B", "paling sedikit 2 pilihan"],
      [Array.from({ length: 11 }, (_, i) => `Pilihan ${i + 1}`).join("\n"), "Ada 11 pilihan; paling banyak 10"],
      [`Pendek\n${"y".repeat(101)}`, "paling banyak 100 karakter per pilihan"],
      ["Sate\nsate", "tertulis dua kali"],
    ] as const) {
      await harness.send(ketua, text);
      expect(harness.lastText(ketua)).toContain(reply);
    }
    await harness.send(ketua, "🍲 Soto\n\u200BSate\u200B\n\nNasi goreng");
    await harness.press(ketua, "Tanpa nama");
    await harness.press(ketua, "Satu suara per orang");
    await harness.press(ketua, "7 hari");
    await harness.press(ketua, "Kirim polling");
    const created = await onlyPoll();
    expect(created.question).toBe("Mau 🍲 makan apa?'); drop table poll; --");
    expect(created.options).toEqual(["🍲 Soto", "Sate", "Nasi goreng"]);
    expect(created.closesAt.getTime() - harness.now.getTime()).toBe(7 * DAY_MS);
  });

  it("keeps the form when a reply fails, and a double tap on Kirim asks once", async () => {
    const { ketua } = await rt05();
    await harness.send(ketua, "/polling");
    harness.telegram.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, { chatId: ketua.id });
    const question = harness.messageUpdate(ketua, "Tanya ini?");
    await expect(harness.deliver(question)).rejects.toThrow();
    // Telegram delivers the same update again: the form is still at the question and takes it.
    await harness.deliver(question);
    expect(harness.lastText(ketua)).toContain("pilihan jawabannya");
    await harness.send(ketua, "Ya\nTidak");
    await harness.press(ketua, "Tanpa nama");
    await harness.press(ketua, "Satu suara per orang");
    await harness.press(ketua, "3 hari");
    const send = await harness.press(ketua, "Kirim polling");
    await harness.deliver(send);
    expect(await database.db.select().from(poll)).toHaveLength(1);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "poll_created"))).toHaveLength(1);
    expect(await database.db.select().from(outbox).where(like(outbox.dedupeKey, "poll:%"))).toHaveLength(5);
  });

  it("refuses a forged close button for a poll that does not exist", async () => {
    const { ketua } = await rt05();
    const forged = await pressData(harness, ketua, "poll.close:99999");
    expect(callbackAnswerTo(harness.telegram, forged)?.text).toBe("Polling itu tidak ditemukan.");
    const garbage = await pressData(harness, ketua, "poll.close:abc");
    expect(callbackAnswerTo(harness.telegram, garbage)?.text).toBe("Tombol ini sudah tidak berlaku.");
  });
});

describe("erasure", () => {
  it("erasing a household's counting voter on an open poll hands the household's vote to its next voter", async () => {
    const { ketua, siti, budi } = await rt05();
    await askPoll(ketua, { household: true });
    await vote(siti, pollIdIn(siti.id), [0]);
    await vote(budi, pollIdIn(budi.id), [1]);
    const [sitiRow] = await database.db.select({ id: person.id }).from(person).where(eq(person.telegramId, siti.id));
    await erasePerson(database.db, sitiRow!.id, harness.now);
    const votes = await database.db.select().from(pollVote);
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ counted: true, optionIds: [1] });
    const { id } = await onlyPoll();
    await pressData(harness, ketua, pollClose.data({ poll: id }));
    expect((await onlyPoll()).resultCounts).toEqual([0, 1]);
  });

  it("erases a voter's household and a ketua's question, keeping the counts", async () => {
    const { ketua, siti, dewi } = await rt05();
    await askPoll(ketua, { household: true });
    await vote(siti, pollIdIn(siti.id), [0]);
    await vote(dewi, pollIdIn(dewi.id), [0]);
    const { id } = await onlyPoll();
    await pressData(harness, ketua, pollClose.data({ poll: id }));
    const [dewiRow] = await database.db.select({ id: person.id }).from(person).where(eq(person.telegramId, dewi.id));
    const [ketuaRow] = await database.db.select({ id: person.id }).from(person).where(eq(person.telegramId, ketua.id));
    await erasePerson(database.db, dewiRow!.id, harness.now);
    await erasePerson(database.db, ketuaRow!.id, harness.now);
    const [vote_] = await database.db.select().from(pollVote).where(and(eq(pollVote.pollId, id), eq(pollVote.personId, dewiRow!.id)));
    expect(vote_!.household).toBe(`person:${dewiRow!.id}`);
    const erased = await onlyPoll();
    expect(erased.question).toBe("");
    expect(erased.options).toEqual(["", ""]);
    expect(erased.resultCounts).toEqual([2, 0]);
    // The copies and their opening lines quoted the ketua's question and name: blanked too.
    const quoted = (await database.db.select({ payload: outbox.payload }).from(outbox)).map((row) => JSON.stringify(row.payload));
    expect(quoted.filter((text) => text.includes("Kerja bakti bulan depan") || text.includes("Harun"))).toEqual([]);
  });
});
