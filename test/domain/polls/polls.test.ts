import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../../src/bot/i18n.js";
import { openDatabase, type Database } from "../../../src/db/client.js";
import { participation, pollCopy, pollVote } from "../../../src/db/schema/index.js";
import { loadActor } from "../../../src/domain/people/actor.js";
import { recordPollCopySent } from "../../../src/domain/polls/copies.js";
import { closePoll, recordVote, startPoll, type PollDraft } from "../../../src/domain/polls/polls.js";
import type { ServiceDeps } from "../../../src/domain/service.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addKetua, addMember, addRt, newUser } from "../../helpers/fixtures.js";
import type { TestUser } from "../../helpers/test-bot.js";

const database = withTestDatabase();
const NOW = new Date("2026-11-22T03:00:00Z");

function depsOn(db: Database): ServiceDeps {
  return { db, i18n: createI18n(db), clock: () => NOW, wakeDelivery: () => {} };
}

const DRAFT: PollDraft = { question: "Kerja bakti hari apa?", options: ["Sabtu", "Minggu"], target: "private", onePerHousehold: true, anonymous: true, days: 3 };

/** RT 05 with its ketua and `count` members of one household; every copy "sent" (its Telegram poll id recorded). */
async function openPoll(count: number): Promise<{ pollId: number; members: TestUser[] }> {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Harun");
  await addKetua(database.db, ketua, place.id);
  const members: TestUser[] = [];
  for (let i = 0; i < count; i++) {
    const user = newUser(`Warga ${i}`);
    await addMember(database.db, user, place.id, "Rumah Bersama");
    members.push(user);
  }
  const started = await startPoll(depsOn(database.db), await loadActor(database.db, ketua.id, []), DRAFT, "poll:test", NOW);
  for (const copy of await database.db.select().from(pollCopy)) {
    await recordPollCopySent(database.db, { dedupeKey: copy.dedupeKey, telegramPollId: `tg-${copy.dedupeKey}`, messageId: 101, now: NOW });
  }
  return { pollId: started.id, members };
}

async function telegramPollIdOf(user: TestUser): Promise<string> {
  const [copy] = await database.db.select({ id: pollCopy.telegramPollId }).from(pollCopy).where(eq(pollCopy.personId, (await loadActor(database.db, user.id, [])).person!.id));
  return copy!.id!;
}

describe("recordPollCopySent", () => {
  it("keeps the first id a copy was sent with", async () => {
    await openPoll(1);
    const [copy] = await database.db.select().from(pollCopy).limit(1);
    expect(await recordPollCopySent(database.db, { dedupeKey: copy!.dedupeKey, telegramPollId: "another", messageId: 102, now: NOW })).toBe(false);
    expect((await database.db.select().from(pollCopy).where(eq(pollCopy.id, copy!.id)))[0]!.telegramPollId).toBe(`tg-${copy!.dedupeKey}`);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("votes at the same moment (real PostgreSQL, two connections)", () => {
  it("two members of one household voting at once: exactly one vote counts", async () => {
    const { members } = await openPoll(2);
    const second = await openDatabase({ kind: "postgres", url: database.url! });
    try {
      const [a, b] = members as [TestUser, TestUser];
      const outcomes = await Promise.all([
        recordVote(depsOn(database.db), { telegramPollId: await telegramPollIdOf(a), telegramUserId: a.id, optionIds: [0] }, NOW),
        recordVote(depsOn(second.db), { telegramPollId: await telegramPollIdOf(b), telegramUserId: b.id, optionIds: [1] }, NOW),
      ]);
      expect(outcomes.sort()).toEqual(["counted", "household-taken"]);
      expect((await database.db.select().from(pollVote)).filter((row) => row.counted)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it("a vote racing the closing either counts in the result or is refused as closed, never lost in between", async () => {
    const { pollId, members } = await openPoll(1);
    const second = await openDatabase({ kind: "postgres", url: database.url! });
    try {
      const voter = members[0]!;
      const [outcome, closed] = await Promise.all([
        recordVote(depsOn(second.db), { telegramPollId: await telegramPollIdOf(voter), telegramUserId: voter.id, optionIds: [0] }, NOW),
        closePoll(depsOn(database.db), { pollId, actor: null }, NOW),
      ]);
      const records = await database.db.select().from(participation);
      if (outcome === "counted") {
        // The vote committed first: closing waited for it and counted it.
        expect(closed.result.counts).toEqual([1, 0]);
        expect(records).toHaveLength(1);
      } else {
        expect(outcome).toBe("closed");
        expect(closed.result.counts).toEqual([0, 0]);
        expect(records).toHaveLength(0);
      }
    } finally {
      await second.close();
    }
  });
});
