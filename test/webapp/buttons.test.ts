import { and, eq, like } from "drizzle-orm";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { outbox, person, roleAssignment } from "../../src/db/schema/index.js";
import { wantMenus } from "../../src/domain/people/menu.js";
import { wantMenusAtStart } from "../../src/domain/people/person.js";
import { createLogger } from "../../src/logger.js";
import { planWeeklyDigests } from "../../src/scheduling/digests.js";
import { dashboardButton } from "../../src/messages/buttons/dashboard.js";
import { translateIn } from "../../src/messages/translate.js";
import { safeNextPath } from "../../src/webapp/links.js";
import { browserMissing, withBrowser } from "../helpers/browser.js";
import { withTestDatabase } from "../helpers/database.js";
import { addAdmin, addKetua, addKoordinator, addMember, addRt, KELURAHAN_PAYO_SELINCAH, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { signInitData } from "../helpers/init-data.js";
import { TestBot, type TestUser } from "../helpers/test-bot.js";
import { startWebAppTestApp, TOKEN, WEBAPP_URL } from "../runtime/harness.js";
import { TelegramStub } from "../runtime/telegram-stub.js";
import { appUrl, getPage } from "./client.js";

/** Friday 4 December 2026, 10.00 WIB. */
const NOW = new Date("2026-12-04T03:00:00Z");
/** Monday 7 December 2026, 07.00 WIB: the weekly digests' tick. */
const MONDAY = new Date("2026-12-07T00:00:00Z");

const database = withTestDatabase();
/** The same bot with the Mini App on (WEBAPP_URL set) and off, on one database. */
const on = new TestBot(() => database.db, { now: NOW, webappUrl: WEBAPP_URL });
const off = new TestBot(() => database.db, { now: NOW });
beforeEach(() => {
  on.reset();
  off.reset();
});

/** The Mini App buttons on every message the bot sent to a chat (sendMessage and edits), as Telegram got them. */
function webAppButtons(harness: TestBot, chatId: number): InlineKeyboardButton.WebAppButton[] {
  return harness.telegram.calls
    .filter((call) => call.payload.chat_id === chatId && call.result !== undefined)
    .flatMap((call) => ((call.payload.reply_markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? []).flat())
    .filter((button): button is InlineKeyboardButton.WebAppButton => "web_app" in button);
}

async function personIdOf(user: TestUser): Promise<number> {
  const [row] = await database.db.select({ id: person.id }).from(person).where(eq(person.telegramId, user.id));
  return row!.id;
}

/** WEBAPP_URL opening `path` after sign-in. */
const opening = (path: string) => `${WEBAPP_URL}?to=${encodeURIComponent(path)}`;

async function area() {
  const rt1 = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN);
  const rt2 = await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN);
  const ketua = newUser("Harun");
  await addKetua(database.db, ketua, rt1.id);
  const warga = newUser("Siti");
  await addMember(database.db, warga, rt1.id);
  const koordinator = newUser("Dewi");
  await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  return { rt1, rt2, ketua, warga, koordinator };
}

describe("/skor's button to the Mini App", () => {
  it("an admin's ranking and /ringkasan open the city's page (their ranked list would first ask for a kelurahan)", async () => {
    await area();
    const admin = newUser("Ahmad");
    await addAdmin(database.db, admin);
    await on.send(admin, "/skor");
    expect(webAppButtons(on, admin.id)).toEqual([{ text: "📊 Buka kota di dasbor", web_app: { url: opening("/kota") } }]);
    await on.send(admin, "/ringkasan");
    await on.settle();
    expect(webAppButtons(on, admin.id).at(-1)).toEqual({ text: "📊 Buka kota di dasbor", web_app: { url: opening("/kota") } });
  });

  it("a koordinator's ranking opens the ranking page; an RT opened from it opens that RT's page", async () => {
    const { rt2, koordinator } = await area();
    await on.send(koordinator, "/skor");
    const [ranking] = webAppButtons(on, koordinator.id);
    expect(ranking).toEqual({ text: "📊 Buka peringkat di dasbor", web_app: { url: opening("/rts") } });
    // The RT buttons are still the bot's own, and the app's button comes last.
    expect(on.telegram.lastKeyboardIn(koordinator.id).keyboard.inline_keyboard.at(-1)).toEqual([ranking]);

    await on.press(koordinator, "RT 02");
    expect(webAppButtons(on, koordinator.id).at(-1)).toEqual({ text: "📊 Buka RT ini di dasbor", web_app: { url: opening(`/rt/${rt2.id}`) } });
  });

  it("a ketua's scorecard opens their RT's page; a warga, who has no page in the app, gets no button", async () => {
    const { rt1, ketua, warga } = await area();
    await on.send(ketua, "/skor");
    expect(webAppButtons(on, ketua.id)).toEqual([{ text: "📊 Buka RT ini di dasbor", web_app: { url: opening(`/rt/${rt1.id}`) } }]);

    await on.send(warga, "/skor");
    expect(on.telegram.textsTo(warga.id).length).toBeGreaterThan(0);
    expect(webAppButtons(on, warga.id)).toEqual([]);
  });

  it("in English for an English reader", async () => {
    const { koordinator } = await area();
    await database.db.update(person).set({ locale: "en" }).where(eq(person.telegramId, koordinator.id));
    await on.send(koordinator, "/skor");
    expect(webAppButtons(on, koordinator.id).at(-1)?.text).toBe("📊 Open the ranking in the dashboard");
  });

  it("without WEBAPP_URL nothing changes: the same keyboards, no Mini App button", async () => {
    const { ketua, koordinator } = await area();
    await off.send(koordinator, "/skor");
    const plain = off.telegram.lastKeyboardIn(koordinator.id).keyboard.inline_keyboard;
    await off.press(koordinator, "RT 01");
    await off.send(ketua, "/skor");
    expect(webAppButtons(off, koordinator.id)).toEqual([]);
    expect(webAppButtons(off, ketua.id)).toEqual([]);
    // With it, the keyboard is the same but for the added last row.
    await on.send(koordinator, "/skor");
    expect(on.telegram.lastKeyboardIn(koordinator.id).keyboard.inline_keyboard).toEqual([...plain.filter((row) => row.length > 0), [{ text: "📊 Buka peringkat di dasbor", web_app: { url: opening("/rts") } }]]);
  });
});

describe("where a Mini App button may go", () => {
  it("only in a private chat: none is made for a group, where Telegram refuses them", async () => {
    const t = translateIn(on.deps.i18n, "id");
    const page = { page: "rts" } as const;
    expect(dashboardButton(t, { webappUrl: WEBAPP_URL, chatType: "private" }, page)).toEqual({ text: "📊 Buka peringkat di dasbor", web_app: { url: opening("/rts") } });
    for (const chatType of ["group", "supergroup", "channel"] as const) expect(dashboardButton(t, { webappUrl: WEBAPP_URL, chatType }, page)).toBeUndefined();
    expect(dashboardButton(t, { webappUrl: undefined, chatType: "private" }, page)).toBeUndefined();
    expect(dashboardButton(t, { webappUrl: WEBAPP_URL, chatType: "private" }, { page: "home" })?.web_app.url).toBe(WEBAPP_URL);
    // As the fake Telegram refuses one in a group.
    const button = dashboardButton(t, { webappUrl: WEBAPP_URL, chatType: "private" }, page)!;
    await expect(on.bot.api.sendMessage(-1001, "x", { reply_markup: { inline_keyboard: [[button]] } })).rejects.toThrow(/BUTTON_TYPE_INVALID/);
  });
});

describe("the digests' button to the Mini App", () => {
  it("/ringkasan: the koordinator's digest opens the ranking, the ketua's their RT's page; none without WEBAPP_URL", async () => {
    const { rt1, ketua, koordinator } = await area();
    await on.send(koordinator, "/ringkasan");
    expect(webAppButtons(on, koordinator.id)).toEqual([{ text: "📊 Buka peringkat di dasbor", web_app: { url: opening("/rts") } }]);
    await on.send(ketua, "/ringkasan");
    expect(webAppButtons(on, ketua.id)).toEqual([{ text: "📊 Buka RT ini di dasbor", web_app: { url: opening(`/rt/${rt1.id}`) } }]);

    await off.send(koordinator, "/ringkasan");
    await off.send(ketua, "/ringkasan");
    expect(webAppButtons(off, koordinator.id)).toEqual([]);
    expect(webAppButtons(off, ketua.id)).toEqual([]);
  });

  it("the Monday digest's text carries the button in its outbox payload, and Telegram takes it", async () => {
    const { rt1, ketua, koordinator } = await area();
    const deps = { db: database.db, i18n: createI18n(database.db), logger: createLogger("silent"), webappUrl: WEBAPP_URL };
    expect(await planWeeklyDigests(deps, MONDAY)).toMatchObject({ koordinators: 1, ketuas: 1 });
    const rows = await database.db.select().from(outbox).where(like(outbox.dedupeKey, "digest:%")).orderBy(outbox.id);
    const textOf = (chatId: number) => rows.find((row) => row.chatId === chatId && row.method === "sendMessage")!.payload as { text: string; reply_markup?: InlineKeyboardMarkup };
    expect(textOf(koordinator.id).reply_markup).toEqual({ inline_keyboard: [[{ text: "📊 Buka peringkat di dasbor", web_app: { url: opening("/rts") } }]] });
    expect(textOf(ketua.id).reply_markup).toEqual({ inline_keyboard: [[{ text: "📊 Buka RT ini di dasbor", web_app: { url: opening(`/rt/${rt1.id}`) } }]] });
    // Only the text: the chart and the workbook carry no button.
    expect(rows.filter((row) => row.method !== "sendMessage").every((row) => !("reply_markup" in (row.payload as object)))).toBe(true);

    on.now = MONDAY;
    await on.delivery.engine.drain();
    expect(webAppButtons(on, koordinator.id)).toHaveLength(1);
    expect(webAppButtons(on, ketua.id)).toHaveLength(1);
  });

  it("the Monday digest without WEBAPP_URL: text only", async () => {
    await area();
    const deps = { db: database.db, i18n: createI18n(database.db), logger: createLogger("silent") };
    await planWeeklyDigests(deps, MONDAY);
    const rows = await database.db.select().from(outbox).where(like(outbox.dedupeKey, "digest:%"));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.method === "sendMessage").map((row) => Object.keys(row.payload as object))).toEqual([["text"], ["text"]]);
  });
});

describe("the chat's menu button", () => {
  const APP_BUTTON = { type: "web_app", text: "Dasbor", web_app: { url: WEBAPP_URL } };
  const COMMANDS = { type: "commands" };

  /** What a role change does (domain/people/menu.ts): the people's menus are pushed by the sender. */
  async function pushMenus(harness: TestBot, personIds: number[]) {
    await wantMenus(database.db, personIds, harness.now);
    await harness.settle();
  }

  it("opens the app for a ketua, a koordinator and an admin, each in their own chat; a warga and the default keep the command list", async () => {
    const { ketua, warga, koordinator } = await area();
    const admin = newUser("Ahmad");
    const ids = await Promise.all([ketua, warga, koordinator].map((user) => personIdOf(user)));
    ids.push(await addAdmin(database.db, admin));
    await pushMenus(on, ids);
    for (const user of [ketua, koordinator, admin]) expect(on.telegram.menuButtonOf(user.id)).toEqual(APP_BUTTON);
    expect(on.telegram.menuButtonOf(warga.id)).toEqual(COMMANDS);
    expect(on.telegram.menuButtonOf(null)).toEqual(COMMANDS);
    expect(on.telegram.callsOf("setChatMenuButton").every((call) => call.payload.chat_id !== undefined)).toBe(true);

    // Pushed again with nothing changed: Telegram is not asked again.
    const calls = on.telegram.calls.length;
    await pushMenus(on, ids);
    expect(on.telegram.calls.length).toBe(calls);
  });

  it("speaks the person's language, and follows a role taken away", async () => {
    const { ketua, rt1 } = await area();
    const ketuaId = await personIdOf(ketua);
    await database.db.update(person).set({ locale: "en" }).where(eq(person.id, ketuaId));
    await pushMenus(on, [ketuaId]);
    expect(on.telegram.menuButtonOf(ketua.id)).toEqual({ ...APP_BUTTON, text: "Dashboard" });

    await database.db.update(roleAssignment).set({ revokedAt: NOW }).where(and(eq(roleAssignment.personId, ketuaId), eq(roleAssignment.rtId, rt1.id)));
    await pushMenus(on, [ketuaId]);
    expect(on.telegram.menuButtonOf(ketua.id)).toEqual(COMMANDS);
    expect(on.telegram.callsOf("setChatMenuButton").at(-1)?.payload).toEqual({ chat_id: ketua.id, menu_button: { type: "default" } });
  });

  it("is taken back at the next start without WEBAPP_URL, and never set without it", async () => {
    const { ketua, koordinator } = await area();
    const ids = [await personIdOf(ketua), await personIdOf(koordinator)];
    await pushMenus(off, ids);
    expect(off.telegram.callsOf("setChatMenuButton")).toEqual([]);

    await pushMenus(on, ids);
    expect(on.telegram.menuButtonOf(koordinator.id)).toEqual(APP_BUTTON);
    // Restarted without the app: what app.ts does at start marks every chat with a menu of its own.
    off.telegram = on.telegram;
    off.restart();
    await wantMenusAtStart(database.db, [], NOW);
    await off.settle();
    expect(on.telegram.menuButtonOf(koordinator.id)).toEqual(COMMANDS);
    expect(on.telegram.menuButtonOf(ketua.id)).toEqual(COMMANDS);
  });

  it("a refused button leaves the command list in place, and the menu's commands are set", async () => {
    const { koordinator } = await area();
    on.telegram.failNext("setChatMenuButton", { error_code: 400, description: "Bad Request: BUTTON_URL_INVALID" });
    await pushMenus(on, [await personIdOf(koordinator)]);
    expect(on.telegram.callsOf("setChatMenuButton")[0]?.error?.description).toContain("BUTTON_URL_INVALID");
    expect(on.telegram.menuButtonOf(koordinator.id)).toEqual(COMMANDS);
    expect(on.telegram.menuShownTo(koordinator.id)).toEqual(expect.arrayContaining(["skor"]));

    // The row records what went through (the commands): the next push sends the button alone.
    const commandCalls = on.telegram.callsOf("setMyCommands").length;
    await pushMenus(on, [await personIdOf(koordinator)]);
    expect(on.telegram.callsOf("setMyCommands")).toHaveLength(commandCalls);
    expect(on.telegram.menuButtonOf(koordinator.id)).toEqual(APP_BUTTON);
  });

  it("a button refused for a while (5xx) is retried alone, the commands already set", async () => {
    const { koordinator } = await area();
    on.telegram.failNext("setChatMenuButton", { error_code: 502, description: "Bad Gateway" });
    await pushMenus(on, [await personIdOf(koordinator)]);
    expect(on.telegram.menuButtonOf(koordinator.id)).toEqual(COMMANDS);
    on.now = new Date(on.now.getTime() + 10 * 60_000); // past the retry's backoff
    await on.settle();
    expect(on.telegram.callsOf("setMyCommands")).toHaveLength(1);
    expect(on.telegram.menuButtonOf(koordinator.id)).toEqual(APP_BUTTON);
  });
});

describe("the boot page's `to`", () => {
  let app: Awaited<ReturnType<typeof startWebAppTestApp>>;
  beforeAll(async () => {
    app = await startWebAppTestApp(database, new TelegramStub());
  });
  afterAll(async () => {
    await app.stop();
  });

  it("goes on to a page of the app; anything else is dropped (no open redirect)", async () => {
    const boot = async (to: string) => (await getPage(app.port, `?${new URLSearchParams({ to })}`)).text;
    expect(await boot("/rt/5")).toContain('data-next="/rt/5"');
    expect(await boot("/kecamatan/15.71.01")).toContain('data-next="/kecamatan/15.71.01"');
    const hostile = ["//evil.example", "https://evil.example/x", "/\\evil.example", "\\\\evil.example", "/rt/5?x=1", "/rt/5#x", "/../session", "/./home", "/rt//5", "javascript:alert(1)", "/rt/5\r\nSet-Cookie: x=1", "/", "", `/${"a".repeat(70)}`, "/a/b/c/d/e/f/g/h/i", "/rt/5 ", "rt/5"];
    for (const to of hostile) {
      expect(safeNextPath(to), to).toBeNull();
      const page = await boot(to);
      expect(page, to).toContain('data-base="/app"');
      expect(page, to).not.toContain("data-next");
    }
    // Twice given: the first is read, and checked as any.
    expect((await getPage(app.port, "?to=//evil.example&to=/rts")).text).not.toContain("data-next");
  });
});

describe.skipIf(browserMissing !== null)("a button's page opened in chromium", () => {
  const browser = withBrowser();
  let app: Awaited<ReturnType<typeof startWebAppTestApp>>;
  beforeAll(async () => {
    app = await startWebAppTestApp(database, new TelegramStub());
  });
  afterAll(async () => {
    await app.stop();
  });
  // Each opening's own data (a query_id of its own): the same data twice within a second would be refused as replayed.
  let openings = 0;
  const initDataOf = (user: TestUser) =>
    signInitData({ botToken: TOKEN, user: { id: user.id, first_name: user.first_name, language_code: "id" }, authDate: new Date(), extra: { query_id: `AAQ${++openings}` } });

  it("signs in, then opens the page the button named; the page still checks the reader's rights", async () => {
    const { rt2, koordinator } = await area();
    const elsewhere = await addRt(database.db, 9, KELURAHAN_PAYO_SELINCAH);
    const { open } = await browser.newContext();
    const { page, problems } = await open(appUrl(app.port, `?to=${encodeURIComponent(`/rt/${rt2.id}`)}`), { initData: initDataOf(koordinator) });
    await page.waitForURL(appUrl(app.port, `/rt/${rt2.id}`));
    expect(await page.locator("h1").innerText()).toBe("RT 02 Simpang IV Sipin");
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], errorResponses: [], outsideRequests: [] });

    // An RT outside the koordinator's area, named in the address: signed in, and refused by the page.
    const other = await browser.newContext();
    const refused = await other.open(appUrl(app.port, `?to=/rt/${elsewhere.id}`), { initData: initDataOf(koordinator) });
    await refused.page.waitForURL(appUrl(app.port, `/rt/${elsewhere.id}`));
    expect(refused.problems.errorResponses).toEqual([`403 /app/rt/${elsewhere.id}`]);
    expect(await refused.page.innerText("body")).not.toContain("Payo Selincah");

    // An admin goes to the ranking through the same boot page.
    const admin = newUser("Ahmad");
    await addAdmin(database.db, admin);
    const third = await browser.newContext();
    const ranking = await third.open(appUrl(app.port, "?to=/rts"), { initData: initDataOf(admin) });
    await ranking.page.waitForURL(appUrl(app.port, "/rts"));
  });
});
