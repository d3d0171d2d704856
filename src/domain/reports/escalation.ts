import { and, eq, inArray, isNull, lte } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { residentReport } from "../../db/schema/index.js";
import { reportOpenKeyboard } from "../../messages/buttons/reports.js";
import { rtVars } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { about, eventKey, noticeTo, queueNotices, type Notice } from "../../messages/notices.js";
import { translateIn, type Texts } from "../../messages/translate.js";
import { recordAudit } from "../audit/audit.js";
import { areaKoordinators, listApprovers } from "../roles/roles.js";
import { getRt } from "../rt/rt.js";
import { inTransaction } from "../service.js";
import { OPEN_STATUSES } from "./categories.js";
import { daysSince } from "./reports.js";

/** Days a report may stay untouched before it goes to the koordinator; REPORT_ESCALATION_DAYS overrides it. */
export const DEFAULT_ESCALATION_DAYS = 3;

export type EscalationDeps = { db: Database; i18n: Texts; wakeDelivery?: () => void; reportEscalationDays?: number };

/**
 * A job run daily (jobs.ts): every report still open whose last step (or filing) is `days` or
 * more old goes to the koordinators of its area, once per report. The claim is the report's
 * `escalated_at`, set under a guard that only an unescalated, still-stale, still-open report
 * passes, in the transaction that queues the notices (keyed by the report) and the audit row: two
 * instances, a rerun or a retry escalate it once. An RT with no koordinator over it is left for a
 * later run (once one is appointed), not marked; so is an RT whose koordinators all lack Telegram
 * (they could read nothing): it is counted as `waiting` (the job's result, which the scheduler logs)
 * and tried again each day, until a reachable koordinator is appointed. The koordinator's notice names no reporter;
 * the RT's ketua is told it went up. The two notices have their own event keys, so someone who is
 * both the RT's ketua and a koordinator of its area gets both (the report's text and the request
 * to act).
 */
export async function escalateStaleReports(deps: EscalationDeps, now: Date): Promise<{ escalated: number; waiting: number }> {
  const days = deps.reportEscalationDays ?? DEFAULT_ESCALATION_DAYS;
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const stale = await deps.db
    .select({ id: residentReport.id, rtId: residentReport.rtId })
    .from(residentReport)
    .where(and(inArray(residentReport.status, [...OPEN_STATUSES]), isNull(residentReport.escalatedAt), lte(residentReport.lastStepAt, cutoff)))
    .orderBy(residentReport.id);
  let escalated = 0;
  let waiting = 0;
  // Woken after each commit (inTransaction); the clock is the job's `now`.
  const service = { db: deps.db, i18n: deps.i18n, clock: () => now, wakeDelivery: deps.wakeDelivery ?? (() => {}) };
  for (const candidate of stale) {
    const done = await inTransaction(service, async (tx) => {
      const place = await getRt(tx, candidate.rtId);
      const koordinators = await areaKoordinators(tx, place);
      if (koordinators.length === 0) return "waiting" as const;
      const [claimed] = await tx
        .update(residentReport)
        .set({ escalatedAt: now })
        .where(and(eq(residentReport.id, candidate.id), isNull(residentReport.escalatedAt), inArray(residentReport.status, [...OPEN_STATUSES]), lte(residentReport.lastStepAt, cutoff)))
        .returning();
      if (!claimed) return "skipped" as const;
      const untouched = daysSince(claimed.lastStepAt, now);
      const notices: Notice[] = [];
      for (const koordinator of koordinators) {
        const t = translateIn(deps.i18n, supportedLocale(koordinator.locale));
        const vars = { ...rtVars(place), id: claimed.id, days: untouched, category: t(`report-category-${claimed.category}`), status: t(`report-status-${claimed.status}`), description: claimed.description };
        notices.push(...noticeTo(koordinator, eventKey("report-escalated-koordinator", claimed.id), t("report-escalated-koordinator", vars), reportOpenKeyboard(t, claimed.id)));
      }
      // The ketua hears that it went up (no quote of the report: they have it).
      const heads = await listApprovers(tx, place);
      if (heads.role === "ketua_rt") {
        for (const head of heads.recipients) {
          const t = translateIn(deps.i18n, supportedLocale(head.locale));
          notices.push(...noticeTo(head, eventKey("report-escalated-ketua", claimed.id), t("report-escalated-ketua", { ...rtVars(place), id: claimed.id, days: untouched, category: t(`report-category-${claimed.category}`) }), reportOpenKeyboard(t, claimed.id)));
        }
      }
      await queueNotices(tx, now, about([claimed.reporterPersonId], notices));
      await recordAudit(tx, { occurredAt: now, actorPersonId: null, action: "report_escalated", rtId: place.id, entityType: "resident_report", entityId: claimed.id, details: { days: untouched, status: claimed.status, koordinators: koordinators.length } });
      return "escalated" as const;
    });
    if (done === "escalated") escalated++;
    if (done === "waiting") waiting++;
  }
  return { escalated, waiting };
}
