import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { menuCommands, STRANGER } from "../../src/bot/commands.js";
import { registerCommands } from "../../src/bot/set-commands.js";
import { commandMenu } from "../../src/db/schema/index.js";
import { createLogger } from "../../src/logger.js";
import { memberDecision, petugas } from "../../src/messages/buttons/people.js";
import { addKetua, addMember, addPending, addRt, newUser } from "../helpers/fixtures.js";
import { pressData, withTestBot, type TestUser } from "../helpers/test-bot.js";

const { database, harness } = withTestBot();

const DEFAULT_MENU = menuCommands(STRANGER);

async function rtWithKetua() {
  const place = await addRt(database.db, 5);
  const ketua = newUser("Harun");
  await addKetua(database.db, ketua, place.id);
  return { place, ketua };
}

/** The menu calls Telegram got for one person's chat, as [method, commands]. */
function menuCallsFor(user: TestUser): [string, string[]][] {
  return harness.telegram.calls
    .filter((call) => (call.method === "setMyCommands" || call.method === "deleteMyCommands") && (call.payload.scope as { chat_id?: number } | undefined)?.chat_id === user.id)
    .map((call) => [call.method, ((call.payload.commands ?? []) as { command: string }[]).map((entry) => entry.command)]);
}

async function menuRow(user: TestUser) {
  const rows = await database.db.select().from(commandMenu).where(eq(commandMenu.chatId, user.id));
  return rows[0];
}

describe("each person's own command menu", () => {
  it("a stranger keeps the default menu; an approved resident gets the resident's, once, even when the approval is redelivered", async () => {
    await registerCommands(harness.bot.api, harness.deps, createLogger("silent"));
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    expect(harness.telegram.menuShownTo(dewi.id)).toEqual(DEFAULT_MENU);
    expect(DEFAULT_MENU).not.toContain("jadwal");

    const update = await pressData(harness, ketua, memberDecision.data({ decision: "ok", membership: request.membershipId }));
    const shown = harness.telegram.menuShownTo(dewi.id);
    expect(shown).toEqual(expect.arrayContaining(["jadwal", "hadir", "saldo", "keluar", "bantuan"]));
    expect(shown).not.toContain("anggota");
    expect(shown).not.toContain("setor");
    // The description is the person's language's, from the locale file.
    expect(harness.telegram.menuOf(`chat:${dewi.id}`)?.find((entry) => entry.command === "jadwal")?.description).toBe(harness.deps.i18n.t("id", "command-jadwal"));
    expect(menuCallsFor(dewi)).toHaveLength(1);

    // The menu is /bantuan's list, but for the commands sent in a group.
    await harness.send(dewi, "/bantuan");
    const help = harness.lastText(dewi).split("\n").flatMap((line) => /^\/(\w+) — /.exec(line)?.[1] ?? []);
    expect([...shown].sort()).toEqual(help.filter((command) => !["hubungkan", "lepasgrup"].includes(command)).sort());

    await harness.deliver(update); // Telegram sends the same press again
    await harness.settle();
    expect(menuCallsFor(dewi)).toHaveLength(1);
    expect(await menuRow(dewi)).toMatchObject({ attempts: 0, lastError: null });
    // Nobody else's chat got a menu: the ketua's did not change.
    expect(menuCallsFor(ketua)).toEqual([]);
  });

  it("a ketua's menu holds the ketua's commands; a petugas appointed and removed gets the menu and loses it", async () => {
    const { place, ketua } = await rtWithKetua();
    const budi = newUser("Budi");
    const budiIds = await addMember(database.db, budi, place.id);

    await pressData(harness, ketua, petugas.data({ change: "add", membership: budiIds.membershipId }));
    expect(harness.telegram.menuShownTo(budi.id)).toEqual(expect.arrayContaining(["jadwal", "kodehadir", "absen", "sesibaca", "pinjam"]));
    expect(harness.telegram.menuShownTo(budi.id)).not.toContain("acara");

    await pressData(harness, ketua, petugas.data({ change: "del", membership: budiIds.membershipId }));
    expect(harness.telegram.menuShownTo(budi.id)).not.toContain("kodehadir");
    expect(menuCallsFor(budi)).toHaveLength(2);

    // The ketua hands over to Budi: both menus change.
    await harness.send(ketua, "/serahkan");
    await harness.press(ketua, "Budi");
    await harness.press(ketua, "Ya");
    expect(harness.telegram.menuShownTo(budi.id)).toEqual(expect.arrayContaining(["anggota", "acara", "umumkan", "ronda", "kodehadir"]));
    expect(harness.telegram.menuShownTo(ketua.id)).not.toContain("anggota");
    expect(harness.telegram.menuShownTo(ketua.id)).toContain("jadwal");
  });

  it("leaving takes the chat's own menu away, back to the default", async () => {
    await registerCommands(harness.bot.api, harness.deps, createLogger("silent"));
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    await pressData(harness, ketua, memberDecision.data({ decision: "ok", membership: request.membershipId }));
    expect(harness.telegram.menuShownTo(dewi.id)).toContain("jadwal");

    await harness.send(dewi, "/keluar");
    await harness.press(dewi, "Ya, keluar");
    expect(menuCallsFor(dewi).at(-1)).toEqual(["deleteMyCommands", []]);
    expect(harness.telegram.menuShownTo(dewi.id)).toEqual(DEFAULT_MENU);
    expect(await menuRow(dewi)).toBeUndefined();
  });

  it("erasure takes the menu away and keeps no chat id behind", async () => {
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    await pressData(harness, ketua, memberDecision.data({ decision: "ok", membership: request.membershipId }));
    expect(harness.telegram.menuOf(`chat:${dewi.id}`)).toBeDefined();

    await harness.send(dewi, "/hapusdata");
    await harness.press(dewi, "Ya, hapus data saya");
    expect(harness.telegram.menuOf(`chat:${dewi.id}`)).toBeUndefined();
    expect(await database.db.select().from(commandMenu)).toEqual([]);
  });

  it("a language change gives the menu in that language", async () => {
    const { place } = await rtWithKetua();
    const siti = newUser("Siti");
    await addMember(database.db, siti, place.id);
    await harness.send(siti, "/bahasa");
    await harness.press(siti, "English");
    const menu = harness.telegram.menuOf(`chat:${siti.id}`);
    expect(menu?.find((entry) => entry.command === "jadwal")?.description).toBe(harness.deps.i18n.t("en", "command-jadwal"));
  });

  it("a push Telegram fails is tried again later; one it refuses is given up until the next change", async () => {
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    harness.telegram.failNext("setMyCommands", { error_code: 500, description: "Internal Server Error" });
    await pressData(harness, ketua, memberDecision.data({ decision: "ok", membership: request.membershipId }));
    expect(harness.telegram.menuOf(`chat:${dewi.id}`)).toBeUndefined();
    expect(await menuRow(dewi)).toMatchObject({ lastError: "Internal Server Error", syncedGeneration: 0 });

    harness.now = new Date(harness.now.getTime() + 60_000);
    await harness.settle();
    expect(harness.telegram.menuShownTo(dewi.id)).toContain("jadwal");
    expect(await menuRow(dewi)).toMatchObject({ lastError: null, attempts: 0 });

    // Refused: not tried again by itself.
    const budi = newUser("Budi");
    const budiIds = await addMember(database.db, budi, place.id);
    harness.telegram.failNext("setMyCommands", { error_code: 400, description: "Bad Request: chat not found" });
    await pressData(harness, ketua, petugas.data({ change: "add", membership: budiIds.membershipId }));
    harness.now = new Date(harness.now.getTime() + 3_600_000);
    await harness.settle();
    expect(menuCallsFor(budi)).toHaveLength(1);
    // Nothing was set in that chat, so nothing is kept about it (the next change marks it again).
    expect(await menuRow(budi)).toBeUndefined();
  });

  it("a 429 waits as long as Telegram asks", async () => {
    const { place, ketua } = await rtWithKetua();
    const dewi = newUser("Dewi");
    const request = await addPending(database.db, dewi, place.id);
    harness.telegram.failNext("setMyCommands", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    await pressData(harness, ketua, memberDecision.data({ decision: "ok", membership: request.membershipId }));
    expect(harness.telegram.menuOf(`chat:${dewi.id}`)).toBeUndefined();
    expect(await menuRow(dewi)).toMatchObject({ notBefore: new Date(harness.now.getTime() + 1000), syncedGeneration: 0 });
    await harness.settle();
    expect(menuCallsFor(dewi)).toHaveLength(1); // not before the time Telegram named
    harness.now = new Date(harness.now.getTime() + 1000);
    await harness.settle();
    expect(harness.telegram.menuShownTo(dewi.id)).toContain("jadwal");
  });
});
