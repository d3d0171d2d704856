import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reminderSetting } from "../../src/db/schema/index.js";
import { addKetua, addMember, addRt, newUser } from "../helpers/fixtures.js";
import { withTestBot } from "../helpers/test-bot.js";

const { database, harness } = withTestBot();

describe("/aturpengingat", () => {
  it("shows the defaults, keeps, changes and turns off each reminder, and re-asks bad times", async () => {
    const place = await addRt(database.db, 5);
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, place.id);
    await harness.send(ketua, "/aturpengingat");
    expect(harness.telegram.textsTo(ketua.id).join("\n")).toContain("malam sebelumnya pukul 19.00");
    await harness.send(ketua, "jam 7");
    expect(harness.lastText(ketua)).toContain("pagi atau malam");
    await harness.send(ketua, "25.00");
    expect(harness.lastText(ketua)).toContain("Jam itu tidak ada");
    await harness.send(ketua, "20.30");
    await harness.send(ketua, "2,5");
    expect(harness.lastText(ketua)).toBe("Harus bilangan bulat, tanpa koma, dari 0 sampai 24.");
    await harness.send(ketua, "25");
    expect(harness.lastText(ketua)).toBe("Angka harus antara 0 dan 24.");
    await harness.press(ketua, "Tetap 2");
    await harness.press(ketua, "Matikan");
    expect(harness.lastText(ketua)).toContain("Tersimpan");
    const [row] = await database.db.select().from(reminderSetting).where(eq(reminderSetting.rtId, place.id));
    expect(row).toMatchObject({ eveningBefore: "20:30", hoursBefore: 2, rondaDutyAt: null });

    await harness.send(ketua, "/aturpengingat");
    await harness.send(ketua, "mati");
    await harness.send(ketua, "0");
    await harness.send(ketua, "17.00");
    const [again] = await database.db.select().from(reminderSetting).where(eq(reminderSetting.rtId, place.id));
    expect(again).toMatchObject({ eveningBefore: null, hoursBefore: null, rondaDutyAt: "17:00" });
  });

  it("is for the ketua only", async () => {
    const place = await addRt(database.db, 5);
    const warga = newUser("Warga");
    await addMember(database.db, warga, place.id);
    await harness.send(warga, "/aturpengingat");
    expect(harness.lastText(warga)).toBe("Maaf, perintah ini hanya untuk ketua RT.");
    expect(await database.db.select().from(reminderSetting)).toEqual([]);
  });
});
