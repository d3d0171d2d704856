import { readFile } from "node:fs/promises";
import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { currentRound } from "../../domain/cycle/rounds.js";
import { assertMayGetPack, evidenceOverview, evidenceRtIds, packRtIds, removeEvidence, type EvidenceCount, type EvidenceItem } from "../../domain/evidence/evidence.js";
import { areaScope } from "../../domain/roles/scope.js";
import { shortLabelKey, type IndicatorCode } from "../../domain/scores/indicators.js";
import { getRt, listRtsInScope, type RtDetails } from "../../domain/rt/rt.js";
import { evidenceDone, evidencePackPage, evidencePackRt, evidenceRemove } from "../../messages/buttons/evidence.js";
import { formatWhen, formatWib, rtVars } from "../../messages/format.js";
import { buildEvidencePack } from "../../reports/evidence-pack.js";
import { defineLongWork, jobActor, runLongWork } from "../background.js";
import { deliverResult, filePart } from "../../jobs/long-work.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import { EVIDENCE_FORM } from "../conversations/evidence.js";
import type { BotDeps } from "../deps.js";
import { clampPage, paginatedKeyboard } from "../keyboards/paginate.js";

/** A caption as a list line shows it: its start, the rest in the pack. */
const CAPTION_PREVIEW = 60;

function preview(caption: string | null): string {
  if (caption === null) return "";
  return caption.length > CAPTION_PREVIEW ? `${caption.slice(0, CAPTION_PREVIEW - 1)}…` : caption;
}

/**
 * An RT's evidence pack (a PDF, capped at PACK_MAX_BYTES), built from the job's data as the person
 * who asked: what they may see is read again. The file rides in its outbox row.
 */
export const evidencePackWork = defineLongWork<{ rtId: number; roundId: number }>("evidence-pack", async (deps, job) => {
  const { rtId, roundId } = job.data;
  const place = await getRt(deps.db, rtId);
  const viewer = await assertMayGetPack(deps.db, await jobActor(deps, job), { rtId, roundId });
  const pack = await buildEvidencePack({ db: deps.db, i18n: deps.i18n, ...(deps.downloadFile ? { downloadFile: deps.downloadFile } : {}) }, { rtId, roundId, now: job.now, locale: job.locale, viewer });
  try {
    const caption = job.t(pack.missingPhotos > 0 ? "pack-caption-missing" : "pack-caption", { ...rtVars(place), pages: pack.pages, photos: pack.photos, missing: pack.missingPhotos });
    await deliverResult(deps, job, [filePart("pdf", "sendDocument", pack.fileName, await readFile(pack.path), caption)]);
  } finally {
    await pack.dispose();
  }
});

/**
 * /bukti shows the RT's evidence (photos per target, the latest with "Hapus") and opens the form
 * that adds photos (conversations/evidence.ts). /paketbukti sends an RT's evidence pack for the
 * current round as a PDF, built off the update path. Every button is checked again by its service.
 */
export function createEvidenceFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  // Button presses come from private chats only (the bot's messages there).
  const presses = new Composer<BotContext>();
  feature.use(presses);

  function targetText(ctx: BotContext, entry: Pick<EvidenceCount, "occurrenceKind" | "occurrenceStartsAt" | "indicatorCode">, locale: string): string {
    if (entry.indicatorCode) return ctx.t("evidence-target-indicator", { code: entry.indicatorCode, label: ctx.t(shortLabelKey(entry.indicatorCode as IndicatorCode)) });
    if (entry.occurrenceKind && entry.occurrenceStartsAt) return ctx.t("evidence-target-occurrence", { kind: ctx.t(`event-kind-${entry.occurrenceKind}`), when: formatWhen(entry.occurrenceStartsAt, locale) });
    return "-";
  }

  async function showOverview(ctx: BotContext, place: RtDetails): Promise<void> {
    const { counts, latest, total } = await evidenceOverview(deps.db, ctx.actor, { rtId: place.id });
    if (total === 0) return void (await ctx.reply(ctx.t("evidence-overview-empty", rtVars(place))));
    const locale = await ctx.i18n.getLocale();
    const lines = [ctx.t("evidence-overview-title", { ...rtVars(place), total }), ...counts.map((entry) => ctx.t("evidence-overview-count", { target: targetText(ctx, entry, locale), count: entry.count }))];
    lines.push("", ctx.t("evidence-overview-latest"));
    const keyboard = new InlineKeyboard();
    latest.forEach((item: EvidenceItem, index) => {
      lines.push(
        ctx.t("evidence-overview-item", {
          n: index + 1,
          target: targetText(ctx, item, locale),
          caption: preview(item.caption) || ctx.t("evidence-no-caption"),
          by: item.addedByName ?? "-",
          at: formatWib(item.addedAt, locale),
        }),
      );
      keyboard.text(ctx.t("button-evidence-remove", { n: index + 1 }), evidenceRemove.data({ evidence: item.id }));
      if (index % 2 === 1) keyboard.row();
    });
    await ctx.reply(lines.join("\n"), { reply_markup: keyboard });
  }

  feature.command("bukti", async (ctx) => {
    for (const rtId of evidenceRtIds(ctx.actor)) await showOverview(ctx, await getRt(deps.db, rtId));
    await ctx.conversation.enter(EVIDENCE_FORM);
  });

  onButton(presses, evidenceRemove, async (ctx, { evidence }) => {
    const { removed, item } = await removeEvidence(deps, ctx.actor, { evidenceId: evidence });
    const locale = await ctx.i18n.getLocale();
    const vars = { target: targetText(ctx, item, locale), at: formatWib(item.addedAt, locale) };
    await ctx.answerCallbackQuery({ text: ctx.t(removed ? "evidence-removed" : "evidence-already-removed", vars) });
    if (removed) await ctx.reply(ctx.t("evidence-removed", vars));
  });

  // "Selesai" tapped after its form ended (a double tap, an old message): the photos were saved
  // or cancelled then; nothing to do.
  onButton(presses, evidenceDone, async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("evidence-done-stale") });
  });

  /** The RTs the actor may have a pack of, with names; a koordinator's area, a ketua's RT, an assessor's scope. */
  async function packPlaces(ctx: BotContext, roundId: number): Promise<RtDetails[]> {
    const ids = await packRtIds(deps.db, ctx.actor, { roundId });
    if (ids !== "area") return Promise.all(ids.map((id) => getRt(deps.db, id)));
    const area = await listRtsInScope(deps.db, areaScope(ctx.actor));
    return area;
  }

  async function packChooser(ctx: BotContext, page: number): Promise<{ text: string; keyboard?: InlineKeyboard } | { build: RtDetails; roundId: number }> {
    const round = await currentRound(deps.db);
    if (!round) return { text: ctx.t("pack-no-round") };
    const places = await packPlaces(ctx, round.id);
    if (places.length === 0) return { text: ctx.t("pack-no-rt", { year: String(round.year) }) };
    if (places.length === 1) return { build: places[0]!, roundId: round.id };
    const choices = places.map((place) => ({ label: ctx.t("pack-rt-button", rtVars(place)), data: evidencePackRt.data({ rt: place.id, round: round.id }) }));
    const current = clampPage(page, choices.length);
    return { text: ctx.t("pack-choose-rt", { year: String(round.year), count: places.length }), keyboard: paginatedKeyboard(choices, current, (n) => evidencePackPage.data({ page: n })) };
  }

  async function sendPack(ctx: BotContext, rtId: number, roundId: number): Promise<void> {
    const place = await getRt(deps.db, rtId);
    // Refused here at once when the person may not have it; checked again when the job runs.
    await assertMayGetPack(deps.db, ctx.actor, { rtId, roundId });
    await ctx.reply(ctx.t("pack-preparing", rtVars(place)));
    await runLongWork(deps, ctx, evidencePackWork, { rtId, roundId });
  }

  feature.command("paketbukti", async (ctx) => {
    const shown = await packChooser(ctx, 0);
    if ("build" in shown) return sendPack(ctx, shown.build.id, shown.roundId);
    await ctx.reply(shown.text, shown.keyboard ? { reply_markup: shown.keyboard } : {});
  });

  onButton(presses, evidencePackPage, async (ctx, { page }) => {
    const shown = await packChooser(ctx, page);
    await ctx.answerCallbackQuery();
    if ("build" in shown) return;
    await ctx.editMessageText(shown.text, shown.keyboard ? { reply_markup: shown.keyboard } : {});
  });

  onButton(presses, evidencePackRt, async (ctx, { rt, round }) => {
    // Re-checked on press: the button names an RT and a round, the actor may have lost either.
    await assertMayGetPack(deps.db, ctx.actor, { rtId: rt, roundId: round });
    await ctx.answerCallbackQuery();
    await sendPack(ctx, rt, round);
  });

  return composer;
}
