import { findLocale } from "../domain/people/person.js";
import { queueNotices as queueNoticesOn, eventKey, type Notice } from "../messages/notices.js";
import type { BotDeps } from "./deps.js";

// Transitional: the people area's notices moved into its services (membership, roles). What is
// left here is used by other areas' handlers until their services queue their own notices.
export { eventKey, type Notice };

export async function queueNotices(deps: Pick<BotDeps, "db" | "clock" | "wakeDelivery">, notices: Notice[]): Promise<number> {
  const queued = await queueNoticesOn(deps.db, deps.clock(), notices);
  if (queued > 0) deps.wakeDelivery();
  return queued;
}

/** Tells a person something in their own language; `event` names what happened, once. */
export async function notifyPerson(
  deps: BotDeps,
  recipient: { personId: number | null; telegramId: number | null },
  event: string,
  messageKey: string,
  vars: Record<string, string | number>,
): Promise<void> {
  if (recipient.telegramId === null) return; // erased: nobody to tell
  const locale = (await findLocale(deps.db, recipient.telegramId)) ?? "id";
  await queueNotices(deps, [{ event, chatId: recipient.telegramId, personId: recipient.personId, text: deps.i18n.t(locale, messageKey, vars) }]);
}
