import { REPORT_CATEGORIES, REPORT_STATUSES, REPORT_STEPS } from "../src/domain/reports/categories.js";
import { EVENT_KINDS, RSVP_ANSWERS } from "../src/domain/events/events.js";
import { OFFLINE_KINDS } from "../src/domain/offline/offline.js";
import { DATETIME_REFUSALS } from "../src/domain/people/text-input.js";
import { SUMMARY_ACTIONS } from "../src/messages/buttons/events.js";
import { audienceLabelKey } from "../src/bot/conversations/announce.js";
import type { Audience } from "../src/domain/broadcast/broadcast.js";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { COMMAND_GROUPS, COMMANDS } from "../src/bot/commands.js";
import { BUTTON_FAMILIES } from "../src/messages/buttons/index.js";
import { AGENCIES } from "../src/domain/cycle/team.js";
import { PERSONAL_REMINDER_CHOICES } from "../src/domain/events/reminder-settings.js";
import { GREETINGS } from "../src/messages/address.js";
import { refusalKey } from "../src/bot/middlewares/authorize.js";
import { role } from "../src/db/schema/index.js";
import { DOMAIN_ERROR_CODES } from "../src/domain/errors.js";
import { SUPPORTED_LOCALES } from "../src/domain/people/person.js";
import { INPUT_REFUSALS } from "../src/domain/people/text-input.js";
import type { RoleInviteView } from "../src/domain/roles/roles.js";
import { DIMENSIONS, dimensionKey, INDICATOR_CODES, indicatorKey, shortLabelKey } from "../src/domain/scores/indicators.js";
import { CATEGORIES, categoryKey, EXPLANATION_KEYS, SUGGESTION_KEYS } from "../src/domain/scores/scorecard.js";
import { ENTRY_KINDS, EXPORT_COLUMNS, SUMMARY_ITEMS } from "../src/reports/bank-sampah-export.js";
import { measureUnit } from "../src/db/schema/index.js";
import { READING_ACTIVITIES } from "../src/domain/pojok-baca/sessions.js";
import { participationKind } from "../src/db/schema/index.js";
import { TREND_DIRECTIONS } from "../src/domain/scores/standing.js";
import { SCORE_VIEWS } from "../src/bot/features/scores.js";
import { PARTICIPATION_KINDS } from "../src/domain/scores/digest-queries.js";
import { DIGEST_TRENDS, kindKey, trendWordKey } from "../src/reports/digest.js";
import { AUDIT_ACTIONS } from "../src/domain/audit/audit.js";
import { AWARD_CATEGORIES } from "../src/domain/cycle/award.js";
import { KENCANA_REQUIREMENTS, type KencanaShortfall } from "../src/domain/cycle/kencana.js";
import { AWARD_FILTERS } from "../src/messages/buttons/award.js";
import { titleLevel } from "../src/db/schema/index.js";
import { RECAP_COLUMNS } from "../src/reports/recap.js";
import { RT_STATUSES } from "../src/webapp/pages/rts.js";
import { INCOME_KINDS } from "../src/domain/kas/book.js";
import { COUNTED_KEYS } from "../src/messages/counted.js";
import { plainKey, tipKey } from "../src/bot/features/indikator.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const LOCALES = ["id", "en"] as const;

/** Messages of a Fluent file: key → the text of its value (first line and indented continuation lines). */
function parseMessages(source: string): Map<string, string> {
  const messages = new Map<string, string>();
  let current: string | null = null;
  for (const line of source.split("\n")) {
    const start = /^([a-zA-Z][\w-]*)\s*=(.*)$/.exec(line);
    if (start) {
      current = start[1]!;
      if (messages.has(current)) throw new Error(`message ${current} is defined twice`);
      messages.set(current, start[2]!);
    } else if (current && /^\s+\S/.test(line)) {
      messages.set(current, `${messages.get(current)}\n${line}`);
    } else if (!/^\s*$/.test(line)) {
      current = null; // a comment or a group heading
    }
  }
  return messages;
}

function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\s*\$([a-zA-Z][\w-]*)\s*\}/g)].map((match) => match[1]!))].sort();
}

/** The keys each file lacks that the other has. */
function compareKeys(id: Map<string, string>, en: Map<string, string>): { missingInId: string[]; missingInEn: string[] } {
  return {
    missingInId: [...en.keys()].filter((key) => !id.has(key)).sort(),
    missingInEn: [...id.keys()].filter((key) => !en.has(key)).sort(),
  };
}

const sources = Object.fromEntries(LOCALES.map((locale) => [locale, readFileSync(join(ROOT, "locales", `${locale}.ftl`), "utf8")])) as Record<(typeof LOCALES)[number], string>;
const messages = Object.fromEntries(LOCALES.map((locale) => [locale, parseMessages(sources[locale])])) as Record<(typeof LOCALES)[number], Map<string, string>>;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}
const srcFiles = sourceFiles(join(ROOT, "src")).map((path) => ({ path: path.slice(ROOT.length), text: readFileSync(path, "utf8") }));

const KEY = "[a-z][a-z0-9_]*(?:-[a-z0-9_]+)+";

/** Keys written out in src: `t("key")`, `i18n.t(locale, "key")`, `const key = … "key" …`, `notifyX(…, "key", …)`. */
function staticKeysInSrc(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    new RegExp(`\\bt\\(\\s*"(${KEY})"`, "g"),
    // i18n.t(locale, "key", …), whatever expression gives the locale.
    new RegExp(`\\bi18n\\.t\\([^"\`;]*?"(${KEY})"`, "g"),
    // Notice builders in services: noticeIn(deps, recipient, eventKey("what", id), "key", …).
    new RegExp(`\\b(?:notify|notice)\\w*\\([^;]*?(?<!eventKey\\()"(${KEY})"`, "g"),
  ];
  for (const file of srcFiles) {
    for (const pattern of patterns) for (const match of file.text.matchAll(pattern)) found.set(match[1]!, file.path);
    for (const assignment of file.text.matchAll(/\b(?:const|let)\s+key\s*=([^;]+);/g)) {
      for (const literal of assignment[1]!.matchAll(new RegExp(`"(${KEY})"`, "g"))) found.set(literal[1]!, file.path);
    }
  }
  return found;
}

/** Keys built at run time, family by family, from the lists the code builds them from. */
const DYNAMIC_FAMILIES: Record<string, string[]> = {
  "error-*": DOMAIN_ERROR_CODES.map((code) => `error-${code}`),
  "input-*": INPUT_REFUSALS.map((reason) => `input-${reason}`),
  "command-*": COMMANDS.map((spec) => `command-${spec.command}`),
  "help-group-*": COMMAND_GROUPS.map((group) => `help-group-${group}`),
  "error-role-*": [...COMMANDS.map((spec) => spec.audience), ...BUTTON_FAMILIES.map((family) => family.audience)]
    .filter((audience) => audience !== "anyone" && audience !== "member")
    .map(refusalKey),
  "role-*": ["warga", ...role.enumValues].map((name) => `role-${name}`),
  "language-name-*": SUPPORTED_LOCALES.map((locale) => `language-name-${locale}`),
  "membership-status-*": ["pending", "active"].map((status) => `membership-status-${status}`),
  "picker-*": ["mbr", "ho", "pt"].map((action) => `picker-${action}`),
  "*-notice": ["petugas-appointed", "petugas-revoked"].map((key) => `${key}-notice`),
  // issue 15: team
  "agency-*": AGENCIES.map((agency) => `agency-${agency}`),
  "area-*": (["kelurahan", "kecamatan"] satisfies RoleInviteView["areaLevel"][]).map((level) => `area-${level}`),
  "event-kind-*": EVENT_KINDS.map((kind) => `event-kind-${kind}`),
  // issue 17: people without Telegram
  "offline-kind-*": OFFLINE_KINDS.map((kind) => `offline-kind-${kind}`),
  "weekday-*": [0, 1, 2, 3, 4, 5, 6].map((day) => `weekday-${day}`),
  "nth-*": ["1", "2", "3", "4", "last"].map((nth) => `nth-${nth}`),
  "rsvp-*": RSVP_ANSWERS.map((answer) => `rsvp-${answer}`),
  "button-rsvp-*": RSVP_ANSWERS.map((answer) => `button-rsvp-${answer}`),
  "reminder-choice-*": PERSONAL_REMINDER_CHOICES.map((choice) => `reminder-choice-${choice}`),
  "input-datetime-*": DATETIME_REFUSALS.map((reason) => `input-datetime-${reason}`),
  "button-edit-*": SUMMARY_ACTIONS.filter((action) => action !== "save" && action !== "cancel").map((field) => `button-edit-${field}`),
  "reading-activity-*": READING_ACTIVITIES.map((activity) => `reading-activity-${activity}`),
  "bank-export-col-*": EXPORT_COLUMNS.map((column) => `bank-export-col-${column}`),
  "bank-export-summary-*": SUMMARY_ITEMS.map((item) => `bank-export-summary-${item}`),
  "bank-export-kind-*": ENTRY_KINDS.map((kind) => `bank-export-kind-${kind}`),
  "bank-export-unit-*": measureUnit.enumValues.map((unit) => `bank-export-unit-${unit}`),
  "indicator-*": INDICATOR_CODES.map(indicatorKey),
  "dimension-*": DIMENSIONS.map(dimensionKey),
  "category-*": CATEGORIES.map(categoryKey),
  "score-explain-*": [...EXPLANATION_KEYS],
  "address-*": GREETINGS.map((greeting) => `address-${greeting}`),
  "membership-request-closed-*": ["approved", "rejected", "withdrawn"].map((outcome) => `membership-request-closed-${outcome}`),
  "score-suggestion-*": SUGGESTION_KEYS,
  "score-short-*": INDICATOR_CODES.map(shortLabelKey),
  "score-kind-*": participationKind.enumValues.map((kind) => `score-kind-${kind}`),
  "score-trend-*": TREND_DIRECTIONS.map((direction) => `score-trend-${direction}`),
  "app-rts-status-*": RT_STATUSES.map((status) => `app-rts-status-${status}`),
  "button-score-view-*": SCORE_VIEWS.map((view) => `button-score-view-${view}`),
  "digest-kind-*": PARTICIPATION_KINDS.map(kindKey),
  "digest-trend-word-*": DIGEST_TRENDS.map(trendWordKey),
  "audit-action-*": AUDIT_ACTIONS.map((action) => `audit-action-${action}`),
  // issue 17: reports
  "report-category-*": REPORT_CATEGORIES.map((category) => `report-category-${category}`),
  "report-status-*": REPORT_STATUSES.map((status) => `report-status-${status}`),
  "button-report-step-*": REPORT_STEPS.map((step) => `button-report-step-${step}`),
  "report-notice-*": REPORT_STEPS.map((step) => `report-notice-${step}`),
  "recap-col-*": RECAP_COLUMNS.map((column) => `recap-col-${column}`),
  "announce-audience-**": (["rt-members", "area-ketua", "area-residents"] satisfies Audience[]).flatMap((audience) => [audienceLabelKey(audience, false), audienceLabelKey(audience, true)]),
  // issue 15: award
  "award-category-*": AWARD_CATEGORIES.map((category) => `award-category-${category}`),
  "award-filter-*": AWARD_FILTERS.map((filter) => `award-filter-${filter}`),
  "award-title-*": titleLevel.enumValues.map((level) => `award-title-${level}`),
  "kencana-req-*": KENCANA_REQUIREMENTS.map((requirement) => `kencana-req-${requirement}`),
  // issue 17: kas RT
  "kas-kind-*": INCOME_KINDS.map((kind) => `kas-kind-${kind}`),
  "kas-title-*": titleLevel.enumValues.map((level) => `kas-title-${level}`),
  "kas-from-award-*": ["yes", "no"].map((answer) => `kas-from-award-${answer}`),
  // issue 17: knowing what counts
  "counted-*": [...COUNTED_KEYS],
  "indikator-plain-*": INDICATOR_CODES.map(plainKey),
  "indikator-tip-*": INDICATOR_CODES.map(tipKey),
  "kencana-shortfall-*": (["held-under-a-year", "fading", "requirements-unmet", "already-kencana"] satisfies KencanaShortfall[]).map((shortfall) => `kencana-shortfall-${shortfall}`),
};

describe("locale files", () => {
  it("parse as Fluent without errors, every message formatting with its variables", () => {
    for (const locale of LOCALES) {
      const bundle = new FluentBundle(locale, { useIsolating: false });
      expect(bundle.addResource(new FluentResource(sources[locale]))).toEqual([]);
      for (const [key, text] of messages[locale]) {
        const message = bundle.getMessage(key);
        expect(message?.value, `${locale}.ftl ${key}`).toBeTruthy();
        const args = Object.fromEntries(variablesOf(text).map((name) => [name, "x" as FluentVariable]));
        const errors: Error[] = [];
        bundle.formatPattern(message!.value!, args, errors);
        expect(errors, `${locale}.ftl ${key}`).toEqual([]);
      }
    }
  });

  it("have exactly the same message keys", () => {
    expect(messages.id.size).toBeGreaterThan(100);
    expect(compareKeys(messages.id, messages.en)).toEqual({ missingInId: [], missingInEn: [] });
  });

  it("the key comparison catches a key missing from either file", () => {
    const withoutLine = (source: string, key: string) => source.split("\n").filter((line) => !line.startsWith(`${key} =`)).join("\n");
    expect(compareKeys(messages.id, parseMessages(withoutLine(sources.en, "erase-done")))).toEqual({ missingInId: [], missingInEn: ["erase-done"] });
    expect(compareKeys(parseMessages(withoutLine(sources.id, "consent-text")), messages.en)).toEqual({ missingInId: ["consent-text"], missingInEn: [] });
  });

  it("use the same variables for the same message in both languages", () => {
    for (const [key, text] of messages.id) {
      expect(variablesOf(messages.en.get(key) ?? ""), key).toEqual(variablesOf(text));
    }
  });

  it("leave no message empty", () => {
    for (const locale of LOCALES) {
      for (const [key, text] of messages[locale]) expect(text.trim(), `${locale}.ftl ${key}`).not.toBe("");
    }
  });
});

describe("keys used by the code", () => {
  it("finds the keys written out in src (the scan itself works)", () => {
    const keys = staticKeysInSrc();
    expect(keys.size).toBeGreaterThan(60);
    for (const known of ["consent-text", "reg-sent-koordinator", "start-pending", "leave-ketua-notice", "membership-request-received"]) expect(keys.has(known), known).toBe(true);
  });

  it("every key written out in src exists in both files", () => {
    const missing = [...staticKeysInSrc()].flatMap(([key, file]) =>
      LOCALES.filter((locale) => !messages[locale].has(key)).map((locale) => `${key} (used in ${file}) missing in ${locale}.ftl`),
    );
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(DYNAMIC_FAMILIES))("every key of the family %s exists in both files", (_family, keys) => {
    expect(keys.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      expect(keys.filter((key) => !messages[locale].has(key)), `${locale}.ftl`).toEqual([]);
    }
  });

  it("every key built at run time in src belongs to a family checked above", () => {
    // Template literals handed to t() or a notify helper, e.g. t(`error-${code}`); `*` marks the holes.
    const TEMPLATE = "`([^`\\s]*\\$\\{[^`\\s]*)`";
    const patterns = [new RegExp(`\\bt\\(\\s*${TEMPLATE}`, "g"), new RegExp(`\\bi18n\\.t\\([^"\`;]*?${TEMPLATE}`, "g"), new RegExp(`\\b(?:notify|notice)\\w*\\([^;]*?${TEMPLATE}`, "g")];
    const shapes = new Set<string>();
    for (const file of srcFiles) {
      for (const pattern of patterns) for (const match of file.text.matchAll(pattern)) shapes.add(match[1]!.replace(/\$\{[^}]+\}/g, "*"));
    }
    expect(shapes.size).toBeGreaterThan(5); // the scan finds them
    // error-role-* is built by refusalKey, called directly above.
    expect([...shapes].filter((shape) => !(shape in DYNAMIC_FAMILIES)).sort()).toEqual([]);
  });

  it("the refusal keys follow the audiences, so each refused role reads its own message", () => {
    expect(refusalKey("member")).toBe("error-not-registered");
    expect(refusalKey(["ketua_rt"])).toBe("error-role-ketua_rt");
    expect(refusalKey(["koordinator", "admin"])).toBe("error-role-admin-koordinator");
    expect(DYNAMIC_FAMILIES["error-role-*"]).toContain("error-role-admin-ketua_rt-koordinator");
  });
});
