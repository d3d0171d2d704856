import { INCOME_KINDS, type AwardReport, type KasEntryView, type KasMonth } from "../domain/kas/book.js";
import type { RtDetails } from "../domain/rt/rt.js";
import type { LocalDate } from "../domain/schedule/wib.js";
import { formatCalendarDay, formatMonth, formatRupiah, formatSignedRupiah, formatWibDay, rtVars } from "./format.js";
import type { Translate } from "./translate.js";

/**
 * The kas RT as people read it: /kas, the monthly statement to the RT group, the forms' summaries.
 * Dates are WIB days; amounts whole Rupiah with dots ("Rp 12.500").
 */

/** What an entry is: "Iuran", "Pengeluaran", "Koreksi #12". */
export function kasEntryLabel(t: Translate, entry: Pick<KasEntryView, "kind" | "incomeKind" | "reversesEntryId">): string {
  if (entry.kind === "reversal") return t("kas-label-reversal", { entry: String(entry.reversesEntryId ?? "-") });
  if (entry.kind === "spending") return t("kas-label-spending");
  return t(`kas-kind-${entry.incomeKind ?? "lainnya"}`);
}

/** One line of the book: "• #12 05 Des · Iuran · +Rp 50.000 — catatan (Bu Siti)". */
export function kasEntryLine(t: Translate, locale: string, entry: KasEntryView): string {
  const text = entry.kind === "reversal" ? entry.reason : entry.purpose;
  return t("kas-entry-line", {
    entry: String(entry.id),
    day: formatWibDay(new Date(entry.occurredAt), locale),
    label: kasEntryLabel(t, entry),
    amount: formatSignedRupiah(entry.amount, locale),
    text: text ? ` — ${text}` : "",
    award: entry.fromAward && entry.kind === "spending" ? ` ${t("kas-award-tag")}` : "",
    by: entry.recordedByName ?? t("kas-erased-person"),
    reversed: entry.reversedBy !== null ? ` ${t("kas-reversed-tag", { entry: String(entry.reversedBy) })}` : "",
  });
}

/** The month's income by kind (only kinds with money), then spending: lines for /kas and the statement. */
export function kasMonthLines(t: Translate, locale: string, month: KasMonth): string[] {
  const lines = [t("kas-month-title", { period: formatMonth(month.month, locale) }), t("kas-month-opening", { amount: formatRupiah(month.opening, locale) })];
  const kinds = INCOME_KINDS.filter((kind) => month.income[kind] !== 0);
  if (kinds.length === 0) lines.push(t("kas-month-no-income"));
  for (const kind of kinds) lines.push(t("kas-month-income-line", { kind: t(`kas-kind-${kind}`), amount: formatRupiah(month.income[kind], locale) }));
  lines.push(t("kas-month-income-total", { amount: formatRupiah(month.incomeTotal, locale) }));
  lines.push(t("kas-month-spending", { amount: formatRupiah(month.spending, locale) }));
  // A reversal of an earlier month's entry is neither this month's income nor its spending.
  if (month.corrections !== 0) lines.push(t("kas-month-corrections", { amount: formatSignedRupiah(month.corrections, locale) }));
  lines.push(t("kas-month-closing", { amount: formatRupiah(month.closing, locale) }));
  return lines;
}

/** A date column as stored ("2026-11-10"). */
function calendarDay(iso: string): LocalDate {
  const [year, month, day] = iso.split("-").map(Number);
  return { year: year!, month: month!, day: day! };
}

/** The uang pembinaan: what the decision set, what was received, each line spent from it, the rest. */
export function awardLines(t: Translate, locale: string, award: AwardReport | null): string[] {
  if (award === null) return [];
  const lines = [t("kas-award-title")];
  for (const title of award.titles) lines.push(t("kas-award-decided", { level: t(`kas-title-${title.level}`), amount: formatRupiah(title.awardRupiah, locale), date: formatCalendarDay(calendarDay(title.awardedOn), locale) }));
  lines.push(t("kas-award-received", { amount: formatRupiah(award.received, locale) }));
  if (award.lines.length === 0) lines.push(t("kas-award-no-lines"));
  for (const line of award.lines) {
    lines.push(t("kas-award-line", {
      entry: String(line.id), day: formatWibDay(new Date(line.occurredAt), locale), purpose: line.purpose ?? "-", amount: formatRupiah(0 - line.amount, locale),
      reversed: line.reversedBy !== null ? ` ${t("kas-reversed-tag", { entry: String(line.reversedBy) })}` : "",
    }));
  }
  lines.push(t("kas-award-spent", { amount: formatRupiah(award.spent, locale) }), t("kas-award-rest", { amount: formatRupiah(award.rest, locale) }));
  return lines;
}

export type KasBookView = { rt: RtDetails; balance: number; month: KasMonth; recent: KasEntryView[]; award: AwardReport | null };

/** /kas: the balance, this month by kind, the uang pembinaan if any, the last entries. */
export function kasBookText(t: Translate, locale: string, view: KasBookView): string {
  const lines = [t("kas-title", { ...rtVars(view.rt), balance: formatRupiah(view.balance, locale) }), "", ...kasMonthLines(t, locale, view.month)];
  const award = awardLines(t, locale, view.award);
  if (award.length > 0) lines.push("", ...award);
  lines.push("", t("kas-recent-title"));
  if (view.recent.length === 0) lines.push(t("kas-recent-none"));
  for (const entry of view.recent) lines.push(kasEntryLine(t, locale, entry));
  return lines.join("\n");
}

/** The monthly statement for the RT group: the month closed, its entries, the uang pembinaan. */
export function kasStatementLines(t: Translate, locale: string, params: { rt: RtDetails; month: KasMonth; award: AwardReport | null }): { header: string; lines: string[] } {
  const header = t("kas-statement-title", { ...rtVars(params.rt), period: formatMonth(params.month.month, locale) });
  const lines = [...kasMonthLines(t, locale, params.month).slice(1), "", t("kas-statement-entries")];
  if (params.month.entries.length === 0) lines.push(t("kas-recent-none"));
  for (const entry of params.month.entries) lines.push(kasEntryLine(t, locale, entry));
  const award = awardLines(t, locale, params.award);
  if (award.length > 0) lines.push("", ...award);
  return { header, lines };
}
