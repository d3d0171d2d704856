import { and, arrayContains, eq, getTableName, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { queryRows, type Database } from "../../db/client.js";
import {
  assessmentRound,
  assessmentScore,
  assessmentVisit,
  assessorInvite,
  assessorScope,
  auditLog,
  bankAccount,
  book,
  bookLoan,
  botState,
  broadcast,
  commandMenu,
  cronRun,
  depositLine,
  event,
  eventOccurrence,
  evidence,
  indicatorScore,
  kecamatan,
  kelurahan,
  kasBalance,
  kasEntry,
  kencanaRequirement,
  ledgerEntry,
  membership,
  offlineClaim,
  outbox,
  occurrenceHousehold,
  participation,
  person,
  processedUpdate,
  readingLog,
  readingSession,
  reminderSetting,
  residentReport,
  roleAssignment,
  roleInvite,
  rondaSetup,
  roundAssessor,
  rtProposal,
  rtTitle,
  rondaVolunteer,
  rt,
  rtWeekRollup,
  shiftAssignment,
  wasteBank,
  wastePrice,
  wasteType,
  poll,
  pollCopy,
  pollVote,
  satisfactionAnswer,
} from "../../db/schema/index.js";
import { forgetPollTexts, forgetSatisfaction, forgetVotes } from "../polls/erasure.js";

/**
 * The person being erased, read before anything is blanked: what identifies them, and what they
 * wrote, so that copies of it elsewhere (another chat's form under way) can be found.
 */
export type ErasureSubject = {
  personId: number;
  telegramId: number | null;
  displayName: string | null;
  /** The household labels of their memberships. */
  households: string[];
  /** The titles they reported reading. */
  titles: string[];
  now: Date;
};

/**
 * Columns that can hold a person's name, household, Telegram id or text they wrote, and how
 * /hapusdata erases them for one person. `erasure` is what README's privacy section says.
 */
export type PersonalDataEntry = {
  columns: readonly AnyPgColumn[];
  /**
   * Columns of tables the schema does not declare (`schema.table.column`): pg-boss's, created when
   * the job queue first starts. Their entry erases with SQL that first asks whether the table exists.
   */
  outsideSchema?: readonly string[];
  holds: string;
  erasure: string;
  erase(tx: Database, subject: ErasureSubject): Promise<void>;
};

/** Columns of a kind that could hold personal data (text, json, bigint, arrays) that hold none, and why. */
export type NoPersonalData = { columns: readonly AnyPgColumn[]; why: string };

/** A text the bot_state search looks for (with a letter: digits alone match ids and times): shorter ones would end unrelated forms. */
const NEEDLE_MIN_LENGTH = 3;

/** A message still queued or being sent is cancelled; one that went keeps its status (the counts use it). */
const cancelQueued = () => sql`case when ${outbox.status} in ('pending', 'sending') then 'cancelled'::outbox_status else ${outbox.status} end`;

/**
 * Where personal data lives, and how erasure clears it. erasePerson walks this list in order; the
 * schema test (test/domain/people/personal-data-map.test.ts) fails for a text, json, bigint or
 * array column that is neither here nor in NO_PERSONAL_DATA, so a new column forces a decision.
 */
export const PERSONAL_DATA: readonly PersonalDataEntry[] = [
  {
    columns: [person.telegramId, person.displayName, person.greeting, person.eventReminderWhen, person.offlineKind],
    holds:
      "the Telegram id, name, how they chose to be addressed (Pak, Bu, Kak) and when they chose to be reminded of events; for a resident recorded without Telegram (issue 17), whether an elder, a child or an adult (who recorded them is `recorded_by`, a person id)",
    erasure: "nulled (with consent, mute times, the greeting, the reminder choice and the kind); the row stays, anonymised, and is marked erased",
    async erase(tx, subject) {
      await tx
        .update(person)
        .set({ telegramId: null, displayName: null, greeting: null, consentedAt: null, erasedAt: subject.now, announcementsMutedAt: null, eventRemindersOffAt: null, eventReminderWhen: null, unreachableAt: null, offlineKind: null })
        .where(eq(person.id, subject.personId));
    },
  },
  {
    columns: [membership.householdLabel],
    holds: "the household (KK) label",
    erasure: "nulled on every membership of the person",
    async erase(tx, subject) {
      await tx.update(membership).set({ householdLabel: null }).where(eq(membership.personId, subject.personId));
    },
  },
  {
    columns: [participation.householdLabel],
    holds: "the household label at the time of each record",
    erasure: "a label only this person's records carry in the RT becomes `anon-<id>-<n>`; one other residents' records share names their household and stays (totals unchanged)",
    erase: (tx, subject) => pseudonymiseHouseholds(tx, subject.personId),
  },
  {
    columns: [rtWeekRollup.unit],
    holds: "the md5 digest of a household label (or `reader:<id>`), the key of the weekly rollup (issue 18)",
    erasure: "moved with the records: the triggers on participation move a relabelled household's counts to the digest of its `anon-…` label and delete the old digest's row",
    // The participation entry above relabels; the statement triggers of migration 0020 do the rest in the same transaction.
    async erase() {},
  },
  {
    columns: [occurrenceHousehold.unit],
    holds: "the md5 digest of a household label, the key of an occurrence's attendance (issue 18)",
    erasure: "moved with the records, as `rt_week_rollup.unit`",
    async erase() {},
  },
  {
    columns: [readingLog.title],
    holds: "titles the person reported reading",
    erasure: "blanked on the person's reports (the minutes still count)",
    async erase(tx, subject) {
      await tx.update(readingLog).set({ title: "" }).where(eq(readingLog.personId, subject.personId));
    },
  },
  {
    columns: [ledgerEntry.reason, ledgerEntry.requestKey],
    holds: "the reason an officer gave for reversing one of the person's entries; old request keys carried the officer's chat id",
    erasure: "reasons on the person's own entries are blanked; keys of entries they recorded lose an old-style chat id (amounts and balances unchanged)",
    async erase(tx, subject) {
      // By account, so the ledger's account index finds the entries.
      const accounts = tx.select({ id: bankAccount.id }).from(bankAccount).where(eq(bankAccount.personId, subject.personId));
      await tx.update(ledgerEntry).set({ reason: sql`case when ${ledgerEntry.reason} is null then null else '' end` }).where(inArray(ledgerEntry.accountId, accounts));
      // Migration 0007 rewrote the old keys; a form opened before it and saved after (its key
      // replayed from its state) still writes one. Rare, and an erasure is rare: a scan will do.
      const oldKey = sql.raw(`'^(deposit|withdrawal|reversal):-?[0-9]+:'`);
      await tx
        .update(ledgerEntry)
        .set({ requestKey: sql`regexp_replace(${ledgerEntry.requestKey}, ${oldKey}, '\\1:')` })
        .where(and(eq(ledgerEntry.recordedBy, subject.personId), sql`${ledgerEntry.requestKey} ~ ${oldKey}`));
    },
  },
  {
    columns: [kasEntry.purpose, kasEntry.reason],
    holds: "what a kas RT spending was for, or why an entry was reversed, as the bendahara or ketua wrote it (free text that may name neighbours)",
    erasure: "blanked on the entries the person recorded (the one change the cash book's trigger allows); amounts, kinds, receipts and balances stay the RT's, the recorder shown as erased",
    async erase(tx, subject) {
      await tx
        .update(kasEntry)
        .set({ purpose: sql`case when ${kasEntry.purpose} is null then null else '' end`, reason: sql`case when ${kasEntry.reason} is null then null else '' end` })
        .where(and(eq(kasEntry.recordedBy, subject.personId), sql`(${kasEntry.purpose} <> '' or ${kasEntry.reason} <> '')`));
    },
  },
  {
    columns: [rondaVolunteer.unavailableDates, rondaVolunteer.unavailableWeekdays],
    holds: "the nights the person cannot keep watch",
    erasure: "emptied (the volunteering ends)",
    async erase(tx, subject) {
      await tx.update(rondaVolunteer).set({ unavailableDates: [], unavailableWeekdays: [] }).where(eq(rondaVolunteer.personId, subject.personId));
    },
  },
  {
    columns: [evidence.caption],
    holds: "captions the person wrote under evidence photos (which may name neighbours)",
    erasure: "blanked on the photos the person added; the photos stay the RT's evidence",
    async erase(tx, subject) {
      await tx.update(evidence).set({ caption: null }).where(and(eq(evidence.addedBy, subject.personId), sql`${evidence.caption} is not null`));
    },
  },
  {
    columns: [poll.question, poll.options],
    holds: "the questions and answer options a ketua wrote for the RT's polls (/polling, free text that may name neighbours)",
    erasure: "blanked on the polls the person asked (each option becomes empty, shown as \"(dihapus)\"); the counts stay the RT's",
    async erase(tx, subject) {
      await forgetPollTexts(tx, subject.personId);
    },
  },
  {
    columns: [pollVote.household],
    holds: "the household (KK) a vote stood for",
    erasure: "votes on polls still open are taken back; on closed ones the household becomes the person's own id (the result recorded at closing stays)",
    async erase(tx, subject) {
      await forgetVotes(tx, subject.personId);
    },
  },
  {
    columns: [satisfactionAnswer.answer],
    holds: "how the person found a gotong royong or rapat they attended (😀 … 🙁)",
    erasure: "deleted; the summary then counts the others' answers",
    async erase(tx, subject) {
      await forgetSatisfaction(tx, subject.personId);
    },
  },
  {
    columns: [assessmentScore.note],
    holds: "notes a ketua wrote with their self-assessment (/nilaimandiri, free text that may name neighbours); an assessor's notes on an RT they scored",
    erasure: "blanked on the person's self-assessment answers, as their evidence captions are; the scores stay the RT's; an assessor's notes on the RT stay",
    async erase(tx, subject) {
      await tx
        .update(assessmentScore)
        .set({ note: null })
        .where(and(eq(assessmentScore.kind, "self"), eq(assessmentScore.personId, subject.personId), sql`${assessmentScore.note} is not null`));
    },
  },
  {
    columns: [residentReport.reporterPersonId, residentReport.description, residentReport.photoFileId, residentReport.photoFileUniqueId, residentReport.latitude, residentReport.longitude, residentReport.rejectReason],
    holds: "the problems the person reported (/lapor): the link to them, what they wrote, their photo, where they stood; and the reason a ketua gave when refusing one (which may quote them), or that they gave as ketua",
    erasure:
      "on their reports the link to them, the text, the photo and the location are removed, and a refusal's reason is blanked (category, status and times stay, so the RT's counts and response times are unchanged); reasons they wrote as ketua are blanked",
    async erase(tx, subject) {
      await tx
        .update(residentReport)
        .set({ reporterPersonId: null, description: "", photoFileId: null, photoFileUniqueId: null, latitude: null, longitude: null, rejectReason: sql`case when ${residentReport.rejectReason} is null then null else '' end` })
        .where(eq(residentReport.reporterPersonId, subject.personId));
      await tx.update(residentReport).set({ rejectReason: "" }).where(and(eq(residentReport.lastStepBy, subject.personId), sql`${residentReport.rejectReason} is not null`));
    },
  },
  {
    columns: [outbox.chatId, outbox.payload],
    holds: "messages to the person (their chat id and the text), and messages to others that name or quote them (a join request to the ketua, the keepers' copy of a reading report, a receipt naming the officer, a rota, a swap offer)",
    erasure:
      "to the person: queued ones are cancelled, every one loses its chat id (0) and text; about the person (`subject_person_ids`): queued ones are cancelled and every one loses its text; statuses stay for the counts",
    async erase(tx, subject) {
      // A send in flight can no longer be marked sent or rescheduled: both match on 'sending'.
      await tx.update(outbox).set({ chatId: 0, payload: {}, status: cancelQueued() }).where(eq(outbox.personId, subject.personId));
      await tx.update(outbox).set({ payload: {}, status: cancelQueued() }).where(aboutPerson(subject.personId));
    },
  },
  {
    columns: [commandMenu.chatId, commandMenu.sent],
    holds: "the person's chat id and the commands of their own \"/\" menu (what their roles let them run)",
    erasure:
      "kept until the sender has taken the chat's own menu away (the erasure marks it, before the Telegram id is blanked), then the row is deleted; a push Telegram refuses or that keeps failing deletes it too",
    async erase() {
      // Nothing to blank here: the row is the sender's only way to the chat, and it deletes the row itself.
    },
  },
  {
    columns: [broadcast.text, broadcast.entities, broadcast.sender, broadcast.photoFileId, broadcast.progressChatId, broadcast.progressMessageId],
    holds: "an announcement the person wrote or the poster they sent, its sender line (their name and role), and their chat where its progress is shown",
    erasure:
      "the text, its formatting, the poster and the sender line are blanked, the progress chat forgotten; one still going out stops, one scheduled is cancelled, its queued messages cancelled and every copy's text, poster and sender line blanked (recipient counts stay)",
    async erase(tx, subject) {
      const theirs = await tx
        .update(broadcast)
        .set({
          text: "",
          entities: null,
          sender: null,
          photoFileId: null,
          progressChatId: null,
          progressMessageId: null,
          status: sql`case when ${broadcast.status} in ('running', 'scheduled') then 'stopped'::broadcast_status else ${broadcast.status} end`,
          finishedAt: sql`coalesce(${broadcast.finishedAt}, ${subject.now.toISOString()}::timestamptz)`,
        })
        .where(eq(broadcast.senderPersonId, subject.personId))
        .returning({ id: broadcast.id });
      if (theirs.length === 0) return;
      await tx
        .update(outbox)
        .set({ payload: sql`case when ${outbox.method} = 'pinChatMessage' then ${outbox.payload} else '{}'::jsonb end`, status: cancelQueued() })
        .where(inArray(outbox.broadcastId, theirs.map((row) => row.id)));
    },
  },
  {
    columns: [botState.key, botState.value],
    holds: "forms under way: the person's own chat (keyed by its chat id), and other chats' forms that hold what they typed or were shown about the person",
    erasure:
      "the person's chat's state is deleted; so is any other chat's form with a value holding the person's Telegram id (as a whole number), or (3 characters or more, with a letter) their name, a household label or a title they reported: that form ends, and is started again",
    async erase(tx, subject) {
      const mentions: SQL[] = [];
      // Values only (the string and number leaves of the state, unescaped), never its JSON text: a
      // quote in a title is escaped there, and digits of ids and times would match a household or
      // a Telegram id. Both sides are lowered by the database, so they fold alike.
      const leaf = sql`leaf.value`;
      const text = sql`(${leaf} #>> '{}')`;
      if (subject.telegramId !== null) {
        const id = String(subject.telegramId);
        mentions.push(sql`(jsonb_typeof(${leaf}) = 'number' and ${leaf} = ${id}::jsonb)`);
        // In a text, as a whole number (`approve:<id>`), not digits of a longer one.
        mentions.push(sql`(jsonb_typeof(${leaf}) = 'string' and ${text} ~ ${`(^|[^0-9])${id}([^0-9]|$)`})`);
      }
      const needles = [subject.displayName, ...subject.households, ...subject.titles]
        .map((needle) => needle?.trim() ?? "")
        .filter((needle) => [...needle].length >= NEEDLE_MIN_LENGTH && /\p{L}/u.test(needle));
      for (const needle of new Set(needles)) mentions.push(sql`(jsonb_typeof(${leaf}) = 'string' and strpos(lower(${text}), lower(${needle}::text)) > 0)`);
      const theirChat = subject.telegramId !== null ? sql`${botState.key} like ${`%:${subject.telegramId}`}` : sql`false`;
      const mentioned =
        mentions.length > 0 ? sql`exists (select 1 from jsonb_path_query(${botState.value}, 'strict $.**') as leaf(value) where ${or(...mentions)})` : sql`false`;
      await tx.delete(botState).where(or(theirChat, mentioned));
    },
  },
  ...(["job", "archive"] as const).map((table): PersonalDataEntry => ({
    columns: [],
    outsideSchema: [`pgboss.${table}.data`],
    holds: "long work a person asked for (a digest, an export, a rota, a pack), as the job queue keeps it: their chat, Telegram and person ids",
    erasure: "the person's jobs are deleted, queued, running, failed or archived (a running one then finds no one and sends nothing)",
    erase: (tx, subject) => forgetJobs(tx, table, subject),
  })),
];

/**
 * Columns that could hold personal data by their kind but do not. A bigint column that is a
 * table's own id or points at another table is not listed: it holds an id.
 */
export const NO_PERSONAL_DATA: readonly NoPersonalData[] = [
  { columns: [person.locale], why: "a language code" },
  { columns: [pollVote.lastUpdateId], why: "Telegram's update counter of the bot (the order of a voter's answers), not a person's id" },
  { columns: [person.recordKey], why: "the recording form's random key (issue 17)" },
  { columns: [offlineClaim.code], why: "a random claim code (issue 17); the person it hands over is a person id" },
  { columns: [membership.endReason], why: "a code: left, removed, erased" },
  { columns: [participation.sourceKey, participation.source], why: "ids and codes (`occurrence:12:person:5`, `checkin-code`, `ronda-button`)" },
  { columns: [readingLog.requestKey, readingSession.requestKey, bookLoan.requestKey], why: "a form's random key" },
  { columns: [ledgerEntry.amount], why: "Rupiah" },
  { columns: [ledgerEntry.reversesEntryId], why: "an entry id" },
  { columns: [ledgerEntry.reversesLineNo], why: "a line number of the entry reversed" },
  { columns: [outbox.dedupeKey], why: "event and person ids (`notice:join-request:7:person:3`), never a Telegram id" },
  { columns: [outbox.method, outbox.claimedBy, outbox.lastError], why: "a Bot API method, an instance id, Telegram's error text" },
  { columns: [commandMenu.lastError], why: "Telegram's error text" },
  { columns: [outbox.telegramMessageId], why: "a message id in the recipient's chat (useless once the chat id is gone)" },
  { columns: [outbox.subjectPersonIds], why: "person ids, which erasure uses to find the messages about someone" },
  { columns: [broadcast.requestKey, broadcast.audience, broadcast.progressText], why: "a form's key, an audience code, the delivery counts" },
  { columns: [auditLog.entityType, auditLog.entityId, auditLog.details], why: "ids, codes and amounts, never names or free text; append-only" },
  { columns: [rt.inviteCode, rt.kelurahanCode], why: "a random code, an area code" },
  { columns: [rt.groupChatId], why: "a group's chat id, not a person's" },
  { columns: [roleAssignment.kelurahanCode, roleAssignment.kecamatanCode], why: "area codes" },
  { columns: [roleInvite.code, roleInvite.kelurahanCode, roleInvite.kecamatanCode], why: "a random code, area codes" },
  { columns: [kecamatan.code, kecamatan.name, kecamatan.regencyCode, kelurahan.code, kelurahan.name, kelurahan.kecamatanCode], why: "official area codes and names" },
  { columns: [wasteBank.name, wasteBank.kelurahanCode, wasteType.name], why: "the bank's name and its price list" },
  { columns: [bankAccount.balance], why: "Rupiah" },
  { columns: [depositLine.entryId], why: "an entry id" },
  { columns: [depositLine.quantity, depositLine.rupiahPerUnit, depositLine.value, wastePrice.rupiahPerUnit], why: "grams or units, and Rupiah" },
  { columns: [book.title, book.author], why: "the RT's catalogue, not about a person" },
  { columns: [readingSession.activityNote], why: "what a session at the RT's corner was (the RT's record, written by its keeper)" },
  { columns: [event.requestKey], why: "a form's random key (`event:<uuid>`)" },
  { columns: [poll.requestKey, poll.telegramCounts, poll.telegramCountsUpdateId, poll.resultCounts], why: "a form's random key; counts per option and the update id they came from" },
  { columns: [pollCopy.dedupeKey, pollCopy.telegramPollId, pollCopy.messageId], why: "an outbox key with person ids (`poll:3:person:5`); Telegram's id of one poll message and its message id (useless without the chat id)" },
  { columns: [pollVote.optionIds], why: "the option numbers chosen, of a vote whose household is erased with the person" },
  { columns: [event.place, event.notes, event.recurrence, eventOccurrence.place, eventOccurrence.checkinCode], why: "the RT's schedule, written by its ketua; a random check-in code" },
  { columns: [reminderSetting.eveningBefore, reminderSetting.rondaDutyAt], why: "times of day" },
  { columns: [rondaSetup.nights, rondaSetup.startTime, rondaSetup.endTime, rondaSetup.post], why: "the RT's watch set-up" },
  { columns: [shiftAssignment.source], why: "`rota`, `swap:<request id>` or `ketua`" },
  { columns: [indicatorScore.indicatorCode, indicatorScore.note, indicatorScore.requestKey], why: "an assessment of an RT by its koordinator, not about a person; a form's random key" },
  { columns: [processedUpdate.updateId], why: "Telegram's update counter" },
  { columns: [cronRun.key], why: "a scheduled job's name and time" },
  { columns: [assessmentRound.requestKey, assessmentRound.skNumber], why: "a form's random key; the number of the Wali Kota's decree" },
  { columns: [rtProposal.readiness], why: "indicator codes, levels and counts of the RT when it was proposed" },
  { columns: [assessorInvite.code, assessorInvite.rtIds, assessorInvite.kecamatanCodes, roundAssessor.inviteCode], why: "a random code, RT ids and area codes" },
  { columns: [assessorScope.kecamatanCode], why: "an area code" },
  { columns: [assessmentVisit.requestKey], why: "a form's random key" },
  {
    columns: [assessmentScore.indicatorCode, assessmentScore.period, assessmentScore.overrideReason, assessmentScore.requestKey],
    why: "an assessment of an RT (the reason a measured level was overridden), not about a person; a quarter; a form's key",
  },
  { columns: [rtTitle.skNumber, rtTitle.baseline, rtTitle.awardRupiah], why: "the decree's number, the RT's indicator levels before its visit, Rupiah" },
  { columns: [kencanaRequirement.requirement, kencanaRequirement.note, kencanaRequirement.requestKey], why: "a requirement's code and what the RT has for it (the RT's record); a form's key" },
  { columns: [evidence.indicatorCode, evidence.fileId, evidence.fileUniqueId, evidence.requestKey], why: "an indicator code; Telegram's ids of a photo of the RT's activity; a form's key" },
  { columns: [kasEntry.requestKey], why: "a form's random key (`kas-catat:<uuid>`) or a ronda night's (`jimpitan:<occurrence id>`)" },
  { columns: [kasEntry.amount, kasBalance.balance], why: "Rupiah" },
  { columns: [kasEntry.reversesEntryId], why: "an entry id" },
  { columns: [kasEntry.receiptFileId, kasEntry.receiptFileUniqueId], why: "Telegram's ids of the photo of a receipt, the RT's record of what it spent" },
  { columns: [kasEntry.collectedBy], why: "person ids of the night's shift; an erased person's row is anonymised, so the entry names nobody" },
  { columns: [residentReport.requestKey], why: "a /lapor form's random key (`report:<uuid>`)" },
];

/**
 * The outbox rows about a person. The cardinality test repeats the predicate of the partial GIN
 * index outbox_subject_idx (most rows name nobody and are not in it), without which the planner
 * cannot use that index and reads the whole outbox.
 */
export function aboutPerson(personId: number): SQL {
  return and(sql`cardinality(${outbox.subjectPersonIds}) > 0`, arrayContains(outbox.subjectPersonIds, [personId]))!;
}

/** `table.column`, as SQL names it. */
export function columnName(column: AnyPgColumn): string {
  return `${getTableName(column.table)}.${column.name}`;
}

/** Reads what identifies the person, locking their row; undefined when they were already erased. */
export async function erasureSubject(tx: Database, personId: number, now: Date): Promise<ErasureSubject | undefined> {
  const [row] = await tx
    .select({ telegramId: person.telegramId, displayName: person.displayName })
    .from(person)
    .where(and(eq(person.id, personId), isNull(person.erasedAt)))
    .for("update");
  if (!row) return undefined;
  const households = await tx
    .selectDistinct({ label: membership.householdLabel })
    .from(membership)
    .where(and(eq(membership.personId, personId), sql`nullif(btrim(${membership.householdLabel}), '') is not null`));
  const titles = await tx
    .selectDistinct({ title: readingLog.title })
    .from(readingLog)
    .where(and(eq(readingLog.personId, personId), ne(readingLog.title, "")));
  return { personId, telegramId: row.telegramId, displayName: row.displayName, households: households.map((h) => h.label!), titles: titles.map((t) => t.title), now };
}

/** Walks the map: every column that can hold the person's data is erased as its entry says. */
export async function eraseMappedData(tx: Database, subject: ErasureSubject): Promise<void> {
  for (const entry of PERSONAL_DATA) await entry.erase(tx, subject);
}

/**
 * The pg-boss rows (bot/background.ts's LongWorkEnvelope in `data`) of the person: their person id,
 * or their Telegram id (as who asked, or as the private chat the result goes to). pg-boss creates
 * its schema when the queue first starts, so a database that never ran a job has no such table.
 */
async function forgetJobs(tx: Database, table: "job" | "archive", subject: ErasureSubject): Promise<void> {
  const name = `pgboss.${table}`;
  const [found] = await queryRows<{ present: boolean }>(tx, sql`select to_regclass(${name}) is not null as present`);
  if (!found?.present) return;
  const telegramId = subject.telegramId === null ? null : String(subject.telegramId);
  const byTelegram = telegramId === null ? sql`false` : sql`data->>'telegramId' = ${telegramId} or data->>'chatId' = ${telegramId}`;
  await tx.execute(sql`delete from ${sql.raw(name)} where data->>'personId' = ${String(subject.personId)} or ${byTelegram}`);
}

/**
 * The household labels on the person's participation records. A label no one else's record
 * carries in that RT names only this person's household: it becomes an opaque `anon-<person>-<n>`
 * (distinct labels stay distinct). A label other residents' records still carry names their
 * household, not this person, and stays: clearing it would make the person's records a household
 * of their own and raise the RT's household counts. Either way every weekly household count
 * (scores, digests) is the same after the erasure as before.
 */
async function pseudonymiseHouseholds(db: Database, personId: number): Promise<void> {
  await db.execute(sql`
    with mine as (
      select distinct rt_id, lower(btrim(household_label)) as label
      from ${participation}
      where person_id = ${personId} and nullif(btrim(household_label), '') is not null
    ), own as (
      select m.rt_id, m.label, row_number() over (order by m.rt_id, m.label) as n
      from mine m
      where not exists (
        select 1 from ${participation} o
        where o.rt_id = m.rt_id and o.person_id <> ${personId} and lower(btrim(o.household_label)) = m.label
      )
    )
    update ${participation} p set household_label = 'anon-' || ${personId}::int || '-' || own.n
    from own
    where p.person_id = ${personId} and p.rt_id = own.rt_id and lower(btrim(p.household_label)) = own.label
  `);
}
