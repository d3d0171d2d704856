import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { membership, outbox, person, poll, pollCopy, pollVote, roleAssignment } from "../../db/schema/index.js";
import { enqueueMessages, PRIORITY, type NewOutboxMessage } from "../../delivery/outbox.js";
import { addressName } from "../../messages/address.js";
import { chunkLines, formatWhen, rtNumber } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { eventKey, queueNotices, type Notice } from "../../messages/notices.js";
import { translateIn, type Translate } from "../../messages/translate.js";
import type { Logger } from "../../logger.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { recordParticipations } from "../participation/participation.js";
import { headedRtId, type Actor } from "../people/actor.js";
import { getRt } from "../rt/rt.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { promoteNextVoter } from "./votes.js";
import { POLL_OPTIONS_MAX, POLL_OPTIONS_MIN, POLL_OPTION_MAX, POLL_QUESTION_MAX } from "./input.js";

/** How long a poll stays open unless the ketua says otherwise, and the choices the form offers. */
export const POLL_DEFAULT_DAYS = 3;
export const POLL_DURATION_DAYS = [1, 3, 7] as const;
export type PollDurationDays = (typeof POLL_DURATION_DAYS)[number];
const DAY_MS = 24 * 60 * 60 * 1000;

export type PollTarget = "group" | "private";

export type PollDraft = {
  question: string;
  options: string[];
  target: PollTarget;
  onePerHousehold: boolean;
  anonymous: boolean;
  days: PollDurationDays;
};

/**
 * What a draft cannot be, in words the form shows before asking: an anonymous poll in a group is a
 * Telegram anonymous poll, whose voters nobody (the bot included) can see, so one vote per
 * household cannot be kept there; and a non-anonymous poll in a group shows every voter's name to
 * the group (Telegram's own display), which the form says before it is chosen.
 */
export function draftRefusal(draft: Pick<PollDraft, "target" | "anonymous" | "onePerHousehold">): "poll-group-anonymous-household" | null {
  if (draft.target === "group" && draft.anonymous && draft.onePerHousehold) return "poll-group-anonymous-household";
  return null;
}

/**
 * The sendPoll a copy carries: a Telegram anonymous poll only in a group asked for anonymity; in a
 * private chat only the bot sees the vote. Protected: it cannot be forwarded or saved.
 */
function pollPayload(draft: Pick<PollDraft, "question" | "options" | "target" | "anonymous">): Record<string, unknown> {
  return {
    question: draft.question,
    options: draft.options.map((text) => ({ text })),
    is_anonymous: draft.target === "group" && draft.anonymous,
    allows_multiple_answers: false,
    // A copy forwarded elsewhere counts for nothing (votes are checked), but would show the RT's question: it cannot be forwarded.
    protect_content: true,
  };
}

/** The household a vote stands for: its label as the scores read it (trimmed, lower-case), or the person alone. */
function householdOf(label: string | null, personId: number): string {
  const trimmed = label?.trim().toLocaleLowerCase("id") ?? "";
  return trimmed === "" ? `person:${personId}` : `kk:${trimmed}`;
}

function checkDraft(draft: PollDraft): void {
  const bad =
    draft.question.length === 0 || draft.question.length > POLL_QUESTION_MAX ||
    draft.options.length < POLL_OPTIONS_MIN || draft.options.length > POLL_OPTIONS_MAX ||
    draft.options.some((option) => option.length === 0 || option.length > POLL_OPTION_MAX) ||
    !POLL_DURATION_DAYS.includes(draft.days);
  if (bad) throw new DomainError("not-allowed");
  const refusal = draftRefusal(draft);
  if (refusal) throw new DomainError(refusal);
}

type Member = { personId: number; telegramId: number; locale: string; muted: boolean; unreachable: boolean };

async function activeMembers(db: Database, rtId: number): Promise<Member[]> {
  const rows = await db
    .select({
      personId: person.id,
      telegramId: person.telegramId,
      locale: person.locale,
      muted: sql<boolean>`${person.announcementsMutedAt} is not null`,
      unreachable: sql<boolean>`${person.unreachableAt} is not null`,
    })
    .from(membership)
    .innerJoin(person, eq(person.id, membership.personId))
    .where(and(eq(membership.rtId, rtId), eq(membership.status, "active")))
    .orderBy(asc(person.id));
  return rows.flatMap((row) => (row.telegramId === null ? [] : [{ ...row, telegramId: row.telegramId }]));
}

/** Who a private poll would reach now: members who did not mute announcements and can be reached. */
export async function pollAudience(db: Database, actor: Actor): Promise<{ reached: number; muted: number; unreachable: number; hasGroup: boolean }> {
  const rtId = headedRtId(actor);
  if (rtId === null) throw new DomainError("not-allowed");
  const [members, place] = await Promise.all([activeMembers(db, rtId), getRt(db, rtId)]);
  return {
    reached: members.filter((m) => !m.muted && !m.unreachable).length,
    muted: members.filter((m) => m.muted).length,
    unreachable: members.filter((m) => !m.muted && m.unreachable).length,
    hasGroup: place.groupChatId !== null,
  };
}

export type StartedPoll = { id: number; recipients: number; closesAt: Date; target: PollTarget };

/** The lines that come before a poll in each chat: who asks, until when, and the rules it keeps. */
function introText(t: Translate, params: { rt: number; asker: string; closesAt: Date; locale: string; onePerHousehold: boolean; anonymous: boolean; target: PollTarget }): string {
  const rules = [
    params.onePerHousehold ? t("poll-rule-household") : null,
    params.anonymous ? t("poll-rule-anonymous") : t(params.target === "group" ? "poll-rule-open-group" : "poll-rule-open"),
  ].filter(Boolean);
  return [t("poll-intro", { rt: rtNumber(params.rt), asker: params.asker, when: formatWhen(params.closesAt, params.locale) }), ...rules].join("\n");
}

/**
 * /polling's "Kirim": the poll, one Telegram poll in the RT's group or one copy per member (through
 * the outbox, paced like announcements; muted members skipped), each preceded by a line saying who
 * asks and until when. Idempotent by the form's key: a double tap or redelivery asks once.
 */
export async function startPoll(deps: ServiceDeps, actor: Actor, draft: PollDraft, requestKey: string, now: Date): Promise<StartedPoll> {
  const rtId = headedRtId(actor);
  if (rtId === null || !actor.person) throw new DomainError("not-allowed");
  checkDraft(draft);
  return inTransaction(deps, async (tx) => {
    const [found] = await tx.select().from(poll).where(eq(poll.requestKey, requestKey));
    if (found) {
      const copies = await tx.select({ id: pollCopy.id }).from(pollCopy).where(eq(pollCopy.pollId, found.id));
      return { id: found.id, recipients: copies.length, closesAt: found.closesAt, target: found.target };
    }
    const place = await getRt(tx, rtId);
    if (draft.target === "group" && place.groupChatId === null) throw new DomainError("poll-no-group");
    const closesAt = new Date(now.getTime() + draft.days * DAY_MS);
    const [created] = await tx
      .insert(poll)
      .values({
        rtId, createdBy: actor.person!.id, requestKey, question: draft.question, options: draft.options, target: draft.target,
        onePerHousehold: draft.onePerHousehold, anonymous: draft.anonymous, closesAt, createdAt: now,
      })
      .returning({ id: poll.id });
    const id = created!.id;
    const asker = (locale: string) => addressName(translateIn(deps.i18n, locale), { greeting: actor.person!.greeting ?? null, name: actor.person!.displayName });
    const intro = (locale: string) => introText(translateIn(deps.i18n, locale), { rt: place.number, asker: asker(locale), closesAt, locale, ...draft });
    const copies: { dedupeKey: string; personId: number | null; chatId: number }[] = [];
    const notices: Notice[] = [];
    if (draft.target === "group") {
      copies.push({ dedupeKey: `poll:${id}:group`, personId: null, chatId: place.groupChatId! });
      notices.push({ event: eventKey("poll-intro", id), chatId: place.groupChatId!, personId: null, text: intro("id") });
    } else {
      for (const member of await activeMembers(tx, rtId)) {
        if (member.muted || member.unreachable) continue;
        const locale = supportedLocale(member.locale);
        copies.push({ dedupeKey: `poll:${id}:person:${member.personId}`, personId: member.personId, chatId: member.telegramId });
        notices.push({ event: eventKey("poll-intro", id), chatId: member.telegramId, personId: member.personId, text: intro(locale) });
      }
    }
    // The line first, then the poll: the same priority, queued in this order. Both name or quote the
    // ketua (their name, their question): erasing the ketua blanks them (subject_person_ids).
    const about = [actor.person!.id];
    await enqueueMessages(tx, notices.map((notice) => ({
      dedupeKey: notice.personId !== null ? `notice:${notice.event}:person:${notice.personId}` : `notice:${notice.event}:chat:${notice.chatId}`,
      chatId: notice.chatId, personId: notice.personId, subjectPersonIds: about, priority: PRIORITY.announcement, payload: { text: notice.text }, notBefore: now,
    })));
    const payload = pollPayload(draft);
    const messages: NewOutboxMessage[] = copies.map((copy) => ({
      dedupeKey: copy.dedupeKey, chatId: copy.chatId, personId: copy.personId, subjectPersonIds: about, priority: PRIORITY.announcement, method: "sendPoll", payload, notBefore: now,
    }));
    await enqueueMessages(tx, messages);
    if (copies.length > 0) await tx.insert(pollCopy).values(copies.map((copy) => ({ pollId: id, personId: copy.personId, dedupeKey: copy.dedupeKey })));
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: actor.person!.id, action: "poll_created", rtId, entityType: "poll", entityId: id,
      details: { target: draft.target, options: draft.options.length, onePerHousehold: draft.onePerHousehold, anonymous: draft.anonymous, recipients: copies.length },
    });
    return { id, recipients: copies.length, closesAt, target: draft.target };
  });
}

export type VoteOutcome =
  /** No poll of ours has this id (a poll of someone else, or one whose id was never recorded). */
  | "unknown"
  | "closed"
  /** Not an active member of the poll's RT, or a private copy forwarded to someone else. */
  | "not-member"
  | "counted"
  /** Recorded, but a member of the same household voted first: it does not count. */
  | "household-taken"
  | "retracted"
  /** An older answer of the voter's delivered after a newer one (Telegram redelivering a failed update): ignored. */
  | "stale";

/**
 * A poll_answer: the voter's choice replaces their earlier one, an empty choice takes it back, and a
 * redelivered answer changes nothing. Under one vote per household the household's first voter
 * holds its vote (and may change it); a later member's vote is kept uncounted and they are told once.
 * When the holder takes their vote back, the household's next voter's vote counts instead.
 */
/** "Your vote now counts": the household's vote passed to this member (their earlier one was not counted). */
async function tellPromoted(deps: ServiceDeps, tx: Database, found: { id: number; question: string; createdBy: number }, personId: number, now: Date): Promise<void> {
  const [who] = await tx.select({ telegramId: person.telegramId, locale: person.locale }).from(person).where(eq(person.id, personId));
  if (!who?.telegramId) return;
  const t = translateIn(deps.i18n, supportedLocale(who.locale));
  await queueNotices(tx, now, [{ event: eventKey("poll-vote-promoted", found.id), chatId: who.telegramId, personId, text: t("poll-vote-promoted", { question: found.question }), about: [found.createdBy] }]);
}

export async function recordVote(deps: ServiceDeps, params: { telegramPollId: string; telegramUserId: number; optionIds: readonly number[]; updateId?: number }, now: Date): Promise<VoteOutcome> {
  return inTransaction(deps, async (tx) => {
    const [copy] = await tx.select({ pollId: pollCopy.pollId, personId: pollCopy.personId }).from(pollCopy).where(eq(pollCopy.telegramPollId, params.telegramPollId));
    if (!copy) return "unknown";
    // One vote at a time per poll: two members of one household voting at once cannot both hold its vote.
    const [found] = await tx.select().from(poll).where(eq(poll.id, copy.pollId)).for("update");
    if (!found) return "unknown";
    if (found.status !== "open" || found.closesAt.getTime() <= now.getTime()) return "closed";
    const [voter] = await tx
      .select({ personId: person.id, locale: person.locale, label: membership.householdLabel })
      .from(person)
      .innerJoin(membership, and(eq(membership.personId, person.id), eq(membership.status, "active"), eq(membership.rtId, found.rtId)))
      .where(eq(person.telegramId, params.telegramUserId));
    // A private copy is its member's alone: forwarded to anyone else, their answers count for nothing.
    if (!voter || (copy.personId !== null && copy.personId !== voter.personId)) return "not-member";
    const options = params.optionIds.filter((option) => Number.isInteger(option) && option >= 0 && option < found.options.length);
    const [mine] = await tx.select().from(pollVote).where(and(eq(pollVote.pollId, found.id), eq(pollVote.personId, voter.personId)));
    if (mine && params.updateId !== undefined && mine.lastUpdateId !== null && mine.lastUpdateId > params.updateId) return "stale";
    const lastUpdateId = params.updateId ?? null;
    if (options.length === 0) {
      if (!mine) return "retracted";
      await tx.delete(pollVote).where(and(eq(pollVote.pollId, found.id), eq(pollVote.personId, voter.personId)));
      if (mine.counted && found.onePerHousehold) {
        // The household's next voter, by the time they voted, holds its vote now; they are told.
        const promoted = await promoteNextVoter(tx, found.id, mine.household);
        if (promoted !== null) await tellPromoted(deps, tx, found, promoted, now);
      }
      return "retracted";
    }
    const household = found.onePerHousehold ? householdOf(voter.label, voter.personId) : `person:${voter.personId}`;
    const [holder] = await tx
      .select({ personId: pollVote.personId })
      .from(pollVote)
      .where(and(eq(pollVote.pollId, found.id), eq(pollVote.household, household), eq(pollVote.counted, true)));
    const counted = !holder || holder.personId === voter.personId;
    if (mine) {
      await tx.update(pollVote).set({ optionIds: options, counted, household, lastUpdateId }).where(and(eq(pollVote.pollId, found.id), eq(pollVote.personId, voter.personId)));
    } else {
      await tx.insert(pollVote).values({ pollId: found.id, personId: voter.personId, household, optionIds: options, counted, votedAt: now, lastUpdateId });
    }
    if (!counted) {
      const t = translateIn(deps.i18n, supportedLocale(voter.locale));
      await queueNotices(tx, now, [{ event: eventKey("poll-household-taken", found.id), chatId: params.telegramUserId, personId: voter.personId, text: t("poll-vote-household-taken", { question: found.question }), about: [found.createdBy] }]);
      return "household-taken";
    }
    return "counted";
  });
}

/**
 * A `poll` update: Telegram's counts, kept for an anonymous group poll (the only kind whose voters the bot cannot see).
 * Monotonic by update id: counts from an update older than those kept are dropped (false), so updates
 * handled out of order (another instance, a redelivery) never put older counts over newer ones.
 */
export async function recordPollCounts(db: Database, params: { telegramPollId: string; counts: readonly number[]; updateId: number }): Promise<boolean> {
  const [copy] = await db.select({ pollId: pollCopy.pollId }).from(pollCopy).where(eq(pollCopy.telegramPollId, params.telegramPollId));
  if (!copy) return false;
  const counts = params.counts.map((count) => (Number.isSafeInteger(count) && count >= 0 ? count : 0));
  const rows = await db
    .update(poll)
    .set({ telegramCounts: counts, telegramCountsUpdateId: params.updateId })
    .where(and(
      eq(poll.id, copy.pollId), eq(poll.status, "open"), eq(poll.target, "group"), eq(poll.anonymous, true), sql`jsonb_array_length(${poll.options}) = ${counts.length}`,
      sql`(${poll.telegramCountsUpdateId} is null or ${poll.telegramCountsUpdateId} < ${params.updateId})`,
    ))
    .returning({ id: poll.id });
  return rows.length > 0;
}

export type PollResult = {
  id: number;
  rtId: number;
  question: string;
  options: string[];
  counts: number[];
  /** Votes counted (households, under that rule). */
  voters: number;
  onePerHousehold: boolean;
  anonymous: boolean;
  target: PollTarget;
  closesAt: Date;
  closedAt: Date | null;
  /** Only for a poll that is not anonymous, and only for its ketua: who chose each option. */
  namesByOption?: string[][];
};

async function countVotes(db: Database, found: typeof poll.$inferSelect): Promise<{ counts: number[]; voters: number }> {
  if (found.target === "group" && found.anonymous) {
    const counts = found.options.map((_, index) => found.telegramCounts?.[index] ?? 0);
    return { counts, voters: counts.reduce((sum, count) => sum + count, 0) };
  }
  // Only members still active in the RT: one who left since voting no longer speaks for it.
  const votes = await db
    .select({ optionIds: pollVote.optionIds })
    .from(pollVote)
    .innerJoin(membership, and(eq(membership.personId, pollVote.personId), eq(membership.rtId, found.rtId), eq(membership.status, "active")))
    .where(and(eq(pollVote.pollId, found.id), eq(pollVote.counted, true)));
  const counts = found.options.map(() => 0);
  for (const vote of votes) for (const option of vote.optionIds) if (option < counts.length) counts[option]!++;
  return { counts, voters: votes.length };
}

async function votersByOption(db: Database, found: typeof poll.$inferSelect, t: Translate): Promise<string[][]> {
  const rows = await db
    .select({ optionIds: pollVote.optionIds, name: person.displayName, greeting: person.greeting })
    .from(pollVote)
    .innerJoin(person, eq(person.id, pollVote.personId))
    .where(and(eq(pollVote.pollId, found.id), eq(pollVote.counted, true)))
    .orderBy(asc(pollVote.votedAt));
  const names = found.options.map((): string[] => []);
  for (const row of rows) for (const option of row.optionIds) names[option]?.push(row.name === null ? t("audit-person-erased") : addressName(t, { greeting: row.greeting, name: row.name }));
  return names;
}

/** The result as it stands (open) or as recorded (closed); names only when asked for by the RT's ketua on a poll that is not anonymous. */
export async function pollResult(db: Database, params: { pollId: number; rtId: number; withNames?: Translate }): Promise<PollResult | undefined> {
  const [found] = await db.select().from(poll).where(and(eq(poll.id, params.pollId), eq(poll.rtId, params.rtId)));
  if (!found) return undefined;
  const { counts, voters } = found.resultCounts ? { counts: found.resultCounts, voters: found.resultVoters ?? 0 } : await countVotes(db, found);
  const names = params.withNames && !found.anonymous ? await votersByOption(db, found, params.withNames) : undefined;
  return {
    id: found.id, rtId: found.rtId, question: found.question, options: found.options, counts, voters, onePerHousehold: found.onePerHousehold,
    anonymous: found.anonymous, target: found.target, closesAt: found.closesAt, closedAt: found.closedAt, ...(names ? { namesByOption: names } : {}),
  };
}

/** Names under an option, a few to a line, so that no line nears Telegram's limit on its own. */
const NAMES_PER_LINE = 20;

/**
 * The result as the RT reads it (counts and shares, never a voter), and for its ketua with names if
 * the poll is not anonymous, as messages under Telegram's limit (chunkLines): one for counts alone,
 * more when the names of many voters are listed.
 */
export function resultTexts(t: Translate, result: PollResult, header?: string): string[] {
  const lines = result.options.flatMap((option, index) => {
    const count = result.counts[index] ?? 0;
    const percent = result.voters > 0 ? Math.round((100 * count) / result.voters) : 0;
    const line = t("poll-result-line", { option: option === "" ? t("poll-erased-text") : option, count, percent });
    const names = result.namesByOption?.[index] ?? [];
    const named: string[] = [];
    for (let at = 0; at < names.length; at += NAMES_PER_LINE) named.push(`   ${names.slice(at, at + NAMES_PER_LINE).join(", ")}`);
    return [line, ...named];
  });
  const title = t(result.closedAt ? "poll-result-title" : "poll-result-title-open", { question: result.question === "" ? t("poll-erased-text") : result.question });
  return chunkLines(header === undefined ? title : `${header}\n\n${title}`, [
    ...lines,
    t(result.onePerHousehold ? "poll-result-voters-household" : "poll-result-voters", { count: result.voters }),
  ]);
}

/** The result in one message: the RT's copy, counts and shares only (never long). */
export function resultText(t: Translate, result: PollResult): string {
  return resultTexts(t, result).join("\n");
}

export type ClosedPoll = { result: PollResult; alreadyClosed: boolean };

/**
 * Closes a poll, by its RT's ketua (`actor`) or when its time came (`actor` null): records the
 * result, stops every copy Telegram shows (stopPoll through the outbox; copies not sent yet are
 * cancelled), gives each member who voted a musyawarah participation record (A5), and tells the RT
 * (the group, or each member who got a copy) and the ketua. Closing twice records nothing more.
 */
export async function closePoll(deps: ServiceDeps, params: { pollId: number; actor: Actor | null }, now: Date): Promise<ClosedPoll> {
  return inTransaction(deps, async (tx) => {
    const [found] = await tx.select().from(poll).where(eq(poll.id, params.pollId)).for("update");
    if (!found) throw new DomainError("poll-not-found");
    if (params.actor && headedRtId(params.actor) !== found.rtId) throw new DomainError("not-allowed");
    if (found.status === "closed") return { result: (await pollResult(tx, { pollId: found.id, rtId: found.rtId }))!, alreadyClosed: true };
    const { counts, voters } = await countVotes(tx, found);
    const closedBy = params.actor?.person?.id ?? null;
    await tx.update(poll).set({ status: "closed", closedAt: now, closedBy, resultCounts: counts, resultVoters: voters }).where(eq(poll.id, found.id));

    // Every member who voted took part in the musyawarah, counted for the household rule or not.
    const voted = await tx
      .select({ personId: pollVote.personId, label: membership.householdLabel })
      .from(pollVote)
      // Active members only: one who left has no household here (a null label would count as one more in A5).
      .innerJoin(membership, and(eq(membership.personId, pollVote.personId), eq(membership.rtId, found.rtId), eq(membership.status, "active")))
      .where(eq(pollVote.pollId, found.id));
    // One insert for every voter (the rollup triggers then lock in key order, never the voters' order).
    await recordParticipations(tx, voted.map((vote) => ({
      sourceKey: `poll:${found.id}:person:${vote.personId}`, rtId: found.rtId, personId: vote.personId, householdLabel: vote.label,
      kind: "musyawarah" as const, occurredAt: now, verified: true, source: "poll", recordedBy: closedBy,
    })), now);

    // Stop what Telegram shows; what has not gone out yet does not go.
    const copies = await tx
      .select({ id: pollCopy.id, dedupeKey: pollCopy.dedupeKey, personId: pollCopy.personId, messageId: pollCopy.messageId, chatId: outbox.chatId, status: outbox.status })
      .from(pollCopy)
      .innerJoin(outbox, eq(outbox.dedupeKey, pollCopy.dedupeKey))
      .where(eq(pollCopy.pollId, found.id));
    await tx.update(outbox).set({ status: "cancelled" }).where(and(inArray(outbox.dedupeKey, copies.length ? copies.map((c) => c.dedupeKey) : [""]), eq(outbox.status, "pending")));
    // A copy with its message recorded is stopped, sent or still being marked sent (recordPollCopySent stops the rest).
    await enqueueMessages(tx, copies.filter((copy) => copy.messageId !== null).map((copy) => ({
      dedupeKey: `poll:${found.id}:stop:${copy.id}`, chatId: copy.chatId, personId: copy.personId, priority: PRIORITY.notification, method: "stopPoll",
      payload: { message_id: copy.messageId }, notBefore: now,
    })));

    const result = (await pollResult(tx, { pollId: found.id, rtId: found.rtId }))!;
    // The RT's ketua now (a hand-over since the poll opened: the new one); else whoever asked (an acting koordinator).
    const [ketua] = await tx.select({ personId: roleAssignment.personId }).from(roleAssignment)
      .where(and(eq(roleAssignment.rtId, found.rtId), eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt)));
    const ketuaId = ketua?.personId ?? found.createdBy;
    const notices: Notice[] = [];
    const place = await getRt(tx, found.rtId);
    // The group the poll went to, if it is still the RT's: a group unlinked (/lepasgrup) or replaced
    // since never hears the result of a poll it did not see, nor does the new one; the ketua is told.
    // An anonymous group poll's last counts arrive with stopPoll's answer, after this (the engine
    // records them): its result is what the stopped poll shows in the group, not counts to repeat now.
    const telegramCounts = found.target === "group" && found.anonymous;
    const groupCopyChats = new Set(copies.filter((copy) => copy.personId === null).map((copy) => copy.chatId));
    if (found.target === "group") {
      if (place.groupChatId !== null && groupCopyChats.has(place.groupChatId)) {
        const t = translateIn(deps.i18n, "id");
        notices.push({ event: eventKey("poll-result", found.id), chatId: place.groupChatId, personId: null, text: telegramCounts ? t("poll-result-in-poll", { question: result.question }) : resultText(t, result), about: [found.createdBy] });
      }
    } else {
      const reached = copies.filter((copy) => copy.personId !== null && copy.personId !== ketuaId && copy.status === "sent").map((copy) => copy.personId!);
      const members = reached.length === 0 ? [] : await tx
        .select({ personId: person.id, telegramId: person.telegramId, locale: person.locale })
        .from(person)
        .innerJoin(membership, and(eq(membership.personId, person.id), eq(membership.rtId, found.rtId), eq(membership.status, "active")))
        .where(and(inArray(person.id, reached), isNotNull(person.telegramId)));
      for (const member of members) {
        notices.push({ event: eventKey("poll-result", found.id), chatId: member.telegramId!, personId: member.personId, text: resultText(translateIn(deps.i18n, supportedLocale(member.locale)), result), about: [found.createdBy] });
      }
    }
    const [head] = await tx.select({ telegramId: person.telegramId, locale: person.locale }).from(person).where(eq(person.id, ketuaId));
    if (head?.telegramId != null) {
      const t = translateIn(deps.i18n, supportedLocale(head.locale));
      const named = found.anonymous ? result : (await pollResult(tx, { pollId: found.id, rtId: found.rtId, withNames: t }))!;
      // A result with names is about its voters: erasing one of them blanks it.
      const named_ = named.namesByOption ? (await tx.select({ personId: pollVote.personId }).from(pollVote).where(and(eq(pollVote.pollId, found.id), eq(pollVote.counted, true)))).map((row) => row.personId) : [];
      const header = t(params.actor ? "poll-closed-by-ketua" : "poll-closed-by-time");
      (telegramCounts ? [`${header}\n${t("poll-result-in-poll", { question: result.question })}`] : resultTexts(t, named, header)).forEach((text, part) => notices.push({
        event: part === 0 ? eventKey("poll-result-ketua", found.id) : eventKey("poll-result-ketua", `${found.id}:${part}`), chatId: head.telegramId!, personId: ketuaId,
        text, about: [found.createdBy, ...named_],
      }));
    }
    await queueNotices(tx, now, notices);
    await recordAudit(tx, { occurredAt: now, actorPersonId: closedBy, action: "poll_closed", rtId: found.rtId, entityType: "poll", entityId: found.id, details: { voters, byTime: params.actor === null } });
    return { result, alreadyClosed: false };
  });
}

/**
 * The job: every open poll whose time has come is closed, each in its own transaction. One that fails
 * is logged (its id only) and left for the next minute; the others close regardless.
 */
export async function closeDuePolls(deps: ServiceDeps & { logger: Pick<Logger, "error"> }, now: Date): Promise<number> {
  const due = await deps.db.select({ id: poll.id }).from(poll).where(and(eq(poll.status, "open"), lte(poll.closesAt, now))).orderBy(asc(poll.closesAt)).limit(100);
  let closed = 0;
  for (const { id } of due) {
    try {
      const outcome = await closePoll(deps, { pollId: id, actor: null }, now);
      if (!outcome.alreadyClosed) closed++;
    } catch (error) {
      // The poll's id and the error's kind only: a database message can quote values (names, ids).
      const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : error instanceof Error ? error.name : "unknown";
      deps.logger.error({ pollId: id, code }, "closing a due poll failed; tried again next minute");
    }
  }
  return closed;
}

export type OpenPoll = { id: number; question: string; closesAt: Date; target: PollTarget; voters: number };

/** The open polls of the RT the actor heads, newest first. */
export async function listOpenPolls(db: Database, actor: Actor): Promise<OpenPoll[]> {
  const rtId = headedRtId(actor);
  if (rtId === null) throw new DomainError("not-allowed");
  const rows = await db
    .select({ id: poll.id, question: poll.question, closesAt: poll.closesAt, target: poll.target, voters: sql<number>`(select count(*)::int from ${pollVote} v where v.poll_id = ${poll.id} and v.counted)` })
    .from(poll)
    .where(and(eq(poll.rtId, rtId), eq(poll.status, "open")))
    .orderBy(sql`${poll.createdAt} desc`)
    .limit(10);
  return rows.map((row) => ({ ...row, voters: Number(row.voters) }));
}
