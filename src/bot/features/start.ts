import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { reportListOpen, reportStart } from "../../messages/buttons/reports.js";
import { indikatorOpen } from "../../messages/buttons/indikator.js";
import { DomainError } from "../../domain/errors.js";
import { checkRoleInvite, findRoleInvite } from "../../domain/roles/roles.js";
import { checkAssessorInvite, findAssessorInvite, teamInviteCode } from "../../domain/cycle/team.js";
import { findRtByInviteCode, getRt } from "../../domain/rt/rt.js";
import type { BotContext } from "../context.js";
import { REGISTRATION, type RegistrationStart } from "../conversations/registration.js";
import type { BotDeps } from "../deps.js";
import { formatWib, rtVars } from "../../messages/format.js";
import { addressName } from "../../messages/address.js";
import type { Vars } from "../../messages/translate.js";
import { findMembership } from "../../domain/membership/membership.js";
import { claimCodeOf } from "../../domain/offline/offline.js";
import { showClaim } from "./offline.js";

const PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/** Works out where a /start (with or without a deep-link code) should lead. */
async function startingPoint(deps: BotDeps, ctx: BotContext, payload: string): Promise<RegistrationStart> {
  if (!PAYLOAD.test(payload)) throw new DomainError("invite-invalid");
  const teamCode = teamInviteCode(payload);
  if (teamCode !== undefined) {
    // An assessment-team link: no RT is involved, whatever the person's membership.
    const invite = await findAssessorInvite(deps.db, teamCode);
    if (!invite) throw new DomainError("invite-invalid");
    checkAssessorInvite(invite, ctx.actor.person?.id ?? null, deps.clock());
    // Opened again by the person who joined with it: nothing to do, and said so.
    if (invite.usedBy !== null) throw new DomainError("team-already-on");
    return { kind: "team-invite", code: teamCode };
  }
  const place = await findRtByInviteCode(deps.db, payload);
  if (place) {
    if (ctx.actor.membership?.status === "active") {
      throw new DomainError(ctx.actor.membership.rtId === place.id ? "already-member-here" : "already-member");
    }
    return { kind: "rt-invite", rtId: place.id };
  }
  const invite = await findRoleInvite(deps.db, payload);
  if (!invite) throw new DomainError("invite-invalid");
  checkRoleInvite(invite, ctx.actor.person?.id ?? null, deps.clock());
  if (invite.usedBy !== null) throw new DomainError("invite-used");
  // Said now, not after the whole form: heading an RT means living in it.
  const current = ctx.actor.membership;
  if (invite.rt && current?.status === "active" && current.rtId !== invite.rt.id) throw new DomainError("already-member");
  return { kind: "role-invite", code: payload };
}

/** A pending person's request, as they read it: which RT, and waiting since when (`start-pending`, `pending-waiting`). */
export async function pendingVars(deps: BotDeps, ctx: BotContext): Promise<Vars> {
  const request = (await findMembership(deps.db, ctx.actor.membership!.id))!;
  const place = await getRt(deps.db, request.rtId);
  return { ...rtVars(place), since: formatWib(request.requestedAt, await ctx.i18n.getLocale()) };
}

export function createStartFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  feature.command("start", async (ctx) => {
    const payload = ctx.match.trim();
    // issue 17: a resident recorded without Telegram takes their record over.
    const claim = claimCodeOf(payload);
    if (claim !== undefined) return showClaim(deps, ctx, claim);
    if (payload) {
      await ctx.conversation.enter(REGISTRATION, await startingPoint(deps, ctx, payload));
      return;
    }
    const current = ctx.actor.membership;
    const person = ctx.actor.person;
    if (current?.status === "pending") {
      await ctx.reply(ctx.t("start-pending", await pendingVars(deps, ctx)));
      return;
    }
    if (current) {
      const place = await getRt(deps.db, current.rtId);
      // Where residents already are: reporting a problem and what counts (issue 17) are one tap
      // from /start (and, for the ketua, the list of reports).
      const keyboard = new InlineKeyboard().text(ctx.t("button-report-start"), reportStart.data({})).row().text(ctx.t("button-indikator-open"), indikatorOpen.data({}));
      if (ctx.actor.grants.some((grant) => grant.role === "ketua_rt" && grant.rtId === current.rtId)) keyboard.row().text(ctx.t("button-report-list"), reportListOpen.data({}));
      await ctx.reply(ctx.t("start-already-member", { ...rtVars(place), name: addressName(ctx.t, { greeting: person?.greeting ?? null, name: person?.displayName ?? "" }) }), { reply_markup: keyboard });
      return;
    }
    if (ctx.actor.grants.length > 0) {
      // A koordinator or admin need not live in a registered RT to use the bot.
      await ctx.reply(ctx.t("start-staff", { name: addressName(ctx.t, { greeting: person?.greeting ?? null, name: person?.displayName ?? ctx.from.first_name }) }));
      return;
    }
    await ctx.reply(ctx.t("start-welcome"));
    await ctx.conversation.enter(REGISTRATION, { kind: "browse" } satisfies RegistrationStart);
  });

  return composer;
}
