import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { listMembers, type MembershipView } from "../../domain/membership/membership.js";
import { headedRtId } from "../../domain/people/actor.js";
import {
  awardReport,
  findKasEntry,
  jimpitanNight,
  kasBalanceOf,
  kasEntryIdByKey,
  kasMonth,
  kasRtsInScope,
  keeperRtId,
  mayExportKas,
  mayKeepKas,
  openJimpitanNights,
  readerRtId,
  recentKasEntries,
} from "../../domain/kas/book.js";
import { appointBendahara, listRtRoleHolderIds, revokeBendahara } from "../../domain/roles/roles.js";
import { areaScope } from "../../domain/roles/scope.js";
import { getRt } from "../../domain/rt/rt.js";
import { monthOf } from "../../domain/schedule/month.js";
import { DomainError } from "../../domain/errors.js";
import { kasBendahara, kasBendaharaPage, kasExport, kasExportPage, kasJimpitan, kasJimpitanSave, kasOpen, kasSave } from "../../messages/buttons/kas.js";
import { formatRupiah, formatWhen, rtNumber, rtVars } from "../../messages/format.js";
import { kasBookText } from "../../messages/kas.js";
import { kasExportFileName, kasToXlsx, readKasExport } from "../../reports/kas-export.js";
import { defineLongWork, jobActor, runLongWork } from "../background.js";
import { deliverResult, filePart } from "../../jobs/long-work.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import { KAS_JIMPITAN, KAS_RECORD, KAS_REVERSAL, kasRequestKey } from "../conversations/kas.js";
import type { BotDeps } from "../deps.js";
import { paginatedKeyboard } from "../keyboards/paginate.js";

const RECENT_SHOWN = 10;

/** The jimpitan buttons of the person's ronda nights still open for it: shown in /kas and /giliranku. */
export async function jimpitanKeyboard(deps: Pick<BotDeps, "db" | "clock">, ctx: BotContext): Promise<InlineKeyboard | null> {
  const nights = await openJimpitanNights(deps.db, ctx.actor, deps.clock());
  if (nights.length === 0) return null;
  const locale = await ctx.i18n.getLocale();
  const keyboard = new InlineKeyboard();
  for (const night of nights) keyboard.text(ctx.t("button-kas-jimpitan", { when: formatWhen(new Date(night.startsAt), locale) }), kasJimpitan.data({ occurrence: night.occurrenceId })).row();
  return keyboard;
}

/** An RT's kas book as a workbook, built by whichever process takes the job; rights read again when it runs. */
export const kasExportWork = defineLongWork<{ rtId: number }>("kas-export", async (deps, job) => {
  if (!(await mayExportKas(deps.db, await jobActor(deps, job), job.data.rtId))) throw new DomainError("not-allowed");
  const data = await readKasExport(deps.db, { rtId: job.data.rtId, now: job.now });
  const caption = job.t("kas-export-caption", { rt: data.rtLabel, balance: formatRupiah(data.balance, job.locale) });
  await deliverResult(deps, job, [filePart("xlsx", "sendDocument", kasExportFileName(data, monthOf(job.now)), await kasToXlsx(data, job.t), caption)]);
});

/**
 * issue 17: the kas RT. /kas for every member (balance, the month by kind, the uang pembinaan, the
 * last entries), the keepers' buttons to record and correct, "Catat jimpitan malam ini" for the
 * night's shift, /bendahara for the ketua, /eksporkas for the board's workbook.
 */
export function createKasFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = new Composer<BotContext>();
  composer.chatType("private").use(feature);

  feature.command("kas", async (ctx) => {
    const rtId = readerRtId(ctx.actor);
    if (rtId === null) return void (await ctx.reply(ctx.t("error-not-registered")));
    const now = deps.clock();
    const locale = await ctx.i18n.getLocale();
    const [place, balance, month, recent, award] = [
      await getRt(deps.db, rtId), await kasBalanceOf(deps.db, rtId), await kasMonth(deps.db, { rtId, month: monthOf(now) }),
      await recentKasEntries(deps.db, { rtId, limit: RECENT_SHOWN }), await awardReport(deps.db, rtId),
    ];
    const keyboard = mayKeepKas(ctx.actor, rtId)
      ? new InlineKeyboard().text(ctx.t("button-kas-record"), kasOpen.data({ form: "catat" })).text(ctx.t("button-kas-reverse"), kasOpen.data({ form: "koreksi" }))
      : undefined;
    await ctx.reply(kasBookText(ctx.t, locale, { rt: place, balance, month, recent, award }), keyboard ? { reply_markup: keyboard } : {});
    const jimpitan = await jimpitanKeyboard(deps, ctx);
    if (jimpitan) await ctx.reply(ctx.t("kas-jimpitan-offer"), { reply_markup: jimpitan });
  });
  feature.command("kascatat", (ctx) => ctx.conversation.enter(KAS_RECORD));
  feature.command("kaskoreksi", (ctx) => ctx.conversation.enter(KAS_REVERSAL));

  onButton(feature, kasOpen, async (ctx, { form }) => {
    await ctx.answerCallbackQuery();
    // An old /kas message tapped in the middle of another form: that form ends here.
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(form === "catat" ? KAS_RECORD : KAS_REVERSAL);
  });
  onButton(feature, kasJimpitan, async (ctx, { occurrence }) => {
    await ctx.answerCallbackQuery();
    // Only the tapped night's button goes: the person's other open nights keep theirs.
    const tapped = kasJimpitan.data({ occurrence });
    const rest = (ctx.callbackQuery?.message?.reply_markup?.inline_keyboard ?? []).flat().filter((button) => "callback_data" in button && button.callback_data !== tapped);
    const keyboard = InlineKeyboard.from(rest.map((button) => [button]));
    await ctx.editMessageReplyMarkup(rest.length > 0 ? { reply_markup: keyboard } : undefined).catch((error: unknown) => ctx.log.debug({ err: error }, "jimpitan offer not edited"));
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(KAS_JIMPITAN, occurrence);
  });

  // A confirm tap that arrives after its form has ended (the second tap of a double tap, or a
  // redelivery after the reply failed): it was saved once, and the keeper is told so.
  onButton(feature, kasSave, async (ctx, { form, answer, request }) => {
    const rtId = keeperRtId(ctx.actor);
    const entry = answer === "yes" && rtId !== null ? await findKasEntryByKey(deps, kasRequestKey(form, request)) : undefined;
    if (!entry || entry.rtId !== rtId) return void (await ctx.answerCallbackQuery({ text: ctx.t("fallback-stale-button") }));
    await ctx.answerCallbackQuery({ text: ctx.t("kas-late-saved", { entry: String(entry.id) }), show_alert: true });
  });
  onButton(feature, kasJimpitanSave, async (ctx, { answer, occurrence }) => {
    const night = answer === "yes" ? await jimpitanNight(deps.db, ctx.actor, { occurrenceId: occurrence, now: deps.clock() }).catch((error: unknown) => {
      if (error instanceof DomainError) return null;
      throw error;
    }) : null;
    if (!night?.recorded) return void (await ctx.answerCallbackQuery({ text: ctx.t("fallback-stale-button") }));
    await ctx.answerCallbackQuery({ text: ctx.t("kas-late-saved", { entry: String(night.recorded.id) }), show_alert: true });
  });

  // /bendahara: the ketua's list of active members; a tap appoints or revokes.
  const bendaharaPicker = async (ctx: BotContext, page: number) => {
    const place = await getRt(deps.db, headedRtId(ctx.actor)!);
    const holders = new Set(await listRtRoleHolderIds(deps.db, place.id, "bendahara"));
    const members = (await listMembers(deps.db, place.id))// Only members reachable on Telegram: appointBendahara refuses the others.
      .filter((m: MembershipView) => m.status === "active" && m.telegramId !== null && m.personId !== ctx.actor.person?.id);
    const choices = members.map((m) => ({ label: `${holders.has(m.personId) ? "✅ " : ""}${m.displayName ?? "-"}`, data: kasBendahara.data({ change: holders.has(m.personId) ? "del" : "add", membership: m.id }) }));
    const text = members.length ? ctx.t("kas-bendahara-picker", rtVars(place)) : ctx.t("picker-empty", rtVars(place));
    return { text, keyboard: paginatedKeyboard(choices, page, (n) => kasBendaharaPage.data({ page: n })) };
  };
  feature.command("bendahara", async (ctx) => {
    const { text, keyboard } = await bendaharaPicker(ctx, 0);
    await ctx.reply(text, { reply_markup: keyboard });
  });
  onButton(feature, kasBendaharaPage, async (ctx, { page }) => {
    await ctx.answerCallbackQuery();
    const { text, keyboard } = await bendaharaPicker(ctx, page);
    await ctx.editMessageText(text, { reply_markup: keyboard }).catch((error: unknown) => ctx.log.debug({ err: error }, "bendahara list not redrawn"));
  });
  onButton(feature, kasBendahara, async (ctx, { change, membership }) => {
    const appoint = change === "add";
    const result = appoint ? await appointBendahara(deps, ctx.actor, { membershipId: membership }) : await revokeBendahara(deps, ctx.actor, { membershipId: membership });
    await ctx.answerCallbackQuery({ text: ctx.t(appoint ? "kas-bendahara-appointed" : "kas-bendahara-revoked", { name: result.member.displayName ?? "-" }) });
    const { text, keyboard } = await bendaharaPicker(ctx, 0);
    await ctx.editMessageText(text, { reply_markup: keyboard }).catch((error: unknown) => ctx.log.debug({ err: error }, "bendahara list not redrawn"));
  });

  // /eksporkas: a keeper's own RT at once; a koordinator or admin picks an RT of their area.
  const sendExport = async (ctx: BotContext, rtId: number) => {
    if (!(await mayExportKas(deps.db, ctx.actor, rtId))) throw new DomainError("not-allowed");
    await ctx.reply(ctx.t("kas-export-preparing"));
    await runLongWork(deps, ctx, kasExportWork, { rtId });
  };
  // An admin's or a kecamatan koordinator's area keeps many RTs' books: the list is paged.
  const exportPicker = async (ctx: BotContext, page: number) => {
    const places = await kasRtsInScope(deps.db, areaScope(ctx.actor));
    const choices = places.map((place) => ({ label: ctx.t("kas-export-rt-button", { rt: rtNumber(place.number), kelurahan: place.kelurahanName }), data: kasExport.data({ rt: place.id }) }));
    return { empty: places.length === 0, keyboard: paginatedKeyboard(choices, page, (n) => kasExportPage.data({ page: n })) };
  };
  feature.command("eksporkas", async (ctx) => {
    const own = keeperRtId(ctx.actor);
    if (own !== null) return sendExport(ctx, own);
    const { empty, keyboard } = await exportPicker(ctx, 0);
    if (empty) return void (await ctx.reply(ctx.t("kas-export-no-rt")));
    await ctx.reply(ctx.t("kas-export-choose-rt"), { reply_markup: keyboard });
  });
  onButton(feature, kasExportPage, async (ctx, { page }) => {
    await ctx.answerCallbackQuery();
    const { keyboard } = await exportPicker(ctx, page);
    await ctx.editMessageText(ctx.t("kas-export-choose-rt"), { reply_markup: keyboard }).catch((error: unknown) => ctx.log.debug({ err: error }, "kas export list not redrawn"));
  });
  onButton(feature, kasExport, async (ctx, { rt }) => {
    await ctx.answerCallbackQuery();
    await sendExport(ctx, rt);
  });

  return composer;
}

async function findKasEntryByKey(deps: Pick<BotDeps, "db">, requestKey: string) {
  const id = await kasEntryIdByKey(deps.db, requestKey);
  return id === null ? undefined : findKasEntry(deps.db, id);
}
