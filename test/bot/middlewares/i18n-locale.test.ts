import { describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { createI18n, withLocaleInFlight } from "../../../src/bot/i18n.js";
import { setLocale } from "../../../src/domain/people/person.js";
import { withTestDatabase } from "../../helpers/database.js";

const database = withTestDatabase();

/** The database, counting the reads (`select`) made through it. */
function countingReads(db: Database): { db: Database; reads: () => number } {
  let reads = 0;
  const counted = new Proxy(db, {
    get(target, property, receiver) {
      if (property === "select") reads++;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { db: counted, reads: () => reads };
}

/** What a conversation's context translates to: it has no actor, only its sender. */
async function translateAsConversation(db: Database, telegramId: number): Promise<string> {
  const ctx = { from: { id: telegramId, is_bot: false, first_name: "Siti" } } as unknown as Parameters<ReturnType<ReturnType<typeof createI18n>["middleware"]>>[0];
  let text = "";
  await createI18n(db).middleware()(ctx, async () => {
    text = ctx.t("flood-notice", { seconds: 5 });
  });
  return text;
}

describe("the locale of a conversation's context", () => {
  it("is the one the update in flight read for its sender: no statement per context", async () => {
    await setLocale(database.db, 7101, "en", new Date("2026-12-06T00:00:00Z"));
    const { db, reads } = countingReads(database.db);
    const inside = await withLocaleInFlight(7101, "en", () => translateAsConversation(db, 7101));
    expect(inside).toContain("Slow down");
    expect(reads()).toBe(0);
    // Once the update is over, a context of theirs asks the database again (and finds English).
    expect(await translateAsConversation(db, 7101)).toContain("Slow down");
    expect(reads()).toBe(1);
  });

  it("is looked up for someone else than the sender in flight (another member of a group)", async () => {
    await setLocale(database.db, 7102, "en", new Date("2026-12-06T00:00:00Z"));
    const { db, reads } = countingReads(database.db);
    const other = await withLocaleInFlight(7103, "id", () => translateAsConversation(db, 7102));
    expect(other).toContain("Slow down");
    expect(reads()).toBe(1);
  });

  it("is kept while another update of the sender is still in flight", async () => {
    const { db, reads } = countingReads(database.db);
    let release!: () => void;
    const first = withLocaleInFlight(7104, "en", () => new Promise<void>((resolve) => (release = resolve)));
    expect(await withLocaleInFlight(7104, "en", () => translateAsConversation(db, 7104))).toContain("Slow down");
    expect(await translateAsConversation(db, 7104)).toContain("Slow down");
    expect(reads()).toBe(0);
    release();
    await first;
    // No person row, no update in flight: the default language.
    expect(await translateAsConversation(db, 7104)).toContain("Pelan-pelan");
    expect(reads()).toBe(1);
  });
});

describe("translations of one i18n in turn", () => {
  it("follow the locale asked each time (the matched bundles are remembered per locale)", () => {
    const i18n = createI18n(database.db);
    const texts = ["en", "id", "en", "xx", "id"].map((locale) => i18n.t(locale, "flood-notice", { seconds: 5 }).split(" ")[0]);
    expect(texts).toEqual(["Slow", "Pelan-pelan", "Slow", "Pelan-pelan", "Pelan-pelan"]);
  });
});
