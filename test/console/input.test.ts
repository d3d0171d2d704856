import { describe, expect, it } from "vitest";
import { matchPeople, parseInput } from "../../src/console/input.js";

const bot = "bantar_demo_bot";

describe("console input", () => {
  it("tells buttons, console commands, deep links and text apart", () => {
    expect(parseInput("#3", bot)).toEqual({ kind: "press", number: 3 });
    expect(parseInput("42", bot)).toEqual({ kind: "text", text: "42" });
    expect(parseInput("\\#3", bot)).toEqual({ kind: "text", text: "#3" });
    expect(parseInput(":as Pak Harun", bot)).toEqual({ kind: "directive", name: "as", argument: "Pak Harun" });
    expect(parseInput(`t.me/${bot}?start=AbC_12`, bot)).toEqual({ kind: "open-link", payload: "AbC_12" });
    expect(parseInput("   ", bot)).toEqual({ kind: "empty" });
  });

  it("matches people by a prefix of their name or of any word in it", () => {
    const people = [{ name: "Pak Harun" }, { name: "Pak Ahmad" }, { name: "Baru" }];
    expect(matchPeople(people, "harun")).toEqual([{ name: "Pak Harun" }]);
    expect(matchPeople(people, "PAK")).toHaveLength(2);
    expect(matchPeople(people, "pak a")).toEqual([{ name: "Pak Ahmad" }]);
    expect(matchPeople(people, "x")).toEqual([]);
  });
});
