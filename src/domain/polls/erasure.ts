import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { poll, pollVote, satisfactionAnswer } from "../../db/schema/index.js";
import { promoteNextVoter } from "./votes.js";

// What /hapusdata does to polls (see personal-data-map.ts). Kept apart from polls.ts so the
// erasure map does not import the services (and, through them, the rest of the domain).

/**
 * An erased person's votes: their household becomes their own id (the label goes); on open polls the
 * vote goes, and where it was their household's counted vote the household's next voter holds it.
 */
export async function forgetVotes(tx: Database, personId: number): Promise<void> {
  const gone = await tx
    .delete(pollVote)
    .where(and(eq(pollVote.personId, personId), inArray(pollVote.pollId, tx.select({ id: poll.id }).from(poll).where(eq(poll.status, "open")))))
    .returning({ pollId: pollVote.pollId, household: pollVote.household, counted: pollVote.counted });
  for (const vote of gone) if (vote.counted) await promoteNextVoter(tx, vote.pollId, vote.household);
  await tx.update(pollVote).set({ household: `person:${personId}` }).where(eq(pollVote.personId, personId));
}

/** An erased ketua's questions: the words go, the counts stay (shown as "(dihapus)"). */
export async function forgetPollTexts(tx: Database, personId: number): Promise<void> {
  await tx.execute(sql`update ${poll} set question = '', options = (select coalesce(jsonb_agg('""'::jsonb), '[]'::jsonb) from jsonb_array_elements(${poll.options})) where created_by = ${personId}`);
}

/** A person's satisfaction answers go (their opinion is theirs); the summary then counts the others. */
export async function forgetSatisfaction(tx: Database, personId: number): Promise<void> {
  await tx.delete(satisfactionAnswer).where(eq(satisfactionAnswer.personId, personId));
}
