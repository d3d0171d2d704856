import { and, asc, eq, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { broadcast, kecamatan, kelurahan, membership, outbox, person, roleAssignment, rt } from "../../db/schema/index.js";
import type { BroadcastSender } from "../../db/schema/delivery.js";
import { PRIORITY, enqueueMessages, type NewOutboxMessage } from "../../delivery/outbox.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import { headedRtId, isAdmin, loadActor, type Actor } from "../people/actor.js";
import { areaScope, type AreaScope } from "../roles/scope.js";
import { TEXT_LIMITS } from "../text-limits.js";
import { announcementCopy, captionRoom } from "../../messages/announcement.js";
import { formatWhen, rtNumber } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { eventKey, noticeTo, queueNotices } from "../../messages/notices.js";
import { translateIn, type Texts } from "../../messages/translate.js";

export type { BroadcastSender };

/** rt-members: a ketua's RT; area-*: a koordinator's area, or the whole city for an admin. */
export type Audience = "rt-members" | "area-ketua" | "area-residents";

export const ANNOUNCEMENT_MAX_LENGTH = TEXT_LIMITS.announcement;

export function audiencesFor(actor: Actor): Audience[] {
  const audiences: Audience[] = [];
  if (headedRtId(actor) !== null) audiences.push("rt-members");
  if (isAdmin(actor) || actor.grants.some((grant) => grant.role === "koordinator")) audiences.push("area-ketua", "area-residents");
  return audiences;
}

export type Recipient = { personId: number; telegramId: number; locale: string; muted: boolean; unreachable: boolean };

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
    locale: person.locale,
    muted: sql<boolean>`${person.announcementsMutedAt} is not null`,
    unreachable: sql<boolean>`${person.unreachableAt} is not null`,
  };
  const notSender = actor.person ? ne(person.id, actor.person.id) : undefined;
  let rows: { personId: number; telegramId: number | null; locale: string; muted: boolean; unreachable: boolean }[];
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
  /** The text, or a poster's caption ("" for a poster without one). */
  text: string;
  /** Telegram formatting of the text, kept as the sender wrote it. */
  entities: unknown[] | null;
  toPrivate: boolean;
  toGroup: boolean;
  pinInGroup: boolean;
  /** A poster: the file_id of the photo the sender sent. */
  photoFileId?: string | null;
  /** Held until then (WIB, chosen in the form); absent: at once. */
  sendAt?: Date | null;
};

/** What a service that queues announcements needs: the database and the texts of the sender line. */
export type BroadcastDeps = { db: Database; i18n: Texts };

/** `scheduled`: held for its time; the counts are who it would reach now. */
export type StartedBroadcast = { id: number; recipients: number; muted: number; unreachable: number; group: boolean; scheduled: boolean };

/**
 * Who the announcement says it is from, as the sender is now ("Ketua RT 05", "Koordinator
 * Kelurahan Simpang IV Sipin"): kept on the broadcast, so its line stays right when they leave.
 */
export async function senderOf(db: Database, actor: Actor, audience: Audience): Promise<BroadcastSender> {
  const name = actor.person?.displayName ?? "";
  const greeting = actor.person?.greeting ?? null;
  const sender = await senderPlace(db, actor, audience);
  return { ...sender, name, greeting };
}

async function senderPlace(db: Database, actor: Actor, audience: Audience): Promise<Omit<BroadcastSender, "name" | "greeting">> {
  if (audience === "rt-members") {
    const [place] = await db.select({ number: rt.number }).from(rt).where(eq(rt.id, headedRtId(actor) ?? 0));
    return { role: "ketua", area: place ? rtNumber(place.number) : null, areaKind: null };
  }
  if (isAdmin(actor)) return { role: "admin", area: null, areaKind: null };
  const scope = areaScope(actor);
  // One area is named; a koordinator of several is "Koordinator" alone.
  if (!scope.city && scope.kelurahanCodes.length + scope.kecamatanCodes.length === 1) {
    const [area] = scope.kelurahanCodes.length === 1
      ? await db.select({ name: kelurahan.name }).from(kelurahan).where(eq(kelurahan.code, scope.kelurahanCodes[0]!))
      : await db.select({ name: kecamatan.name }).from(kecamatan).where(eq(kecamatan.code, scope.kecamatanCodes[0]!));
    if (area) return { role: "koordinator", area: area.name, areaKind: scope.kelurahanCodes.length === 1 ? "kelurahan" : "kecamatan" };
  }
  return { role: "koordinator", area: null, areaKind: null };
}

type Queued = { id: number; sender: BroadcastSender | null; text: string; entities: unknown; photoFileId: string | null };

/**
 * One outbox row per reachable recipient (in their language: the sender line is translated) and
 * one for the RT group; people known to be unreachable are recorded as blocked at once, so the
 * report counts them.
 */
async function queueCopies(tx: Database, texts: Texts, queued: Queued, recipients: Recipient[], groupChatId: number | null, now: Date): Promise<void> {
  const content = { sender: queued.sender, text: queued.text, entities: (queued.entities as unknown[] | null) ?? null, photoFileId: queued.photoFileId };
  const copyIn = (locale: string | null) => announcementCopy(translateIn(texts, supportedLocale(locale)), content);
  const person = (r: Recipient, status?: "blocked") => ({
    dedupeKey: `broadcast:${queued.id}:person:${r.personId}`,
    chatId: r.telegramId,
    personId: r.personId,
    priority: PRIORITY.announcement,
    ...copyIn(r.locale),
    broadcastId: queued.id,
    notBefore: now,
    ...(status ? { status, lastError: "recipient unreachable" } : {}),
  });
  const messages: NewOutboxMessage[] = recipients.filter((r) => !r.muted && !r.unreachable).map((r) => person(r));
  if (groupChatId !== null) {
    messages.unshift({ dedupeKey: `broadcast:${queued.id}:group`, chatId: groupChatId, priority: PRIORITY.announcement, ...copyIn(null), broadcastId: queued.id, notBefore: now });
  }
  await enqueueMessages(tx, messages);
  const blocked = recipients.filter((r) => !r.muted && r.unreachable);
  if (blocked.length > 0) await tx.insert(outbox).values(blocked.map((r) => person(r, "blocked")));
}

function countsOf(recipients: Recipient[]) {
  const muted = recipients.filter((r) => r.muted).length;
  const unreachable = recipients.filter((r) => !r.muted && r.unreachable).length;
  return { muted, unreachable, reached: recipients.length - muted };
}

/**
 * Records the announcement and queues one outbox row per recipient (and one for the RT group),
 * in one transaction: a confirm pressed twice finds the same `requestKey` and queues nothing new.
 * With `sendAt` it is only recorded, `scheduled`; the release job queues it when due.
 */
export async function startBroadcast(deps: BroadcastDeps, actor: Actor, draft: BroadcastDraft, requestKey: string, now: Date): Promise<StartedBroadcast> {
  const { db } = deps;
  if (!actor.person) throw new DomainError("not-registered");
  const recipients = draft.toPrivate ? await resolveRecipients(db, actor, draft.audience) : [];
  const sender = await senderOf(db, actor, draft.audience);
  const photoFileId = draft.photoFileId ?? null;
  if (photoFileId !== null && draft.text.length > captionRoom(deps.i18n, sender)) throw new DomainError("broadcast-caption-too-long", { max: captionRoom(deps.i18n, sender) });
  const sendAt = draft.sendAt ?? null;
  // The form refuses a past time; this is the time passing while the form waited for "Jadwalkan".
  if (sendAt !== null && sendAt.getTime() <= now.getTime()) throw new DomainError("broadcast-time-passed");
  const rtId = draft.audience === "rt-members" ? headedRtId(actor) : null;
  const [place] = rtId === null ? [] : await db.select({ groupChatId: rt.groupChatId }).from(rt).where(eq(rt.id, rtId));
  const groupChatId = draft.toGroup ? (place?.groupChatId ?? null) : null;
  const { muted, unreachable, reached } = countsOf(recipients);
  const group = groupChatId !== null;

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
        sender,
        photoFileId,
        sendAt,
        status: sendAt === null ? "running" : "scheduled",
        toPrivate: draft.toPrivate,
        toGroup: group,
        pinInGroup: group && draft.pinInGroup,
        recipients: reached + (group ? 1 : 0),
        mutedSkipped: muted,
        createdAt: now,
      })
      .onConflictDoNothing({ target: broadcast.requestKey })
      .returning({ id: broadcast.id });
    if (!created) {
      // The same confirmation again (double tap, redelivery): report the broadcast already started.
      const [found] = await tx.select().from(broadcast).where(eq(broadcast.requestKey, requestKey));
      return { id: found!.id, recipients: found!.recipients - (found!.toGroup ? 1 : 0), muted: found!.mutedSkipped, unreachable, group: found!.toGroup, scheduled: found!.sendAt !== null };
    }
    const id = created.id;
    // Who and to whom, not what: the text stays with the broadcast.
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: actor.person!.id, action: sendAt === null ? "broadcast_started" : "broadcast_scheduled", rtId, entityType: "broadcast", entityId: id,
      details: { audience: draft.audience, recipients: reached, toGroup: group, ...(sendAt ? { sendAt: sendAt.toISOString() } : {}), ...(photoFileId ? { photo: true } : {}) },
    });
    if (sendAt === null) await queueCopies(tx, deps.i18n, { id, sender, text: draft.text, entities: draft.entities, photoFileId }, recipients, groupChatId, now);
    return { id, recipients: reached, muted, unreachable, group, scheduled: sendAt !== null };
  });
}

export type ReleaseDeps = BroadcastDeps & {
  /** Admins named in the configuration, whose right to send city-wide comes from there. */
  adminTelegramIds?: readonly number[];
  wakeDelivery?: () => void;
};

export type ReleaseResult = { released: number; dropped: number };

/**
 * The scheduler's job (every minute): each scheduled announcement that is due is queued now, to
 * whoever its audience is at this moment (members who joined since get it, those who left or muted
 * do not). It goes only if its sender may still send it (still heads the RT, still coordinates the
 * area); otherwise it is stopped and the sender told. A missed minute (a restart) is caught up at
 * the next one: what is due stays due in the database.
 */
export async function releaseDueBroadcasts(deps: ReleaseDeps, now: Date): Promise<ReleaseResult> {
  const due = await deps.db
    .select({ id: broadcast.id })
    .from(broadcast)
    .where(and(eq(broadcast.status, "scheduled"), lte(broadcast.sendAt, now)))
    .orderBy(asc(broadcast.sendAt), asc(broadcast.id));
  const result: ReleaseResult = { released: 0, dropped: 0 };
  for (const { id } of due) {
    const outcome = await releaseBroadcast(deps, id, now);
    if (outcome === "released") result.released++;
    if (outcome === "dropped") result.dropped++;
  }
  if (result.released + result.dropped > 0) deps.wakeDelivery?.();
  return result;
}

async function releaseBroadcast(deps: ReleaseDeps, id: number, now: Date): Promise<"released" | "dropped" | null> {
  return deps.db.transaction(async (tx) => {
    // Another instance releasing it holds the row: skip it rather than send it twice.
    const [row] = await tx.select().from(broadcast).where(and(eq(broadcast.id, id), eq(broadcast.status, "scheduled"))).for("update", { skipLocked: true });
    if (!row) return null;
    const audience = row.audience as Audience;
    const [who] = await tx.select({ telegramId: person.telegramId, locale: person.locale }).from(person).where(eq(person.id, row.senderPersonId));
    const actor = who?.telegramId != null ? await loadActor(tx, who.telegramId, deps.adminTelegramIds ?? []) : null;
    const allowed = actor !== null && audiencesFor(actor).includes(audience) && (audience !== "rt-members" || headedRtId(actor) === row.rtId);
    if (!allowed) {
      await tx.update(broadcast).set({ status: "stopped", finishedAt: now }).where(eq(broadcast.id, id));
      await recordAudit(tx, { occurredAt: now, actorPersonId: null, action: "broadcast_stopped", rtId: row.rtId, entityType: "broadcast", entityId: id, details: { reason: "sender-no-longer-allowed" } });
      if (who?.telegramId != null) {
        const t = translateIn(deps.i18n, supportedLocale(who.locale));
        await queueNotices(tx, now, noticeTo({ personId: row.senderPersonId, telegramId: who.telegramId }, eventKey("broadcast-dropped", id), t("announce-scheduled-dropped", { when: formatWhen(row.sendAt!, supportedLocale(who.locale)) })));
      }
      return "dropped";
    }
    const recipients = row.toPrivate ? await resolveRecipients(tx, actor, audience) : [];
    // The group as linked now: unlinked since, it gets nothing.
    const [place] = row.toGroup && row.rtId !== null ? await tx.select({ groupChatId: rt.groupChatId }).from(rt).where(eq(rt.id, row.rtId)) : [];
    const groupChatId = place?.groupChatId ?? null;
    const { muted, reached } = countsOf(recipients);
    const group = groupChatId !== null;
    await tx
      .update(broadcast)
      .set({ status: "running", recipients: reached + (group ? 1 : 0), mutedSkipped: muted, toGroup: group, pinInGroup: group && row.pinInGroup })
      .where(eq(broadcast.id, id));
    await recordAudit(tx, {
      occurredAt: now, actorPersonId: row.senderPersonId, action: "broadcast_started", rtId: row.rtId, entityType: "broadcast", entityId: id,
      details: { audience, recipients: reached, toGroup: group, scheduled: true },
    });
    await queueCopies(tx, deps.i18n, row, recipients, groupChatId, now);
    return "released";
  });
}

export type ScheduledBroadcast = { id: number; sendAt: Date; text: string; photo: boolean };

/** The sender's announcements still waiting for their time, soonest first. */
export async function listScheduledBroadcasts(db: Database, personId: number): Promise<ScheduledBroadcast[]> {
  const rows = await db
    .select({ id: broadcast.id, sendAt: broadcast.sendAt, text: broadcast.text, photoFileId: broadcast.photoFileId })
    .from(broadcast)
    .where(and(eq(broadcast.senderPersonId, personId), eq(broadcast.status, "scheduled")))
    .orderBy(asc(broadcast.sendAt), asc(broadcast.id));
  return rows.map((row) => ({ id: row.id, sendAt: row.sendAt!, text: row.text, photo: row.photoFileId !== null }));
}

export type BroadcastProgress = {
  id: number;
  status: "running" | "stopped" | "done" | "scheduled";
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

/**
 * The sender (or an admin) stops a running broadcast: what has not gone out yet is cancelled. A
 * scheduled one is cancelled before anything goes. Returns what it was, or null if already over.
 */
export async function stopBroadcast(db: Database, actor: Actor, id: number, now: Date): Promise<"stopped" | "cancelled" | null> {
  return db.transaction(async (tx) => {
    // Checked on the locked row: the stop, its cancellations and its audit row are one decision.
    const [row] = await tx.select().from(broadcast).where(eq(broadcast.id, id)).for("update");
    if (!row) throw new DomainError("not-allowed");
    if (row.senderPersonId !== actor.person?.id && !isAdmin(actor)) throw new DomainError("not-allowed");
    const stopped = await tx
      .update(broadcast)
      .set({ status: "stopped", finishedAt: now })
      .where(and(eq(broadcast.id, id), inArray(broadcast.status, ["running", "scheduled"])))
      .returning({ id: broadcast.id });
    await tx.update(outbox).set({ status: "cancelled" }).where(and(eq(outbox.broadcastId, id), eq(outbox.status, "pending")));
    if (stopped.length === 0) return null;
    await recordAudit(tx, { occurredAt: now, actorPersonId: actor.person?.id ?? null, action: "broadcast_stopped", rtId: row.rtId, entityType: "broadcast", entityId: id });
    return row.status === "scheduled" ? "cancelled" : "stopped";
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
