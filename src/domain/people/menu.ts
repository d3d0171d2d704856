import { inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { commandMenu, person } from "../../db/schema/index.js";

/**
 * The people's "/" menus are out of date: called in the transaction that changes what they may run
 * (a role, a membership, their language, an erasure), so the change and the wish to push it commit
 * together. Marking twice before the push sends one menu (delivery/menus.ts reads the roles then).
 * A person without a Telegram id (erased) is skipped: an erasure marks before the id is blanked.
 * A row a push holds (leased: not_before in the future) keeps its time, so two pushes for one chat
 * never run at once: the push settles, and the mark's newer generation goes next. Rows are taken in
 * the people's order, so two transactions marking the same people do not deadlock.
 */
export async function wantMenus(tx: Database, personIds: readonly (number | null | undefined)[], now: Date): Promise<void> {
  const ids = [...new Set(personIds.filter((id): id is number => typeof id === "number"))];
  if (ids.length === 0) return;
  await tx.execute(sql`
    insert into ${commandMenu} (person_id, chat_id, not_before)
    select ${person.id}, ${person.telegramId}, ${now.toISOString()}::timestamptz from ${person}
    where ${inArray(person.id, ids)} and ${person.telegramId} is not null
    order by ${person.id}
    on conflict (person_id) do update
      set chat_id = excluded.chat_id, generation = ${commandMenu}.generation + 1,
        not_before = greatest(${commandMenu}.not_before, excluded.not_before), attempts = 0
  `);
}
