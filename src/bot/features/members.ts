import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import type { InlineKeyboardMarkup } from "grammy/types";
import { decideMembership, findMembership, listMembers, removeMember, type MembershipView } from "../../domain/membership/membership.js";
import { headedRtId } from "../../domain/people/actor.js";
import { appointPetugas, handOverKetua, listPetugasIds, listRtRoleHolderIds, revokePetugas } from "../../domain/roles/roles.js";
import { getRt } from "../../domain/rt/rt.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { chunkLines, rtVars } from "../../messages/format.js";
import { paginatedKeyboard } from "../keyboards/paginate.js";
import { onButton } from "../buttons.js";
import { handover, memberDecision, memberRemove, peopleClose, peoplePage, petugas, type PeopleList } from "../../messages/buttons/people.js";
import { offlineShow } from "../../messages/buttons/offline.js";

/** Drops the buttons that act on one request, so a decided request shows no stale buttons. */
function withoutRowsFor(markup: InlineKeyboardMarkup | undefined, membershipId: number): InlineKeyboard | undefined {
  const rows = (markup?.inline_keyboard ?? []).filter(
    (row) => !row.some((button) => "callback_data" in button && button.callback_data !== undefined && memberDecision.read(button.callback_data)?.membership === membershipId),
  );
  return rows.length ? InlineKeyboard.from(rows) : undefined;
}

/** Each list's text key (picker-mbr, picker-ho, picker-pt in the locale files). */
const PICKER_KEY: Record<PeopleList, string> = { remove: "picker-mbr", handover: "picker-ho", petugas: "picker-pt" };

export function createMembersFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  // A plain composer behind the private-chat filter, so onButton (typed for BotContext) can use it.
  const feature = new Composer<BotContext>();
  composer.chatType("private").use(feature);

  const headedRt = async (ctx: BotContext) => getRt(deps.db, headedRtId(ctx.actor)!);

  async function picker(ctx: BotContext, list: PeopleList, page: number): Promise<{ text: string; keyboard: InlineKeyboard }> {
    const place = await headedRt(ctx);
    // Residents recorded without Telegram (issue 17) may be removed, but hold no role.
    const members = (await listMembers(deps.db, place.id)).filter((m) => m.status === "active" && (list === "petugas" || m.personId !== ctx.actor.person?.id) && (list === "remove" || m.telegramId !== null));
    const officers = list === "petugas" ? new Set(await listPetugasIds(deps.db, place.id)) : new Set<number>();
    const data = (m: MembershipView) =>
      list === "petugas"
        ? petugas.data({ change: officers.has(m.personId) ? "del" : "add", membership: m.id })
        : (list === "remove" ? memberRemove : handover).data({ step: "ask", membership: m.id });
    const choices = members.map((m) => ({ label: `${officers.has(m.personId) ? "✅ " : ""}${m.displayName ?? "-"}`, data: data(m) }));
    const text = members.length ? ctx.t(PICKER_KEY[list], rtVars(place)) : ctx.t("picker-empty", rtVars(place));
    // paginatedKeyboard appends the page number to this prefix: it writes peoplePage's data.
    const pagePrefix = `${peoplePage.data({ list, page: 0 }).slice(0, -1)}`;
    return { text, keyboard: paginatedKeyboard(choices, page, pagePrefix, [[{ label: ctx.t("button-close"), data: peopleClose.data({ list }) }]]) };
  }

  feature.command("anggota", async (ctx) => {
    const place = await headedRt(ctx);
    const members = await listMembers(deps.db, place.id);
    const petugas = new Set(await listPetugasIds(deps.db, place.id));
    const bendahara = new Set(await listRtRoleHolderIds(deps.db, place.id, "bendahara"));
    const active = members.filter((m) => m.status === "active");
    const pending = members.filter((m) => m.status === "pending");
    const lines = active.map((m, index) => {
      const tags = [m.personId === ctx.actor.person?.id ? ctx.t("role-ketua_rt") : null, petugas.has(m.personId) ? ctx.t("role-petugas") : null, bendahara.has(m.personId) ? ctx.t("role-bendahara") : null, m.telegramId === null ? ctx.t("offline-tag") : null].filter(Boolean);
      return `${index + 1}. ${m.displayName ?? "-"} — ${m.householdLabel ?? "-"}${tags.length ? ` (${tags.join(", ")})` : ""}`;
    });
    const header = ctx.t("members-title", { ...rtVars(place), active: active.length, households: place.householdCount });
    const chunks = chunkLines(header, lines);
    // issue 17: the residents without Telegram are kept from here too (the last chunk carries the button).
    for (const [index, text] of chunks.entries()) {
      await ctx.reply(text, index === chunks.length - 1 ? { reply_markup: new InlineKeyboard().text(ctx.t("button-offline-show"), offlineShow.data({})) } : {});
    }
    if (pending.length === 0) return;
    // Pending requests in pages of 20 rows of buttons, each row acting on one person.
    for (let start = 0; start < pending.length; start += 20) {
      const keyboard = new InlineKeyboard();
      for (const m of pending.slice(start, start + 20)) {
        keyboard
          .text(`✅ ${m.displayName ?? "-"}`, memberDecision.data({ decision: "ok", membership: m.id }))
          .text("❌", memberDecision.data({ decision: "no", membership: m.id }))
          .row();
      }
      const names = pending.slice(start, start + 20).map((m) => `• ${m.displayName ?? "-"} — ${m.householdLabel ?? "-"}`);
      await ctx.reply(`${ctx.t("members-pending-title", { count: pending.length })}\n${names.join("\n")}`, { reply_markup: keyboard });
    }
  });

  onButton(feature, memberDecision, async (ctx, { decision, membership: membershipId }) => {
    const approve = decision === "ok";
    // The service decides, audits and queues the resident's notice in one transaction: a failed
    // reply below cannot lose it, and a retry finds the request decided.
    const { member } = await decideMembership(deps, ctx.actor, { membershipId, approve, pressedMessageId: ctx.callbackQuery?.message?.message_id ?? null });
    const name = member.displayName ?? "-";
    await ctx.answerCallbackQuery({ text: ctx.t(approve ? "decision-approved" : "decision-rejected", { name }) });
    const keyboard = withoutRowsFor(ctx.callbackQuery?.message?.reply_markup, membershipId);
    await ctx.editMessageReplyMarkup(keyboard ? { reply_markup: keyboard } : undefined);
    await ctx.reply(ctx.t(approve ? "decision-approved" : "decision-rejected", { name }));
  });

  feature.command("keluarkan", async (ctx) => {
    const { text, keyboard } = await picker(ctx, "remove", 0);
    await ctx.reply(text, { reply_markup: keyboard });
  });
  feature.command("serahkan", async (ctx) => {
    const { text, keyboard } = await picker(ctx, "handover", 0);
    await ctx.reply(text, { reply_markup: keyboard });
  });
  feature.command("petugas", async (ctx) => {
    const { text, keyboard } = await picker(ctx, "petugas", 0);
    await ctx.reply(text, { reply_markup: keyboard });
  });

  onButton(feature, peoplePage, async (ctx, { list, page }) => {
    const { text, keyboard } = await picker(ctx, list, page);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(text, { reply_markup: keyboard });
  });
  onButton(feature, peopleClose, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("action-closed"));
  });

  // Removing a member and handing over the RT are asked twice: the second tap is the decision.
  async function ask(ctx: BotContext, list: "remove" | "handover", membershipId: number): Promise<void> {
    const member = await findMembership(deps.db, membershipId);
    const place = await headedRt(ctx);
    // Forged data may name someone of another RT: say nothing about them.
    if (!member || member.status !== "active" || member.rtId !== place.id) {
      await ctx.answerCallbackQuery({ text: ctx.t("error-member-not-found"), show_alert: true });
      return;
    }
    const family = list === "remove" ? memberRemove : handover;
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t(list === "remove" ? "remove-confirm" : "handover-confirm", { name: member.displayName ?? "-", ...rtVars(place) }), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-yes"), family.data({ step: "confirm", membership: member.id })).text(ctx.t("button-cancel"), peopleClose.data({ list })),
    });
  }

  onButton(feature, memberRemove, async (ctx, { step, membership: membershipId }) => {
    if (step === "ask") return ask(ctx, "remove", membershipId);
    const { member } = await removeMember(deps, ctx.actor, { membershipId });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("remove-done", { name: member.displayName ?? "-" }));
  });

  onButton(feature, handover, async (ctx, { step, membership: membershipId }) => {
    if (step === "ask") return ask(ctx, "handover", membershipId);
    const { member, rt: place } = await handOverKetua(deps, ctx.actor, { membershipId });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("handover-done", { name: member.displayName ?? "-", ...rtVars(place) }));
  });

  onButton(feature, petugas, async (ctx, { change, membership: membershipId }) => {
    const appoint = change === "add";
    const result = appoint ? await appointPetugas(deps, ctx.actor, { membershipId }) : await revokePetugas(deps, ctx.actor, { membershipId });
    await ctx.answerCallbackQuery({ text: ctx.t(appoint ? "petugas-appointed" : "petugas-revoked", { name: result.member.displayName ?? "-" }) });
    const { text, keyboard } = await picker(ctx, "petugas", 0);
    await ctx.editMessageText(text, { reply_markup: keyboard });
  });

  return composer;
}
