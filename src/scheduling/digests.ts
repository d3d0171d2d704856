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
import { listDigestRecipients, type DigestScope } from "../domain/scores/digest-queries.js";
import { wibWeekStart } from "../domain/scores/weeks.js";
import { buildDigest, digestChart, digestChartSvg, digestFileName, digestModel, digestWorkbook, ketuaText, koordinatorText, loadDigestData } from "../reports/digest.js";
import { renderChartSvg } from "../reports/charts.js";
import { translateIn, type Translate } from "../messages/translate.js";
import { dashboardButton } from "../messages/buttons/dashboard.js";
import type { AppPage } from "../webapp/links.js";
import type { ReminderDeps } from "./reminders.js";

/** `webappUrl`: WEBAPP_URL; when set, each digest's text has a button opening the same view in the Mini App. */
export type DigestDeps = ReminderDeps & { scoreConfig?: ScoreConfig; webappUrl?: string | undefined };

/**
 * A digest's text, with a button to the same view in the Mini App when it is on: the area's ranking
 * for a koordinator, the RT's page for a ketua. Digests go to the person's own chat with the bot,
 * a private chat, where Telegram allows such buttons.
 */
function digestTextPayload(text: string, t: Translate, webappUrl: string | undefined, page: AppPage): Record<string, unknown> {
  const button = dashboardButton(t, { webappUrl, chatType: "private" }, page);
  return button ? { text, reply_markup: { inline_keyboard: [[button]] } } : { text };
}

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


/**
 * How many charts the weekly job keeps queued in the renderer thread: enough that it never waits for
 * this thread, few enough that a chart someone asks for meanwhile (/ringkasan) waits behind a few,
 * not behind the whole city's.
 */
const CHARTS_AHEAD = 4;

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

  // The charts are drawn in the renderer thread, one after another, while this thread builds the
  // workbooks and queues: charts are asked for ahead of their turn (CHARTS_AHEAD renders queued), and
  // a chart already asked for (another koordinator of the same RTs, in the same words: a kelurahan's
  // and its kecamatan's koordinator when the kecamatan has only that kelurahan) is drawn once. The
  // chart and the workbook depend only on the RTs and the language (and `now`, the same for all), so
  // both are shared under that key; the SVG is made only when its chart is asked for.
  const plans = koordinators.map((person) => {
    const locale = supportedLocale(person.locale);
    const model = digestModel(data, person.rtIds, now);
    return { person, locale, t: translate(locale), model, key: `${locale}:${model.rts.map((rt) => rt.scorecard.rt.rtId).join(",")}` };
  });
  // Memory stays bounded by the charts queued, not by the number of koordinators: a shared chart or
  // workbook is dropped once no later koordinator uses its key, a person's own chart after their turn.
  const usersLeft = new Map<string, number>();
  for (const { key } of plans) usersLeft.set(key, (usersLeft.get(key) ?? 0) + 1);
  const drawn = new Map<string, Promise<Buffer>>();
  const workbooks = new Map<string, Promise<Buffer>>();
  const workbookOf = ({ key, t, model }: (typeof plans)[number]) => {
    let workbook = workbooks.get(key);
    if (!workbook) workbooks.set(key, (workbook = digestWorkbook(model, t)));
    return workbook;
  };
  const charts: (Promise<Buffer> | undefined)[] = [];
  let asked = 0;
  let rendering = 0;
  const askChart = (index: number) => {
    const { key, model, t, locale } = plans[index]!;
    let chart = drawn.get(key);
    if (!chart) {
      rendering++;
      chart = renderChartSvg(digestChartSvg(model, t, locale));
      // Awaited in its turn below; a failure ahead of it must not surface as an unhandled rejection meanwhile.
      chart.catch(() => {}).finally(() => rendering--);
      drawn.set(key, chart);
    }
    charts[index] = chart;
  };

  let queued = 0;
  // Each person's insert runs while the next person's workbook is built; one insert at a time, in
  // order, and the first failure stops the ones after it (it surfaces at the await below the loop).
  let inserting: Promise<void> = Promise.resolve();
  const insert = (rows: NewOutboxMessage[]) => {
    inserting = inserting.then(async () => void (queued += await enqueueMessages(db, rows)));
    // Awaited after the loop; meanwhile a failure must not surface as an unhandled rejection.
    inserting.catch(() => {});
  };
  // The first charts go to the renderer thread now, and the ketuas' pages (text alone) are written
  // and inserted while they are drawn: first in the line of inserts, not after the koordinators'
  // (issue 18: that insert was the run's tail).
  while (asked < plans.length && rendering < CHARTS_AHEAD) askChart(asked++);
  const ketuaMessages: NewOutboxMessage[] = ketuas.flatMap((person) => {
    if (!data.has(person.rtId)) return [];
    const locale = supportedLocale(person.locale);
    const t = translate(locale);
    const text = ketuaText(digestModel(data, [person.rtId], now), t, locale);
    const payload = digestTextPayload(text, t, deps.webappUrl, { page: "rt", rtId: person.rtId });
    return [{ chatId: person.telegramId, personId: person.personId, ...base, dedupeKey: digestKey(week, person.personId, "ketua-text"), payload }];
  });
  if (ketuaMessages.length > 0) insert(ketuaMessages);
  try {
    for (const [index, plan] of plans.entries()) {
      const { person, locale, t, model, key } = plan;
      // This person's chart, then later ones (a chart already asked for costs nothing) while fewer than CHARTS_AHEAD are queued.
      while (asked < plans.length && (asked <= index || rendering < CHARTS_AHEAD)) askChart(asked++);
      const workbook = await workbookOf(plan);
      const chart = await charts[index]!;
      charts[index] = undefined;
      const left = usersLeft.get(key)! - 1;
      usersLeft.set(key, left);
      if (left === 0) {
        drawn.delete(key);
        workbooks.delete(key);
      }
      const to = { chatId: person.telegramId, personId: person.personId, ...base };
      // One insert per person: the text, the chart and the workbook are queued together or not at all.
      const rows: NewOutboxMessage[] = [
        { ...to, dedupeKey: digestKey(week, person.personId, "koordinator-text"), payload: digestTextPayload(koordinatorText(model, t, locale), t, deps.webappUrl, { page: "rts" }) },
        { ...to, dedupeKey: digestKey(week, person.personId, "koordinator-chart"), method: "sendPhoto", payload: uploadPayload("sendPhoto", "tren-partisipasi.png", chart, { caption: t("digest-chart-caption") }) },
        { ...to, dedupeKey: digestKey(week, person.personId, "koordinator-xlsx"), method: "sendDocument", payload: uploadPayload("sendDocument", digestFileName(model), workbook, { caption: t("digest-xlsx-caption") }) },
      ];
      insert(rows);
    }
  } catch (error) {
    // A chart or workbook failed: the previous person's insert may still be running. The job reports
    // its failure only once that write has landed (or failed: this error is the one reported), so a
    // rerun never overlaps it.
    await inserting.catch(() => {});
    throw error;
  }
  await inserting;

  if (queued > 0) {
    logger.info({ week, queued, koordinators: koordinators.length, ketuas: ketuaMessages.length }, "weekly digests queued");
    deps.wakeDelivery?.();
  }
  return { koordinators: koordinators.length, ketuas: ketuaMessages.length, queued };
}

export type DigestRequest = {
  /** What the person asked for: the digest of their scope (/ringkasan), or only the area's workbook (/ekspor). */
  what: "digest" | "workbook";
  scope: Extract<DigestScope, { kind: "area" | "rt" }>;
  to: { chatId: number; personId: number | null };
  locale: string;
  /** Names the request: every queued row is keyed by it, so asking twice queues once. */
  key: string;
};

/**
 * The weekly digest on demand, as the Monday job would send it at `now`: a koordinator or admin
 * gets the text, the chart and the workbook of their area (or only the workbook), a ketua RT their
 * RT's summary. Built and queued in the outbox in one insert; returns how many rows were new.
 */
export async function queueDigestOnDemand(deps: Pick<DigestDeps, "db" | "i18n" | "wakeDelivery" | "webappUrl">, request: DigestRequest, now: Date): Promise<number> {
  const { db } = deps;
  const { key, locale, scope } = request;
  const t = translateIn(deps.i18n, locale);
  const to = { ...request.to, priority: PRIORITY.notification, notBefore: now };
  const messages: NewOutboxMessage[] = [];
  if (scope.kind === "rt") {
    const text = ketuaText(await buildDigest(db, [scope.rtId], now), t, locale);
    messages.push({ ...to, dedupeKey: `${key}:text`, payload: digestTextPayload(text, t, deps.webappUrl, { page: "rt", rtId: scope.rtId }) });
  } else {
    const model = await buildDigest(db, scope.rtIds, now);
    const workbook = async (): Promise<NewOutboxMessage> => ({
      ...to,
      dedupeKey: `${key}:xlsx`,
      method: "sendDocument",
      payload: uploadPayload("sendDocument", digestFileName(model), await digestWorkbook(model, t), { caption: t("digest-xlsx-caption") }),
    });
    if (request.what === "workbook") {
      messages.push(await workbook());
    } else {
      messages.push({ ...to, dedupeKey: `${key}:text`, payload: digestTextPayload(koordinatorText(model, t, locale), t, deps.webappUrl, scope.city ? { page: "kota" } : { page: "rts" }) });
      if (model.rts.length > 0) {
        const chart = await digestChart(model, t, locale);
        messages.push({ ...to, dedupeKey: `${key}:chart`, method: "sendPhoto", payload: uploadPayload("sendPhoto", "tren-partisipasi.png", chart, { caption: t("digest-chart-caption") }) }, await workbook());
      }
    }
  }
  const queued = await enqueueMessages(db, messages);
  deps.wakeDelivery?.();
  return queued;
}
