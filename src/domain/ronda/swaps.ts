import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { eventOccurrence, outbox, shiftAssignment } from "../../db/schema/index.js";
import { formatWhen } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { about, dedupeKeyOf, eventKey, noticeTo, queueNotices, type Notice, type Recipient } from "../../messages/notices.js";
import { swapOfferKeyboard } from "../../messages/ronda.js";
import { translateIn } from "../../messages/translate.js";
import type { Actor } from "../people/actor.js";
import { findLocale } from "../people/person.js";
import { findKetua } from "../roles/roles.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { acceptSwap, openSwapRequest, requestSwap, withdrawSwapRequest, type Candidate } from "./watch.js";

/**
 * The offers of one request, each in the volunteer's language, keyed by the request: asking again
 * for the same night offers nothing twice. `name` is who asks; null for a night freed by someone
 * who left (the offer then names nobody).
 */
function offers(deps: ServiceDeps, params: { swapId: number; candidates: Candidate[]; startsAt: Date; name: string | null }): Notice[] {
  return params.candidates.flatMap((candidate) => {
    const locale = supportedLocale(candidate.locale);
    const when = formatWhen(params.startsAt, locale);
    const text = params.name === null ? deps.i18n.t(locale, "ronda-gap-offer", { when }) : deps.i18n.t(locale, "swap-offer", { name: params.name, when });
    // Its own key: an offer the person made before leaving may be queued under "swap-offer" and is dropped with an erasure.
    const kind = params.name === null ? "ronda-gap-offer" : "swap-offer";
    return noticeTo(candidate, eventKey(kind, params.swapId), text, swapOfferKeyboard(translateIn(deps.i18n, locale), params.swapId));
  });
}

/**
 * /giliranku → "Tukar": the request and the offers to the volunteers free that night, in one
 * transaction. Asking again for the same shift reopens nothing and offers nothing twice (the offers
 * are keyed by the request). Returns how many were asked.
 */
export async function askForSwap(deps: ServiceDeps, actor: Actor, params: { occurrenceId: number }): Promise<{ asked: number }> {
  return inTransaction(deps, async (tx: Database) => {
    const now = deps.clock();
    const { swapId, candidates, startsAt } = await requestSwap(tx, actor, params.occurrenceId, now);
    await queueNotices(tx, now, about([actor.person?.id], offers(deps, { swapId, candidates, startsAt, name: actor.person?.displayName ?? "-" })));
    return { asked: candidates.length };
  });
}

/**
 * "Tidak bisa" on one's own coming ronda night, inside the RSVP's transaction: the same swap request
 * as "Tukar" (so a double tap, or "Tukar" after it, is one request and one round of offers), and
 * the ketua is told once per request. Nothing when the person is not on that night; once the shift
 * has begun, only the ketua is told (once), with no offers.
 */
export async function cannotWatch(deps: ServiceDeps, tx: Database, actor: Actor, params: { occurrenceId: number; rtId: number; now: Date }): Promise<{ asked: number } | null> {
  const personId = actor.person?.id;
  if (personId === undefined) return null;
  const [mine] = await tx
    .select({ startsAt: eventOccurrence.startsAt })
    .from(shiftAssignment)
    .innerJoin(eventOccurrence, eq(eventOccurrence.id, shiftAssignment.occurrenceId))
    .where(and(eq(shiftAssignment.occurrenceId, params.occurrenceId), eq(shiftAssignment.personId, personId)));
  if (!mine) return null;
  const name = actor.person?.displayName ?? "-";
  if (mine.startsAt.getTime() <= params.now.getTime()) {
    // The shift has begun (setRsvp takes answers until it ends): too late to offer it, but the ketua must know tonight.
    const ketua = await findKetua(tx, params.rtId);
    if (ketua && ketua.personId !== personId) {
      const locale = supportedLocale(ketua.locale);
      const text = deps.i18n.t(locale, "ronda-cannot-now-ketua", { name, when: formatWhen(mine.startsAt, locale) });
      await queueNotices(tx, params.now, about([personId], noticeTo(ketua, eventKey("ronda-cannot-now", [params.occurrenceId, personId].join(":")), text)));
    }
    return { asked: 0 };
  }
  const { swapId, candidates, startsAt } = await requestSwap(tx, actor, params.occurrenceId, params.now);
  const notices = offers(deps, { swapId, candidates, startsAt, name });
  const ketua = await findKetua(tx, params.rtId);
  if (ketua && ketua.personId !== personId) {
    const locale = supportedLocale(ketua.locale);
    notices.push(...noticeTo(ketua, eventKey("ronda-cannot", swapId), deps.i18n.t(locale, "ronda-cannot-ketua", { name, when: formatWhen(startsAt, locale), count: candidates.length })));
  }
  await queueNotices(tx, params.now, about([personId], notices));
  return { asked: candidates.length };
}

/**
 * "Akan hadir" after "Tidak bisa", inside the RSVP's transaction: the open request is withdrawn and
 * the ketua, who was told of it, is told the night is covered again (once per request). Offers
 * tapped afterwards answer that the night is settled (acceptSwap refuses a closed request).
 */
export async function canWatchAgain(deps: ServiceDeps, tx: Database, actor: Actor, params: { occurrenceId: number; rtId: number; now: Date }): Promise<void> {
  const personId = actor.person?.id;
  if (personId === undefined) return;
  const swapId = await withdrawSwapRequest(tx, { occurrenceId: params.occurrenceId, personId, now: params.now });
  if (swapId === null) return;
  const ketua = await findKetua(tx, params.rtId);
  if (!ketua || ketua.personId === personId) return;
  const [night] = await tx.select({ startsAt: eventOccurrence.startsAt }).from(eventOccurrence).where(eq(eventOccurrence.id, params.occurrenceId));
  const locale = supportedLocale(ketua.locale);
  const text = deps.i18n.t(locale, "ronda-can-again-ketua", { name: actor.person?.displayName ?? "-", when: formatWhen(night!.startsAt, locale) });
  await queueNotices(tx, params.now, about([personId], noticeTo(ketua, eventKey("ronda-can-again", swapId), text)));
}

/**
 * Someone leaves the watch for good (left the RT, was removed, erased their data): their coming
 * nights in the RT are freed, in the transaction of the leaving. Each freed night gets a request
 * for someone to fill it, offered to the volunteers free that night (naming nobody), and the ketua
 * gets one notice listing the nights. `name` is null for an erasure: the ketua's notice then does
 * not say who it was, and is not marked as about them (it holds nothing of theirs).
 */
export async function freeComingNights(deps: ServiceDeps, tx: Database, params: { personId: number; rtId: number; name: string | null; now: Date }): Promise<{ freed: number }> {
  const { personId, rtId, now } = params;
  const nights = await tx
    .select({ occurrenceId: eventOccurrence.id, startsAt: eventOccurrence.startsAt })
    .from(shiftAssignment)
    .innerJoin(eventOccurrence, eq(eventOccurrence.id, shiftAssignment.occurrenceId))
    .where(and(eq(shiftAssignment.personId, personId), eq(eventOccurrence.rtId, rtId), eq(eventOccurrence.kind, "ronda"), gt(eventOccurrence.startsAt, now), isNull(eventOccurrence.cancelledAt)))
    .orderBy(asc(eventOccurrence.startsAt));
  if (nights.length === 0) return { freed: 0 };
  const notices: Notice[] = [];
  const asked: number[] = [];
  for (const night of nights) {
    // The request is opened while the person is still on the night, so they are not among those asked.
    const { swapId, candidates } = await openSwapRequest(tx, { occurrenceId: night.occurrenceId, fromPersonId: personId, rtId, startsAt: night.startsAt, now });
    await tx.delete(shiftAssignment).where(and(eq(shiftAssignment.occurrenceId, night.occurrenceId), eq(shiftAssignment.personId, personId)));
    // A "Tukar" asked before leaving is the same open request: who already has its offer is not asked twice.
    const offered = await alreadyOffered(tx, { swapId, candidates, erased: params.name === null });
    notices.push(...offers(deps, { swapId, candidates: candidates.filter((c) => !offered.has(c.personId)), startsAt: night.startsAt, name: null }));
    asked.push(candidates.length);
  }
  const ketua = await findKetua(tx, rtId);
  if (ketua && ketua.personId !== personId) {
    const locale = supportedLocale(ketua.locale);
    const lines = nights.map((night, i) => deps.i18n.t(locale, "ronda-gap-line", { when: formatWhen(night.startsAt, locale), count: asked[i]! }));
    const text = params.name === null ? deps.i18n.t(locale, "ronda-gaps-ketua-erased", { nights: lines.join("\n") }) : deps.i18n.t(locale, "ronda-gaps-ketua", { name: params.name, nights: lines.join("\n") });
    // Keyed by the person and the first night freed: the same leaving warns once, a later one again.
    const event = eventKey("ronda-gaps", [personId, nights[0]!.occurrenceId].join(":"));
    const warning = noticeTo(ketua, event, text);
    notices.push(...(params.name === null ? warning : about([personId], warning)));
  }
  await queueNotices(tx, now, notices);
  return { freed: nights.length };
}

/**
 * The candidates who have the request's "swap-offer" already (queued or sent). For an erasure only
 * those sent count: the queued ones name the person and are cancelled with the erasure.
 */
async function alreadyOffered(tx: Database, params: { swapId: number; candidates: Candidate[]; erased: boolean }): Promise<Set<number>> {
  if (params.candidates.length === 0) return new Set();
  const keyOf = (c: Candidate) => dedupeKeyOf({ event: eventKey("swap-offer", params.swapId), chatId: c.telegramId, personId: c.personId });
  const statuses = params.erased ? (["sending", "sent"] as const) : (["pending", "sending", "sent"] as const);
  const rows = await tx.select({ key: outbox.dedupeKey }).from(outbox).where(and(inArray(outbox.dedupeKey, params.candidates.map(keyOf)), inArray(outbox.status, [...statuses])));
  const keys = new Set(rows.map((row) => row.key));
  return new Set(params.candidates.filter((c) => keys.has(keyOf(c))).map((c) => c.personId));
}

/** An erasure frees the person's coming nights in every RT they were on watch in (one, in practice). */
export async function freeComingNightsOnErasure(deps: ServiceDeps, tx: Database, params: { personId: number; now: Date }): Promise<{ freed: number }> {
  const rts = await tx
    .selectDistinct({ rtId: eventOccurrence.rtId })
    .from(shiftAssignment)
    .innerJoin(eventOccurrence, eq(eventOccurrence.id, shiftAssignment.occurrenceId))
    .where(and(eq(shiftAssignment.personId, params.personId), gt(eventOccurrence.startsAt, params.now)));
  let freed = 0;
  for (const { rtId } of rts) freed += (await freeComingNights(deps, tx, { personId: params.personId, rtId, name: null, now: params.now })).freed;
  return { freed };
}

/**
 * "Ambil": takes over the shift, and tells the requester and the ketua, in one transaction. Only
 * the first taker gets it; a second tap is refused by acceptSwap and tells nobody. A night freed by
 * someone who left tells only the ketua, without naming who left.
 */
export async function takeSwap(deps: ServiceDeps, actor: Actor, params: { swapId: number }): Promise<{ startsAt: Date }> {
  return inTransaction(deps, async (tx: Database) => {
    const now = deps.clock();
    const taken = await acceptSwap(tx, actor, params.swapId, now);
    const event = eventKey("swap-taken", params.swapId);
    const tell = async (recipient: Omit<Recipient, "locale">, key: string): Promise<Notice[]> => {
      if (recipient.telegramId === null) return [];
      const locale = supportedLocale(await findLocale(tx, recipient.telegramId));
      const vars = { name: actor.person?.displayName ?? "-", from: taken.from.name ?? "-", when: formatWhen(taken.startsAt, locale) };
      return noticeTo(recipient, event, deps.i18n.t(locale, key, vars));
    };
    const ketua = await findKetua(tx, taken.rtId);
    if (taken.freed) {
      await queueNotices(tx, now, about([actor.person?.id], ketua ? await tell(ketua, "ronda-gap-filled-ketua") : []));
      return { startsAt: taken.startsAt };
    }
    const notices = [...(await tell(taken.from, "swap-taken-requester")), ...(ketua ? await tell(ketua, "swap-taken-ketua") : [])];
    await queueNotices(tx, now, about([actor.person?.id, taken.from.personId], notices));
    return { startsAt: taken.startsAt };
  });
}
