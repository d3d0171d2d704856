import { and, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { broadcast, kelurahan, membership, outbox, person, roleAssignment, rt } from "../../db/schema/index.js";
import { PRIORITY, enqueueMessages, type NewOutboxMessage } from "../../delivery/outbox.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { headedRtId, isAdmin, type Actor } from "../people/actor.js";
import { areaScope, type AreaScope } from "../roles/scope.js";
import { TEXT_LIMITS } from "../text-limits.js";

/** rt-members: a ketua's RT; area-*: a koordinator's area, or the whole city for an admin. */
export type Audience = "rt-members" | "area-ketua" | "area-residents";

export const ANNOUNCEMENT_MAX_LENGTH = TEXT_LIMITS.announcement;

export function audiencesFor(actor: Actor): Audience[] {
  const audiences: Audience[] = [];
  if (headedRtId(actor) !== null) audiences.push("rt-members");
  if (isAdmin(actor) || actor.grants.some((grant) => grant.role === "koordinator")) audiences.push("area-ketua", "area-residents");
  return audiences;
}

export type Recipient = { personId: number; telegramId: number; muted: boolean; unreachable: boolean };

function scopeCondition(scope: AreaScope) {
  if (scope.city) return undefined;
  return or(
    scope.kelurahanCodes.length ? inArray(rt.kelurahanCode, scope.kelurahanCodes) : sql`false`,
    scope.kecamatanCodes.length ? inArray(kelurahan.kecamatanCode, scope.kecamatanCodes) : sql`false`,
  );
}

/** Everyone an announcement would reach, the sender excluded; erased people have no Telegram id. */
export async function resolveRecipients(db: Database, actor: Actor, audience: Audience): Promise<Recipient[]> {
  if (!audiencesFor(actor).includes(audience)) throw new DomainError("not-allowed");
  const columns = {
    personId: person.id,
    telegramId: person.telegramId,
    muted: sql<boolean>`${person.announcementsMutedAt} is not null`,
    unreachable: sql<boolean>`${person.unreachableAt} is not null`,
  };
  const notSender = actor.person ? ne(person.id, actor.person.id) : undefined;
  let rows: { personId: number; telegramId: number | null; muted: boolean; unreachable: boolean }[];
  if (audience === "rt-members") {
    rows = await db
      .select(columns)
      .from(membership)
      .innerJoin(person, eq(person.id, membership.personId))
      .where(and(eq(membership.rtId, headedRtId(actor)!), eq(membership.status, "active"), notSender));
  } else if (audience === "area-residents") {
    rows = await db
      .select(columns)
      .from(membership)
      .innerJoin(person, eq(person.id, membership.personId))
      .innerJoin(rt, eq(rt.id, membership.rtId))
      .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
      .where(and(eq(membership.status, "active"), scopeCondition(areaScope(actor)), notSender));
  } else {
    rows = await db
      .selectDistinct(columns)
      .from(roleAssignment)
      .innerJoin(person, eq(person.id, roleAssignment.personId))
      .innerJoin(rt, eq(rt.id, roleAssignment.rtId))
      .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
      .where(and(eq(roleAssignment.role, "ketua_rt"), isNull(roleAssignment.revokedAt), scopeCondition(areaScope(actor)), notSender));
  }
  return rows.flatMap((row) => (row.telegramId === null ? [] : [{ ...row, telegramId: row.telegramId }]));
}

export type BroadcastDraft = {
  audience: Audience;
  text: string;
  /** Telegram formatting of the text, kept as the sender wrote it. */
  entities: unknown[] | null;
  toPrivate: boolean;
  toGroup: boolean;
  pinInGroup: boolean;
};

export type StartedBroadcast = { id: number; recipients: number; muted: number; unreachable: number; group: boolean };

/**
 * Records the announcement and queues one outbox row per recipient (and one for the RT group),
 * in one transaction: a confirm pressed twice finds the same `requestKey` and queues nothing new.
 */
export async function startBroadcast(db: Database, actor: Actor, draft: BroadcastDraft, requestKey: string, now: Date): Promise<StartedBroadcast> {
  if (!actor.person) throw new DomainError("not-registered");
  const recipients = draft.toPrivate ? await resolveRecipients(db, actor, draft.audience) : [];
  const rtId = draft.audience === "rt-members" ? headedRtId(actor) : null;
  const [place] = rtId === null ? [] : await db.select({ groupChatId: rt.groupChatId }).from(rt).where(eq(rt.id, rtId));
  const groupChatId = draft.toGroup ? (place?.groupChatId ?? null) : null;
  const reachable = recipients.filter((r) => !r.muted && !r.unreachable);
  const muted = recipients.filter((r) => r.muted).length;
  const unreachable = recipients.filter((r) => !r.muted && r.unreachable).length;

  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(broadcast)
      .values({
        senderPersonId: actor.person!.id,
        requestKey,
        audience: draft.audience,
        rtId,
        text: draft.text,
        entities: draft.entities,
        toGroup: groupChatId !== null,
        pinInGroup: groupChatId !== null && draft.pinInGroup,
        recipients: reachable.length + unreachable + (groupChatId !== null ? 1 : 0),
        mutedSkipped: muted,
        createdAt: now,
      })
      .onConflictDoNothing({ target: broadcast.requestKey })
      .returning({ id: broadcast.id });
    if (!created) {
      // The same confirmation again (double tap, redelivery): report the broadcast already started.
      const [found] = await tx.select().from(broadcast).where(eq(broadcast.requestKey, requestKey));
      return { id: found!.id, recipients: found!.recipients, muted: found!.mutedSkipped, unreachable, group: found!.toGroup };
    }
    const id = created.id;
    // Who and to whom, not what: the text stays with the broadcast.
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: actor.person!.id, action: "broadcast_started", rtId, entityType: "broadcast", entityId: id,
      details: { audience: draft.audience, recipients: reachable.length + unreachable, toGroup: groupChatId !== null },
    });
    const payload = { text: draft.text, ...(draft.entities ? { entities: draft.entities } : {}) };
    const person = (r: Recipient, status?: "blocked") => ({
      dedupeKey: `broadcast:${id}:person:${r.personId}`,
      chatId: r.telegramId,
      personId: r.personId,
      priority: PRIORITY.announcement,
      payload,
      broadcastId: id,
      notBefore: now,
      ...(status ? { status, lastError: "recipient unreachable" } : {}),
    });
    const messages: NewOutboxMessage[] = reachable.map((r) => person(r));
    if (groupChatId !== null) {
      messages.unshift({ dedupeKey: `broadcast:${id}:group`, chatId: groupChatId, priority: PRIORITY.announcement, payload, broadcastId: id, notBefore: now });
    }
    await enqueueMessages(tx, messages);
    // People known to be unreachable are recorded as blocked at once, so the report counts them.
    const blocked = recipients.filter((r) => !r.muted && r.unreachable);
    if (blocked.length > 0) await tx.insert(outbox).values(blocked.map((r) => person(r, "blocked")));
    return { id, recipients: reachable.length + unreachable, muted, unreachable, group: groupChatId !== null };
  });
}

export type BroadcastProgress = {
  id: number;
  status: "running" | "stopped" | "done";
  total: number;
  sent: number;
  failed: number;
  blocked: number;
  waiting: number;
  cancelled: number;
  muted: number;
  senderPersonId: number;
  progressChatId: number | null;
  progressMessageId: number | null;
  progressText: string | null;
  pinInGroup: boolean;
};

export async function broadcastProgress(db: Database, id: number): Promise<BroadcastProgress | undefined> {
  const [row] = await db.select().from(broadcast).where(eq(broadcast.id, id));
  if (!row) return undefined;
  const counts = await db
    .select({ status: outbox.status, count: sql<number>`count(*)`.mapWith(Number) })
    .from(outbox)
    .where(eq(outbox.broadcastId, id))
    .groupBy(outbox.status);
  const by = (status: string) => counts.find((c) => c.status === status)?.count ?? 0;
  return {
    id,
    status: row.status,
    total: counts.reduce((sum, c) => sum + c.count, 0),
    sent: by("sent"),
    failed: by("failed"),
    blocked: by("blocked"),
    waiting: by("pending") + by("sending"),
    cancelled: by("cancelled"),
    muted: row.mutedSkipped,
    senderPersonId: row.senderPersonId,
    progressChatId: row.progressChatId,
    progressMessageId: row.progressMessageId,
    progressText: row.progressText,
    pinInGroup: row.pinInGroup,
  };
}

export async function listRunningBroadcasts(db: Database): Promise<number[]> {
  const rows = await db.select({ id: broadcast.id }).from(broadcast).where(eq(broadcast.status, "running"));
  return rows.map((row) => row.id);
}

/** Where the sender's progress message is, so the monitor can keep it up to date. */
export async function setProgressMessage(db: Database, params: { broadcastId: number; chatId: number; messageId: number }): Promise<void> {
  await db.update(broadcast).set({ progressChatId: params.chatId, progressMessageId: params.messageId }).where(eq(broadcast.id, params.broadcastId));
}

/** Records the progress line shown; false if it was already shown (another instance got there first). */
export async function recordProgressText(db: Database, id: number, text: string): Promise<boolean> {
  const rows = await db
    .update(broadcast)
    .set({ progressText: text })
    .where(and(eq(broadcast.id, id), or(isNull(broadcast.progressText), ne(broadcast.progressText, text))))
    .returning({ id: broadcast.id });
  return rows.length > 0;
}

/** The sender (or an admin) stops a running broadcast: what has not gone out yet is cancelled. */
export async function stopBroadcast(db: Database, actor: Actor, id: number, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Checked on the locked row: the stop, its cancellations and its audit row are one decision.
    const [row] = await tx.select().from(broadcast).where(eq(broadcast.id, id)).for("update");
    if (!row) throw new DomainError("not-allowed");
    if (row.senderPersonId !== actor.person?.id && !isAdmin(actor)) throw new DomainError("not-allowed");
    const stopped = await tx
      .update(broadcast)
      .set({ status: "stopped", finishedAt: now })
      .where(and(eq(broadcast.id, id), eq(broadcast.status, "running")))
      .returning({ id: broadcast.id });
    await tx.update(outbox).set({ status: "cancelled" }).where(and(eq(outbox.broadcastId, id), eq(outbox.status, "pending")));
    if (stopped.length > 0) {
      await recordAudit(tx, { occurredAt: now, actorPersonId: actor.person?.id ?? null, action: "broadcast_stopped", rtId: row.rtId, entityType: "broadcast", entityId: id });
    }
    return stopped.length > 0;
  });
}

/** Marks a broadcast done once nothing of it is waiting; true only for the caller that did it. */
export async function finishBroadcast(db: Database, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(broadcast)
    .set({ status: "done", finishedAt: now })
    .where(
      and(
        eq(broadcast.id, id),
        eq(broadcast.status, "running"),
        sql`not exists (select 1 from ${outbox} where ${outbox.broadcastId} = ${id} and ${outbox.status} in ('pending', 'sending'))`,
      ),
    )
    .returning({ id: broadcast.id });
  return rows.length > 0;
}

/** /senyap: a person turns announcements off or on. Duty reminders are not announcements. */
export async function setAnnouncementsMuted(db: Database, personId: number, muted: boolean, now: Date): Promise<void> {
  await db.update(person).set({ announcementsMutedAt: muted ? now : null }).where(eq(person.id, personId));
}

/** /senyap: turns announcements off if they were on, on if they were off, in one statement; true when now muted. */
export async function toggleAnnouncementsMuted(db: Database, personId: number, now: Date): Promise<boolean> {
  const [row] = await db
    .update(person)
    .set({ announcementsMutedAt: sql`case when ${person.announcementsMutedAt} is null then ${now.toISOString()}::timestamptz else null end` })
    .where(eq(person.id, personId))
    .returning({ mutedAt: person.announcementsMutedAt });
  return row?.mutedAt != null;
}

export async function isAnnouncementsMuted(db: Database, personId: number): Promise<boolean> {
  const [row] = await db.select({ mutedAt: person.announcementsMutedAt }).from(person).where(eq(person.id, personId));
  return row?.mutedAt != null;
}

/**
 * Once the group copy of a broadcast is out, queue its pin (once: the dedupe key sees to that).
 * Returns true when a pin was queued by this call.
 */
export async function queueGroupPin(db: Database, id: number, now: Date): Promise<boolean> {
  const [group] = await db
    .select({ chatId: outbox.chatId, messageId: outbox.telegramMessageId })
    .from(outbox)
    .where(and(eq(outbox.dedupeKey, `broadcast:${id}:group`), eq(outbox.status, "sent")));
  if (!group?.messageId) return false;
  const queued = await enqueueMessages(db, [
    { dedupeKey: `broadcast:${id}:pin`, chatId: group.chatId, priority: PRIORITY.announcement, method: "pinChatMessage", payload: { message_id: group.messageId, disable_notification: true }, notBefore: now },
  ]);
  return queued > 0;
}
