/**
 * issue 17: residents without Telegram (elders, children). A ketua RT (or the koordinator acting as
 * one) or a petugas of the RT records them: a person row with no telegram_id, marked by
 * `recorded_by` (an erased person has no telegram_id either, but `erased_at` set), and an active
 * membership in the RT with the household (KK) they live in. Everything that lists the RT's active
 * members then offers them (the /absen checklist, the waste bank's resident search, the pojok
 * baca's borrowers), and their records carry the household label, so they count for their
 * household. Nothing is ever sent to them: every notice goes through `noticeTo`, which drops a
 * recipient without a Telegram id, and every audience query asks for one.
 *
 * Later the person may take the record over with their own Telegram, through a one-time link.
 */
import { randomBytes } from "node:crypto";
import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import * as schema from "../../db/schema/index.js";
import { auditLog, bankAccount, book, bookLoan, commandMenu, membership, offlineClaim, outbox, person, pollCopy } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { wantMenus } from "../people/menu.js";
import { erasePerson } from "../people/person.js";
import { eraseMappedData, erasureSubject } from "../people/personal-data-map.js";
import { parseDisplayName, parseHouseholdLabel } from "../people/text-input.js";
import { freeComingNights, freeComingNightsOnErasure } from "../ronda/swaps.js";
import { getRt, type RtDetails } from "../rt/rt.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { rtVars } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { about, eventKey, noticeTo, queueNotices } from "../../messages/notices.js";

export const OFFLINE_KINDS = ["lansia", "anak", "dewasa"] as const;
export type OfflineKind = (typeof OFFLINE_KINDS)[number];

/** How long a claim link stays usable: a week, as a ketua link. */
export const CLAIM_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** The deep-link payload of a claim: `klaim_<code>`. */
export const CLAIM_LINK_PREFIX = "klaim_";

/** The claim code in a /start payload, or undefined when the payload is not a claim link. */
export function claimCodeOf(payload: string): string | undefined {
  if (!payload.startsWith(CLAIM_LINK_PREFIX)) return undefined;
  const code = payload.slice(CLAIM_LINK_PREFIX.length);
  return /^[A-Za-z0-9_-]{16,40}$/.test(code) ? code : "";
}

/**
 * The RT whose residents without Telegram the actor keeps: the RT they head (the acting grant
 * first), or the RT they are a petugas of. Null: none (a warga, a koordinator not acting).
 */
export function offlineRtId(actor: Actor): number | null {
  return actor.grants.find((grant) => (grant.role === "ketua_rt" || grant.role === "petugas") && grant.rtId !== null)?.rtId ?? null;
}

/** The ketua (or acting ketua) or a petugas of this RT. */
export function canKeepOffline(actor: Actor, rtId: number): boolean {
  return actor.grants.some((grant) => (grant.role === "ketua_rt" || grant.role === "petugas") && grant.rtId === rtId);
}

export function requireOfflineRt(actor: Actor): number {
  const rtId = offlineRtId(actor);
  if (rtId === null) throw new DomainError("not-allowed");
  return rtId;
}

function requireKeeper(actor: Actor, rtId: number): void {
  if (!canKeepOffline(actor, rtId)) throw new DomainError("not-allowed");
}

/**
 * The RT's households: the distinct labels of its active members (a household is its label,
 * trimmed and lower-cased, as the scores count it), each in its most common spelling.
 */
export async function listHouseholds(db: Database, actor: Actor, params: { rtId: number }): Promise<string[]> {
  requireKeeper(actor, params.rtId);
  const rows = await db
    .select({ label: sql<string>`mode() within group (order by ${membership.householdLabel})`, key: sql<string>`lower(btrim(${membership.householdLabel}))` })
    .from(membership)
    .where(and(eq(membership.rtId, params.rtId), eq(membership.status, "active"), sql`nullif(btrim(${membership.householdLabel}), '') is not null`))
    .groupBy(sql`lower(btrim(${membership.householdLabel}))`)
    .orderBy(sql`lower(btrim(${membership.householdLabel}))`);
  return rows.map((row) => row.label);
}

/** The household as stored: an existing household's spelling when the label names one, else as typed. */
async function householdOf(tx: Database, rtId: number, raw: string): Promise<string> {
  const parsed = parseHouseholdLabel(raw);
  if (!parsed.ok) throw new DomainError("offline-household-invalid");
  const [existing] = await tx
    .select({ label: membership.householdLabel })
    .from(membership)
    .where(and(eq(membership.rtId, rtId), eq(membership.status, "active"), sql`lower(btrim(${membership.householdLabel})) = lower(${parsed.value})`))
    .orderBy(asc(membership.id))
    .limit(1);
  return existing?.label ?? parsed.value;
}

function nameOf(raw: string): string {
  const parsed = parseDisplayName(raw);
  if (!parsed.ok) throw new DomainError("offline-name-invalid");
  return parsed.value;
}

export type OfflineMember = {
  personId: number;
  membershipId: number;
  rtId: number;
  name: string;
  household: string | null;
  kind: OfflineKind | null;
  recordedAt: Date | null;
};

const offlineColumns = {
  personId: person.id,
  membershipId: membership.id,
  rtId: membership.rtId,
  name: person.displayName,
  household: membership.householdLabel,
  kind: person.offlineKind,
  recordedAt: person.recordedAt,
};

/** A person recorded without Telegram, not erased, not claimed: the only rows these services touch. */
const isOffline = and(isNotNull(person.recordedBy), isNull(person.telegramId), isNull(person.erasedAt));

function offlineRows(db: Database) {
  return db.select(offlineColumns).from(person).innerJoin(membership, and(eq(membership.personId, person.id), eq(membership.status, "active")));
}

function asMember(row: { personId: number; membershipId: number; rtId: number; name: string | null; household: string | null; kind: string | null; recordedAt: Date | null }): OfflineMember {
  return { ...row, name: row.name ?? "-", kind: (row.kind as OfflineKind | null) ?? null };
}

/** The RT's residents without Telegram, by name. */
export async function listOfflineMembers(db: Database, actor: Actor, params: { rtId: number }): Promise<OfflineMember[]> {
  requireKeeper(actor, params.rtId);
  const rows = await offlineRows(db)
    .where(and(isOffline, eq(membership.rtId, params.rtId)))
    .orderBy(asc(sql`lower(${person.displayName})`), asc(person.id));
  return rows.map(asMember);
}

/**
 * One resident without Telegram, for an actor who keeps their RT. A person of another RT, claimed,
 * erased or removed is "not found" (a forged or stale button says nothing about anyone).
 */
export async function getOfflineMember(db: Database, actor: Actor, params: { personId: number; lock?: boolean }): Promise<OfflineMember> {
  const query = offlineRows(db).where(and(isOffline, eq(person.id, params.personId)));
  const [row] = params.lock ? await query.for("update", { of: person }) : await query;
  if (!row || !canKeepOffline(actor, row.rtId)) throw new DomainError("offline-not-found");
  return asMember(row);
}

export type RecordOffline = { requestKey: string; rtId: number; name: string; household: string; kind: OfflineKind | null };

/**
 * Records a resident without Telegram in the RT: the person and an active membership, audited, in
 * one transaction; once per form key (the same save again returns the first person).
 */
export async function recordOfflineMember(deps: ServiceDeps, actor: Actor, input: RecordOffline): Promise<{ member: OfflineMember; created: boolean }> {
  const now = deps.clock();
  requireKeeper(actor, input.rtId);
  if (!actor.person) throw new DomainError("not-allowed");
  const recorder = actor.person.id;
  const name = nameOf(input.name);
  if (input.kind !== null && !OFFLINE_KINDS.includes(input.kind)) throw new DomainError("offline-kind-invalid");
  return inTransaction(deps, async (tx) => {
    const [earlier] = await tx.select({ id: person.id }).from(person).where(eq(person.recordKey, input.requestKey));
    if (earlier) {
      const [row] = await offlineRows(tx).where(eq(person.id, earlier.id));
      if (!row) throw new DomainError("offline-not-found");
      return { member: asMember(row), created: false };
    }
    const household = await householdOf(tx, input.rtId, input.household);
    const inserted = await tx
      .insert(person)
      .values({ displayName: name, recordedBy: recorder, recordedAt: now, offlineKind: input.kind, recordKey: input.requestKey, createdAt: now })
      .onConflictDoNothing({ target: person.recordKey })
      .returning({ id: person.id });
    if (inserted.length === 0) {
      // The same key saved at the same moment by another instance: its row is the record.
      const [row] = await offlineRows(tx).where(eq(person.recordKey, input.requestKey));
      if (!row) throw new DomainError("offline-not-found");
      return { member: asMember(row), created: false };
    }
    const personId = inserted[0]!.id;
    const [created] = await tx
      .insert(membership)
      .values({ personId, rtId: input.rtId, householdLabel: household, status: "active", requestedAt: now, decidedAt: now, decidedBy: recorder })
      .returning({ id: membership.id });
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: recorder, action: "offline_recorded", rtId: input.rtId, targetPersonId: personId,
      entityType: "membership", entityId: created!.id, details: input.kind ? { kind: input.kind } : {},
    });
    return { member: { personId, membershipId: created!.id, rtId: input.rtId, name, household, kind: input.kind, recordedAt: now }, created: true };
  });
}

/** A new name for a resident without Telegram (their RT's ketua or petugas); the same name changes nothing. */
export async function renameOfflineMember(deps: ServiceDeps, actor: Actor, params: { personId: number; name: string }): Promise<{ member: OfflineMember; changed: boolean }> {
  const now = deps.clock();
  const name = nameOf(params.name);
  return inTransaction(deps, async (tx) => {
    const member = await getOfflineMember(tx, actor, { personId: params.personId, lock: true });
    if (member.name === name) return { member, changed: false };
    await tx.update(person).set({ displayName: name }).where(eq(person.id, member.personId));
    await recordAudit(tx, { occurredAt: now, actorPersonId: actor.person?.id ?? null, action: "offline_renamed", rtId: member.rtId, targetPersonId: member.personId, entityType: "person", entityId: member.personId });
    return { member: { ...member, name }, changed: true };
  });
}

/** Their unused claim links stop working (a newer link, a removal, an erasure). */
async function revokeClaims(tx: Database, personId: number, now: Date): Promise<void> {
  await tx.update(offlineClaim).set({ revokedAt: now }).where(and(eq(offlineClaim.personId, personId), isNull(offlineClaim.usedAt), isNull(offlineClaim.revokedAt)));
}

export type OfflineHoldings = { balance: number; loans: string[] };

/** Their bank-sampah savings (all banks) and the titles of the books they have out. */
export async function offlineHoldings(db: Database, personId: number): Promise<OfflineHoldings> {
  const [saved] = await db.select({ balance: sql<string>`coalesce(sum(${bankAccount.balance}), 0)` }).from(bankAccount).where(eq(bankAccount.personId, personId));
  const loans = await db
    .select({ title: book.title })
    .from(bookLoan)
    .innerJoin(book, eq(book.id, bookLoan.bookId))
    .where(and(eq(bookLoan.personId, personId), isNull(bookLoan.returnedAt)))
    .orderBy(asc(bookLoan.dueAt), asc(bookLoan.id));
  return { balance: Number(saved?.balance ?? 0), loans: loans.map((loan) => loan.title) };
}

/**
 * Withdrawals and returns need an active membership: savings above zero or a book still out would
 * be stranded by a removal or an erasure, so both are refused until they are withdrawn / returned.
 */
async function requireNothingHeld(tx: Database, personId: number): Promise<void> {
  const held = await offlineHoldings(tx, personId);
  if (held.balance > 0 || held.loans.length > 0) throw new DomainError("offline-has-holdings");
}

/**
 * The resident no longer lives in the RT (moved, passed away): the membership ends as a removal
 * does, and what they did stays counted (participation, ledger, loans keep their rows). Their ronda
 * nights are freed. A double tap finds them gone: "not found", nothing written twice.
 */
export async function removeOfflineMember(deps: ServiceDeps, actor: Actor, params: { personId: number }): Promise<OfflineMember> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const member = await getOfflineMember(tx, actor, { personId: params.personId, lock: true });
    await requireNothingHeld(tx, member.personId);
    await tx
      .update(membership)
      .set({ status: "left", endedAt: now, endReason: "removed", decidedBy: actor.person?.id ?? null })
      .where(and(eq(membership.id, member.membershipId), eq(membership.status, "active")));
    await revokeClaims(tx, member.personId, now);
    await freeComingNights(deps, tx, { personId: member.personId, rtId: member.rtId, name: member.name, now });
    await recordAudit(tx, { occurredAt: now, actorPersonId: actor.person?.id ?? null, action: "offline_removed", rtId: member.rtId, targetPersonId: member.personId, entityType: "membership", entityId: member.membershipId });
    return member;
  });
}

/**
 * Erasure on the person's behalf (they asked their ketua): the name, household label and kind go,
 * the membership ends, the records stay and keep counting for the household (personal-data-map's
 * pseudonymisation keeps every count), and the row is marked erased. Audited with who did it.
 */
export async function eraseOfflineMember(deps: ServiceDeps, actor: Actor, params: { personId: number }): Promise<{ rtId: number }> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const member = await getOfflineMember(tx, actor, { personId: params.personId, lock: true });
    await requireNothingHeld(tx, member.personId);
    await revokeClaims(tx, member.personId, now);
    await freeComingNightsOnErasure(deps, tx, { personId: member.personId, now });
    await erasePerson(tx, member.personId, now);
    await recordAudit(tx, { occurredAt: now, actorPersonId: actor.person?.id ?? null, action: "offline_erased", rtId: member.rtId, targetPersonId: member.personId, entityType: "person", entityId: member.personId });
    return { rtId: member.rtId };
  });
}

function drawCode(): string {
  return randomBytes(15).toString("base64url");
}

/**
 * The one-time link that hands the record to the resident's own Telegram. A link still usable is
 * given again (a double tap shows the same link); otherwise a new one, audited.
 */
export async function claimLink(deps: ServiceDeps, actor: Actor, params: { personId: number }): Promise<{ code: string; expiresAt: Date; member: OfflineMember; created: boolean }> {
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const member = await getOfflineMember(tx, actor, { personId: params.personId, lock: true });
    const [usable] = await tx
      .select({ code: offlineClaim.code, expiresAt: offlineClaim.expiresAt })
      .from(offlineClaim)
      .where(and(eq(offlineClaim.personId, member.personId), isNull(offlineClaim.usedAt), isNull(offlineClaim.revokedAt), gt(offlineClaim.expiresAt, now)))
      .orderBy(sql`${offlineClaim.createdAt} desc`)
      .limit(1);
    if (usable) return { ...usable, member, created: false };
    if (!actor.person) throw new DomainError("not-allowed");
    await revokeClaims(tx, member.personId, now);
    const code = drawCode();
    const expiresAt = new Date(now.getTime() + CLAIM_TTL_MS);
    await tx.insert(offlineClaim).values({ code, personId: member.personId, rtId: member.rtId, createdBy: actor.person.id, createdAt: now, expiresAt });
    await recordAudit(tx, { occurredAt: now, actorPersonId: actor.person.id, action: "offline_claim_link", rtId: member.rtId, targetPersonId: member.personId, entityType: "person", entityId: member.personId });
    return { code, expiresAt, member, created: true };
  });
}

export type ClaimPreview = { name: string; household: string | null; rt: RtDetails };

type ClaimRow = typeof offlineClaim.$inferSelect;

/** Why a claim link cannot be used by this Telegram user now (a DomainError), or what it hands over. */
async function checkClaim(tx: Database, claim: ClaimRow | undefined, telegramId: number, now: Date): Promise<{ preview: ClaimPreview; mine: { id: number } | undefined } | { already: ClaimPreview }> {
  if (!claim) throw new DomainError("claim-invalid");
  const [record] = await tx
    .select({ telegramId: person.telegramId, erasedAt: person.erasedAt, recordedBy: person.recordedBy, name: person.displayName })
    .from(person)
    .where(eq(person.id, claim.personId));
  const [current] = await tx
    .select({ household: membership.householdLabel, rtId: membership.rtId })
    .from(membership)
    .where(and(eq(membership.personId, claim.personId), eq(membership.status, "active")));
  // Taken over by this very user (a double tap, a redelivery, the link opened again): done already.
  if (claim.usedAt !== null && record?.telegramId === telegramId) {
    return { already: { name: record.name ?? "-", household: current?.household ?? null, rt: await getRt(tx, claim.rtId) } };
  }
  if (claim.usedAt !== null) throw new DomainError("claim-used");
  if (claim.revokedAt !== null || !record || record.erasedAt !== null || record.telegramId !== null || !current || current.rtId !== claim.rtId) throw new DomainError("claim-stale");
  if (claim.expiresAt.getTime() <= now.getTime()) throw new DomainError("claim-expired");
  const place = await getRt(tx, claim.rtId);
  const [mine] = await tx.select({ id: person.id }).from(person).where(eq(person.telegramId, telegramId));
  if (mine) {
    const [theirs] = await tx
      .select({ rtId: membership.rtId, status: membership.status })
      .from(membership)
      .where(and(eq(membership.personId, mine.id), inArray(membership.status, ["pending", "active"])));
    if (theirs?.status === "active") throw new DomainError(theirs.rtId === claim.rtId ? "claim-member-here" : "claim-member-elsewhere", rtVars(await getRt(tx, theirs.rtId)));
    if (theirs) throw new DomainError("claim-pending", rtVars(await getRt(tx, theirs.rtId)));
    // A registration with nothing of its own can be left behind (its memberships, pending, withdrawn
    // or ended, included); one that anything else points at cannot.
    // Their own withdrawal of a request is "decided" by themselves: that is registration data too.
    // A jimpitan night's collectors are an array of person ids (no foreign key).
    const points = (column: AnyPgColumn) =>
      column === membership.decidedBy
        ? sql`exists (select 1 from ${membership} where ${membership.decidedBy} = ${mine.id} and ${membership.personId} <> ${mine.id})`
        : column === schema.kasEntry.collectedBy
          ? sql`exists (select 1 from ${schema.kasEntry} where ${mine.id} = any(${schema.kasEntry.collectedBy}))`
          : sql`exists (select 1 from ${column.table} where ${column} = ${mine.id})`;
    const [held] = await queryRows<{ held: boolean }>(tx, sql`select ${sql.join(HISTORY_COLUMNS.map(points), sql` or `)} as held`);
    if (held?.held) throw new DomainError("claim-has-history");
  }
  return { preview: { name: record.name ?? "-", household: current.household, rt: place }, mine };
}

/**
 * What a Telegram user's registration may carry and still be left behind for a claimed record: its
 * memberships (pending, withdrawn, ended), the chat's menu, messages to and about it, copies of
 * polls it was sent, the audit of its own steps, and an earlier merge. The old row is erased by the
 * personal-data map, which reaches these.
 */
export const HARMLESS_COLUMNS: readonly AnyPgColumn[] = [
  membership.personId, commandMenu.personId, outbox.personId, pollCopy.personId, auditLog.actorPersonId, auditLog.targetPersonId, offlineClaim.mergedFrom,
];

/**
 * Every other column that points at a person: a record of theirs or one they made (attendance,
 * savings, loans, ledger and kas entries, scores, evidence, polls, reports, roles and officer posts
 * even revoked, assessor posts, invites used …). A registration any of these points at has a
 * history of its own: the claim is refused (test/bot/offline.test.ts checks that every foreign key
 * to person is in one of the two lists).
 */
export const HISTORY_COLUMNS: readonly AnyPgColumn[] = [
  schema.assessmentRound.openedBy, schema.assessmentRound.decidedBy, schema.assessmentScore.personId, schema.assessmentVisit.scheduledBy,
  schema.assessorInvite.createdBy, schema.assessorInvite.usedBy, schema.bankAccount.personId, schema.book.addedBy,
  schema.bookLoan.personId, schema.bookLoan.lentBy, schema.bookLoan.returnedBy, schema.broadcast.senderPersonId, schema.event.createdBy,
  schema.evidence.addedBy, schema.evidence.removedBy, schema.indicatorScore.enteredBy, schema.kasEntry.recordedBy, schema.kasEntry.collectedBy,
  schema.kencanaRequirement.recordedBy, schema.ledgerEntry.personId, schema.ledgerEntry.recordedBy, schema.membership.decidedBy,
  schema.offlineClaim.personId, schema.offlineClaim.createdBy, schema.participation.personId, schema.participation.recordedBy,
  schema.person.recordedBy, schema.poll.createdBy, schema.poll.closedBy, schema.pollVote.personId, schema.readingLog.personId,
  schema.readingLog.decidedBy, schema.readingSession.recordedBy, schema.readingSessionAttendee.personId,
  schema.residentReport.reporterPersonId, schema.residentReport.lastStepBy, schema.roleAssignment.personId,
  schema.roleAssignment.grantedBy, schema.roleAssignment.revokedBy, schema.roleInvite.createdBy, schema.roleInvite.usedBy,
  schema.rondaVolunteer.personId, schema.roundAssessor.personId, schema.roundAssessor.revokedBy, schema.rsvp.personId, schema.rt.createdBy,
  schema.rtProposal.proposedBy, schema.rtProposal.withdrawnBy, schema.rtTitle.recordedBy, schema.satisfactionAnswer.personId,
  schema.satisfactionRequest.requestedBy, schema.shiftAssignment.personId, schema.swapRequest.fromPersonId, schema.swapRequest.toPersonId,
  schema.wasteBank.createdBy, schema.wasteBankOfficer.personId, schema.wasteBankOfficer.appointedBy, schema.wasteBankOfficer.revokedBy,
  schema.wasteBankRt.addedBy, schema.wastePrice.setBy,
];

/** What a claim link would hand over to this Telegram user, read before they confirm. */
export async function previewClaim(db: Database, params: { code: string; telegramId: number; now: Date }): Promise<ClaimPreview & { already: boolean }> {
  const [claim] = await db.select().from(offlineClaim).where(eq(offlineClaim.code, params.code));
  const checked = await checkClaim(db, claim, params.telegramId, params.now);
  return "already" in checked ? { ...checked.already, already: true } : { ...checked.preview, already: false };
}

/**
 * The resident confirms: their Telegram account takes the recorded person over. A Telegram user
 * the bot knows only from a registration with nothing of its own (HISTORY_COLUMNS) leaves that row
 * behind, erased through the personal-data map (their language and greeting come along); one who is
 * a member anywhere, waits for an RT, or has a history of their own is refused in words. The person
 * row, then the claim row, is locked, so two taps (or two instances) claim once; the second reads
 * "already yours". Audited; the one who made the link is told.
 */
export async function claimRecord(deps: ServiceDeps, params: { code: string; telegramId: number; locale: string }): Promise<ClaimPreview & { personId: number; already: boolean }> {
  const now = deps.clock();
  try {
    return await inTransaction(deps, (tx) => claimIn(deps, tx, params, now));
  } catch (error) {
    // One new Telegram user claiming two records at the same moment: the Telegram id is unique, so
    // the second finds it taken by the first.
    if (isTelegramIdTaken(error)) throw new DomainError("claim-used");
    throw error;
  }
}

function isTelegramIdTaken(error: unknown): boolean {
  for (let cause: unknown = error; typeof cause === "object" && cause !== null; cause = (cause as { cause?: unknown }).cause) {
    const { code, constraint, constraint_name } = cause as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    const name = constraint ?? constraint_name;
    if (code === "23505" && typeof name === "string" && name.includes("telegram_id")) return true;
  }
  return false;
}

async function claimIn(deps: ServiceDeps, tx: Database, params: { code: string; telegramId: number; locale: string }, now: Date): Promise<ClaimPreview & { personId: number; already: boolean }> {
  // The person row first, then the claim: removal, erasure and a new link lock in that order too.
  const [target] = await tx.select({ personId: offlineClaim.personId }).from(offlineClaim).where(eq(offlineClaim.code, params.code));
  if (target) await tx.select({ id: person.id }).from(person).where(eq(person.id, target.personId)).for("update");
  const [claim] = await tx.select().from(offlineClaim).where(eq(offlineClaim.code, params.code)).for("update");
  const checked = await checkClaim(tx, claim, params.telegramId, now);
  if ("already" in checked) return { ...checked.already, personId: claim!.personId, already: true };
  const { preview, mine } = checked;
  const personId = claim!.personId;
  let carried: { locale: string; greeting: typeof person.$inferSelect.greeting; consentedAt: Date | null } = { locale: supportedLocale(params.locale), greeting: null, consentedAt: null };
  if (mine) {
    const [old] = await tx.select({ locale: person.locale, greeting: person.greeting, consentedAt: person.consentedAt }).from(person).where(eq(person.id, mine.id)).for("update");
    carried = { locale: old!.locale, greeting: old!.greeting, consentedAt: old!.consentedAt };
    // That row's menu is the chat's; the recorded person's menu replaces it below.
    await tx.delete(commandMenu).where(eq(commandMenu.personId, mine.id));
    // The empty row is erased as /hapusdata would: its queued messages, the household labels of
    // its ended memberships and the Telegram id (unique: it leaves the row first) go by the map.
    const subject = await erasureSubject(tx, mine.id, now);
    if (subject) await eraseMappedData(tx, subject);
  }
  await tx
    .update(person)
    .set({ telegramId: params.telegramId, locale: carried.locale, greeting: carried.greeting, consentedAt: carried.consentedAt ?? now, claimedAt: now })
    .where(eq(person.id, personId));
  await tx.update(offlineClaim).set({ usedAt: now, mergedFrom: mine?.id ?? null }).where(eq(offlineClaim.code, claim!.code));
  await revokeClaims(tx, personId, now);
  await wantMenus(tx, [personId], now);
  await recordAudit(tx, {
    occurredAt: now, actorPersonId: personId, action: "offline_claimed", rtId: claim!.rtId, targetPersonId: personId,
    entityType: "person", entityId: personId, details: mine ? { mergedFrom: mine.id } : {},
  });
  const [maker] = await tx.select({ personId: person.id, telegramId: person.telegramId, locale: person.locale }).from(person).where(eq(person.id, claim!.createdBy));
  if (maker) {
    const locale = supportedLocale(maker.locale);
    const text = deps.i18n.t(locale, "offline-claimed-notice", { name: preview.name, ...rtVars(preview.rt) });
    await queueNotices(tx, now, about([personId], noticeTo(maker, eventKey("offline-claimed", personId), text)));
  }
  return { ...preview, personId, already: false };
}
