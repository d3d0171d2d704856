import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rt } from "../../../src/db/schema/index.js";
import { DomainError } from "../../../src/domain/errors.js";
import { loadActor } from "../../../src/domain/people/actor.js";
import { linkGroup, unlinkGroup } from "../../../src/domain/rt/group.js";
import { withTestDatabase } from "../../helpers/database.js";
import { addKetua, addKoordinator, addRt, KELURAHAN_PAYO_SELINCAH, newUser } from "../../helpers/fixtures.js";
import { serviceDeps } from "../../helpers/service-deps.js";

const database = withTestDatabase();
const NOW = new Date("2026-11-22T03:00:00Z");
const GROUP_ID = -100123;

async function ketuaOf(number: number, kelurahanCode?: string) {
  const place = await addRt(database.db, number, kelurahanCode);
  const user = newUser("Ketua", String(number));
  await addKetua(database.db, user, place.id);
  return { place, actor: await loadActor(database.db, user.id, []) };
}

const groupOf = async (id: number) => (await database.db.select({ groupChatId: rt.groupChatId }).from(rt).where(eq(rt.id, id)))[0]?.groupChatId;

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("linkGroup", () => {
  it("links only for a ketua Telegram calls an administrator of the group", async () => {
    const { place, actor } = await ketuaOf(5);
    const deps = serviceDeps(database.db, NOW);
    expect((await refusal(linkGroup(deps, actor, { groupChatId: GROUP_ID, senderIsGroupAdmin: false }))).code).toBe("group-admin-only");
    expect(await groupOf(place.id)).toBeNull();
    expect((await linkGroup(deps, actor, { groupChatId: GROUP_ID, senderIsGroupAdmin: true })).id).toBe(place.id);
    expect(await groupOf(place.id)).toBe(GROUP_ID);
    // Again is the same link, not an error.
    expect((await linkGroup(deps, actor, { groupChatId: GROUP_ID, senderIsGroupAdmin: true })).id).toBe(place.id);
  });

  it("refuses a group linked to another RT, naming that RT, and leaves both RTs as they were", async () => {
    const rt07 = await ketuaOf(7);
    const rt05 = await ketuaOf(5);
    const deps = serviceDeps(database.db, NOW);
    await linkGroup(deps, rt07.actor, { groupChatId: GROUP_ID, senderIsGroupAdmin: true });
    await linkGroup(deps, rt05.actor, { groupChatId: -100999, senderIsGroupAdmin: true });
    const error = await refusal(linkGroup(deps, rt05.actor, { groupChatId: GROUP_ID, senderIsGroupAdmin: true }));
    expect(error.code).toBe("group-linked-elsewhere");
    expect(error.vars).toMatchObject({ rt: "07", kelurahan: "Simpang IV Sipin" });
    expect(await groupOf(rt07.place.id)).toBe(GROUP_ID);
    expect(await groupOf(rt05.place.id)).toBe(-100999);
  });

  it("is undone by the linked RT's ketua or a koordinator over it, nobody else", async () => {
    const rt07 = await ketuaOf(7);
    const rt05 = await ketuaOf(5);
    const deps = serviceDeps(database.db, NOW);
    expect((await refusal(unlinkGroup(deps, rt07.actor, { groupChatId: GROUP_ID }))).code).toBe("group-not-linked");
    await linkGroup(deps, rt07.actor, { groupChatId: GROUP_ID, senderIsGroupAdmin: true });
    expect((await refusal(unlinkGroup(deps, rt05.actor, { groupChatId: GROUP_ID }))).code).toBe("group-linked-elsewhere");
    const far = newUser("Koor", "Paal");
    await addKoordinator(database.db, far, { kelurahanCode: KELURAHAN_PAYO_SELINCAH });
    expect((await refusal(unlinkGroup(deps, await loadActor(database.db, far.id, []), { groupChatId: GROUP_ID }))).code).toBe("group-linked-elsewhere");
    expect(await groupOf(rt07.place.id)).toBe(GROUP_ID);
    expect((await unlinkGroup(deps, rt07.actor, { groupChatId: GROUP_ID })).id).toBe(rt07.place.id);
    expect(await groupOf(rt07.place.id)).toBeNull();
  });
});
