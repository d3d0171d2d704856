import type { Database } from "../../db/client.js";
import { rsvpAnswerKeyboard } from "../../messages/events.js";
import { formatWhen } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { eventKey, noticeTo, queueNotices, type Notice } from "../../messages/notices.js";
import { translateIn, type Texts, type Translate } from "../../messages/translate.js";
import type { Actor } from "../people/actor.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { cancelOccurrence, cancelSeries, createEvent, eventAudience, getOccurrence, rescheduleOccurrence, type Attendee, type EventDraft, type Occurrence } from "./events.js";
import { forgetUnsentReminders } from "./reminder-queries.js";

/**
 * What the ketua does to an RT's events, with the notices that follow, each in one transaction:
 * the RT's members are told (src/domain/events/events.ts `eventAudience`: muted people only when
 * it is about their own plans), one notice each in their own language. The notices' key names the
 * event or the form's change (made when the form opened), so a double tap or a redelivered update
 * tells nobody twice.
 */

type Told = { told: number };

/** One notice per person in `audience`, in their language; `answers` puts the RSVP buttons of that date under it. */
function tell(texts: Texts, audience: Attendee[], event: string, text: (t: Translate, locale: string, kind: string) => string, occurrence: Occurrence, answers = false): Notice[] {
  return audience.flatMap((person) => {
    const locale = supportedLocale(person.locale);
    const t = translateIn(texts, locale);
    return noticeTo(person, event, text(t, locale, t(`event-kind-${occurrence.kind}`)), answers ? rsvpAnswerKeyboard(t, occurrence.id) : undefined);
  });
}

/**
 * /acara's save: creates the event (see createEvent) and tells the RT about its first date, with
 * the answers under it. A repeat of the same form finds the event made and queues nothing new.
 */
export async function scheduleEvent(deps: ServiceDeps, actor: Actor, draft: EventDraft): Promise<Told & { eventId: number; occurrences: number }> {
  return inTransaction(deps, async (tx: Database) => {
    const now = deps.clock();
    const created = await createEvent(tx, actor, draft, now);
    const first = created.firstOccurrenceId === null ? null : await getOccurrence(tx, created.firstOccurrenceId);
    if (!first) return { ...created, told: 0 };
    const audience = await eventAudience(tx, { rtId: first.rtId, kind: first.kind, occurrenceIds: [first.id], except: actor.person?.id ?? null });
    const notes = draft.notes;
    await queueNotices(
      tx,
      now,
      tell(deps.i18n, audience, eventKey("event-created", created.eventId), (t, locale, kind) =>
        [t("event-created-notice", { kind, when: formatWhen(first.startsAt, locale), place: first.place }), notes ? t("event-created-notice-notes", { notes }) : null, t("event-created-notice-answer")].filter(Boolean).join("\n"),
      first, true),
    );
    return { eventId: created.eventId, occurrences: created.occurrences, told: audience.length };
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
      tell(deps.i18n, changed.notify, eventKey("event-change", params.requestKey), (t, locale, kind) =>
        t("event-changed-notice", { kind, before: formatWhen(before.startsAt, locale), when: formatWhen(after.startsAt, locale), place: after.place }),
      after, true),
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
      tell(deps.i18n, result.notify, eventKey("event-change", params.requestKey), (t, locale, kind) => t(key, { kind, when: formatWhen(result.occurrence.startsAt, locale) }), result.occurrence),
    );
    return { told: result.notify.length };
  });
}
