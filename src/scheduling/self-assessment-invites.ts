/**
 * The quarterly invitation to the penilaian mandiri: on the first Monday of January, April, July
 * and October at 09.00 WIB (jobs.ts runs it every Monday 09.00 of those months; the first run of
 * the quarter queues, the later ones find everything queued and only reach a ketua appointed
 * since, or catch up after the bot was down that Monday). Once per quarter per ketua and RT: the
 * outbox dedupe key names the quarter.
 */
import { InlineKeyboard } from "grammy";
import { quarterOf, quarterVars, selfAssessmentInvitees } from "../domain/cycle/self-assessment.js";
import { addressName } from "../messages/address.js";
import { selfOpen } from "../messages/buttons/keeping.js";
import { supportedLocale } from "../messages/locale.js";
import { eventKey, queueNotices, type Notice } from "../messages/notices.js";
import { translateIn, type Texts } from "../messages/translate.js";
import type { Database } from "../db/client.js";

export type InviteJobDeps = { db: Database; i18n: Texts; wakeDelivery?: () => void };


export async function planSelfAssessmentInvites(deps: InviteJobDeps, now: Date): Promise<{ invited: number; queued: number }> {
  const quarter = quarterOf(now);
  const invitees = await selfAssessmentInvitees(deps.db);
  const notices: Notice[] = invitees.map((invitee) => {
    const locale = supportedLocale(invitee.locale);
    const t = translateIn(deps.i18n, locale);
    return {
      event: eventKey("self-invite", `${quarter.period}:${invitee.rtId}`),
      chatId: invitee.telegramId,
      personId: invitee.personId,
      text: t("selfassess-invite", { ...quarterVars(quarter), name: addressName(t, invitee) }),
      replyMarkup: new InlineKeyboard().text(t("button-selfassess-open"), selfOpen.data({ rt: invitee.rtId })),
    };
  });
  const queued = await queueNotices(deps.db, now, notices);
  if (queued > 0) deps.wakeDelivery?.();
  return { invited: invitees.length, queued };
}
