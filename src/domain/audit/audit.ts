import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client.js";
import { auditAction, auditLog, kelurahan, person, rt } from "../../db/schema/index.js";

export type AuditAction = (typeof auditAction.enumValues)[number];
export const AUDIT_ACTIONS: readonly AuditAction[] = auditAction.enumValues;

/** Ids, codes and amounts only: no names or free text (they are looked up when shown). */
export type AuditDetails = Record<string, string | number | boolean | null>;

export type AuditEntry = {
  occurredAt: Date;
  actorPersonId: number | null;
  action: AuditAction;
  rtId?: number | null;
  targetPersonId?: number | null;
  entityType?: string | null;
  entityId?: number | null;
  details?: AuditDetails;
};

/**
 * Appends one audit row. Call it with the transaction of the action, after the action's own write
 * reported that it changed something, so a double tap or a redelivered update adds no second row.
 */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    occurredAt: entry.occurredAt,
    actorPersonId: entry.actorPersonId,
    action: entry.action,
    rtId: entry.rtId ?? null,
    targetPersonId: entry.targetPersonId ?? null,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    details: entry.details ?? {},
  });
}

export type AuditFilter = { actorPersonId?: number; targetPersonId?: number; rtId?: number; action?: AuditAction };
export type AuditPage = { offset: number; limit: number };

export type AuditView = {
  id: number;
  occurredAt: Date;
  action: AuditAction;
  actorPersonId: number | null;
  /** Null when the person erased their data (or never gave a name). */
  actorName: string | null;
  actorErased: boolean;
  targetPersonId: number | null;
  targetName: string | null;
  targetErased: boolean;
  rtId: number | null;
  rtNumber: number | null;
  kelurahanName: string | null;
  entityType: string | null;
  entityId: number | null;
  details: AuditDetails;
};

const actor = alias(person, "audit_actor");
const target = alias(person, "audit_target");

function conditions(filter: AuditFilter): SQL | undefined {
  return and(
    filter.actorPersonId === undefined ? undefined : eq(auditLog.actorPersonId, filter.actorPersonId),
    filter.targetPersonId === undefined ? undefined : eq(auditLog.targetPersonId, filter.targetPersonId),
    filter.rtId === undefined ? undefined : eq(auditLog.rtId, filter.rtId),
    filter.action === undefined ? undefined : eq(auditLog.action, filter.action),
  );
}

/** The latest entries first, one page of them, and how many match in all. */
export async function listAudit(db: Database, filter: AuditFilter, page: AuditPage): Promise<{ entries: AuditView[]; total: number }> {
  const where = conditions(filter);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(auditLog).where(where);
  const rows = await db
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      action: auditLog.action,
      actorPersonId: auditLog.actorPersonId,
      actorName: actor.displayName,
      actorErasedAt: actor.erasedAt,
      targetPersonId: auditLog.targetPersonId,
      targetName: target.displayName,
      targetErasedAt: target.erasedAt,
      rtId: auditLog.rtId,
      rtNumber: rt.number,
      kelurahanName: kelurahan.name,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorPersonId))
    .leftJoin(target, eq(target.id, auditLog.targetPersonId))
    .leftJoin(rt, eq(rt.id, auditLog.rtId))
    .leftJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
    .where(where)
    .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset);
  const entries = rows.map(({ actorErasedAt, targetErasedAt, ...row }) => ({
    ...row,
    actorErased: actorErasedAt !== null,
    targetErased: targetErasedAt !== null,
    details: (row.details ?? {}) as AuditDetails,
  }));
  return { entries, total: Number(total) };
}
