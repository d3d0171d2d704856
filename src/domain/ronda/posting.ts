import { createHash } from "node:crypto";
import type { Database } from "../../db/client.js";
import { enqueueMessages, PRIORITY, type NewOutboxMessage } from "../../delivery/outbox.js";
import { chunkLines, rtVars } from "../../messages/format.js";
import { supportedLocale } from "../../messages/locale.js";
import { rotaTable } from "../../messages/ronda.js";
import { translateIn } from "../../messages/translate.js";
import { requireHeadedRt, type Actor } from "../people/actor.js";
import { getRt } from "../rt/rt.js";
import { formatLocalDate, wibDate } from "../schedule/wib.js";
import { inTransaction, type ServiceDeps } from "../service.js";
import { generateShifts, ROTA_WEEKS_MAX } from "./watch.js";

/** The language a group is written to: a group has no one language, so Indonesian. */
const GROUP_LOCALE = "id";

/**
 * /buatjadwalronda: makes the rota and queues its posting in one transaction: the table to the ketua (in
 * their language) and, when the RT has a group, to the group in Indonesian with a note to the ketua
 * that it was posted. The messages are keyed by what the rota says, for the day: the same rota made
 * again (a double tap, a redelivery) is not posted twice; a changed one (after a swap, other
 * nights) is. `now` is when the ketua asked (a job's request time), not when the job runs: a retry
 * after midnight WIB makes the same rota under the same day's key, not a second posting.
 * Returns how many nights the rota has.
 */
export async function makeAndPostRota(deps: ServiceDeps, actor: Actor, params: { weeks: number; now: Date }): Promise<{ nights: number }> {
  const weeks = Math.min(params.weeks, ROTA_WEEKS_MAX);
  return inTransaction(deps, async (tx: Database) => {
    const { now } = params;
    const place = await getRt(tx, requireHeadedRt(actor));
    const { shifts, shortfalls } = await generateShifts(tx, actor, weeks, now);
    const locale = supportedLocale(actor.person?.locale);
    const t = translateIn(deps.i18n, locale);
    const header = t("rota-title", { ...rtVars(place), weeks });
    const lines = rotaTable(t, shifts, locale);
    if (shortfalls.length > 0) lines.push("", t("rota-shortfalls", { count: shortfalls.length }));
    const content = createHash("sha256").update([header, ...lines].join("\n")).digest("hex").slice(0, 16);
    const key = `rota:${place.id}:${formatLocalDate(wibDate(now))}:${content}`;

    // The rota names everyone on watch: a message of it goes if one of them erases their data.
    const named = [...new Set(shifts.flatMap((shift) => shift.people.map((p) => p.personId)))];
    const base = { priority: PRIORITY.notification, notBefore: now, subjectPersonIds: named };
    const ketua = { chatId: actor.telegramId, personId: actor.person?.id ?? null };
    const messages: NewOutboxMessage[] = chunkLines(header, lines).map((text, part) => ({ ...base, ...ketua, dedupeKey: `${key}:ketua:${part}`, payload: { text } }));
    if (place.groupChatId !== null) {
      const group = translateIn(deps.i18n, GROUP_LOCALE);
      const groupText = chunkLines(group("rota-title", { ...rtVars(place), weeks }), rotaTable(group, shifts, GROUP_LOCALE));
      messages.push(...groupText.map((text, part) => ({ ...base, dedupeKey: `${key}:group:${part}`, chatId: place.groupChatId!, personId: null, payload: { text } })));
      messages.push({ ...base, ...ketua, dedupeKey: `${key}:posted`, payload: { text: t("rota-posted-to-group") } });
    }
    await enqueueMessages(tx, messages);
    return { nights: shifts.length };
  });
}
