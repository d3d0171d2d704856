import { asc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, rt } from "../../../src/db/schema/index.js";
import { loadActor } from "../../../src/domain/people/actor.js";
import { makeAndPostRota } from "../../../src/domain/ronda/posting.js";
import { saveRondaSetup, setUnavailableWeekday, setVolunteering } from "../../../src/domain/ronda/watch.js";
import { withTestDatabase } from "../../helpers/database.js";
import { serviceDeps } from "../../helpers/service-deps.js";
import { addKetua, addMember, addRt, newUser } from "../../helpers/fixtures.js";

const database = withTestDatabase();
const NOW = new Date("2026-11-22T03:00:00Z"); // Minggu 22 November 2026, 10.00 WIB
const GROUP_ID = -100123;

/** RT 05 with a group, its watch set (Jumat and Sabtu, 2 a night) and four volunteers. */
async function readyToRota() {
  const place = await addRt(database.db, 5);
  await database.db.update(rt).set({ groupChatId: GROUP_ID }).where(eq(rt.id, place.id));
  const ketuaUser = newUser("Harun");
  await addKetua(database.db, ketuaUser, place.id);
  const ketua = await loadActor(database.db, ketuaUser.id, []);
  await saveRondaSetup(database.db, ketua, { nights: [5, 6], start: { hour: 22, minute: 0 }, end: { hour: 4, minute: 0 }, post: "Pos kamling", perShift: 2 }, NOW);
  const volunteers = [];
  for (const name of ["Adi", "Bayu", "Candra", "Dedi"]) {
    const user = newUser(name);
    await addMember(database.db, user, place.id, name);
    volunteers.push(user);
    await setVolunteering(database.db, await loadActor(database.db, user.id, []), true, NOW);
  }
  return { ketua, ketuaUser, volunteers };
}

const rotaMessages = async () =>
  database.db.select({ key: outbox.dedupeKey, chatId: outbox.chatId, payload: outbox.payload }).from(outbox).where(like(outbox.dedupeKey, "rota:%")).orderBy(asc(outbox.id));

describe("makeAndPostRota", () => {
  it("queues the rota to the ketua and the group, and a note that it was posted, with the rota itself", async () => {
    const { ketua, ketuaUser } = await readyToRota();
    const deps = serviceDeps(database.db, NOW);
    expect(await makeAndPostRota(deps, ketua, { weeks: 2, now: NOW })).toEqual({ nights: 4 });
    const messages = await rotaMessages();
    expect(messages.map((message) => [message.key.replace(/^rota:\d+:[\d-]+:[0-9a-f]{16}:/, ""), message.chatId])).toEqual([
      ["ketua:0", ketuaUser.id],
      ["group:0", GROUP_ID],
      ["posted", ketuaUser.id],
    ]);
    expect(String((messages[1]!.payload as { text: string }).text)).toContain("Giliran ronda");
    expect(deps.woken).toBe(1);
  });

  it("is idempotent by what the rota says: the same rota made twice is posted once, a changed one again", async () => {
    const { ketua, volunteers } = await readyToRota();
    const deps = serviceDeps(database.db, NOW);
    await makeAndPostRota(deps, ketua, { weeks: 2, now: NOW });
    await makeAndPostRota(deps, ketua, { weeks: 2, now: NOW }); // a double tap
    expect(await rotaMessages()).toHaveLength(3);

    // Dedi cannot do Saturdays any more: the rota made again says something else, and is posted.
    await setUnavailableWeekday(database.db, await loadActor(database.db, volunteers[3]!.id, []), 6, true);
    await makeAndPostRota(deps, ketua, { weeks: 2, now: NOW });
    expect(await rotaMessages()).toHaveLength(6);
  });

  it("keys the posting by when the ketua asked: a job retried after midnight WIB posts the rota once", async () => {
    const { ketua } = await readyToRota();
    await makeAndPostRota(serviceDeps(database.db, NOW), ketua, { weeks: 2, now: NOW });
    // The job's process died after the rota was queued; another takes it the next day (WIB).
    const nextDay = new Date(NOW.getTime() + 24 * 3600_000);
    await makeAndPostRota(serviceDeps(database.db, nextDay), ketua, { weeks: 2, now: NOW });
    expect(await rotaMessages()).toHaveLength(3);
  });
});
