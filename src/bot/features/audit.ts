import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { listAudit, type AuditView } from "../../domain/audit/audit.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { formatRupiah, formatUnitPrice, formatWib, rtNumber } from "../../messages/format.js";
import { cancelledEntry } from "../../messages/bank-sampah.js";
import { wasteTypeLabels, type WasteTypeLabel } from "../../domain/bank-sampah/banks.js";
import { clampPage, pageCount } from "../keyboards/paginate.js";
import { onButton } from "../buttons.js";
import { auditPage } from "../../messages/buttons/audit.js";
import { noop } from "../../messages/buttons/common.js";

export const AUDIT_PAGE_SIZE = 10;

/** /audit (admins): the privileged actions, latest first, who · what · when (WIB), a page at a time. */
export function createAuditFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  async function page(ctx: BotContext, requested: number): Promise<{ text: string; keyboard: InlineKeyboard | undefined }> {
    const wanted = Math.max(0, requested);
    let { entries, total } = await listAudit(deps.db, {}, { offset: wanted * AUDIT_PAGE_SIZE, limit: AUDIT_PAGE_SIZE });
    const current = clampPage(wanted, total, AUDIT_PAGE_SIZE);
    // A page past the end (a stale button): show the last one.
    if (current !== wanted) ({ entries, total } = await listAudit(deps.db, {}, { offset: current * AUDIT_PAGE_SIZE, limit: AUDIT_PAGE_SIZE }));
    const pages = pageCount(total, AUDIT_PAGE_SIZE);
    let keyboard: InlineKeyboard | undefined;
    if (pages > 1) {
      keyboard = new InlineKeyboard();
      if (current > 0) keyboard.text("◀", auditPage.data({ page: current - 1 }));
      keyboard.text(`${current + 1}/${pages}`, noop.data({}));
      if (current < pages - 1) keyboard.text("▶", auditPage.data({ page: current + 1 }));
    }
    if (total === 0) return { text: ctx.t("audit-empty"), keyboard };
    const locale = await ctx.i18n.getLocale();
    // Price rows keep ids only: the type's and bank's names are looked up to show them.
    const types = await wasteTypeLabels(deps.db, entries.filter((entry) => entry.action === "price_set" && entry.entityId !== null).map((entry) => entry.entityId!));
    const lines = entries.map((entry) => auditLine(ctx, entry, locale, types));
    return { text: `${ctx.t("audit-title", { total, page: current + 1, pages })}\n\n${lines.join("\n")}`, keyboard };
  }

  feature.command("audit", async (ctx) => {
    const shown = await page(ctx, 0);
    await ctx.reply(shown.text, shown.keyboard ? { reply_markup: shown.keyboard } : {});
  });

  // Button presses come from private chats only (the bot's messages there).
  const presses = new Composer<BotContext>();
  feature.use(presses);
  onButton(presses, auditPage, async (ctx, values) => {
    const shown = await page(ctx, values.page);
    await ctx.answerCallbackQuery();
    // The same page again (a double tap) is an edit Telegram refuses; nothing is lost.
    await ctx.editMessageText(shown.text, shown.keyboard ? { reply_markup: shown.keyboard } : {}).catch((error: unknown) => ctx.log.debug({ err: error }, "audit page not edited"));
  });

  return composer;
}

/** A resident report's status named in a step's entry ("Baru", "Diterima"), or "-". */
function reportStatus(ctx: BotContext, entry: AuditView, status: unknown): string {
  return entry.entityType === "resident_report" && typeof status === "string" ? ctx.t(`report-status-${status}`) : "-";
}

function personName(ctx: BotContext, name: string | null, erased: boolean): string {
  if (erased) return ctx.t("audit-person-erased");
  return name ?? ctx.t("audit-person-unknown");
}

/** One entry in words: "• 22 November 2026 10.00 WIB: Pak Harun menyetujui Siti sebagai warga (RT 05 Simpang IV Sipin)". */
function auditLine(ctx: BotContext, entry: AuditView, locale: string, types: Map<number, WasteTypeLabel>): string {
  const details = entry.details;
  const amount = typeof details.amount === "number" ? formatRupiah(Math.abs(details.amount), locale) : "-";
  const type = entry.entityType === "waste_type" && entry.entityId !== null ? types.get(entry.entityId) : undefined;
  const unitPrice = (value: unknown) => (typeof value === "number" && type ? formatUnitPrice(value, type.unit, locale) : "none");
  const role = typeof details.role === "string" ? ctx.t(`role-${details.role}`) : "-";
  const what = ctx.t(`audit-action-${entry.action}`, {
    target: personName(ctx, entry.targetName, entry.targetErased),
    role,
    amount,
    entry: String(entry.entityId ?? "-"),
    // A reversal names what it cancelled as its receipt does: the setoran or penarikan, and the line if one.
    cancelled: cancelledEntry(ctx.t, locale, {
      original: Number(details.reversesEntryId ?? 0),
      kind: typeof details.amount === "number" && details.amount > 0 ? "withdrawal" : "deposit",
      lineNo: typeof details.reversesLineNo === "number" ? details.reversesLineNo : null,
    }),
    type: type?.name ?? "-",
    bank: type?.bankName ?? "-",
    old: unitPrice(details.oldPrice),
    new: unitPrice(details.newPrice),
    from: typeof details.effectiveFrom === "string" ? formatWib(new Date(details.effectiveFrom), locale) : reportStatus(ctx, entry, details.from),
    to: reportStatus(ctx, entry, details.to),
    category: entry.entityType === "resident_report" && typeof details.category === "string" ? ctx.t(`report-category-${details.category}`) : "-",
    days: typeof details.days === "number" ? details.days : "-",
    recipients: typeof details.recipients === "number" ? details.recipients : 0,
    indicator: typeof details.indicator === "string" ? details.indicator : "-",
    score: typeof details.score === "number" ? details.score : "-",
    oldCount: typeof details.oldCount === "number" ? details.oldCount : "-",
    newCount: typeof details.newCount === "number" ? details.newCount : "-",
  });
  // No actor: the bot did it (an escalation), or the actor is kept out on purpose (a resident's report).
  const actor = entry.actorPersonId === null ? ctx.t("audit-actor-bot") : personName(ctx, entry.actorName, entry.actorErased);
  const vars = { when: formatWib(entry.occurredAt, locale), actor, what };
  return entry.rtNumber === null
    ? ctx.t("audit-line", vars)
    : ctx.t("audit-line-rt", { ...vars, rt: rtNumber(entry.rtNumber), kelurahan: entry.kelurahanName ?? "-" });
}
