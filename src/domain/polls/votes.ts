import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { pollVote } from "../../db/schema/index.js";

/**
 * A household's vote on a poll, when the voter who held it is gone (took it back, was erased, changed
 * household or left the RT): the household's next voter, by the time they voted, holds it now. Returns
 * that voter's person id (to tell them their vote counts), or null when nobody else of the household
 * voted or someone already holds it. Kept apart from polls.ts so erasure can use it without the services.
 */
export async function promoteNextVoter(tx: Database, pollId: number, household: string): Promise<number | null> {
  const [row] = await queryRows<{ person_id: number }>(tx, sql`
    update ${pollVote} set counted = true
    where (poll_id, person_id) = (
      select poll_id, person_id from ${pollVote} where poll_id = ${pollId} and household = ${household} and not counted
      order by voted_at, person_id limit 1)
      and not exists (select 1 from ${pollVote} where poll_id = ${pollId} and household = ${household} and counted)
    returning person_id`);
  return row ? Number(row.person_id) : null;
}
