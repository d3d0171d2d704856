import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { menuCommands, STRANGER } from "../../src/bot/commands.js";
import { registerCommands } from "../../src/bot/set-commands.js";
import { commandMenu } from "../../src/db/schema/index.js";
import { DEMO_PEOPLE, seedDemo } from "../../src/console/demo-seed.js";
import { MenuSync } from "../../src/delivery/menus.js";
import { wantMenus } from "../../src/domain/people/menu.js";
import { wantMenusAtStart } from "../../src/domain/people/person.js";
import { createLogger } from "../../src/logger.js";
import { memberDecision } from "../../src/messages/buttons/people.js";
import { addKetua, addMember, addPending, addRt, newUser } from "../helpers/fixtures.js";
import { pressData, TestBot, withTestBot, type TestUser } from "../helpers/test-bot.js";

const ADMIN: TestUser = { id: 7_700_001, first_name: "Admin" };
const { database, harness } = withTestBot({ adminTelegramIds: [ADMIN.id] });

const DEFAULT_MENU = menuCommands(STRANGER);

async function rtWithKetua() {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Harun");
  await addKetua(database.db, ketua, place.id);
  return { place, ketua };
}

function menuSync(): MenuSync {
  const { deps, delivery, bot } = harness;
  return new MenuSync({ db: database.db, api: bot.api, pacer: delivery.pacer, i18n: deps.i18n, logger: createLogger("silent"), adminTelegramIds: [ADMIN.id], menuOf: menuCommands });
}

describe("menus at start-up and menus of a chat that changed hands", () => {
  it("a configured admin gets the admin's menu at start, and loses it when the list no longer names them", async () => {
    await registerCommands(harness.bot.api, harness.deps, createLogger("silent"));
    expect(harness.telegram.menuShownTo(ADMIN.id)).toEqual(DEFAULT_MENU);

    // What app.ts does after migrating, before the sender starts.
    await wantMenusAtStart(database.db, [ADMIN.id], harness.now);
    await harness.settle();
    expect(harness.telegram.menuShownTo(ADMIN.id)).toEqual(expect.arrayContaining(["angkatkoordinator", "audit"]));

    // Started again with the same list: nothing new is sent.
    const calls = harness.telegram.callsOf("setMyCommands").length;
    await wantMenusAtStart(database.db, [ADMIN.id], harness.now);
    await harness.settle();
    expect(harness.telegram.callsOf("setMyCommands")).toHaveLength(calls);

    // Started with the admin taken off the list: their chat goes back to the default menu.
    const later = new TestBot(database.db, { adminTelegramIds: [] });
    later.telegram = harness.telegram;
    later.now = harness.now;
    later.restart();
    await wantMenusAtStart(database.db, [], later.now);
    await later.settle();
    expect(harness.telegram.menuShownTo(ADMIN.id)).toEqual(DEFAULT_MENU);
    expect(await database.db.select().from(commandMenu)).toEqual([]);
  });

  it("a mark made while a push holds the row waits for that push: one chat's pushes never run at once", async () => {
    const { place } = await rtWithKetua();
    const siti = newUser("Siti");
    const { personId } = await addMember(database.db, siti, place.id);
    await wantMenus(database.db, [personId], harness.now);
    const sync = menuSync();
    const [task] = await sync.claim(harness.now, 10);
    expect(task).toMatchObject({ personId, generation: 1 });

    // A role change commits while the push is on its way to Telegram.
    await wantMenus(database.db, [personId], harness.now);
    expect(await sync.claim(harness.now, 10)).toEqual([]);

    await sync.push(task!, harness.now);
    expect(harness.telegram.menuShownTo(siti.id)).toContain("jadwal");
    // The push is over: the newer mark is due at once.
    expect(await sync.claim(harness.now, 10)).toEqual([expect.objectContaining({ personId, generation: 2 })]);
  });

  it("an erased person's pending row, for a chat whose user registered again, takes its menu away and leaves the new person's", async () => {
    await registerCommands(harness.bot.api, harness.deps, createLogger("silent"));
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    await pressData(harness, ketua, memberDecision.data({ decision: "ok", membership: request.membershipId }));
    expect(harness.telegram.menuShownTo(dewi.id)).toContain("jadwal");

    // Erased; before the sender runs, the same Telegram user is back, a member again.
    harness.drainAfterEachUpdate = false;
    await harness.send(dewi, "/hapusdata");
    await harness.press(dewi, "Ya, hapus data saya");
    const again = await addMember(database.db, dewi, place.id);
    await wantMenus(database.db, [again.personId], harness.now);
    harness.drainAfterEachUpdate = true;
    await harness.settle();

    // The old person's row (and the chat id it kept) is gone; the chat shows the new person's menu.
    const rows = await database.db.select().from(commandMenu).where(eq(commandMenu.chatId, dewi.id));
    expect(rows.map((row) => row.personId)).toEqual([again.personId]);
    expect(harness.telegram.menuShownTo(dewi.id)).toContain("jadwal");
    expect(rows[0]).toMatchObject({ lastError: null });
  });

  it("a chat left behind by an erased person whose user came back as a stranger shows the default menu", async () => {
    await registerCommands(harness.bot.api, harness.deps, createLogger("silent"));
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    await pressData(harness, ketua, memberDecision.data({ decision: "ok", membership: request.membershipId }));

    harness.drainAfterEachUpdate = false;
    await harness.send(dewi, "/hapusdata");
    await harness.press(dewi, "Ya, hapus data saya");
    await harness.send(dewi, "/start"); // a person row again, nothing more
    harness.drainAfterEachUpdate = true;
    await harness.settle();

    expect(harness.telegram.menuShownTo(dewi.id)).toEqual(DEFAULT_MENU);
    expect(await database.db.select().from(commandMenu)).toEqual([]);
  });

  it("two rows of one chat (an erased person's and the new one's) are pushed in turn, never together", async () => {
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    await pressData(harness, ketua, memberDecision.data({ decision: "ok", membership: request.membershipId }));
    harness.drainAfterEachUpdate = false;
    await harness.send(dewi, "/hapusdata");
    await harness.press(dewi, "Ya, hapus data saya");
    const again = await addMember(database.db, dewi, place.id);
    await wantMenus(database.db, [again.personId], harness.now);

    const sync = menuSync();
    const [old, ...rest] = await sync.claim(harness.now, 10);
    expect(old).toMatchObject({ personId: request.personId });
    expect(rest).toEqual([]);
    // Another process claiming meanwhile does not take the new person's row of the same chat.
    expect(await sync.claim(harness.now, 10)).toEqual([]);
    await sync.push(old!, harness.now);
    const [next] = await sync.claim(harness.now, 10);
    expect(next).toMatchObject({ personId: again.personId, sent: null });
    await sync.push(next!, harness.now);
    expect(harness.telegram.menuShownTo(dewi.id)).toContain("jadwal");
  });

  it("the console demo's people get their own menus, the koordinator with no RT too", async () => {
    await database.db.transaction((tx) => seedDemo(tx, harness.now));
    await harness.settle();
    const person = (name: string) => DEMO_PEOPLE.find((demo) => demo.name === name)!.user.id;
    expect(harness.telegram.menuShownTo(person("Bu Yuliana"))).toEqual(expect.arrayContaining(["buatrt", "tautanketua"]));
    expect(harness.telegram.menuShownTo(person("Pak Harun"))).toEqual(expect.arrayContaining(["anggota", "acara"]));
    expect(harness.telegram.menuShownTo(person("Pak Ahmad"))).toEqual(expect.arrayContaining(["audit"]));
  });
});
