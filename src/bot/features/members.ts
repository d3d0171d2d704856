import { Composer, InlineKeyboard } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import { decideMembership, findMembership, listMembers, removeMember, type MembershipView } from "../../domain/membership/membership.js";
import { headedRtId } from "../../domain/people/actor.js";
import { appointPetugas, handOverKetua, listPetugasIds, revokePetugas } from "../../domain/roles/roles.js";
import { getRt } from "../../domain/rt/rt.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { chunkLines, rtVars } from "../../messages/format.js";
import { paginatedKeyboard } from "../keyboards/paginate.js";
import { eventKey, notifyMember, notifyPerson } from "../notifications.js";

/** Drops the buttons that act on one request, so a decided request shows no stale buttons. */
function withoutRowsFor(markup: InlineKeyboardMarkup | undefined, membershipId: number): InlineKeyboard | undefined {
  const rows = (markup?.inline_keyboard ?? []).filter(
    (row) => !row.some((button) => "callback_data" in button && button.callback_data?.endsWith(`:${membershipId}`)),
  );
  return rows.length ? InlineKeyboard.from(rows) : undefined;
}

type PickerAction = "mbr" | "ho" | "pt";

export function createMembersFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  const headedRt = async (ctx: BotContext) => getRt(deps.db, headedRtId(ctx.actor)!);

  async function picker(ctx: BotContext, action: PickerAction, page: number): Promise<{ text: string; keyboard: InlineKeyboard }> {
    const place = await headedRt(ctx);
    const members = (await listMembers(deps.db, place.id)).filter((m) => m.status === "active" && (action === "pt" || m.personId !== ctx.actor.person?.id));
    const petugas = action === "pt" ? new Set(await listPetugasIds(deps.db, place.id)) : new Set<number>();
    // The petugas button carries the intended change (add/del), so a double tap changes nothing twice.
    const data = (m: MembershipView) => (action === "pt" ? `pt:${petugas.has(m.personId) ? "del" : "add"}:${m.id}` : `${action}:pick:${m.id}`);
    const choices = members.map((m) => ({ label: `${petugas.has(m.personId) ? "✅ " : ""}${m.displayName ?? "-"}`, data: data(m) }));
    const text = members.length ? ctx.t(`picker-${action}`, rtVars(place)) : ctx.t("picker-empty", rtVars(place));
    return { text, keyboard: paginatedKeyboard(choices, page, `${action}:pg:`, [[{ label: ctx.t("button-close"), data: `${action}:close` }]]) };
  }

  feature.command("anggota", async (ctx) => {
    const place = await headedRt(ctx);
    const members = await listMembers(deps.db, place.id);
    const petugas = new Set(await listPetugasIds(deps.db, place.id));
    const active = members.filter((m) => m.status === "active");
    const pending = members.filter((m) => m.status === "pending");
    const lines = active.map((m, index) => {
      const tags = [m.personId === ctx.actor.person?.id ? ctx.t("role-ketua_rt") : null, petugas.has(m.personId) ? ctx.t("role-petugas") : null].filter(Boolean);
      return `${index + 1}. ${m.displayName ?? "-"} — ${m.householdLabel ?? "-"}${tags.length ? ` (${tags.join(", ")})` : ""}`;
    });
    const header = ctx.t("members-title", { ...rtVars(place), active: active.length, households: place.householdCount });
    for (const text of chunkLines(header, lines)) await ctx.reply(text);
    if (pending.length === 0) return;
    // Pending requests in pages of 20 rows of buttons, each row acting on one person.
    for (let start = 0; start < pending.length; start += 20) {
      const keyboard = new InlineKeyboard();
      for (const m of pending.slice(start, start + 20)) {
        keyboard.text(`✅ ${m.displayName ?? "-"}`, `mb:ok:${m.id}`).text("❌", `mb:no:${m.id}`).row();
      }
      const names = pending.slice(start, start + 20).map((m) => `• ${m.displayName ?? "-"} — ${m.householdLabel ?? "-"}`);
      await ctx.reply(`${ctx.t("members-pending-title", { count: pending.length })}\n${names.join("\n")}`, { reply_markup: keyboard });
    }
  });

  feature.callbackQuery(/^mb:(ok|no):(\d+)$/, async (ctx) => {
    const approve = ctx.match[1] === "ok";
    const membershipId = Number(ctx.match[2]);
    const decision = await decideMembership(deps.db, ctx.actor, membershipId, approve, deps.clock());
    const name = decision.member.displayName ?? "-";
    await ctx.answerCallbackQuery({ text: ctx.t(approve ? "decision-approved" : "decision-rejected", { name }) });
    const keyboard = withoutRowsFor(ctx.callbackQuery.message?.reply_markup, membershipId);
    await ctx.editMessageReplyMarkup(keyboard ? { reply_markup: keyboard } : undefined);
    await ctx.reply(ctx.t(approve ? "decision-approved" : "decision-rejected", { name }));
    await notifyMember(deps, decision, approve ? "membership-approved" : "membership-rejected");
  });

  feature.command("keluarkan", async (ctx) => {
    const { text, keyboard } = await picker(ctx, "mbr", 0);
    await ctx.reply(text, { reply_markup: keyboard });
  });
  feature.command("serahkan", async (ctx) => {
    const { text, keyboard } = await picker(ctx, "ho", 0);
    await ctx.reply(text, { reply_markup: keyboard });
  });
  feature.command("petugas", async (ctx) => {
    const { text, keyboard } = await picker(ctx, "pt", 0);
    await ctx.reply(text, { reply_markup: keyboard });
  });

  feature.callbackQuery(/^(mbr|ho|pt):pg:(\d+)$/, async (ctx) => {
    const { text, keyboard } = await picker(ctx, ctx.match[1] as PickerAction, Number(ctx.match[2]));
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(text, { reply_markup: keyboard });
  });
  feature.callbackQuery(/^(mbr|ho|pt):(close|batal)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("action-closed"));
  });

  // Removing a member and handing over the RT are asked twice: the second tap is the decision.
  feature.callbackQuery(/^(mbr|ho):pick:(\d+)$/, async (ctx) => {
    const action = ctx.match[1] as "mbr" | "ho";
    const member = await findMembership(deps.db, Number(ctx.match[2]));
    const place = await headedRt(ctx);
    // Forged data may name someone of another RT: say nothing about them.
    if (!member || member.status !== "active" || member.rtId !== place.id) {
      await ctx.answerCallbackQuery({ text: ctx.t("error-member-not-found"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t(action === "mbr" ? "remove-confirm" : "handover-confirm", { name: member.displayName ?? "-", ...rtVars(place) }), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-yes"), `${action}:ya:${member.id}`).text(ctx.t("button-cancel"), `${action}:batal`),
    });
  });

  feature.callbackQuery(/^mbr:ya:(\d+)$/, async (ctx) => {
    const decision = await removeMember(deps.db, ctx.actor, Number(ctx.match[1]), deps.clock());
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("remove-done", { name: decision.member.displayName ?? "-" }));
    await notifyMember(deps, decision, "membership-removed");
  });

  feature.callbackQuery(/^ho:ya:(\d+)$/, async (ctx) => {
    const { member, rt: place } = await handOverKetua(deps.db, ctx.actor, Number(ctx.match[1]), deps.clock());
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("handover-done", { name: member.displayName ?? "-", ...rtVars(place) }));
    await notifyPerson(deps, member, eventKey("handover", ctx.update.update_id), "handover-received", { from: ctx.actor.person?.displayName ?? "-", ...rtVars(place) });
  });

  feature.callbackQuery(/^pt:(add|del):(\d+)$/, async (ctx) => {
    const appoint = ctx.match[1] === "add";
    const membershipId = Number(ctx.match[2]);
    const result = appoint
      ? await appointPetugas(deps.db, ctx.actor, membershipId, deps.clock())
      : await revokePetugas(deps.db, ctx.actor, membershipId, deps.clock());
    const changed = "created" in result ? result.created : result.revoked;
    const key = appoint ? "petugas-appointed" : "petugas-revoked";
    await ctx.answerCallbackQuery({ text: ctx.t(key, { name: result.member.displayName ?? "-" }) });
    const { text, keyboard } = await picker(ctx, "pt", 0);
    await ctx.editMessageText(text, { reply_markup: keyboard });
    if (changed) await notifyPerson(deps, result.member, eventKey(key, ctx.update.update_id), `${key}-notice`, rtVars(result.rt));
  });

  return composer;
}

