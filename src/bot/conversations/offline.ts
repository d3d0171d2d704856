import { InlineKeyboard } from "grammy";
import {
  canKeepOffline,
  getOfflineMember,
  listHouseholds,
  OFFLINE_KINDS,
  recordOfflineMember,
  renameOfflineMember,
  requireOfflineRt,
  type OfflineKind,
} from "../../domain/offline/offline.js";
import { parseDisplayName, parseHouseholdLabel } from "../../domain/people/text-input.js";
import { offlineSave } from "../../messages/buttons/offline.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { holdRight } from "./form-right.js";
import { pickOne } from "./pick.js";
import { askText, explain, formRequest, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const OFFLINE_RECORD = "offline-record";
export const OFFLINE_RENAME = "offline-rename";

/**
 * /tanpatelegram → "Catat warga": name, household (one of the RT's, or typed), kind, summary, save.
 * The RT is the actor's (ketua, acting ketua or petugas), held for every answer; the save carries
 * the form's key, so a double tap or a redelivery records one person.
 */
export function createOfflineRecordConversation(deps: BotDeps) {
  return async function offlineRecord(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const place = await runOnce(conversation, async (outside) => requireOfflineRt(outside.actor));
    if (!place.ok) return explain(ctx, place);
    const rtId = place.value;
    await holdRight(conversation, ctx, (actor) => canKeepOffline(actor, rtId));
    const name = await askText(conversation, ctx, ctx.t("offline-ask-name"), parseDisplayName);
    const households = await runOnce(conversation, (outside) => listHouseholds(deps.db, outside.actor, { rtId }));
    if (!households.ok) return explain(ctx, households);
    let household: string | null = null;
    if (households.value.length > 0) {
      const items = [...households.value.map((label) => ({ label, other: false })), { label: ctx.t("offline-household-other"), other: true }];
      const chosen = await pickOne(conversation, ctx, "ohh", ctx.t("offline-ask-household", { name }), items, (item) => item.label);
      if (!chosen) return;
      if (!chosen.other) household = chosen.label;
    }
    household ??= await askText(conversation, ctx, ctx.t("offline-ask-household-new", { name }), parseHouseholdLabel);
    const kinds: { kind: OfflineKind | null; label: string }[] = [
      ...OFFLINE_KINDS.map((kind) => ({ kind, label: ctx.t(`offline-kind-${kind}`) })),
      { kind: null, label: ctx.t("offline-kind-none") },
    ];
    const kind = await pickOne(conversation, ctx, "okd", ctx.t("offline-ask-kind", { name }), kinds, (item) => item.label);
    if (!kind) return;
    const request = await formRequest(conversation, "offline");
    const save = offlineSave.data({ choice: "save", key: request.id });
    const cancel = offlineSave.data({ choice: "cancel", key: request.id });
    await ctx.reply(ctx.t("offline-confirm", { name, household, kind: kind.label }), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-offline-save"), save).text(ctx.t("button-cancel"), cancel),
    });
    const { data, ctx: press } = await waitForChoice(conversation, [save, cancel]);
    await press.editMessageReplyMarkup();
    if (data === cancel) return void (await press.reply(press.t("action-cancelled")));
    const outcome = await runOnce(conversation, async (outside) => {
      const { member } = await recordOfflineMember(deps, outside.actor, { requestKey: request.key, rtId, name, household, kind: kind.kind });
      return { name: member.name, household: member.household ?? "-" };
    });
    if (!outcome.ok) return explain(press, outcome);
    await press.reply(press.t("offline-saved", outcome.value));
  };
}

/** A card's "Ganti nama": the new name, checked against the person's RT again with the answer. */
export function createOfflineRenameConversation(deps: BotDeps) {
  return async function offlineRename(conversation: Convo, ctx: ConversationContext, params: { personId: number }): Promise<void> {
    const found = await runOnce(conversation, async (outside) => {
      const member = await getOfflineMember(deps.db, outside.actor, { personId: params.personId });
      return { rtId: member.rtId, name: member.name };
    });
    if (!found.ok) return explain(ctx, found);
    const { rtId } = found.value;
    await holdRight(conversation, ctx, (actor) => canKeepOffline(actor, rtId));
    const name = await askText(conversation, ctx, ctx.t("offline-ask-rename", { name: found.value.name }), parseDisplayName);
    const outcome = await runOnce(conversation, async (outside) => {
      const { member } = await renameOfflineMember(deps, outside.actor, { personId: params.personId, name });
      return { name: member.name };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(ctx.t("offline-renamed", { old: found.value.name, name: outcome.value.name }));
  };
}
