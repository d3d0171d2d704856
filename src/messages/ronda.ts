import { InlineKeyboard } from "grammy";
import type { ShiftView } from "../domain/ronda/watch.js";
import { swapTake } from "./buttons/ronda.js";
import { formatClock, formatWibDay } from "./format.js";
import type { Translate } from "./translate.js";

/** The rota as a table people can read in a chat: one line per night. */
export function rotaTable(t: Translate, shifts: ShiftView[], locale: string): string[] {
  return shifts.map((shift) =>
    t("rota-line", {
      day: formatWibDay(shift.startsAt, locale),
      start: formatClock(shift.startsAt, locale),
      end: formatClock(shift.endsAt, locale),
      people: shift.people.length ? shift.people.map((p) => p.name ?? "-").join(", ") : "—",
    }),
  );
}

/** The button under a swap offer, in the volunteer's language. */
export function swapOfferKeyboard(t: Translate, swapId: number): InlineKeyboard {
  return new InlineKeyboard().text(t("button-swap-take"), swapTake.data({ swap: swapId }));
}
