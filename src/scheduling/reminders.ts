/**
 * The reminder planner: a job function run every minute (src/scheduling/scheduler.ts) that puts
 * the reminders of the next day and a half in the delivery outbox, each with the time it should
 * go out. `now` is a parameter, so a test runs it as `planReminders(deps, fixedNow)`.
 *
 * Kinds: `evening` (the evening before, 19:00 WIB by default), `morning` (06.00 WIB on the day,
 * only for people who chose it in /pengingat), `before` (2 hours before the
 * start), `duty` (ronda: 17:00 WIB on the day of the shift). Each is one outbox row under the key
 * `reminder:<occurrence>:<person>:<kind>`, so ticks, restarts and several instances queue it once.
 *
 * Deadline awareness: a reminder's deadline is its own due time. All reminders not yet queued get
 * send times by backward scheduling at the engine's rate (src/scheduling/deadline-schedule.ts): at
 * their due time when there is room, pulled earlier just enough when too many fall due together,
 * earliest deadlines (then earliest events) first. Messages already queued at reminder priority or
 * above count as taking the engine's slots, per second of their not_before. What cannot make its
 * deadline even starting now is queued anyway, as early as possible, and the RT's ketua is warned
 * once per occurrence (the warnings go first, at duty priority, and the schedule makes room for
 * them).
 *
 * Reminders are queued up to a day and a half ahead, so each tick also checks the ones about to
 * go out and cancels those that no longer apply (RSVP `tidak`, reminders turned off, a ronda
 * swap, a cancelled occurrence, a member who left). When an occurrence moves to another time, the
 * events code calls `forgetUnsentReminders` and the next tick plans it again.
 *
 * After downtime: a reminder whose time has passed goes out now if its event has not started
 * (only the most relevant one per person and occurrence, the others are superseded); if the event
 * has started it is dropped. Both are recorded as `skipped` outbox rows under their keys, so each
 * is counted and logged once.
 */
import { PRIORITY, enqueueMessages, type NewOutboxMessage } from "../delivery/outbox.js";
import type { Database } from "../db/client.js";
import { InlineKeyboard } from "grammy";
import { rondaPresent } from "../messages/buttons/ronda.js";
import { rsvpAnswerKeyboard } from "../messages/events.js";
import { supportedLocale } from "../messages/locale.js";
import { translateIn } from "../messages/translate.js";
import type { Logger } from "../logger.js";
import { formatWibDay, formatClock } from "../messages/format.js";
import { TIME_ZONE } from "../domain/schedule/wib.js";
import { busyIntervals, isLate, scheduleByDeadline, spacingForRate, type QueuedBucket } from "./deadline-schedule.js";
import {
  cancelStaleReminders,
  countQueuedPerSecond,
  findOccurrences,
  findReachableKetua,
  findReminderCandidates,
  insertReminders,
  lateWarningKey,
  recordSkippedReminders,
  type KetuaRecipient,
  type OccurrenceDetails,
  type QueuedGroup,
  type ReminderBatch,
  type ReminderGroup,
  type ReminderKind,
  type SkippedReminder,
} from "../domain/events/reminder-queries.js";

/** What the planner needs from i18n: `i18n.t(locale, key, vars)` outside an update. */
export type Translator = { t(locale: string, key: string, variables?: Record<string, string | number>): string };

export type ReminderDeps = {
  db: Database;
  i18n: Translator;
  logger: Logger;
  /** Tells the delivery engine to look now (optional: it polls anyway). */
  wakeDelivery?: () => void;
};

export type PlanOptions = {
  /** Occurrences starting within this much of `now` are planned (36 h: the evening-before one fits). */
  horizonMs?: number;
  /** The delivery engine's sustained rate: Telegram's 30 per 1,045 ms window. */
  ratePerSecond?: number;
  /** Occurrences that started this long ago or less have their unqueued reminders dropped (and logged). */
  lookbackMs?: number;
  /** Queued reminders due within this much of `now` are checked again (cancelled RSVP, swap …). */
  recheckMs?: number;
};

export type PlanResult = {
  /** New reminder rows queued (including missed ones sent now). */
  planned: number;
  /** Reminders not queued because their event had already started. */
  dropped: number;
  /** Missed reminders not queued because a later one for the same person and occurrence goes now. */
  superseded: number;
  /** Queued reminders cancelled because they no longer apply. */
  cancelled: number;
  /** Warnings queued to ketua RT (one per occurrence with late reminders). */
  lateWarnings: number;
  /** Reminders queued that will go out after their deadline: the engine's rate cannot fit them. */
  infeasible: number;
};

export const DEFAULT_PLAN_OPTIONS = {
  horizonMs: 36 * 3_600_000,
  ratePerSecond: (30 * 1000) / 1045,
  lookbackMs: 36 * 3_600_000,
  recheckMs: 5 * 60_000,
} as const satisfies Required<PlanOptions>;

const PRIORITY_OF: Record<ReminderKind, number> = { duty: PRIORITY.duty, evening: PRIORITY.reminder, morning: PRIORITY.reminder, before: PRIORITY.reminder };
const KIND_ORDER: Record<ReminderKind, number> = { duty: 0, evening: 1, morning: 2, before: 3 };

/** One person's reminder, for the few paths that look at people one by one (missed, dropped). */
type Reminder = { group: ReminderGroup; personId: number; chatId: number };

/**
 * Service order of groups when reminders compete: earliest deadline, then earliest event, then
 * a stable order; inside a group, by person. This is also a total order of the keys, used as the
 * insert order, so two planners lock the same keys in the same order.
 */
function byDeadline(a: ReminderGroup, b: ReminderGroup): number {
  return a.dueMs - b.dueMs || a.startMs - b.startMs || a.occurrenceId - b.occurrenceId || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0);
}

/** The name of an event kind inside a reminder ("gotong royong", "rapat warga" …), lower case. */
const REMINDER_KIND_KEYS: Record<OccurrenceDetails["kind"], string> = {
  gotong_royong: "reminder-kind-gotong-royong",
  ronda: "reminder-kind-ronda",
  rapat: "reminder-kind-rapat",
  lainnya: "reminder-kind-lainnya",
  kebun_toga: "reminder-kind-kebun-toga",
  kerja_bakti_sanitasi: "reminder-kind-kerja-bakti-sanitasi",
  senam_lansia: "reminder-kind-senam-lansia",
  posyandu: "reminder-kind-posyandu",
  pengajian: "reminder-kind-pengajian",
  yasinan: "reminder-kind-yasinan",
  karang_taruna: "reminder-kind-karang-taruna",
  pkk: "reminder-kind-pkk",
};

function kindKey(kind: OccurrenceDetails["kind"]): string {
  return REMINDER_KIND_KEYS[kind];
}


/**
 * The buttons under a reminder: the RSVP answers of an event; under the 17.00 duty reminder, the
 * shift's own "Saya sudah hadir ronda" (checkInOnDuty checks the window when it is pressed). Other
 * reminders of a ronda night have none. As JSON, made once per occurrence, kind and language.
 */
function reminderButtons(i18n: Translator, occurrences: Map<number, OccurrenceDetails>) {
  const made = new Map<string, string>();
  return (group: ReminderGroup): string => {
    const occurrence = occurrences.get(group.occurrenceId)!;
    const duty = group.kind === "duty";
    if (occurrence.kind === "ronda" && !duty) return "";
    const locale = supportedLocale(group.locale);
    const cacheKey = `${group.occurrenceId}:${locale}:${duty ? "duty" : "rsvp"}`;
    let markup = made.get(cacheKey);
    if (markup === undefined) {
      const t = translateIn(i18n, locale);
      markup = JSON.stringify(duty ? new InlineKeyboard().text(t("button-ronda-present"), rondaPresent.data({ occurrence: group.occurrenceId })) : rsvpAnswerKeyboard(t, group.occurrenceId));
      made.set(cacheKey, markup);
    }
    return markup;
  };
}

/** The texts of the reminders, made once per occurrence, kind and language. */
function reminderTexts(i18n: Translator, occurrences: Map<number, OccurrenceDetails>) {
  const vars = new Map<string, Record<string, string>>();
  return (group: ReminderGroup): string => {
    const locale = supportedLocale(group.locale);
    const cacheKey = `${group.occurrenceId}:${locale}`;
    let occurrenceVars = vars.get(cacheKey);
    if (!occurrenceVars) {
      const occurrence = occurrences.get(group.occurrenceId)!;
      occurrenceVars = {
        kind: i18n.t(locale, kindKey(occurrence.kind)),
        day: formatWibDay(occurrence.startsAt, locale),
        time: formatClock(occurrence.startsAt, locale),
        end: formatClock(occurrence.endsAt, locale),
        place: occurrence.place,
      };
      vars.set(cacheKey, occurrenceVars);
    }
    const key = group.kind === "duty" ? "reminder-duty" : group.kind === "evening" ? "reminder-evening" : group.kind === "morning" ? "reminder-morning" : "reminder-before";
    const notes = occurrences.get(group.occurrenceId)!.notes;
    const text = i18n.t(locale, key, occurrenceVars);
    return notes ? `${text}\n${i18n.t(locale, "reminder-notes", { notes })}` : text;
  };
}

function people(groups: readonly ReminderGroup[]): Reminder[] {
  return groups.flatMap((group) => group.personIds.map((personId, i) => ({ group, personId, chatId: group.chatIds[i]! })));
}

function skipped(reminder: Reminder): SkippedReminder {
  const { group } = reminder;
  return { occurrenceId: group.occurrenceId, personId: reminder.personId, chatId: reminder.chatId, kind: group.kind, priority: PRIORITY_OF[group.kind] };
}

/**
 * Of the missed reminders of one person for one occurrence, only one goes out now: the duty one
 * for a ronda shift, otherwise the latest (a "starting soon" beats last night's reminder).
 */
function collapseMissed(missed: Reminder[]): { send: Reminder[]; superseded: Reminder[] } {
  const best = new Map<string, Reminder>();
  for (const reminder of missed) {
    const key = `${reminder.group.occurrenceId}:${reminder.personId}`;
    const current = best.get(key)?.group;
    const isDuty = reminder.group.kind === "duty";
    const better = !current || (isDuty && current.kind !== "duty") || (isDuty === (current.kind === "duty") && reminder.group.dueMs > current.dueMs);
    if (better) best.set(key, reminder);
  }
  const send = [...best.values()];
  const kept = new Set(send);
  return { send, superseded: missed.filter((reminder) => !kept.has(reminder)) };
}

export async function planReminders(deps: ReminderDeps, now: Date, options: PlanOptions = {}): Promise<PlanResult> {
  const { horizonMs, ratePerSecond, lookbackMs, recheckMs } = { ...DEFAULT_PLAN_OPTIONS, ...options };
  const { db, logger } = deps;
  const nowMs = now.getTime();
  const spacingMs = spacingForRate(ratePerSecond);

  const cancelled = await cancelStaleReminders(db, new Date(nowMs + recheckMs), TIME_ZONE);
  // In two halves side by side (two connections, two server cores); PGlite runs them in turn.
  const window = { from: new Date(nowMs - lookbackMs), to: new Date(nowMs + horizonMs), timeZone: TIME_ZONE };
  const groups = (await Promise.all([0, 1].map((index) => findReminderCandidates(db, { ...window, part: { index, of: 2 } })))).flat();
  const result: PlanResult = { planned: 0, dropped: 0, superseded: 0, cancelled, lateWarnings: 0, infeasible: 0 };
  if (cancelled > 0) logger.info({ cancelled }, "queued reminders cancelled: they no longer apply");
  if (groups.length === 0) return result;

  const started = groups.filter((g) => g.startMs <= nowMs);
  const missed = groups.filter((g) => g.startMs > nowMs && g.dueMs < nowMs);
  const upcoming = groups.filter((g) => g.startMs > nowMs && g.dueMs >= nowMs).sort(byDeadline);

  if (started.length > 0) {
    result.dropped = await recordSkippedReminders(db, people(started).map(skipped), "event already started", now);
    if (result.dropped > 0) {
      logger.warn({ dropped: result.dropped, occurrences: new Set(started.map((g) => g.occurrenceId)).size }, "reminders dropped: their event had already started");
    }
  }
  const { send: missedToSend, superseded } = collapseMissed(people(missed));
  if (superseded.length > 0) {
    result.superseded = await recordSkippedReminders(db, superseded.map(skipped), "superseded by a later missed reminder", now);
  }
  if (missedToSend.length > 0) logger.info({ missed: missedToSend.length }, "missed reminders whose event has not started go out now");
  if (missedToSend.length === 0 && upcoming.length === 0) return result;

  const occurrences = new Map((await findOccurrences(db, [...new Set([...missed, ...upcoming].map((g) => g.occurrenceId))])).map((o) => [o.id, o]));
  const textOf = reminderTexts(deps.i18n, occurrences);
  const buttonsOf = reminderButtons(deps.i18n, occurrences);
  const queuedGroup = (group: ReminderGroup): QueuedGroup => ({ occurrenceId: group.occurrenceId, kind: group.kind, priority: PRIORITY_OF[group.kind], text: textOf(group), replyMarkup: buttonsOf(group) });

  // Missed reminders go first, at `now`; they and everything already queued take the engine's time
  // ahead of the upcoming ones, which are then scheduled backwards from their deadlines.
  const queued = await countQueuedPerSecond(db, now, PRIORITY.reminder);
  if (missedToSend.length > 0) queued.push({ atMs: nowMs, count: missedToSend.length });
  const deadlines = deadlinesOf(upcoming);
  let plan = scheduleUpcoming(upcoming, deadlines, nowMs, spacingMs, queued);
  let ketua = new Map<number, KetuaRecipient>();
  if (plan.late.size > 0) {
    // The warnings to ketua go out now, at duty priority: make room for them and schedule again,
    // until the room made covers every occurrence with late reminders (once or twice).
    ketua = new Map((await findReachableKetua(db, [...new Set(upcoming.map((g) => occurrences.get(g.occurrenceId)!.rtId))])).map((k) => [k.rtId, k]));
    for (let room = 0; ; ) {
      const needed = [...plan.late.keys()].filter((id) => ketua.has(occurrences.get(id)!.rtId)).length;
      if (needed <= room) break;
      room = needed;
      plan = scheduleUpcoming(upcoming, deadlines, nowMs, spacingMs, [...queued, { atMs: nowMs, count: room }]);
    }
  }
  const late = [...plan.late.values()];

  // Missed ones all go at `now`, so the engine serves them in id order: earliest event first.
  const missedGroups: QueuedGroup[] = [];
  const missedGroupIds = new Map<ReminderGroup, number>();
  missedToSend.sort((a, b) => a.group.startMs - b.group.startMs || a.group.occurrenceId - b.group.occurrenceId || a.personId - b.personId);
  const missedBatch: ReminderBatch = {
    groups: missedGroups,
    groupIds: missedToSend.map(({ group }) => {
      let id = missedGroupIds.get(group);
      if (id === undefined) {
        id = missedGroups.push(queuedGroup(group)) - 1;
        missedGroupIds.set(group, id);
      }
      return id;
    }),
    personIds: missedToSend.map((reminder) => reminder.personId),
    chatIds: missedToSend.map((reminder) => reminder.chatId),
    notBeforeMs: missedToSend.map(() => nowMs),
  };
  const groupIds = new Int32Array(deadlines.length);
  const personIds = new Int32Array(deadlines.length);
  const chatIds = new Float64Array(deadlines.length);
  let offset = 0;
  upcoming.forEach((group, id) => {
    groupIds.fill(id, offset, offset + group.personIds.length);
    personIds.set(group.personIds, offset);
    chatIds.set(group.chatIds, offset);
    offset += group.personIds.length;
  });
  // Whole milliseconds, rounded down: never after the planned moment.
  const upcomingBatch: ReminderBatch = { groups: upcoming.map(queuedGroup), groupIds, personIds, chatIds, notBeforeMs: plan.sendAt.map(Math.floor) };
  if (late.length > 0) {
    logger.warn(
      { infeasible: plan.infeasible, occurrences: late.length, maxLateMinutes: Math.ceil(Math.max(...late.map((stats) => stats.maxLateMs)) / 60_000) },
      "reminders cannot all go out by their deadline at the delivery rate: queued as early as possible",
    );
  }
  // Missed ones one chunk after another (their ids keep their order), then the upcoming ones with
  // the warnings beside them (their own keys, their own connection).
  const missedCount = await insertReminders(db, missedBatch, { parallel: 1 });
  const warnings = async () => (late.length > 0 ? enqueueMessages(db, lateWarnings(deps, now, late.map((stats) => ({ ...stats, occurrence: occurrences.get(stats.occurrenceId)! })), ketua)) : 0);
  const [upcomingCount, warned] = await Promise.all([insertReminders(db, upcomingBatch), warnings()]);
  result.planned = missedCount + upcomingCount;
  result.lateWarnings = warned;
  result.infeasible = plan.infeasible;
  if (result.planned > 0 || result.lateWarnings > 0) deps.wakeDelivery?.();
  return result;
}

type LateStats = { occurrenceId: number; count: number; total: number; maxLateMs: number };

/** Each upcoming reminder's deadline, groups in service order, people in order inside each. */
function deadlinesOf(upcoming: readonly ReminderGroup[]): Float64Array {
  const deadlines = new Float64Array(upcoming.reduce((sum, group) => sum + group.personIds.length, 0));
  let filled = 0;
  for (const group of upcoming) {
    deadlines.fill(group.dueMs, filled, filled + group.personIds.length);
    filled += group.personIds.length;
  }
  return deadlines;
}

/** Send times for the upcoming reminders, and the occurrences that would have late ones. */
function scheduleUpcoming(upcoming: readonly ReminderGroup[], deadlines: Float64Array, nowMs: number, spacingMs: number, queued: QueuedBucket[]) {
  const sendAt = scheduleByDeadline(deadlines, nowMs, spacingMs, busyIntervals(queued, nowMs, spacingMs));
  const totals = new Map<number, number>();
  const late = new Map<number, LateStats>();
  let infeasible = 0;
  let index = 0;
  for (const group of upcoming) {
    totals.set(group.occurrenceId, (totals.get(group.occurrenceId) ?? 0) + group.personIds.length);
    let count = 0;
    let maxLateMs = 0;
    for (const end = index + group.personIds.length; index < end; index++) {
      if (!isLate(sendAt[index]!, group.dueMs)) continue;
      count++;
      maxLateMs = Math.max(maxLateMs, sendAt[index]! - group.dueMs);
    }
    if (count === 0) continue;
    infeasible += count;
    const stats = late.get(group.occurrenceId) ?? { occurrenceId: group.occurrenceId, count: 0, total: 0, maxLateMs: 0 };
    stats.count += count;
    stats.maxLateMs = Math.max(stats.maxLateMs, maxLateMs);
    late.set(group.occurrenceId, stats);
  }
  for (const stats of late.values()) stats.total = totals.get(stats.occurrenceId)!;
  return { sendAt, late, infeasible };
}

/**
 * The warnings for the ketua of each RT with late reminders, one per occurrence (its key makes a
 * second one a no-op); an RT without a reachable ketua is logged instead.
 */
function lateWarnings(deps: ReminderDeps, now: Date, late: (LateStats & { occurrence: OccurrenceDetails })[], ketua: Map<number, KetuaRecipient>): NewOutboxMessage[] {
  return late.flatMap(({ occurrence, count, total, maxLateMs }) => {
    const recipient = ketua.get(occurrence.rtId);
    if (!recipient) {
      deps.logger.warn({ occurrenceId: occurrence.id, rtId: occurrence.rtId, late: count }, "late reminders, and no reachable ketua RT to warn");
      return [];
    }
    const locale = supportedLocale(recipient.locale);
    const text = deps.i18n.t(locale, "reminder-late-warning", {
      late: count,
      total,
      minutes: Math.max(1, Math.ceil(maxLateMs / 60_000)),
      kind: deps.i18n.t(locale, kindKey(occurrence.kind)),
      day: formatWibDay(occurrence.startsAt, locale),
      time: formatClock(occurrence.startsAt, locale),
    });
    // Duty priority: the ketua needs to hear it before the backlog of reminders, not after it.
    return [{ dedupeKey: lateWarningKey(occurrence.id), chatId: recipient.chatId, personId: recipient.personId, priority: PRIORITY.duty, payload: { text }, notBefore: now }];
  });
}
