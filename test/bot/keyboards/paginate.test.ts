import { describe, expect, it } from "vitest";
import { addAdmin, addKetua, addRt, newUser } from "../../helpers/fixtures.js";
import { callbackAnswerTo, shownMessages, withTestBot } from "../../helpers/test-bot.js";

const { database, harness } = withTestBot();

describe("the page counter", () => {
  it("is answered without an edit, and the form goes on (Telegram refuses an edit that changes nothing)", async () => {
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    await harness.send(admin, "/buatrt");
    await harness.press(admin, "Jambi Timur"); // 9 kelurahan: two pages
    expect(harness.buttons(admin)).toContain("1/2");
    const edits = harness.telegram.callsOf("editMessageText").length;
    const tap = await harness.press(admin, "1/2");
    expect(callbackAnswerTo(harness.telegram, tap)).toBeDefined();
    expect(harness.telegram.callsOf("editMessageText")).toHaveLength(edits);
    await harness.press(admin, "▶");
    expect(harness.buttons(admin)).toContain("2/2");
    await harness.press(admin, "◀");
    await harness.press(admin, harness.buttons(admin)[0]!);
    expect(harness.lastText(admin)).toContain("Nomor RT berapa?");
  });
});

describe("a prompt's shortcut buttons", () => {
  it("are taken away once the question is answered", async () => {
    const place = await addRt(database.db, 5);
    await addKetua(database.db, newUser("Ketua"), place.id);
    const user = { ...newUser("Andi"), last_name: "Pratama" };
    await harness.send(user, "/start");
    await harness.press(user, "Saya setuju");
    await harness.press(user, "Telanaipura");
    await harness.press(user, "Simpang IV Sipin");
    await harness.press(user, "RT 05");
    const prompt = shownMessages(harness.telegram, user.id).at(-1)!;
    expect(prompt.text).toContain("Siapa nama Anda?");
    expect(prompt.keyboard?.inline_keyboard.flat().map((b) => b.text)).toEqual(["Pakai nama: Andi Pratama"]);
    await harness.send(user, "Andi P.");
    const after = shownMessages(harness.telegram, user.id).find((m) => m.messageId === prompt.messageId);
    expect(after?.keyboard).toBeUndefined();
  });
});
