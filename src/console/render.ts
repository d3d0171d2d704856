import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";

const INDENT = "   ";

/** The first line gets the marker; the rest line up under it, so multi-line messages stay readable. */
export function block(marker: string, text: string): string[] {
  const [first = "", ...rest] = text.split("\n");
  return [`${marker} ${first}`, ...rest.map((line) => (line ? `${INDENT}${line}` : ""))];
}

export function flatButtons(markup: InlineKeyboardMarkup): InlineKeyboardButton[] {
  return markup.inline_keyboard.flat();
}

function buttonLabel(button: InlineKeyboardButton): string {
  if ("web_app" in button && button.web_app) return `${button.text} 🌐`;
  return "url" in button && button.url ? `${button.text} ↗` : button.text;
}

/** One line per keyboard row, buttons numbered across rows: `[1] Setujui  [2] Tolak`. */
export function numberedKeyboard(markup: InlineKeyboardMarkup): string[] {
  let number = 0;
  return markup.inline_keyboard
    .filter((row) => row.length > 0)
    .map((row) => INDENT + row.map((button) => `[${++number}] ${buttonLabel(button)}`).join("  "));
}

/** Buttons the current user cannot press (someone else's chat, or an older message). */
export function plainKeyboard(markup: InlineKeyboardMarkup): string[] {
  return markup.inline_keyboard.filter((row) => row.length > 0).map((row) => INDENT + row.map((button) => `[${buttonLabel(button)}]`).join(" "));
}

/** A short reminder of which message a keyboard belongs to. */
export function excerpt(text: string, length = 60): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}
