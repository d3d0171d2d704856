import { InlineKeyboard } from "grammy";
import type { ReadingLogView } from "../domain/pojok-baca/reading-log.js";
import { readingConfirm, readingReject } from "./buttons/pojok-baca.js";
import { formatWhen } from "./format.js";
import type { Translate } from "./translate.js";

/** A resident's reading report as the keepers read it (in their notice and in /konfirmasibaca). */
export function readingRequestText(t: Translate, log: Pick<ReadingLogView, "name" | "title" | "minutes" | "loggedAt">, locale: string): string {
  return t("reading-log-request", { name: log.name ?? "-", title: log.title, minutes: log.minutes, when: formatWhen(new Date(log.loggedAt), locale) });
}

/** The keepers' buttons on a resident's reading report. */
export function readingDecisionKeyboard(t: Translate, logId: number): InlineKeyboard {
  return new InlineKeyboard().text(t("button-reading-confirm"), readingConfirm.data({ log: logId })).text(t("button-reading-reject"), readingReject.data({ log: logId }));
}
