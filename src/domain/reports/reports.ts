import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { person, residentReport } from "../../db/schema/index.js";
import { addressName, type Greeting } from "../../messages/address.js";
import { reportOpenKeyboard } from "../../messages/buttons/reports.js";
import { rtVars } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { about, eventKey, noticeTo, queueNotices } from "../../messages/notices.js";
import { translateIn } from "../../messages/translate.js";
import { recordAudit } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../people/actor.js";
import { parseNotes, type Parsed } from "../people/text-input.js";
import { findKetua, listApprovers } from "../roles/roles.js";
import { coversKelurahan } from "../roles/scope.js";
import { getRt, type RtDetails } from "../rt/rt.js";
import { daysBetween, wibDate } from "../schedule/wib.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { TEXT_LIMITS } from "../text-limits.js";
import { isOpen, nextSteps, OPEN_STATUSES, photoRequired, REPORT_CATEGORIES, type ReportCategory, type ReportStatus, type ReportStep } from "./categories.js";

export const REPORT_DESCRIPTION_MAX = TEXT_LIMITS.reportDescription;
export const REPORT_DESCRIPTION_MIN = 5;
export const REPORT_REASON_MAX = TEXT_LIMITS.reportReason;
/** /laporanku lists the person's latest reports. */
export const MY_REPORTS_SHOWN = 10;

export type ReportPhoto = { fileId: string; fileUniqueId: string };
export type ReportLocation = { latitude: number; longitude: number };

/** Free text of a report or a reason, tidied as every note is (invisible characters out), within its limit. */
function parseReportText(raw: string, min: number, max: number): Parsed<string> {
  const parsed = parseNotes(raw);
  if (!parsed.ok && parsed.reason === "too-long") return { ok: false, reason: "too-long", vars: { max } };
  if (!parsed.ok) return parsed;
  if (parsed.value.length > max) return { ok: false, reason: "too-long", vars: { max } };
  if ([...parsed.value].length < min) return { ok: false, reason: "too-short", vars: { min } };
  return parsed;
}

export function parseReportDescription(raw: string): Parsed<string> {
  return parseReportText(raw, REPORT_DESCRIPTION_MIN, REPORT_DESCRIPTION_MAX);
}

export function parseRejectReason(raw: string): Parsed<string> {
  return parseReportText(raw, 3, REPORT_REASON_MAX);
}

/** A location as Telegram sends it, or refused: a forged one off the globe is not stored. */
export function validLocation(location: { latitude: unknown; longitude: unknown }): ReportLocation | undefined {
  const { latitude, longitude } = location;
  if (typeof latitude !== "number" || typeof longitude !== "number" || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { latitude, longitude };
}

/** The RT the actor may report in: their own, as an active member. */
export function reportingRtId(actor: Actor): number | undefined {
  return actor.membership?.status === "active" ? actor.membership.rtId : undefined;
}

/** The RTs whose reports the actor handles: those they head, or act for as ketua (acting grants are ketua_rt grants). */
export function managedRtIds(actor: Actor): number[] {
  return [...new Set(actor.grants.flatMap((grant) => (grant.role === "ketua_rt" && grant.rtId !== null ? [grant.rtId] : [])))];
}

export function mayManageReports(actor: Actor, rtId: number): boolean {
  return managedRtIds(actor).includes(rtId);
}

export type FileReportInput = {
  category: ReportCategory;
  description: string;
  photo: ReportPhoto | null;
  location: ReportLocation | null;
  requestKey: string;
};

/**
 * A resident's report, stored once per form (its request key): a double tap on "Kirim" or a
 * redelivered update finds the report made the first time. In the same transaction the RT's ketua
 * (or, for an RT without one, the area's koordinators) is told, with a button to open it. The
 * ketua's notice names the reporter (the ketua follows it up); a koordinator's does not. Both
 * quote what the reporter wrote, so they name the reporter for erasure.
 */
export async function fileReport(deps: ServiceDeps, actor: Actor, input: FileReportInput): Promise<{ id: number; rtId: number; created: boolean }> {
  const rtId = reportingRtId(actor);
  const reporterId = actor.person?.id;
  if (rtId === undefined || reporterId === undefined) throw new DomainError("report-not-member");
  if (!REPORT_CATEGORIES.includes(input.category)) throw new DomainError("not-allowed");
  const description = parseReportDescription(input.description);
  if (!description.ok) throw new DomainError("report-description-invalid", { max: REPORT_DESCRIPTION_MAX });
  if (input.photo === null && photoRequired(input.category)) throw new DomainError("report-photo-required");
  const location = input.location === null ? null : validLocation(input.location);
  if (input.location !== null && !location) throw new DomainError("report-location-invalid");
  const now = deps.clock();
  return inTransaction(deps, async (tx) => {
    const [made] = await tx
      .insert(residentReport)
      .values({
        rtId,
        reporterPersonId: reporterId,
        category: input.category,
        description: description.value,
        photoFileId: input.photo?.fileId ?? null,
        photoFileUniqueId: input.photo?.fileUniqueId ?? null,
        latitude: location?.latitude ?? null,
        longitude: location?.longitude ?? null,
        createdAt: now,
        lastStepAt: now,
        requestKey: input.requestKey,
      })
      .onConflictDoNothing({ target: residentReport.requestKey })
      .returning({ id: residentReport.id });
    if (!made) {
      const [earlier] = await tx.select({ id: residentReport.id, rtId: residentReport.rtId, reporter: residentReport.reporterPersonId }).from(residentReport).where(eq(residentReport.requestKey, input.requestKey));
      if (!earlier || earlier.reporter !== reporterId) throw new DomainError("not-allowed");
      return { id: earlier.id, rtId: earlier.rtId, created: false };
    }
    // The filing is audited like every change, but names no actor: reports are anonymous to all
    // but the RT's ketua, the audit reader (/audit) included. The report row holds the reporter
    // (and erasure clears it there); the log holds the report's id and category only.
    await recordAudit(tx, { occurredAt: now, actorPersonId: null, action: "report_filed", rtId, entityType: "resident_report", entityId: made.id, details: { category: input.category } });
    const place = await getRt(tx, rtId);
    const approvers = await listApprovers(tx, place);
    const notices = approvers.recipients.flatMap((recipient) => {
      const t = translateIn(deps.i18n, supportedLocale(recipient.locale));
      const vars = {
        ...rtVars(place),
        id: made.id,
        category: t(`report-category-${input.category}`),
        description: description.value,
        name: addressName(t, { greeting: actor.person?.greeting ?? null, name: actor.person?.displayName ?? null }),
      };
      const key = approvers.role === "ketua_rt" ? "report-new-ketua" : "report-new-koordinator";
      return noticeTo(recipient, eventKey("report-new", made.id), t(key, vars), reportOpenKeyboard(t, made.id));
    });
    await queueNotices(tx, now, about([reporterId], notices));
    return { id: made.id, rtId, created: true };
  });
}

export type ReportListItem = { id: number; rtId: number; rtNumber: number; category: ReportCategory; status: ReportStatus; createdAt: Date; lastStepAt: Date };

/** The open reports of the RTs the actor handles, oldest first (the longest waiting on top). */
export async function listOpenReports(db: Database, actor: Actor): Promise<ReportListItem[]> {
  const rtIds = managedRtIds(actor);
  if (rtIds.length === 0) throw new DomainError("not-allowed");
  const rows = await db
    .select({ id: residentReport.id, rtId: residentReport.rtId, category: residentReport.category, status: residentReport.status, createdAt: residentReport.createdAt, lastStepAt: residentReport.lastStepAt })
    .from(residentReport)
    .where(and(inArray(residentReport.rtId, rtIds), inArray(residentReport.status, [...OPEN_STATUSES])))
    .orderBy(asc(residentReport.createdAt), asc(residentReport.id));
  const numbers = new Map<number, number>();
  for (const rtId of rtIds) numbers.set(rtId, (await getRt(db, rtId)).number);
  return rows.map((row) => ({ ...row, rtNumber: numbers.get(row.rtId) ?? 0 }));
}

/**
 * How the actor reads a report: "ketua" (its RT's ketua or acting ketua: the reporter's name and
 * the steps), "koordinator" (a koordinator whose area holds the RT, or an admin, once the report
 * was escalated, or at once where the RT has no ketua and new reports go to the koordinators:
 * no name, no steps),
 * "reporter" (their own report, no steps). Anyone else, another RT's ketua included, is refused.
 */
export type ReportViewer = "ketua" | "koordinator" | "reporter";

export type ReportDetail = {
  id: number;
  rt: RtDetails;
  category: ReportCategory;
  description: string;
  photoFileId: string | null;
  location: ReportLocation | null;
  status: ReportStatus;
  createdAt: Date;
  lastStepAt: Date;
  rejectReason: string | null;
  escalatedAt: Date | null;
  viewer: ReportViewer;
  /** Only for the ketua; null for anyone else, or once the reporter erased their data. */
  reporter: { name: string | null; greeting: Greeting | null } | null;
  steps: readonly ReportStep[];
};

export async function reportDetail(db: Database, actor: Actor, params: { reportId: number }): Promise<ReportDetail> {
  const [row] = await db
    .select({ report: residentReport, name: person.displayName, greeting: person.greeting })
    .from(residentReport)
    .leftJoin(person, eq(person.id, residentReport.reporterPersonId))
    .where(eq(residentReport.id, params.reportId));
  if (!row) throw new DomainError("report-not-found");
  const { report } = row;
  const place = await getRt(db, report.rtId);
  // A koordinator reads what reached them: an escalated report, or any of an RT without a ketua
  // (they were told of it when it was filed). Another of the area's reports, its id forged, is not theirs.
  const koordinatorMayRead = async () => coversKelurahan(actor, place) && (report.escalatedAt !== null || (await findKetua(db, place.id)) === undefined);
  const viewer: ReportViewer | undefined = mayManageReports(actor, place.id)
    ? "ketua"
    : await koordinatorMayRead()
      ? "koordinator"
      : actor.person !== null && report.reporterPersonId === actor.person.id
        ? "reporter"
        : undefined;
  if (!viewer) throw new DomainError("not-allowed");
  return {
    id: report.id,
    rt: place,
    category: report.category,
    description: report.description,
    photoFileId: report.photoFileId,
    location: report.latitude !== null && report.longitude !== null ? { latitude: report.latitude, longitude: report.longitude } : null,
    status: report.status,
    createdAt: report.createdAt,
    lastStepAt: report.lastStepAt,
    rejectReason: report.rejectReason,
    escalatedAt: report.escalatedAt,
    viewer,
    reporter: viewer === "ketua" && report.reporterPersonId !== null ? { name: row.name, greeting: row.greeting } : null,
    steps: viewer === "ketua" ? nextSteps(report.status) : [],
  };
}

export type StepOutcome = { changed: boolean; id: number; status: ReportStatus; rt: RtDetails; category: ReportCategory };

/**
 * The ketua moves a report one step (diterima → ditangani → selesai, or ditolak with a reason).
 * `from` is the status the ketua saw: a press on an older card (the report moved meanwhile) is
 * refused as stale; the same step pressed twice, or redelivered, changes nothing the second time
 * (`changed: false`). The change, its audit row (ids and codes only) and the reporter's notice
 * commit together; the notice is keyed by the report and the step, so it goes once.
 */
export async function stepReport(deps: ServiceDeps, actor: Actor, params: { reportId: number; from: ReportStatus; to: ReportStep; reason?: string }): Promise<StepOutcome> {
  const now = deps.clock();
  let reason: string | null = null;
  if (params.to === "ditolak") {
    const parsed = parseRejectReason(params.reason ?? "");
    if (!parsed.ok) throw new DomainError("report-reason-required", { max: REPORT_REASON_MAX });
    reason = parsed.value;
  }
  return inTransaction(deps, async (tx) => {
    const [row] = await tx.select().from(residentReport).where(eq(residentReport.id, params.reportId)).for("update");
    if (!row) throw new DomainError("report-not-found");
    // Scope first: another RT's ketua learns nothing about the report, not even its status.
    if (!mayManageReports(actor, row.rtId)) throw new DomainError("not-allowed");
    const place = await getRt(tx, row.rtId);
    const statusWords = (status: ReportStatus) => translateIn(deps.i18n, supportedLocale(actor.person?.locale))(`report-status-${status}`);
    if (row.status === params.to) return { changed: false, id: row.id, status: row.status, rt: place, category: row.category };
    if (row.status !== params.from) throw new DomainError("report-stale", { status: statusWords(row.status) });
    if (!nextSteps(row.status).includes(params.to)) throw new DomainError("report-step-invalid", { from: statusWords(row.status), to: statusWords(params.to) });
    const personId = actor.person?.id ?? null;
    const closing = params.to === "selesai" || params.to === "ditolak";
    await tx
      .update(residentReport)
      .set({
        status: params.to,
        firstResponseAt: sql`coalesce(${residentReport.firstResponseAt}, ${now.toISOString()}::timestamptz)`,
        ...(closing ? { closedAt: now } : {}),
        lastStepAt: now,
        lastStepBy: personId,
        rejectReason: reason,
      })
      .where(eq(residentReport.id, row.id));
    // Who reported is not in the log (ids of the report only): the audit reader is not the RT.
    await recordAudit(tx, { occurredAt: now, actorPersonId: personId, action: "report_step", rtId: row.rtId, entityType: "resident_report", entityId: row.id, details: { from: row.status, to: params.to, category: row.category } });
    if (row.reporterPersonId !== null) {
      const [reporter] = await tx.select({ personId: person.id, telegramId: person.telegramId, locale: person.locale }).from(person).where(eq(person.id, row.reporterPersonId));
      if (reporter) {
        const t = translateIn(deps.i18n, supportedLocale(reporter.locale));
        const vars = { ...rtVars(place), id: row.id, category: t(`report-category-${row.category}`), reason: reason ?? "" };
        const event = eventKey("report-step", `${row.id}:${params.to}`);
        await queueNotices(tx, now, noticeTo(reporter, event, t(`report-notice-${params.to}`, vars)));
      }
    }
    return { changed: true, id: row.id, status: params.to, rt: place, category: row.category };
  });
}

export type MyReport = { id: number; category: ReportCategory; status: ReportStatus; createdAt: Date; lastStepAt: Date; rejectReason: string | null };

/** The person's own latest reports, newest first, with where each stands (no one else's). */
export async function myReports(db: Database, actor: Actor): Promise<MyReport[]> {
  if (!actor.person) return [];
  return db
    .select({ id: residentReport.id, category: residentReport.category, status: residentReport.status, createdAt: residentReport.createdAt, lastStepAt: residentReport.lastStepAt, rejectReason: residentReport.rejectReason })
    .from(residentReport)
    .where(eq(residentReport.reporterPersonId, actor.person.id))
    .orderBy(desc(residentReport.createdAt), desc(residentReport.id))
    .limit(MY_REPORTS_SHOWN);
}

/** Calendar days in WIB since `since`: 0 on the same WIB day, 1 from its next midnight ("kemarin"). */
export function daysSince(since: Date, now: Date): number {
  return Math.max(0, daysBetween(wibDate(since), wibDate(now)));
}

export { isOpen };
