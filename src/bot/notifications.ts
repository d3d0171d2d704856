import { InlineKeyboard } from "grammy";
import type { Decision } from "../domain/membership/membership.js";
import { findMembership } from "../domain/membership/membership.js";
import { findLocale } from "../domain/people/person.js";
import { listApprovers } from "../domain/roles/roles.js";
import { getRt } from "../domain/rt/rt.js";
import { queueNotices as queueNoticesOn, eventKey, type Notice } from "../messages/notices.js";
import type { BotDeps } from "./deps.js";
import { rtVars } from "../messages/format.js";

export { eventKey, type Notice };

export async function queueNotices(deps: Pick<BotDeps, "db" | "clock" | "wakeDelivery">, notices: Notice[]): Promise<number> {
  const queued = await queueNoticesOn(deps.db, deps.clock(), notices);
  if (queued > 0) deps.wakeDelivery();
  return queued;
}

export function decisionKeyboard(deps: Pick<BotDeps, "i18n">, locale: string, membershipId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(deps.i18n.t(locale, "button-approve"), `mb:ok:${membershipId}`)
    .text(deps.i18n.t(locale, "button-reject"), `mb:no:${membershipId}`);
}

/** Tells the ketua (or, for an RT without one, its koordinator) that someone asks to join. */
export async function notifyJoinRequest(deps: BotDeps, membershipId: number): Promise<{ role: "ketua_rt" | "koordinator"; recipients: number }> {
  const member = await findMembership(deps.db, membershipId);
  if (!member) return { role: "ketua_rt", recipients: 0 };
  const place = await getRt(deps.db, member.rtId);
  const approvers = await listApprovers(deps.db, place);
  await queueNotices(
    deps,
    approvers.recipients.map((recipient) => ({
      event: eventKey("join-request", membershipId),
      chatId: recipient.telegramId,
      personId: recipient.personId,
      text: deps.i18n.t(recipient.locale, "membership-request-received", {
        name: member.displayName ?? "-",
        household: member.householdLabel ?? "-",
        ...rtVars(place),
      }),
      replyMarkup: decisionKeyboard(deps, recipient.locale, membershipId),
    })),
  );
  return { role: approvers.role, recipients: approvers.recipients.length };
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

/** Tells the resident what became of their membership (approved, rejected, removed). */
export async function notifyMember(deps: BotDeps, decision: Decision, messageKey: string): Promise<void> {
  const { member, rt } = decision;
  await notifyPerson(deps, member, eventKey(messageKey, member.id), messageKey, rtVars(rt));
}
