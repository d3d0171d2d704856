import { InlineKeyboard, type Api } from "grammy";
import type { Decision } from "../domain/membership/membership.js";
import { findMembership } from "../domain/membership/membership.js";
import { listApprovers, type Recipient } from "../domain/roles/roles.js";
import { getRt } from "../domain/rt/rt.js";
import { findLocale } from "../domain/people/person.js";
import type { BotDeps } from "./deps.js";
import { rtVars } from "./format.js";

/**
 * Messages the bot sends to someone other than the person it is answering. A recipient who
 * blocked the bot must not break the sender's flow, so failures are logged and counted.
 * (The delivery outbox will take these over.)
 */
export async function sendQuietly(api: Api, deps: Pick<BotDeps, "logger">, chatId: number, text: string, extra: Parameters<Api["sendMessage"]>[2] = {}): Promise<boolean> {
  try {
    await api.sendMessage(chatId, text, extra);
    return true;
  } catch (error) {
    deps.logger.warn({ err: error, chatId }, "notification not delivered");
    return false;
  }
}

export function decisionKeyboard(deps: Pick<BotDeps, "i18n">, locale: string, membershipId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(deps.i18n.t(locale, "button-approve"), `mb:ok:${membershipId}`)
    .text(deps.i18n.t(locale, "button-reject"), `mb:no:${membershipId}`);
}

/** Tells the ketua (or, for an RT without one, its koordinator) that someone asks to join. */
export async function notifyJoinRequest(api: Api, deps: BotDeps, membershipId: number): Promise<{ role: "ketua_rt" | "koordinator"; delivered: number }> {
  const member = await findMembership(deps.db, membershipId);
  if (!member) return { role: "ketua_rt", delivered: 0 };
  const place = await getRt(deps.db, member.rtId);
  const approvers = await listApprovers(deps.db, place);
  let delivered = 0;
  for (const recipient of approvers.recipients) {
    const text = deps.i18n.t(recipient.locale, "membership-request-received", {
      name: member.displayName ?? "-",
      household: member.householdLabel ?? "-",
      ...rtVars(place),
    });
    if (await sendQuietly(api, deps, recipient.telegramId, text, { reply_markup: decisionKeyboard(deps, recipient.locale, membershipId) })) delivered++;
  }
  return { role: approvers.role, delivered };
}

export async function notifyMember(api: Api, deps: BotDeps, decision: Decision, key: string): Promise<void> {
  const telegramId = decision.member.telegramId;
  if (telegramId === null) return;
  const locale = (await findLocale(deps.db, telegramId)) ?? "id";
  await sendQuietly(api, deps, telegramId, deps.i18n.t(locale, key, rtVars(decision.rt)));
}

export async function notifyRecipient(api: Api, deps: BotDeps, recipient: Pick<Recipient, "telegramId" | "locale">, key: string, vars: Record<string, string | number>): Promise<void> {
  await sendQuietly(api, deps, recipient.telegramId, deps.i18n.t(recipient.locale, key, vars));
}
