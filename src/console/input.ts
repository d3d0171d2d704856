/** What one line typed at the console means. */
export type ConsoleInput =
  | { kind: "empty" }
  | { kind: "text"; text: string }
  | { kind: "press"; number: number }
  | { kind: "show-buttons" }
  | { kind: "open-link"; payload: string }
  | { kind: "directive"; name: string; argument: string };

/**
 * Plain text goes to the bot, including plain numbers (the bot asks for KK counts), which is why
 * buttons are pressed with `#N`. `:name` lines talk to the console itself; a leading backslash
 * sends the rest as text, for a message that must start with `#` or `:`.
 */
export function parseInput(line: string, botUsername: string): ConsoleInput {
  const text = line.trim();
  if (!text) return { kind: "empty" };
  if (text.startsWith("\\")) return { kind: "text", text: text.slice(1) };
  if (text === "#") return { kind: "show-buttons" };
  const press = /^#\s*(\d+)$/.exec(text);
  if (press) return { kind: "press", number: Number(press[1]) };
  const directive = /^:(\S+)\s*(.*)$/.exec(text);
  if (directive) return { kind: "directive", name: directive[1]!.toLowerCase(), argument: directive[2]!.trim() };
  // Tapping a deep link in Telegram opens the chat and sends /start with the link's code.
  const link = new RegExp(`^(?:https?://)?t\\.me/${botUsername}\\?start=([A-Za-z0-9_-]+)$`, "i").exec(text);
  if (link) return { kind: "open-link", payload: link[1]! };
  return { kind: "text", text };
}

/** Case-insensitive prefix match on the whole name or any word of it. */
export function matchPeople<T extends { name: string }>(people: readonly T[], query: string): T[] {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return [];
  const exact = people.filter((p) => p.name.toLowerCase() === wanted);
  if (exact.length > 0) return exact;
  return people.filter((p) => {
    const name = p.name.toLowerCase();
    return name.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted));
  });
}
