/**
 * The monthly resident summary (issue 17): on the first days of a month (jobs.ts: 09.00 WIB on the
 * 1st, 2nd and 3rd) each resident gets their RT's results for the month just ended and how they
 * moved, the most active households, a thank-you to the RT's officers and the kelurahan's most
 * improved RT (src/domain/scores/monthly.ts says how each is read). `now` is a parameter: a test runs
 * it as `planMonthlySummaries(deps, fixedNow)`.
 *
 * Once a month per person: every row's dedupe key is `monthly:<reported month>:person:<id>`, so the
 * 2nd's and 3rd's runs, a restart or a second instance queue nothing new; they only reach someone
 * who joined (or unmuted) since, or catch up when the bot was down on the 1st. The outbox is asked
 * first (NOT EXISTS in SQL), so a rerun with nobody left costs one query. Muted residents (/senyap)
 * are skipped: the summary is news of the RT, as an announcement is, not a duty.
 *
 * Erasure: a summary names officers and households' members; erasing one of them cancels every
 * copy still queued (the send takes hours). Those recipients are not left without: the next run
 * (the 2nd, the 3rd) queues theirs again under `…:2` / `…:3`, rebuilt from what is left (the erased
 * officer is no longer listed, an erased resident's own household label is opaque and not ranked).
 * At most three rows per person and month.
 *
 * Work is done a page of RTs at a time (whole kelurahan, ~200 RTs): the live bot runs in 384 MB.
 * Messages go through the outbox at PRIORITY.summary, below announcements: the ~600,000 rows take
 * hours to send, and a poll or /umumkan queued later on the 1st goes before them.
 */
import { enqueueMessages, PRIORITY, type NewOutboxMessage } from "../delivery/outbox.js";
import { addressName } from "../messages/address.js";
import { formatMonth, formatWibDay, rtNumber } from "../messages/format.js";
import { supportedLocale } from "../messages/locale.js";
import { scoreTotalText } from "../messages/score-total.js";
import { translateIn, type Translate } from "../messages/translate.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "../domain/scores/config.js";
import { monthlyPendingRts, monthlyRecipients, monthlyResults, reportedMonth, type MonthlyRecipient, type MonthlyResults, type MonthlyRtResult } from "../domain/scores/monthly.js";
import { monthKey } from "../domain/schedule/month.js";
import type { ReminderDeps } from "./reminders.js";

export type MonthlyDeps = ReminderDeps & { scoreConfig?: ScoreConfig };

/** The summary's dedupe key; `attempt` 1 and 2 are the re-sends after an erasure cancelled the earlier (monthly.ts keysOf). */
export function monthlyKey(month: string, personId: number, attempt = 0): string {
  return `monthly:${month}:person:${personId}${attempt > 0 ? `:${attempt + 1}` : ""}`;
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
  if (rt.newlyScored.length > 0) lines.push(t("monthly-newly-scored", { codes: rt.newlyScored.join(", ") }));
  if (rt.noLongerScored.length > 0) lines.push(t("monthly-no-longer-scored", { codes: rt.noLongerScored.join(", ") }));
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
/** RTs read per page (whole kelurahan at a time, so "most improved" is read once per kelurahan). */
export const RTS_PER_PAGE = 200;

export type MonthlyResult = { month: string; recipients: number; queued: number };

/** The RTs cut into pages of about `size`, never splitting a kelurahan (its peers are read together). */
export function pagesByKelurahan<T extends { rtId: number; kelurahanCode: string }>(rts: readonly T[], size: number): number[][] {
  const pages: number[][] = [];
  let page: number[] = [];
  let previous: string | null = null;
  for (const entry of rts) {
    if (page.length >= size && entry.kelurahanCode !== previous) {
      pages.push(page);
      page = [];
    }
    page.push(entry.rtId);
    previous = entry.kelurahanCode;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

export async function planMonthlySummaries(deps: MonthlyDeps, now: Date, options: { rtsPerPage?: number } = {}): Promise<MonthlyResult> {
  const { db, i18n, logger } = deps;
  const month = reportedMonth(now);
  const key = monthKey(month);
  // One query when everyone has theirs (the 2nd's and 3rd's runs, a second instance).
  const pages = pagesByKelurahan(await monthlyPendingRts(db, key), options.rtsPerPage ?? RTS_PER_PAGE);
  let queued = 0;
  let recipients = 0;
  let rts = 0;
  // A page of RTs at a time: their results, their residents still due, their texts a slice at a
  // time; only one page's residents are ever held (the city's ~600,000 never are).
  for (const rtIds of pages) {
    const results = await monthlyResults(db, { month, rtIds }, deps.scoreConfig ?? DEFAULT_SCORE_CONFIG);
    rts += results.rts.size;
    const pending = await monthlyRecipients(db, { month: key, rtIds });
    const messageOf = (recipient: MonthlyRecipient): NewOutboxMessage[] => {
      const rt = results.rts.get(recipient.rtId);
      if (!rt) return [];
      const locale = supportedLocale(recipient.locale);
      const t = translateIn(i18n, locale);
      // It names the officers and the households' members by their family: erasing one cancels what is
      // still queued, and the next run sends it again rebuilt without them (monthlyRecipients).
      const subjects = [...new Set([...rt.officers.map((officer) => officer.personId), ...rt.households.flatMap((household) => household.personIds)])].filter((id) => id !== recipient.personId);
      return [{
        dedupeKey: monthlyKey(key, recipient.personId, recipient.attempt),
        chatId: recipient.telegramId,
        personId: recipient.personId,
        subjectPersonIds: subjects,
        priority: PRIORITY.summary,
        payload: { text: monthlyText(t, locale, recipient, results, rt) },
        notBefore: now,
      }];
    };
    for (let start = 0; start < pending.length; start += MESSAGES_PER_INSERT) {
      const messages = pending.slice(start, start + MESSAGES_PER_INSERT).flatMap(messageOf);
      recipients += messages.length;
      queued += await enqueueMessages(db, messages);
    }
  }
  if (queued > 0) {
    logger.info({ month: key, queued, rts }, "monthly summaries queued");
    deps.wakeDelivery?.();
  }
  return { month: key, recipients, queued };
}
