/**
 * The monthly resident summary (issue 17): on the first days of a month (jobs.ts: 09.00 WIB on the
 * 1st, 2nd and 3rd) each resident gets their RT's results for the month just ended and how they
 * moved, the most active households, a thank-you to the RT's officers and the kelurahan's most
 * improved RT (src/domain/scores/monthly.ts says how each is read). `now` is a parameter: a test runs
 * it as `planMonthlySummaries(deps, fixedNow)`.
 *
 * Once a month per person: every row's dedupe key is `monthly:<reported month>:person:<id>`, so the
 * 2nd's and 3rd's runs, a restart or a second instance queue nothing new; they only reach someone
 * who joined (or unmuted) since, or catch up when the bot was down on the 1st. The keys are looked
 * up before anything is computed, so a rerun with nobody left costs two queries. Muted residents
 * (/senyap) are skipped: the summary is news of the RT, as an announcement is, not a duty.
 * Messages go through the outbox at the announcements' priority, paced by the one sender.
 */
import { inArray } from "drizzle-orm";
import { outbox } from "../db/schema/index.js";
import { enqueueMessages, PRIORITY, type NewOutboxMessage } from "../delivery/outbox.js";
import { addressName } from "../messages/address.js";
import { formatMonth, formatWibDay, rtNumber } from "../messages/format.js";
import { supportedLocale } from "../messages/locale.js";
import { scoreTotalText } from "../messages/score-total.js";
import { translateIn, type Translate } from "../messages/translate.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "../domain/scores/config.js";
import { monthlyRecipients, monthlyResults, reportedMonth, type MonthlyRecipient, type MonthlyResults, type MonthlyRtResult } from "../domain/scores/monthly.js";
import { monthKey } from "../domain/schedule/month.js";
import type { ReminderDeps } from "./reminders.js";

export type MonthlyDeps = ReminderDeps & { scoreConfig?: ScoreConfig };

export function monthlyKey(month: string, personId: number): string {
  return `monthly:${month}:person:${personId}`;
}

/** One resident's summary, in their language. */
export function monthlyText(t: Translate, locale: string, recipient: Pick<MonthlyRecipient, "name" | "greeting">, results: MonthlyResults, rt: MonthlyRtResult): string {
  const kelurahanName = results.kelurahanNames.get(rt.kelurahanCode) ?? "-";
  const month = formatMonth(results.month, locale);
  const lines = [
    t("monthly-title", { name: addressName(t, { name: recipient.name, greeting: recipient.greeting }), month, rt: rtNumber(rt.number), kelurahan: kelurahanName }),
    "",
    t("monthly-total", { date: formatWibDay(results.at, locale), total: scoreTotalText(t, rt.current) }),
  ];
  const before = scoreTotalText(t, rt.previous);
  lines.push(rt.delta > 0 ? t("monthly-moved-up", { delta: rt.delta, before }) : rt.delta < 0 ? t("monthly-moved-down", { delta: -rt.delta, before }) : t("monthly-moved-same", { before }));
  if (rt.up.length > 0) lines.push(t("monthly-up", { codes: rt.up.join(", ") }));
  if (rt.down.length > 0) lines.push(t("monthly-down", { codes: rt.down.join(", ") }));
  if (rt.up.length === 0 && rt.down.length === 0) lines.push(t("monthly-no-change"));
  if (rt.households.length > 0) {
    lines.push("", t("monthly-households-title", { month }));
    rt.households.forEach((household, index) => lines.push(t("monthly-household", { rank: index + 1, household: household.label, count: household.records })));
  }
  if (rt.officers.length > 0) lines.push("", t("monthly-officers", { names: rt.officers.map((officer) => addressName(t, officer)).join(", ") }));
  const best = results.mostImproved.get(rt.kelurahanCode);
  if (best) {
    lines.push("", best.rtId === rt.rtId ? t("monthly-improved-own", { kelurahan: kelurahanName, delta: best.delta }) : t("monthly-improved", { kelurahan: kelurahanName, rt: rtNumber(best.number), delta: best.delta }));
  }
  lines.push("", t("monthly-footer"));
  return lines.join("\n");
}

const MESSAGES_PER_INSERT = 2_000;

export type MonthlyResult = { month: string; recipients: number; queued: number };

export async function planMonthlySummaries(deps: MonthlyDeps, now: Date): Promise<MonthlyResult> {
  const { db, i18n, logger } = deps;
  const month = reportedMonth(now);
  const key = monthKey(month);
  const everyone = await monthlyRecipients(db);

  const queuedKeys = new Set<string>();
  const keys = everyone.map((recipient) => monthlyKey(key, recipient.personId));
  for (let start = 0; start < keys.length; start += 1000) {
    const rows = await db.select({ key: outbox.dedupeKey }).from(outbox).where(inArray(outbox.dedupeKey, keys.slice(start, start + 1000)));
    for (const row of rows) queuedKeys.add(row.key);
  }
  const pending = everyone.filter((recipient) => !queuedKeys.has(monthlyKey(key, recipient.personId)));
  if (pending.length === 0) return { month: key, recipients: 0, queued: 0 };

  const rtIds = [...new Set(pending.map((recipient) => recipient.rtId))].sort((a, b) => a - b);
  const results = await monthlyResults(db, { month, rtIds }, deps.scoreConfig ?? DEFAULT_SCORE_CONFIG);
  const messageOf = (recipient: MonthlyRecipient): NewOutboxMessage[] => {
    const rt = results.rts.get(recipient.rtId);
    if (!rt) return [];
    const locale = supportedLocale(recipient.locale);
    const t = translateIn(i18n, locale);
    // It names the officers and the households' members by their family: erasing one drops what is still queued.
    const subjects = [...new Set([...rt.officers.map((officer) => officer.personId), ...rt.households.flatMap((household) => household.personIds)])].filter((id) => id !== recipient.personId);
    return [{
      dedupeKey: monthlyKey(key, recipient.personId),
      chatId: recipient.telegramId,
      personId: recipient.personId,
      subjectPersonIds: subjects,
      priority: PRIORITY.announcement,
      payload: { text: monthlyText(t, locale, recipient, results, rt) },
      notBefore: now,
    }];
  };
  // Written a slice at a time: the city's residents' texts are never all held at once.
  let queued = 0;
  let recipients = 0;
  for (let start = 0; start < pending.length; start += MESSAGES_PER_INSERT) {
    const messages = pending.slice(start, start + MESSAGES_PER_INSERT).flatMap(messageOf);
    recipients += messages.length;
    queued += await enqueueMessages(db, messages);
  }
  if (queued > 0) {
    logger.info({ month: key, queued, rts: results.rts.size }, "monthly summaries queued");
    deps.wakeDelivery?.();
  }
  return { month: key, recipients, queued };
}
