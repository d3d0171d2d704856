import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { membership } from "../../../src/db/schema/index.js";
import { BUTTON_FAMILIES } from "../../../src/messages/buttons/index.js";
import { CALLBACK_DATA_LIMIT, defineButton, shaped } from "../../../src/messages/buttons/button.js";
import { memberDecision } from "../../../src/messages/buttons/people.js";
import { addKetua, addPending, addRt, newUser } from "../../helpers/fixtures.js";
import { callbackAnswerTo, pressData, withTestBot } from "../../helpers/test-bot.js";

const STALE = "Tombol ini sudah tidak berlaku.";

const { database, harness } = withTestBot();

async function statusOf(membershipId: number): Promise<string | undefined> {
  const [row] = await database.db.select({ status: membership.status }).from(membership).where(eq(membership.id, membershipId));
  return row?.status;
}

describe("buttons no family reads are refused before any handler", () => {
  it("retired, malformed and forged data gets the stale-button toast and changes nothing; the family's own data works", async () => {
    const rt = await addRt(database.db, 5);
    const ketua = newUser("Pak Ketua");
    await addKetua(database.db, ketua, rt.id);
    const { membershipId } = await addPending(database.db, newUser("Siti"), rt.id);

    const refused = [
      `mb:ok:${membershipId}`, // the prefix before this release
      `member.decide:ok:${membershipId}:extra`,
      `member.decide:yes:${membershipId}`,
      `member.decide:ok:-${membershipId}`,
      `member.decide:ok:${membershipId}' OR 1=1 --`,
      "member.decide:ok:",
      "",
      "x".repeat(64),
      "member.decide:ok:\u200b1",
    ];
    for (const data of refused) {
      const update = await pressData(harness, ketua, data);
      expect(callbackAnswerTo(harness.telegram, update)?.text, JSON.stringify(data)).toBe(STALE);
      expect(await statusOf(membershipId)).toBe("pending");
    }
    expect(harness.telegram.callsOf("sendMessage")).toEqual([]);
    expect(harness.telegram.callsOf("editMessageText")).toEqual([]);

    await pressData(harness, ketua, memberDecision.data({ decision: "ok", membership: membershipId }), 50);
    expect(await statusOf(membershipId)).toBe("active");
  });

  it("every family's prefix is unique and readable, and its data stays within Telegram's 64 bytes", () => {
    const prefixes = BUTTON_FAMILIES.map((family) => family.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const prefix of prefixes) {
      expect(prefix, prefix).toMatch(/^[a-z][a-z0-9-]{1,15}(\.[a-z][a-z0-9-]{0,15})?$/);
      expect(Buffer.byteLength(prefix)).toBeLessThan(CALLBACK_DATA_LIMIT);
    }
    const long = defineButton("test.long", "anyone", { text: shaped(/.*/) });
    expect(long.data({ text: "x".repeat(50) })).toHaveLength(60);
    expect(() => long.data({ text: "x".repeat(55) })).toThrow(/64 bytes/);
    expect(() => long.data({ text: "é".repeat(30) })).toThrow(/64 bytes/); // bytes, not characters
  });
});
