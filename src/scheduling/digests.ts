/**
 * The weekly digests: a job function run every Monday at 07.00 WIB (see src/main.ts) that queues,
 * in the delivery outbox, a koordinator's digest (text, chart, workbook) of the RTs in their area
 * and a ketua RT's one-page summary of their RT. `now` is a parameter: a test runs it as
 * `planWeeklyDigests(deps, fixedNow)`.
 *
 * Once a week per person: every row's dedupe key is `digest:<ISO week>:<person>:<part>`, the week
 * being the WIB week holding `now`, so a rerun, a restart or a second instance in the same week
 * queues nothing new, and the next Monday starts a new set. The key is decided before anything is
 * built, so a rerun skips the people already queued without rendering their chart again.
 */
import { inArray } from "drizzle-orm";
import { outbox } from "../db/schema/index.js";
import { uploadPayload } from "../delivery/attachments.js";
import { enqueueMessages, PRIORITY, type NewOutboxMessage } from "../delivery/outbox.js";
import { supportedLocale } from "../messages/locale.js";
import { addDays, dayNumber, wibDate } from "../domain/schedule/wib.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "../domain/scores/config.js";
import { listDigestRecipients } from "../domain/scores/digest-queries.js";
import { wibWeekStart } from "../domain/scores/weeks.js";
import { digestChart, digestFileName, digestModel, digestWorkbook, ketuaText, koordinatorText, loadDigestData } from "../reports/digest.js";
import { translateIn, type Translate } from "../messages/translate.js";
import type { ReminderDeps } from "./reminders.js";

export type DigestDeps = ReminderDeps & { scoreConfig?: ScoreConfig };

/** "2026-W50": the ISO week of the WIB week holding `now`. */
export function isoWeekOf(now: Date): string {
  const monday = wibDate(wibWeekStart(now));
  const thursday = addDays(monday, 3);
  const week = Math.floor((dayNumber(thursday) - dayNumber({ year: thursday.year, month: 1, day: 1 })) / 7) + 1;
  return `${thursday.year}-W${String(week).padStart(2, "0")}`;
}

export type DigestPart = "koordinator-text" | "koordinator-chart" | "koordinator-xlsx" | "ketua-text";

export function digestKey(isoWeek: string, personId: number, part: DigestPart): string {
  return `digest:${isoWeek}:${personId}:${part}`;
}


export type DigestResult = { koordinators: number; ketuas: number; queued: number };

export async function planWeeklyDigests(deps: DigestDeps, now: Date): Promise<DigestResult> {
  const { db, i18n, logger } = deps;
  const config = deps.scoreConfig ?? DEFAULT_SCORE_CONFIG;
  const week = isoWeekOf(now);
  const recipients = await listDigestRecipients(db);

  // Who already has this week's digest: their first part is queued (the parts go in one insert).
  const firstKeys = [
    ...recipients.koordinators.map((k) => digestKey(week, k.personId, "koordinator-text")),
    ...recipients.ketuas.map((k) => digestKey(week, k.personId, "ketua-text")),
  ];
  const queuedKeys = new Set<string>();
  for (let start = 0; start < firstKeys.length; start += 1000) {
    const rows = await db.select({ key: outbox.dedupeKey }).from(outbox).where(inArray(outbox.dedupeKey, firstKeys.slice(start, start + 1000)));
    for (const row of rows) queuedKeys.add(row.key);
  }
  const koordinators = recipients.koordinators.filter((k) => !queuedKeys.has(digestKey(week, k.personId, "koordinator-text")) && k.rtIds.length > 0);
  const ketuas = recipients.ketuas.filter((k) => !queuedKeys.has(digestKey(week, k.personId, "ketua-text")));
  if (koordinators.length === 0 && ketuas.length === 0) return { koordinators: 0, ketuas: 0, queued: 0 };

  const rtIds = [...new Set([...koordinators.flatMap((k) => k.rtIds), ...ketuas.map((k) => k.rtId)])].sort((a, b) => a - b);
  const data = await loadDigestData(db, rtIds, now, config);
  const translate = (locale: string): Translate => translateIn(i18n, locale);
  const base = { priority: PRIORITY.notification, notBefore: now };

  let queued = 0;
  for (const person of koordinators) {
    const locale = supportedLocale(person.locale);
    const t = translate(locale);
    const model = digestModel(data, person.rtIds, now);
    const [chart, workbook] = await Promise.all([digestChart(model, t, locale), digestWorkbook(model, t)]);
    const to = { chatId: person.telegramId, personId: person.personId, ...base };
    // One insert per person: the text, the chart and the workbook are queued together or not at all.
    queued += await enqueueMessages(db, [
      { ...to, dedupeKey: digestKey(week, person.personId, "koordinator-text"), payload: { text: koordinatorText(model, t, locale) } },
      { ...to, dedupeKey: digestKey(week, person.personId, "koordinator-chart"), method: "sendPhoto", payload: uploadPayload("sendPhoto", "tren-partisipasi.png", chart, { caption: t("digest-chart-caption") }) },
      { ...to, dedupeKey: digestKey(week, person.personId, "koordinator-xlsx"), method: "sendDocument", payload: uploadPayload("sendDocument", digestFileName(model), workbook, { caption: t("digest-xlsx-caption") }) },
    ]);
  }
  const ketuaMessages: NewOutboxMessage[] = ketuas.flatMap((person) => {
    if (!data.has(person.rtId)) return [];
    const locale = supportedLocale(person.locale);
    const text = ketuaText(digestModel(data, [person.rtId], now), translate(locale), locale);
    return [{ chatId: person.telegramId, personId: person.personId, ...base, dedupeKey: digestKey(week, person.personId, "ketua-text"), payload: { text } }];
  });
  if (ketuaMessages.length > 0) queued += await enqueueMessages(db, ketuaMessages);

  if (queued > 0) {
    logger.info({ week, queued, koordinators: koordinators.length, ketuas: ketuaMessages.length }, "weekly digests queued");
    deps.wakeDelivery?.();
  }
  return { koordinators: koordinators.length, ketuas: ketuaMessages.length, queued };
}
