import { InlineKeyboard } from "grammy";
import {
  awardRest,
  INCOME_KINDS,
  jimpitanNight,
  keeperRtId,
  mayKeepKas,
  parseKasAmount,
  parseKasPurpose,
  parseKasReason,
  recordIncome,
  recordJimpitan,
  recordSpending,
  reverseKasEntry,
  parseKasEntryNumber,
  reversibleKasEntries,
  reversibleKasEntry,
  type IncomeKind,
  type KasEntryView,
  type Saved,
} from "../../domain/kas/book.js";
import { kasJimpitanSave, kasPick, kasSave } from "../../messages/buttons/kas.js";
import { formatRupiah, formatWhen } from "../../messages/format.js";
import { kasEntryLabel, kasEntryLine } from "../../messages/kas.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { largestSize } from "./evidence.js";
import { holdRight, keepRight } from "./form-right.js";
import { pickOne } from "./pick.js";
import { askText, explain, formRequest, nextAnswer, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const KAS_RECORD = "kas-record";
export const KAS_REVERSAL = "kas-reversal";
export const KAS_JIMPITAN = "kas-jimpitan";

/** The kinds of entry /kascatat offers: the income kinds, then spending. */
type Side = IncomeKind | "spending";
const SIDES: readonly Side[] = [...INCOME_KINDS, "spending"];
/** The newest entries offered as buttons; an older one is picked by typing its number. */
const ENTRIES_SHOWN = 10;

/** The request key of a /kascatat or /kaskoreksi confirmation, as the late-tap handler rebuilds it. */
export function kasRequestKey(form: "catat" | "koreksi", id: string): string {
  return `kas-${form}:${id}`;
}

/** The RT whose book the actor keeps, held for the rest of the form (a bendahara revoked meanwhile stops it). */
async function keeperRt(conversation: Convo, ctx: ConversationContext): Promise<number | null> {
  const rtId = await conversation.external((outside) => keeperRtId(outside.actor));
  if (rtId === null) {
    await ctx.reply(ctx.t("error-role-bendahara-ketua_rt"));
    return null;
  }
  await holdRight(conversation, ctx, (actor) => mayKeepKas(actor, rtId));
  return rtId;
}

/** Yes/no under a summary, carrying the form's request id; true for yes. */
async function confirm(conversation: Convo, ctx: ConversationContext, form: "catat" | "koreksi", request: string, text: string): Promise<{ yes: boolean; press: ConversationContext }> {
  const yes = kasSave.data({ form, answer: "yes", request });
  const no = kasSave.data({ form, answer: "no", request });
  await ctx.reply(text, { reply_markup: new InlineKeyboard().text(ctx.t("button-save"), yes).text(ctx.t("button-cancel"), no) });
  const { data, ctx: press } = await waitForChoice(conversation, [yes, no]);
  await press.editMessageReplyMarkup();
  if (data === no) await press.reply(press.t("action-cancelled"));
  return { yes: data === yes, press };
}

function savedText(ctx: ConversationContext, locale: string, saved: Saved): string {
  const key = saved.created ? "kas-saved" : "kas-already-saved";
  return ctx.t(key, { line: kasEntryLine(ctx.t, locale, saved.entry), balance: formatRupiah(saved.balance, locale) });
}

/** Waits for the receipt's photo; anything else is answered with what is needed (a receipt is required). */
async function askReceipt(conversation: Convo, ctx: ConversationContext): Promise<{ fileId: string; fileUniqueId: string }> {
  await ctx.reply(ctx.t("kas-ask-receipt"));
  for (;;) {
    const next = await nextAnswer(conversation);
    if (next.callbackQuery) return conversation.skip({ next: true });
    const size = next.message?.photo ? largestSize(next.message.photo) : undefined;
    if (size) return { fileId: size.file_id, fileUniqueId: size.file_unique_id };
    await next.reply(next.t(next.message?.document?.mime_type?.startsWith("image/") ? "kas-receipt-as-file" : "kas-receipt-needed"));
  }
}

/**
 * /kascatat: kind (an income kind, or spending) → amount → for a spending, what it was for, the
 * receipt's photo and, if the RT has uang pembinaan left, whether it was paid from it → summary →
 * Simpan. Saved once under the form's request key (a double tap, a redelivery after a failed reply).
 */
export function createKasRecordConversation(deps: BotDeps) {
  return async function kasRecord(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const rtId = await keeperRt(conversation, ctx);
    if (rtId === null) return;
    const locale = await ctx.i18n.getLocale();
    const side = await pickOne<Side>(conversation, ctx, "kas-jenis", ctx.t("kas-ask-kind"), [...SIDES], (choice) => (choice === "spending" ? ctx.t("kas-label-spending") : ctx.t(`kas-kind-${choice}`)));
    if (!side) return;
    const amount = await askText(conversation, ctx, ctx.t(side === "spending" ? "kas-ask-spending-amount" : "kas-ask-income-amount"), parseKasAmount);
    const request = await formRequest(conversation, "kas-catat");
    if (side !== "spending") {
      const { yes } = await confirm(conversation, ctx, "catat", request.id, ctx.t("kas-confirm-income", { kind: ctx.t(`kas-kind-${side}`), amount: formatRupiah(amount, locale) }));
      if (!yes) return;
      const outcome = await runOnce(conversation, (outside) => recordIncome(deps, outside.actor, { rtId, incomeKind: side, amount, requestKey: kasRequestKey("catat", request.id) }));
      if (!outcome.ok) return explain(ctx, outcome);
      return void (await ctx.reply(savedText(ctx, locale, outcome.value)));
    }
    const purpose = await askText(conversation, ctx, ctx.t("kas-ask-purpose"), parseKasPurpose);
    const receipt = await askReceipt(conversation, ctx);
    const rest = await conversation.external(() => awardRest(deps.db, rtId));
    let fromAward = false;
    if (rest > 0) {
      const answer = await pickOne<"yes" | "no">(conversation, ctx, "kas-pembinaan", ctx.t("kas-ask-from-award", { rest: formatRupiah(rest, locale) }), ["no", "yes"], (choice) => ctx.t(`kas-from-award-${choice}`));
      if (!answer) return;
      fromAward = answer === "yes";
    }
    const { yes } = await confirm(conversation, ctx, "catat", request.id, ctx.t("kas-confirm-spending", { amount: formatRupiah(amount, locale), purpose, award: fromAward ? ` ${ctx.t("kas-award-tag")}` : "" }));
    if (!yes) return;
    const outcome = await runOnce(conversation, (outside) => recordSpending(deps, outside.actor, { rtId, amount, purpose, receipt, fromAward, requestKey: kasRequestKey("catat", request.id) }));
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(savedText(ctx, locale, outcome.value));
  };
}

/** /kaskoreksi: an entry not yet reversed → the reason → confirm → the reversing entry. */
export function createKasReversalConversation(deps: BotDeps) {
  return async function kasReversal(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const rtId = await keeperRt(conversation, ctx);
    if (rtId === null) return;
    const locale = await ctx.i18n.getLocale();
    const listed = await runOnce(conversation, (outside) => reversibleKasEntries(deps.db, outside.actor, { rtId, limit: ENTRIES_SHOWN }));
    if (!listed.ok) return explain(ctx, listed);
    if (listed.value.length === 0) return void (await ctx.reply(ctx.t("kas-reversal-none")));
    // The newest as buttons; any older one by its number (as /kas and the statements show it).
    const shortcuts = listed.value.map((choice) => ({ label: kasEntryLine(ctx.t, locale, choice).replace(/^•\s*/, ""), data: kasPick.data({ entry: choice.id }), value: choice.id }));
    let entry: KasEntryView | undefined;
    while (!entry) {
      const entryId = await askText(conversation, ctx, ctx.t("kas-ask-entry-or-number"), parseKasEntryNumber, shortcuts);
      const found = await runOnce(conversation, async (outside) => (await reversibleKasEntry(deps.db, outside.actor, { rtId, entryId })) ?? null);
      if (!found.ok) return explain(ctx, found);
      entry = found.value ?? undefined;
      if (!entry) await ctx.reply(ctx.t("kas-entry-not-reversible", { entry: String(entryId) }));
    }
    const reason = await askText(conversation, ctx, ctx.t("kas-ask-reason"), parseKasReason);
    const request = await formRequest(conversation, "kas-koreksi");
    const question = ctx.t("kas-confirm-reversal", { entry: String(entry.id), label: kasEntryLabel(ctx.t, entry), amount: formatRupiah(Math.abs(entry.amount), locale), reason });
    const { yes } = await confirm(conversation, ctx, "koreksi", request.id, question);
    if (!yes) return;
    const outcome = await runOnce(conversation, (outside) => reverseKasEntry(deps, outside.actor, { entryId: entry.id, reason, requestKey: kasRequestKey("koreksi", request.id) }));
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(savedText(ctx, locale, outcome.value));
  };
}

/**
 * "Catat jimpitan malam ini": the night's shift (any one of them) types what was collected and
 * confirms; it goes into the cash book as jimpitan, attributed to the whole shift, once per night.
 * The night's RT is held for every answer; the shift itself is checked again by the save.
 */
export function createKasJimpitanConversation(deps: BotDeps) {
  return async function kasJimpitan(conversation: Convo, ctx: ConversationContext, occurrenceId: number): Promise<void> {
    const locale = await ctx.i18n.getLocale();
    const read = await runOnce(conversation, async (outside) => {
      const night = await jimpitanNight(deps.db, outside.actor, { occurrenceId, now: deps.clock() });
      return { rtId: night.rtId, startsAt: night.startsAt, names: night.collectors.map((c) => c.name ?? "-"), recorded: night.recorded };
    });
    if (!read.ok) return explain(ctx, read);
    const night = read.value;
    // A collector who is no longer a resident of the night's RT stops at the next answer, not at the save.
    keepRight(conversation, (actor) => actor.membership?.status === "active" && actor.membership.rtId === night.rtId);
    const when = formatWhen(new Date(night.startsAt), locale);
    if (night.recorded) return void (await ctx.reply(ctx.t("kas-jimpitan-already", { when, line: kasEntryLine(ctx.t, locale, night.recorded) })));
    const amount = await askText(conversation, ctx, ctx.t("kas-jimpitan-ask-amount", { when, names: night.names.join(", ") }), parseKasAmount);
    const yes = kasJimpitanSave.data({ answer: "yes", occurrence: occurrenceId });
    const no = kasJimpitanSave.data({ answer: "no", occurrence: occurrenceId });
    await ctx.reply(ctx.t("kas-jimpitan-confirm", { when, amount: formatRupiah(amount, locale), names: night.names.join(", ") }), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-save"), yes).text(ctx.t("button-cancel"), no),
    });
    const { data, ctx: press } = await waitForChoice(conversation, [yes, no]);
    await press.editMessageReplyMarkup();
    if (data === no) return void (await press.reply(press.t("action-cancelled")));
    const outcome = await runOnce(conversation, (outside) => recordJimpitan(deps, outside.actor, { occurrenceId, amount }));
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(savedText(ctx, locale, outcome.value));
  };
}
