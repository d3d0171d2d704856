import { pruneProcessedUpdates } from "../db/processed-updates.js";
import { pruneFormSteps } from "../db/state-store.js";
import { pruneInitDataClaims } from "../db/init-data-claims.js";
import { INIT_DATA_CLOCK_SKEW_SECONDS, INIT_DATA_MAX_AGE_SECONDS } from "../webapp/init-data.js";
import { applyRetention } from "../domain/audit/retention.js";
import { releaseDueBroadcasts } from "../domain/broadcast/broadcast.js";
import { closeDuePolls } from "../domain/polls/polls.js";
import { extendOccurrences } from "../domain/events/events.js";
import { planDeclineNotices } from "../domain/cycle/decline.js";
import { escalateStaleReports } from "../domain/reports/escalation.js";
import { planWeeklyDigests } from "./digests.js";
import { planSelfAssessmentInvites } from "./self-assessment-invites.js";
import { planMonthlySummaries } from "./monthly-summary.js";
import { planLoanReminders } from "./loan-reminders.js";
import { planKasStatements } from "./kas-statements.js";
import { planReminders, type PlanOptions, type ReminderDeps } from "./reminders.js";
import type { ScheduledJob } from "./scheduler.js";

export const REMINDER_JOB_NAME = "reminders";

/** Telegram redelivers an update for a day at most; claims older than this only take space. */
const UPDATE_CLAIMS_KEPT_MS = 2 * 86_400_000;
/** A form's kept step outcomes wait for the redelivery of their update, which comes within a day. */
const FORM_STEPS_KEPT_MS = 86_400_000;
/** A Mini App's initData is refused for its age after this anyway (dated at most the skew ahead of its claim). */
const INIT_DATA_CLAIMS_KEPT_MS = (INIT_DATA_MAX_AGE_SECONDS + INIT_DATA_CLOCK_SKEW_SECONDS) * 1000;

/**
 * The one list of what the bot does on its own, and when (cron read in WIB). A new job goes here;
 * its logic lives in its area (domain or scheduling), taking `now`.
 */
export function productionJobs(deps: ReminderDeps & { adminTelegramIds?: readonly number[]; webappUrl?: string | undefined; reportEscalationDays?: number }, options: { reminders?: PlanOptions } = {}): ScheduledJob[] {
  const { db } = deps;
  return [
    // Every minute: reminders due soon are queued, spread so the sender keeps to Telegram's limits.
    { name: REMINDER_JOB_NAME, cron: "* * * * *", run: (now) => planReminders(deps, now, options.reminders ?? {}) },
    // Every minute: scheduled announcements that are due go out (held in the database, so a restart loses none).
    { name: "release-broadcasts", cron: "* * * * *", run: (now) => releaseDueBroadcasts(deps, now) },
    // Every minute: musyawarah polls whose time came are closed and their results sent (issue 17).
    { name: "close-polls", cron: "* * * * *", run: (now) => closeDuePolls({ db, i18n: deps.i18n, clock: () => now, wakeDelivery: deps.wakeDelivery ?? (() => {}), logger: deps.logger }, now) },
    { name: "extend-occurrences", cron: "10 0 * * *", run: (now) => extendOccurrences(db, now) },
    // What a form kept for a redelivery that never came (polling, Telegram giving up) goes after a day too;
    // the Mini App's used initData once it has expired.
    {
      name: "prune-updates",
      cron: "30 3 * * *",
      run: async (now) => {
        await pruneProcessedUpdates(db, new Date(now.getTime() - UPDATE_CLAIMS_KEPT_MS));
        await pruneFormSteps(db, new Date(now.getTime() - FORM_STEPS_KEPT_MS));
        await pruneInitDataClaims(db, new Date(now.getTime() - INIT_DATA_CLAIMS_KEPT_MS));
      },
    },
    // Book return reminders at 08.00 WIB: the morning, before the corner opens after school.
    { name: "loan-reminders", cron: "0 8 * * *", run: (now) => planLoanReminders(deps, now) },
    // Weekly digests on Monday 07.00 WIB: the week's start.
    { name: "weekly-digests", cron: "0 7 * * 1", run: (now) => planWeeklyDigests(deps, now) },
    // "Menurun sejak penghargaan", Monday 07.15 WIB beside the digests: once per RT per week (keyed by the week).
    { name: "decline-since-award", cron: "15 7 * * 1", run: (now) => planDeclineNotices(deps, now) },
    // The quarter's penilaian mandiri, Mondays 09.00 WIB of January, April, July and October: the first
    // Monday invites (once per quarter, keyed by the quarter), the later ones only catch up.
    { name: "self-assessment-invites", cron: "0 9 * 1,4,7,10 1", run: (now) => planSelfAssessmentInvites(deps, now) },
    // issue 17: the kas RT's statement of the month just closed, the 1st at 07.00 WIB (the 2nd and 3rd
    // catch up a day the bot was down; the outbox keys make it once per RT per month).
    { name: "kas-statements", cron: "0 7 1-3 * *", run: (now) => planKasStatements(deps, now) },
    // Residents' reports left untouched too long go to the area's koordinator, 09.00 WIB (once per report).
    { name: "report-escalation", cron: "0 9 * * *", run: (now) => escalateStaleReports(deps, now) },
    // issue 17: the residents' monthly summary, 09.00 WIB on the 1st, 2nd and 3rd: the 1st queues (once
    // per person per month, keyed by the month reported), the later days only catch up.
    { name: "monthly-summary", cron: "0 9 1-3 * *", run: (now) => planMonthlySummaries(deps, now) },
    // Household labels of memberships ended a year ago are forgotten (README, "Privacy and audit").
    { name: "retention", cron: "45 3 * * *", run: (now) => applyRetention(db, now) },
  ];
}
