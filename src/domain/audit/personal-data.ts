import { asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client.js";
import {
  bankAccount,
  book,
  bookLoan,
  depositLine,
  eventOccurrence,
  indicatorScore,
  kecamatan,
  kelurahan,
  ledgerEntry,
  membership,
  participation,
  person,
  poll,
  pollVote,
  readingLog,
  residentReport,
  roleAssignment,
  rsvp,
  rt,
  satisfactionAnswer,
  shiftAssignment,
  wasteBank,
  wasteBankOfficer,
  wasteType,
} from "../../db/schema/index.js";
import { memberCode } from "../people/member-code.js";

/** An RT as the export names it: the only thing of other people's it contains is RT names. */
export type RtName = { rt: number; kelurahan: string; kecamatan: string };

/**
 * Everything the bot keeps about one person (/dataku), for them alone: nothing of other people
 * but the names of RTs, banks and books. Dates are ISO 8601 (UTC) once serialised.
 */
export type PersonalData = {
  exportedAt: Date;
  profile: {
    memberCode: string;
    displayName: string | null;
    /** How they chose to be addressed (pak, bu, kak, name), null when never asked. */
    greeting: string | null;
    locale: string;
    consentedAt: Date | null;
    registeredAt: Date;
    announcementsMutedAt: Date | null;
    eventRemindersOffAt: Date | null;
    /** /pengingat: "evening", "morning" or "before" alone; null for the RT's reminders as set. */
    eventReminderWhen: string | null;
  };
  memberships: (RtName & { householdLabel: string | null; status: string; requestedAt: Date; decidedAt: Date | null; endedAt: Date | null; endReason: string | null })[];
  roles: { role: string; rt: RtName | null; kelurahan: string | null; kecamatan: string | null; wasteBank: string | null; grantedAt: Date; revokedAt: Date | null }[];
  participation: (RtName & { kind: string; occurredAt: Date; householdLabel: string | null; verified: boolean; source: string; revokedAt: Date | null })[];
  rsvps: { kind: string; startsAt: Date; answer: string; answeredAt: Date }[];
  rondaShifts: { startsAt: Date; endsAt: Date; place: string; assignedAt: Date }[];
  bankAccounts: {
    wasteBank: string;
    balance: number;
    openedAt: Date;
    entries: { entryId: number; kind: string; amount: number; occurredAt: Date; reason: string | null; reversesEntryId: number | null; lines: { wasteType: string; quantity: number; unit: string; rupiahPerUnit: number; value: number }[] }[];
  }[];
  readingLogs: { title: string; minutes: number; loggedAt: Date; status: string }[];
  bookLoans: { title: string; lentAt: Date; dueAt: Date; returnedAt: Date | null }[];
  manualScoresEntered: (RtName & { indicator: string; score: number; note: string | null; assessedOn: string; enteredAt: Date })[];
  /** issue 17: the problems they reported (/lapor), with what they wrote and where each stands. */
  reportsFiled: (RtName & { id: number; category: string; description: string; photo: boolean; latitude: number | null; longitude: number | null; status: string; reportedAt: Date; rejectReason: string | null })[];
  /** Issue 17: their votes (the options chosen, whether it counted under one vote per household), the polls they asked, their satisfaction answers. */
  pollVotes: { question: string; chose: string[]; counted: boolean; votedAt: Date }[];
  pollsAsked: (RtName & { question: string; options: string[]; createdAt: Date; status: string })[];
  satisfactionAnswers: { kind: string; startsAt: Date; answer: number; answeredAt: Date }[];
};

const rtName = { rt: rt.number, kelurahan: kelurahan.name, kecamatan: kecamatan.name };

/** Everything stored about `personId`; undefined if there is no such person (or they were erased). */
export async function exportPersonalData(db: Database, personId: number, now: Date): Promise<PersonalData | undefined> {
  const [profile] = await db.select().from(person).where(eq(person.id, personId));
  if (!profile || profile.erasedAt !== null) return undefined;

  const memberships = await db
    .select({ ...rtName, householdLabel: membership.householdLabel, status: membership.status, requestedAt: membership.requestedAt, decidedAt: membership.decidedAt, endedAt: membership.endedAt, endReason: membership.endReason })
    .from(membership)
    .innerJoin(rt, eq(rt.id, membership.rtId))
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .where(eq(membership.personId, personId))
    .orderBy(asc(membership.requestedAt), asc(membership.id));

  const areaKelurahan = alias(kelurahan, "area_kelurahan");
  const areaKecamatan = alias(kecamatan, "area_kecamatan");
  const grants = await db
    .select({
      role: roleAssignment.role, rtNumber: rt.number, rtKelurahan: kelurahan.name, rtKecamatan: kecamatan.name,
      kelurahan: areaKelurahan.name, kecamatan: areaKecamatan.name, grantedAt: roleAssignment.grantedAt, revokedAt: roleAssignment.revokedAt,
    })
    .from(roleAssignment)
    .leftJoin(rt, eq(rt.id, roleAssignment.rtId))
    .leftJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .leftJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .leftJoin(areaKelurahan, eq(areaKelurahan.code, roleAssignment.kelurahanCode))
    .leftJoin(areaKecamatan, eq(areaKecamatan.code, roleAssignment.kecamatanCode))
    .where(eq(roleAssignment.personId, personId))
    .orderBy(asc(roleAssignment.grantedAt), asc(roleAssignment.id));
  const officerships = await db
    .select({ wasteBank: wasteBank.name, grantedAt: wasteBankOfficer.appointedAt, revokedAt: wasteBankOfficer.revokedAt })
    .from(wasteBankOfficer)
    .innerJoin(wasteBank, eq(wasteBank.id, wasteBankOfficer.wasteBankId))
    .where(eq(wasteBankOfficer.personId, personId))
    .orderBy(asc(wasteBankOfficer.appointedAt), asc(wasteBankOfficer.id));

  const participated = await db
    .select({ ...rtName, kind: participation.kind, occurredAt: participation.occurredAt, householdLabel: participation.householdLabel, verified: participation.verified, source: participation.source, revokedAt: participation.revokedAt })
    .from(participation)
    .innerJoin(rt, eq(rt.id, participation.rtId))
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .where(eq(participation.personId, personId))
    .orderBy(asc(participation.occurredAt), asc(participation.id));

  const rsvps = await db
    .select({ kind: eventOccurrence.kind, startsAt: eventOccurrence.startsAt, answer: rsvp.answer, answeredAt: rsvp.answeredAt })
    .from(rsvp)
    .innerJoin(eventOccurrence, eq(eventOccurrence.id, rsvp.occurrenceId))
    .where(eq(rsvp.personId, personId))
    .orderBy(asc(eventOccurrence.startsAt));
  const rondaShifts = await db
    .select({ startsAt: eventOccurrence.startsAt, endsAt: eventOccurrence.endsAt, place: eventOccurrence.place, assignedAt: shiftAssignment.assignedAt })
    .from(shiftAssignment)
    .innerJoin(eventOccurrence, eq(eventOccurrence.id, shiftAssignment.occurrenceId))
    .where(eq(shiftAssignment.personId, personId))
    .orderBy(asc(eventOccurrence.startsAt));

  const accounts = await db
    .select({ accountId: bankAccount.id, wasteBank: wasteBank.name, balance: bankAccount.balance, openedAt: bankAccount.openedAt })
    .from(bankAccount)
    .innerJoin(wasteBank, eq(wasteBank.id, bankAccount.wasteBankId))
    .where(eq(bankAccount.personId, personId))
    .orderBy(asc(bankAccount.id));
  const entries = accounts.length === 0 ? [] : await db
    .select({ accountId: ledgerEntry.accountId, entryId: ledgerEntry.id, kind: ledgerEntry.kind, amount: ledgerEntry.amount, occurredAt: ledgerEntry.occurredAt, reason: ledgerEntry.reason, reversesEntryId: ledgerEntry.reversesEntryId })
    .from(ledgerEntry)
    .where(inArray(ledgerEntry.accountId, accounts.map((account) => account.accountId)))
    .orderBy(asc(ledgerEntry.id));
  const lines = entries.length === 0 ? [] : await db
    .select({ entryId: depositLine.entryId, wasteType: wasteType.name, quantity: depositLine.quantity, unit: depositLine.unit, rupiahPerUnit: depositLine.rupiahPerUnit, value: depositLine.value })
    .from(depositLine)
    .innerJoin(wasteType, eq(wasteType.id, depositLine.wasteTypeId))
    .where(inArray(depositLine.entryId, entries.map((entry) => entry.entryId)))
    .orderBy(asc(depositLine.entryId), asc(depositLine.lineNo));

  const readingLogs = await db
    .select({ title: readingLog.title, minutes: readingLog.minutes, loggedAt: readingLog.loggedAt, status: readingLog.status })
    .from(readingLog)
    .where(eq(readingLog.personId, personId))
    .orderBy(asc(readingLog.loggedAt), asc(readingLog.id));
  const bookLoans = await db
    .select({ title: book.title, lentAt: bookLoan.lentAt, dueAt: bookLoan.dueAt, returnedAt: bookLoan.returnedAt })
    .from(bookLoan)
    .innerJoin(book, eq(book.id, bookLoan.bookId))
    .where(eq(bookLoan.personId, personId))
    .orderBy(asc(bookLoan.lentAt), asc(bookLoan.id));
  const manualScoresEntered = await db
    .select({ ...rtName, indicator: indicatorScore.indicatorCode, score: indicatorScore.score, note: indicatorScore.note, assessedOn: indicatorScore.assessedOn, enteredAt: indicatorScore.enteredAt })
    .from(indicatorScore)
    .innerJoin(rt, eq(rt.id, indicatorScore.rtId))
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .where(eq(indicatorScore.enteredBy, personId))
    .orderBy(asc(indicatorScore.enteredAt), asc(indicatorScore.id));

  const reportsFiled = await db
    .select({
      ...rtName,
      id: residentReport.id,
      category: residentReport.category,
      description: residentReport.description,
      photo: sql<boolean>`${residentReport.photoFileId} is not null`,
      latitude: residentReport.latitude,
      longitude: residentReport.longitude,
      status: residentReport.status,
      reportedAt: residentReport.createdAt,
      rejectReason: residentReport.rejectReason,
    })
    .from(residentReport)
    .innerJoin(rt, eq(rt.id, residentReport.rtId))
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .where(eq(residentReport.reporterPersonId, personId))
    .orderBy(asc(residentReport.createdAt), asc(residentReport.id));
  const votes = await db
    .select({ question: poll.question, options: poll.options, optionIds: pollVote.optionIds, counted: pollVote.counted, votedAt: pollVote.votedAt })
    .from(pollVote)
    .innerJoin(poll, eq(poll.id, pollVote.pollId))
    .where(eq(pollVote.personId, personId))
    .orderBy(asc(pollVote.votedAt));
  const pollsAsked = await db
    .select({ ...rtName, question: poll.question, options: poll.options, createdAt: poll.createdAt, status: poll.status })
    .from(poll)
    .innerJoin(rt, eq(rt.id, poll.rtId))
    .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
    .where(eq(poll.createdBy, personId))
    .orderBy(asc(poll.createdAt));
  const satisfactionAnswers = await db
    .select({ kind: eventOccurrence.kind, startsAt: eventOccurrence.startsAt, answer: satisfactionAnswer.answer, answeredAt: satisfactionAnswer.answeredAt })
    .from(satisfactionAnswer)
    .innerJoin(eventOccurrence, eq(eventOccurrence.id, satisfactionAnswer.occurrenceId))
    .where(eq(satisfactionAnswer.personId, personId))
    .orderBy(asc(satisfactionAnswer.answeredAt));

  return {
    exportedAt: now,
    profile: {
      memberCode: memberCode(profile.id),
      displayName: profile.displayName,
      greeting: profile.greeting,
      locale: profile.locale,
      consentedAt: profile.consentedAt,
      registeredAt: profile.createdAt,
      announcementsMutedAt: profile.announcementsMutedAt,
      eventRemindersOffAt: profile.eventRemindersOffAt,
      eventReminderWhen: profile.eventReminderWhen,
    },
    memberships,
    roles: [
      ...grants.map(({ rtNumber, rtKelurahan, rtKecamatan, ...grant }) => ({
        ...grant,
        rt: rtNumber === null ? null : { rt: rtNumber, kelurahan: rtKelurahan!, kecamatan: rtKecamatan! },
        wasteBank: null,
      })),
      ...officerships.map((office) => ({ role: "petugas_bank", rt: null, kelurahan: null, kecamatan: null, ...office })),
    ],
    participation: participated,
    rsvps,
    rondaShifts,
    bankAccounts: accounts.map(({ accountId, ...account }) => ({
      ...account,
      entries: entries
        .filter((entry) => entry.accountId === accountId)
        .map(({ accountId: _accountId, ...entry }) => ({ ...entry, lines: lines.filter((line) => line.entryId === entry.entryId).map(({ entryId: _entryId, ...line }) => line) })),
    })),
    readingLogs,
    bookLoans,
    manualScoresEntered,
    reportsFiled: reportsFiled.map((report) => ({ ...report, photo: Boolean(report.photo) })),
    pollVotes: votes.map((vote) => ({ question: vote.question, chose: vote.optionIds.map((index) => vote.options[index] ?? ""), counted: vote.counted, votedAt: vote.votedAt })),
    pollsAsked,
    satisfactionAnswers,
  };
}

/** The export as the file /dataku sends: pretty JSON, so a person can read it in any viewer. */
export function personalDataJson(data: PersonalData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
