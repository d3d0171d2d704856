import type { Database } from "../../db/client.js";
import { formatWhen } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { about, eventKey, noticeTo, queueNotices, type Notice, type Recipient } from "../../messages/notices.js";
import { swapOfferKeyboard } from "../../messages/ronda.js";
import { translateIn } from "../../messages/translate.js";
import type { Actor } from "../people/actor.js";
import { findLocale } from "../people/person.js";
import { findKetua } from "../roles/roles.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { acceptSwap, requestSwap } from "./watch.js";

/**
 * /rotaku → "Tukar": the request and the offers to the volunteers free that night, in one
 * transaction. Asking again for the same shift reopens nothing and offers nothing twice (the offers
 * are keyed by the request). Returns how many were asked.
 */
export async function askForSwap(deps: ServiceDeps, actor: Actor, params: { occurrenceId: number }): Promise<{ asked: number }> {
  return inTransaction(deps, async (tx: Database) => {
    const now = deps.clock();
    const { swapId, candidates, startsAt } = await requestSwap(tx, actor, params.occurrenceId, now);
    const name = actor.person?.displayName ?? "-";
    const notices = candidates.flatMap((candidate) => {
      const locale = supportedLocale(candidate.locale);
      const text = deps.i18n.t(locale, "swap-offer", { name, when: formatWhen(startsAt, locale) });
      return noticeTo(candidate, eventKey("swap-offer", swapId), text, swapOfferKeyboard(translateIn(deps.i18n, locale), swapId));
    });
    await queueNotices(tx, now, about([actor.person?.id], notices));
    return { asked: candidates.length };
  });
}

/**
 * "Ambil": takes over the shift, and tells the requester and the ketua, in one transaction. Only
 * the first taker gets it; a second tap is refused by acceptSwap and tells nobody.
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
    const notices = [...(await tell(taken.from, "swap-taken-requester")), ...(ketua ? await tell(ketua, "swap-taken-ketua") : [])];
    await queueNotices(tx, now, about([actor.person?.id, taken.from.personId], notices));
    return { startsAt: taken.startsAt };
  });
}
