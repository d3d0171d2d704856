/**
 * "Menurun sejak penghargaan": a title holder compared with its own level before the visit (the
 * baseline stored on its title). Something fell when an automatic indicator's level is now below
 * its baseline level, or when the households taking part in the scorecard's window fell by at
 * least the config's fading dropPercent below the baseline's (the same integer rule as the weekly
 * "menurun" flag: now × 100 ≤ before × (100 − dropPercent)). The indicators a koordinator scores by
 * hand are not compared here: they change only when someone scores again.
 *
 * The ketua and the koordinators whose area holds the RT are told when what fell changes (not every
 * week the RT stays below its level), with what fell and, for each fallen indicator, the rubric's
 * "2" line as what to aim for; a koordinator gets one message a week for all their RTs.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { lockRequest } from "../../db/request-lock.js";
import { botState } from "../../db/schema/index.js";
import { addressName } from "../../messages/address.js";
import { formatCalendarDay, rtNumber } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { eventKey, noticeTo, queueNotices, type Notice } from "../../messages/notices.js";
import { translateIn, type Texts, type Translate } from "../../messages/translate.js";
import { formatLocalDate, wibDate, type LocalDate } from "../schedule/wib.js";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from "../scores/config.js";
import { rtNames, type RtNames } from "../scores/digest-queries.js";
import { AUTOMATIC_CODES, rubricKey, shortLabelKey, type AutomaticCode } from "../scores/indicators.js";
import type { RtSelection } from "../scores/metrics.js";
import { computeScorecards } from "../scores/scorecard.js";
import { wibWeekStart } from "../scores/weeks.js";
import { rtKeepers, titleHolders, type KeepingRecipient, type TitleHolder } from "./holders.js";

export type FallenIndicator = { code: AutomaticCode; before: number; now: number };

export type Decline = {
  rtId: number;
  titleId: number;
  awardedOn: string;
  /** Automatic indicators whose level is below the baseline's, in catalogue order. */
  indicators: FallenIndicator[];
  /** Set when the participating households fell by at least dropPercent. */
  households: { before: number; now: number; dropPercent: number } | null;
};

/** What fell for one holder, from its baseline and its scorecard now; null when nothing did. */
export function declineOf(
  holder: Pick<TitleHolder, "rtId" | "titleId" | "awardedOn" | "baseline">,
  now: { automatic: Partial<Record<AutomaticCode, number>>; participatingHouseholds: number },
  dropPercent: number,
): Decline | null {
  const baseline = holder.baseline;
  if (!baseline) return null;
  const indicators: FallenIndicator[] = [];
  for (const code of AUTOMATIC_CODES) {
    const before = baseline.automatic[code];
    const current = now.automatic[code];
    if (before !== undefined && current !== undefined && current < before) indicators.push({ code, before, now: current });
  }
  const before = baseline.participatingHouseholds;
  const current = now.participatingHouseholds;
  // Integers only, so "fell by exactly dropPercent" is flagged on every machine.
  const householdsFell = before > 0 && 100 * current <= (100 - dropPercent) * before;
  const households = householdsFell ? { before, now: current, dropPercent: Math.trunc((100 * (before - current)) / before) } : null;
  if (indicators.length === 0 && households === null) return null;
  return { rtId: holder.rtId, titleId: holder.titleId, awardedOn: holder.awardedOn, indicators, households };
}

/**
 * The holders among `rtIds` ("all": every holder) that fell since their award, by RT id: the
 * scorecards of all of them in one set of grouped queries. The other views (/skor, the digests,
 * the re-assessment list) call this.
 */
export async function declineSinceAward(db: Database, rtIds: RtSelection, now: Date, config: ScoreConfig = DEFAULT_SCORE_CONFIG): Promise<Map<number, Decline>> {
  const holders = (await titleHolders(db, rtIds)).filter((holder) => holder.baseline !== null);
  const result = new Map<number, Decline>();
  if (holders.length === 0) return result;
  const scorecards = await computeScorecards(db, holders.map((holder) => holder.rtId), now, config);
  const cardOf = new Map(scorecards.map((card) => [card.rt.rtId, card]));
  for (const holder of holders) {
    const card = cardOf.get(holder.rtId);
    if (!card) continue;
    const automatic: Partial<Record<AutomaticCode, number>> = {};
    for (const indicator of card.indicators) if (indicator.source === "auto") automatic[indicator.code as AutomaticCode] = indicator.score;
    const decline = declineOf(holder, { automatic, participatingHouseholds: card.metrics.participatingHouseholds }, config.fading.dropPercent);
    if (decline) result.set(holder.rtId, decline);
  }
  return result;
}

function localDateOf(text: string): LocalDate {
  const [year, month, day] = text.split("-").map(Number);
  return { year: year!, month: month!, day: day! };
}

/** The lines that say what fell and what to aim for (the /skor section and the notice share them). */
export function declineLines(t: Translate, decline: Decline): string[] {
  const lines: string[] = [];
  for (const fell of decline.indicators) {
    lines.push(t("decline-line-indicator", { code: fell.code, label: t(shortLabelKey(fell.code)), before: fell.before, now: fell.now }));
  }
  if (decline.households) lines.push(t("decline-line-households", { before: decline.households.before, now: decline.households.now, percent: decline.households.dropPercent }));
  lines.push(t("decline-suggestion-title"));
  for (const fell of decline.indicators) lines.push(t("decline-suggestion-indicator", { code: fell.code, rubric: t(rubricKey(fell.code, 2)) }));
  if (decline.households) lines.push(t("decline-suggestion-households"));
  return lines;
}

export function declineNoticeText(t: Translate, locale: string, params: { decline: Decline; place: RtNames; recipient: KeepingRecipient }): string {
  const { decline, place, recipient } = params;
  const header = t("decline-notice-title", {
    name: addressName(t, recipient),
    rt: rtNumber(place.number),
    kelurahan: place.kelurahanName,
    awarded: formatCalendarDay(localDateOf(decline.awardedOn), locale),
  });
  return [header, ...declineLines(t, decline), t("decline-notice-footer")].join("\n");
}

/** The WIB week holding `now`, named by its Monday: "2026-12-07". */
export function weekOf(now: Date): string {
  return formatLocalDate(wibDate(wibWeekStart(now)));
}

export type DeclineJobDeps = { db: Database; i18n: Texts; wakeDelivery?: () => void };

/**
 * What fell, as told: the fallen indicators' codes and whether the households fell ("B3,P1|KK").
 * The households' exact percentage is left out: it moves a little every week, and a fall already
 * told is not news again because it is now 31% instead of 30%.
 */
export function declineFingerprint(decline: Pick<Decline, "indicators" | "households">): string {
  return `${decline.indicators.map((fell) => fell.code).join(",")}|${decline.households ? "KK" : ""}`;
}

/**
 * The last fall told for each RT (rtId → fingerprint), one bot_state row. A small state rather than
 * a search of the outbox: the koordinators' weekly message names many RTs, and an RT without a
 * ketua must not be told again every week either. An RT that recovers leaves it, so a later fall is
 * told again.
 */
const NOTIFIED_KEY = "cycle:decline-notified";

async function notifiedFalls(db: Database): Promise<Map<number, string>> {
  const [row] = await db.select({ value: botState.value }).from(botState).where(eq(botState.key, NOTIFIED_KEY));
  const value = (typeof row?.value === "object" && row.value !== null ? row.value : {}) as Record<string, unknown>;
  return new Map(Object.entries(value).flatMap(([rtId, print]) => (typeof print === "string" ? [[Number(rtId), print] as [number, string]] : [])));
}

/** The koordinator's weekly message: each of their RTs whose fall is new, with what fell. */
export function declineAreaText(t: Translate, locale: string, params: { items: { decline: Decline; place: RtNames }[]; recipient: KeepingRecipient }): string {
  const lines = [t("decline-area-title", { name: addressName(t, params.recipient), count: params.items.length })];
  for (const { decline, place } of params.items) {
    lines.push("", t("decline-area-rt", { rt: rtNumber(place.number), kelurahan: place.kelurahanName, awarded: formatCalendarDay(localDateOf(decline.awardedOn), locale) }), ...declineLines(t, decline));
  }
  return [...lines, "", t("decline-notice-footer")].join("\n");
}

/**
 * The weekly job (Monday morning WIB): a holder whose fall is new (what fell is not what was last
 * told about it) is reported to its ketua, and each koordinator gets one message a week listing
 * the RTs of their area whose fall is new. A fall already told is not told again the next Monday.
 * The notices and the state commit together under one lock: a rerun, a restart or a second
 * instance queues nothing new.
 */
export async function planDeclineNotices(deps: DeclineJobDeps, now: Date, config: ScoreConfig = DEFAULT_SCORE_CONFIG): Promise<{ declining: number; queued: number }> {
  const result = await deps.db.transaction(async (raw) => {
    const tx = raw as unknown as Database;
    await lockRequest(tx, NOTIFIED_KEY);
    const declines = await declineSinceAward(tx, "all", now, config);
    const told = await notifiedFalls(tx);
    const fresh = [...declines.values()].filter((decline) => told.get(decline.rtId) !== declineFingerprint(decline));
    const state = Object.fromEntries([...declines.values()].map((decline) => [String(decline.rtId), declineFingerprint(decline)]));
    await tx.insert(botState).values({ key: NOTIFIED_KEY, value: state, updatedAt: now }).onConflictDoUpdate({ target: botState.key, set: { value: state, updatedAt: now } });
    if (fresh.length === 0) return { declining: declines.size, queued: 0 };
    const rtIds = fresh.map((decline) => decline.rtId);
    const [keepers, names] = await Promise.all([rtKeepers(tx, rtIds), rtNames(tx, rtIds)]);
    const week = weekOf(now);
    const notices: Notice[] = [];
    const areas = new Map<number, { recipient: KeepingRecipient; items: { decline: Decline; place: RtNames }[] }>();
    for (const decline of fresh) {
      const place = names.get(decline.rtId);
      const people = keepers.get(decline.rtId);
      if (!place || !people) continue;
      // The week and the RT: told once a week at most (the locale test reads templates inside noticeTo as keys).
      const event = eventKey("decline", `${week}:${decline.rtId}`);
      for (const recipient of people.ketuas) {
        const locale = supportedLocale(recipient.locale);
        notices.push(...noticeTo(recipient, event, declineNoticeText(translateIn(deps.i18n, locale), locale, { decline, place, recipient })));
      }
      for (const recipient of people.koordinators) {
        const area = areas.get(recipient.personId) ?? { recipient, items: [] };
        areas.set(recipient.personId, area);
        area.items.push({ decline, place });
      }
    }
    const areaEvent = eventKey("decline", `${week}:area`);
    for (const { recipient, items } of areas.values()) {
      const locale = supportedLocale(recipient.locale);
      notices.push(...noticeTo(recipient, areaEvent, declineAreaText(translateIn(deps.i18n, locale), locale, { items, recipient })));
    }
    return { declining: declines.size, queued: await queueNotices(tx, now, notices) };
  });
  if (result.queued > 0) deps.wakeDelivery?.();
  return result;
}
