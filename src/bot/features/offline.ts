import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { DomainError } from "../../domain/errors.js";
import {
  claimLink,
  claimRecord,
  eraseOfflineMember,
  getOfflineMember,
  listOfflineMembers,
  offlineHoldings,
  previewClaim,
  removeOfflineMember,
  requireOfflineRt,
  CLAIM_LINK_PREFIX,
  type ClaimPreview,
  type OfflineMember,
} from "../../domain/offline/offline.js";
import { getRt } from "../../domain/rt/rt.js";
import { claimConfirm, offlineAct, offlineAdd, offlineConfirm, offlineList, offlineOpen, offlineShow } from "../../messages/buttons/offline.js";
import { deepLink, formatRupiah, formatWib, rtVars } from "../../messages/format.js";
import type { Translate } from "../../messages/translate.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import { OFFLINE_RECORD, OFFLINE_RENAME } from "../conversations/offline.js";
import type { BotDeps } from "../deps.js";
import { clampPage, paginatedKeyboard, PAGE_SIZE } from "../keyboards/paginate.js";

function kindLabel(t: Translate, member: OfflineMember): string {
  return member.kind ? t(`offline-kind-${member.kind}`) : "-";
}

/**
 * /tanpatelegram (issue 17): the RT's residents without Telegram, each a button to their card,
 * and "Catat warga". The RT is the actor's (ketua, acting ketua or petugas), read again at each
 * press; a card of another RT, or of someone claimed, removed or erased since, is "not found".
 */
export function createOfflineFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = new Composer<BotContext>();
  composer.chatType("private").use(feature);

  /**
   * One page of the list: the page's residents in the text (numbered across the list) and as
   * buttons, with ◀ ▶. A page is short, so the message stays far below Telegram's limit however many
   * residents the RT records.
   */
  async function listView(ctx: BotContext, page = 0): Promise<{ text: string; keyboard: InlineKeyboard }> {
    const rtId = requireOfflineRt(ctx.actor);
    const place = await getRt(deps.db, rtId);
    const members = await listOfflineMembers(deps.db, ctx.actor, { rtId });
    const add = [[{ label: ctx.t("button-offline-add"), data: offlineAdd.data({}) }]];
    if (members.length === 0) return { text: ctx.t("offline-list-empty", rtVars(place)), keyboard: paginatedKeyboard([], 0, (n) => offlineList.data({ page: n }), add) };
    const current = clampPage(page, members.length);
    const shown = members.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
    const lines = shown.map((m, i) => ctx.t("offline-list-line", { index: current * PAGE_SIZE + i + 1, name: m.name, household: m.household ?? "-", kind: kindLabel(ctx.t, m) }));
    const text = `${ctx.t("offline-list-title", { ...rtVars(place), count: members.length })}\n${lines.join("\n")}`;
    const choices = members.map((m) => ({ label: m.name, data: offlineOpen.data({ person: m.personId }) }));
    return { text, keyboard: paginatedKeyboard(choices, current, (n) => offlineList.data({ page: n }), add) };
  }

  function cardView(ctx: BotContext, member: OfflineMember): { text: string; keyboard: InlineKeyboard } {
    const person = member.personId;
    return {
      text: ctx.t("offline-card", { name: member.name, household: member.household ?? "-", kind: kindLabel(ctx.t, member) }),
      keyboard: new InlineKeyboard()
        .text(ctx.t("button-offline-rename"), offlineAct.data({ action: "rename", person }))
        .text(ctx.t("button-offline-link"), offlineAct.data({ action: "link", person }))
        .row()
        .text(ctx.t("button-offline-remove"), offlineAct.data({ action: "remove", person }))
        .text(ctx.t("button-offline-erase"), offlineAct.data({ action: "erase", person }))
        .row()
        .text(ctx.t("button-offline-back"), offlineList.data({ page: 0 })),
    };
  }

  feature.command("tanpatelegram", async (ctx) => {
    const { text, keyboard } = await listView(ctx);
    await ctx.reply(text, { reply_markup: keyboard });
  });

  onButton(feature, offlineList, async (ctx, { page }) => {
    const { text, keyboard } = await listView(ctx, page);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(text, { reply_markup: keyboard });
  });

  onButton(feature, offlineShow, async (ctx) => {
    const { text, keyboard } = await listView(ctx);
    await ctx.answerCallbackQuery();
    await ctx.reply(text, { reply_markup: keyboard });
  });

  onButton(feature, offlineAdd, async (ctx) => {
    requireOfflineRt(ctx.actor);
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(OFFLINE_RECORD);
  });

  onButton(feature, offlineOpen, async (ctx, { person }) => {
    const member = await getOfflineMember(deps.db, ctx.actor, { personId: person });
    const { text, keyboard } = cardView(ctx, member);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(text, { reply_markup: keyboard });
  });

  onButton(feature, offlineAct, async (ctx, { action, person }) => {
    const member = await getOfflineMember(deps.db, ctx.actor, { personId: person });
    if (action === "rename") {
      await ctx.answerCallbackQuery();
      await ctx.conversation.enter(OFFLINE_RENAME, { personId: member.personId });
      return;
    }
    if (action === "link") {
      const made = await claimLink(deps, ctx.actor, { personId: member.personId });
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("offline-link", { name: member.name, link: deepLink(ctx.me.username, `${CLAIM_LINK_PREFIX}${made.code}`), expires: formatWib(made.expiresAt, await ctx.i18n.getLocale()) }));
      return;
    }
    // Savings or a book still out would be stranded (withdrawals and returns need a member): said
    // here with what they hold, and refused by the service at the press.
    const held = await offlineHoldings(deps.db, member.personId);
    const holdings = [
      ...(held.balance > 0 ? [ctx.t("offline-holdings-savings", { balance: formatRupiah(held.balance, await ctx.i18n.getLocale()) })] : []),
      ...(held.loans.length > 0 ? [ctx.t("offline-holdings-loans", { titles: held.loans.join(", ") })] : []),
    ];
    await ctx.answerCallbackQuery();
    if (holdings.length > 0) {
      await ctx.editMessageText([ctx.t("offline-holdings-block", { name: member.name }), ...holdings].join("\n"), {
        reply_markup: new InlineKeyboard().text(ctx.t("button-offline-back"), offlineOpen.data({ person })),
      });
      return;
    }
    await ctx.editMessageText(ctx.t(action === "remove" ? "offline-remove-confirm" : "offline-erase-confirm", { name: member.name }), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-yes"), offlineConfirm.data({ action, person })).text(ctx.t("button-cancel"), offlineOpen.data({ person })),
    });
  });

  onButton(feature, offlineConfirm, async (ctx, { action, person }) => {
    if (action === "remove") {
      const member = await removeOfflineMember(deps, ctx.actor, { personId: person });
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("offline-removed", { name: member.name }));
      return;
    }
    await eraseOfflineMember(deps, ctx.actor, { personId: person });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("offline-erased"));
  });

  onButton(feature, claimConfirm, async (ctx, { choice, code }) => {
    if (choice === "no") {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("claim-declined"));
      return;
    }
    const claimed = await claimRecord(deps, { code, telegramId: ctx.from!.id, locale: await ctx.i18n.getLocale() });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t(claimed.already ? "claim-already" : "claim-done", claimVars(claimed)));
  });

  return composer;
}

function claimVars(preview: ClaimPreview): Record<string, string | number> {
  return { name: preview.name, household: preview.household ?? "-", ...rtVars(preview.rt) };
}

/**
 * /start klaim_<code>: what the link hands over, and "Ya, ini saya". Refusals (used, expired,
 * already a member elsewhere) are said now, and again by the service at the press.
 */
export async function showClaim(deps: BotDeps, ctx: BotContext, code: string): Promise<void> {
  if (code === "") throw new DomainError("claim-invalid");
  const preview = await previewClaim(deps.db, { code, telegramId: ctx.from!.id, now: deps.clock() });
  if (preview.already) {
    await ctx.reply(ctx.t("claim-already", claimVars(preview)));
    return;
  }
  await ctx.reply(ctx.t("claim-preview", claimVars(preview)), {
    reply_markup: new InlineKeyboard().text(ctx.t("button-claim-yes"), claimConfirm.data({ choice: "yes", code })).text(ctx.t("button-cancel"), claimConfirm.data({ choice: "no", code })),
  });
}
