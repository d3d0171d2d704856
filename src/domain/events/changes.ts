import type { Database } from "../../db/client.js";
import { formatWhen } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { eventKey, noticeTo, queueNotices, type Notice } from "../../messages/notices.js";
import type { Texts } from "../../messages/translate.js";
import type { Actor } from "../people/actor.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { cancelOccurrence, cancelSeries, rescheduleOccurrence, type Attendee, type Occurrence } from "./events.js";
import { forgetUnsentReminders } from "./reminder-queries.js";

/**
 * /ubahacara's changes to one date. Each runs in one transaction with what follows from it: the
 * reminders queued for the old time are forgotten, and those who said "Hadir" are told in their own
 * language. `requestKey` is made when the form opened, so a redelivered update tells nobody twice.
 */

type Told = { told: number };

function tell(texts: Texts, attendees: Attendee[], event: string, text: (locale: string, kind: string) => string, occurrence: Occurrence): Notice[] {
  return attendees.flatMap((attendee) => {
    const locale = supportedLocale(attendee.locale);
    return noticeTo(attendee, event, text(locale, texts.t(locale, `event-kind-${occurrence.kind}`)));
  });
}

/** Moves one date and/or changes its place. Moving it again to where it is changes nothing. */
export async function changeOccurrence(
  deps: ServiceDeps,
  actor: Actor,
  params: { occurrenceId: number; startsAt: Date; place?: string; requestKey: string },
): Promise<Told & { startsAt: Date; place: string }> {
  return inTransaction(deps, async (tx: Database) => {
    const now = deps.clock();
    const changed = await rescheduleOccurrence(tx, actor, params.occurrenceId, { startsAt: params.startsAt, place: params.place }, now);
    const result = { startsAt: changed.after.startsAt, place: changed.after.place, told: changed.notify.length };
    if (!changed.moved) return result;
    // Queued reminders carry the old time and place, and their keys would block new ones.
    await forgetUnsentReminders(tx, params.occurrenceId);
    const { before, after } = changed;
    await queueNotices(
      tx,
      now,
      tell(deps.i18n, changed.notify, eventKey("event-change", params.requestKey), (locale, kind) =>
        deps.i18n.t(locale, "event-changed-notice", { kind, before: formatWhen(before.startsAt, locale), when: formatWhen(after.startsAt, locale), place: after.place }),
      after),
    );
    return result;
  });
}

/** Cancels one date, or it and every later one of its series. Cancelling twice tells nobody again. */
export async function cancelOccurrences(deps: ServiceDeps, actor: Actor, params: { occurrenceId: number; scope: "one" | "series"; requestKey: string }): Promise<Told> {
  return inTransaction(deps, async (tx: Database) => {
    const now = deps.clock();
    const result = params.scope === "one" ? await cancelOccurrence(tx, actor, params.occurrenceId, now) : await cancelSeries(tx, actor, params.occurrenceId, now);
    const key = params.scope === "one" ? "event-cancelled-notice" : "event-series-cancelled-notice";
    await queueNotices(
      tx,
      now,
      tell(deps.i18n, result.notify, eventKey("event-change", params.requestKey), (locale, kind) => deps.i18n.t(locale, key, { kind, when: formatWhen(result.occurrence.startsAt, locale) }), result.occurrence),
    );
    return { told: result.notify.length };
  });
}
