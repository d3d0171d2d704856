import type { ShiftView } from "../domain/ronda/watch.js";
import { formatClock, formatWhen } from "./format.js";
import type { Translate } from "./translate.js";

/** The rota as a table people can read in a chat: one line per night. */
export function rotaTable(t: Translate, shifts: ShiftView[], locale: string): string[] {
  return shifts.map((shift) =>
    t("rota-line", {
      when: formatWhen(shift.startsAt, locale),
      end: formatClock(shift.endsAt, locale),
      people: shift.people.length ? shift.people.map((p) => p.name ?? "-").join(", ") : "—",
    }),
  );
}
