import { describe, expect, it } from "vitest";
import { parsePollOptions, parsePollQuestion } from "../../../src/domain/polls/input.js";

describe("a poll's question", () => {
  it("is one line as it looks, at most Telegram's 300 characters", () => {
    expect(parsePollQuestion("  Kerja bakti\nhari apa?\u200B ")).toEqual({ ok: true, value: "Kerja bakti hari apa?" });
    expect(parsePollQuestion("a".repeat(300))).toEqual({ ok: true, value: "a".repeat(300) });
    expect(parsePollQuestion("a".repeat(301))).toEqual({ ok: false, reason: "too-long", vars: { max: 300 } });
    expect(parsePollQuestion("\u200B\u2060")).toEqual({ ok: false, reason: "empty" });
    expect(parsePollQuestion("\u0301\u0301")).toEqual({ ok: false, reason: "empty" });
    expect(parsePollQuestion("🍲?")).toEqual({ ok: true, value: "🍲?" });
  });
});

describe("a poll's options", () => {
  it("takes 2 to 10 lines, skipping blank and invisible ones", () => {
    expect(parsePollOptions("Sabtu\n\n\u200B\n  Minggu  \r\n")).toEqual({ ok: true, value: ["Sabtu", "Minggu"] });
    expect(parsePollOptions(Array.from({ length: 10 }, (_, i) => `P${i}`).join("\n"))).toMatchObject({ ok: true });
  });

  it("refuses none, one, eleven, a long one and duplicates, saying which", () => {
    expect(parsePollOptions("\u200B\n ")).toEqual({ ok: false, reason: "empty" });
    expect(parsePollOptions("Sabtu")).toEqual({ ok: false, reason: "poll-options-too-few", vars: { min: 2 } });
    expect(parsePollOptions(Array.from({ length: 11 }, (_, i) => `P${i}`).join("\n"))).toEqual({ ok: false, reason: "poll-options-too-many", vars: { max: 10, count: 11 } });
    expect(parsePollOptions(`Sabtu\n${"x".repeat(101)}`)).toMatchObject({ ok: false, reason: "poll-option-too-long", vars: { max: 100 } });
    expect(parsePollOptions("Sate\n SATE ")).toEqual({ ok: false, reason: "poll-options-duplicate", vars: { option: "SATE" } });
    // A zero-width space does not make two options different.
    expect(parsePollOptions("Sate\nSa\u200Bte")).toEqual({ ok: false, reason: "poll-options-duplicate", vars: { option: "Sate" } });
  });
});
