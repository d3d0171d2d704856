import { TEXT_LIMITS } from "../text-limits.js";
import { tidyLine, type Parsed } from "../people/text-input.js";

export const POLL_QUESTION_MAX = TEXT_LIMITS.pollQuestion;
export const POLL_OPTION_MAX = TEXT_LIMITS.pollOption;
/** Telegram's sendPoll takes 2 to 10 options (newer clients show up to 12; 10 is what every client shows). */
export const POLL_OPTIONS_MIN = 2;
export const POLL_OPTIONS_MAX = 10;

/** Something a person can read: a letter, a digit, an emoji or a sign, not marks on nothing. */
const READABLE = /[\p{L}\p{N}\p{S}\p{P}]/u;

/** The question, on one line as it looks (invisible characters dropped), at most Telegram's 300 characters. */
export function parsePollQuestion(raw: string): Parsed<string> {
  const text = tidyLine(raw);
  if (text.length === 0 || !READABLE.test(text)) return { ok: false, reason: "empty" };
  if (text.length > POLL_QUESTION_MAX) return { ok: false, reason: "too-long", vars: { max: POLL_QUESTION_MAX } };
  return { ok: true, value: text };
}

/** One answer option, on one line as it looks, at most Telegram's 100 characters. */
export function parsePollOption(raw: string): Parsed<string> {
  const text = tidyLine(raw);
  if (text.length === 0 || !READABLE.test(text)) return { ok: false, reason: "empty" };
  if (text.length > POLL_OPTION_MAX) return { ok: false, reason: "too-long", vars: { max: POLL_OPTION_MAX } };
  return { ok: true, value: text };
}

/**
 * The options, one per line; blank lines (or lines of invisible characters alone) are skipped.
 * 2 to 10 of them, each at most 100 characters, no two the same (ignoring case and spacing): two
 * equal options would split one opinion's votes.
 */
export function parsePollOptions(raw: string): Parsed<string[]> {
  // A line that reads as empty is skipped; one too long is named below.
  const options = raw.split(/\r?\n/).filter((line) => { const one = parsePollOption(line); return one.ok || one.reason !== "empty"; }).map(tidyLine);
  if (options.length === 0) return { ok: false, reason: "empty" };
  if (options.length < POLL_OPTIONS_MIN) return { ok: false, reason: "poll-options-too-few", vars: { min: POLL_OPTIONS_MIN } };
  if (options.length > POLL_OPTIONS_MAX) return { ok: false, reason: "poll-options-too-many", vars: { max: POLL_OPTIONS_MAX, count: options.length } };
  const long = options.find((option) => option.length > POLL_OPTION_MAX);
  if (long !== undefined) return { ok: false, reason: "poll-option-too-long", vars: { max: POLL_OPTION_MAX, option: `${[...long].slice(0, 30).join("")}…` } };
  const seen = new Set<string>();
  for (const option of options) {
    const key = option.toLocaleLowerCase("id");
    if (seen.has(key)) return { ok: false, reason: "poll-options-duplicate", vars: { option } };
    seen.add(key);
  }
  return { ok: true, value: options };
}
