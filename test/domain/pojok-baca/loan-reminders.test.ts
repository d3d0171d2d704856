import { describe, expect, it } from "vitest";
import { loanReminderFor } from "../../../src/domain/pojok-baca/loan-reminders.js";

describe("loanReminderFor", () => {
  const dueAt = new Date("2026-12-06T16:59:00Z");
  it.each([
    ["2026-12-04T16:59:00Z", null], // 23.59 WIB on the 4th: two days before
    ["2026-12-04T17:00:00Z", "due-tomorrow"], // 00.00 WIB on the 5th
    ["2026-12-05T16:59:00Z", "due-tomorrow"], // 23.59 WIB on the 5th
    ["2026-12-05T17:00:00Z", null], // the due day
    ["2026-12-06T16:58:00Z", null],
    ["2026-12-06T17:00:00Z", "overdue"], // 00.00 WIB on the 7th
  ])("at %s: %s", (now, kind) => {
    const reminder = loanReminderFor(dueAt, new Date(now));
    expect(reminder?.kind ?? null).toBe(kind);
  });
});
