import { InlineKeyboard } from "grammy";
import { AGENCIES, createAssessorInvite, findAssessorInvite, joinAssessmentTeam, teamLinkPayload, type Agency, type ScopeSummary } from "../../domain/cycle/team.js";
import { undecidedRound } from "../../domain/cycle/rounds.js";
import { cancelVisit, exampleVisitDay, inVisitPeriod, isHeld, mayPlanVisits, scheduleVisit, visitTarget } from "../../domain/cycle/visits.js";
import { parseDisplayName } from "../../domain/people/text-input.js";
import { coversKelurahan } from "../../domain/roles/scope.js";
import { listRtsInKelurahan } from "../../domain/rt/rt.js";
import { listKecamatan, listKelurahan } from "../../domain/wilayah/queries.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { addressName, type Greeting } from "../../messages/address.js";
import { deepLink, formatCalendarDay, formatWib, formatWhen, rtNumber, rtVars } from "../../messages/format.js";
import type { Translate } from "../../messages/translate.js";
import { joinStep } from "../../messages/buttons/people.js";
import { teamAgency, teamScope, visitAction, visitConfirm } from "../../messages/buttons/team.js";
import { askWhen } from "./events.js";
import { holdRight } from "./form-right.js";
import { pickOne } from "./pick.js";
import { explain, formKey, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const TEAM_INVITE = "team-invite";
export const VISIT_FORM = "visit-plan";

/** "Kec. Telanaipura, RT 05 Simpang IV Sipin": what a member of the team may assess. */
export function scopeText(t: Translate, scope: ScopeSummary): string {
  const parts = [
    ...scope.kecamatan.map((name) => t("team-scope-kecamatan", { name })),
    ...scope.rts.map((place) => t("team-scope-rt", { rt: rtNumber(place.number), kelurahan: place.kelurahanName })),
  ];
  return parts.length ? parts.join(", ") : t("team-scope-none");
}

type PickedRt = { id: number; number: number; kelurahanName: string };

/**
 * /timpenilai's "Buat tautan": an admin chooses the agency, then adds kecamatan (every proposed RT
 * there) and/or single RTs (kecamatan → kelurahan → RT) until done, and gets the one-time link.
 * The link's code follows from the form's key, so a save tapped twice makes one link.
 */
export function createTeamInviteConversation(deps: BotDeps) {
  return async function teamInvite(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const round = await runOnce(conversation, async () => {
      const open = await undecidedRound(deps.db);
      return { id: open.id, year: open.year };
    });
    if (!round.ok) return explain(ctx, round);

    const agencyKeyboard = new InlineKeyboard();
    for (const [index, agency] of AGENCIES.entries()) {
      agencyKeyboard.text(ctx.t(`agency-${agency}`), teamAgency.data({ agency }));
      if (index % 2 === 1) agencyKeyboard.row();
    }
    const stop = teamScope.data({ action: "cancel" });
    agencyKeyboard.row().text(ctx.t("button-cancel"), stop);
    await ctx.reply(ctx.t("team-ask-agency", { year: String(round.value.year) }), { reply_markup: agencyKeyboard });
    const { data: agencyData, ctx: agencyPress } = await waitForChoice(conversation, [...AGENCIES.map((agency) => teamAgency.data({ agency })), stop]);
    const chosen = teamAgency.read(agencyData);
    if (!chosen) return void (await agencyPress.editMessageText(agencyPress.t("action-cancelled")));
    const agency: Agency = chosen.agency;
    await agencyPress.editMessageText(agencyPress.t("team-agency-chosen", { agency: agencyPress.t(`agency-${agency}`) }));

    const kecamatan: { code: string; name: string }[] = [];
    const rts: PickedRt[] = [];
    const allKecamatan = await conversation.external(async () => (await listKecamatan(deps.db, deps.wilayahCode)).map((row) => ({ code: row.code, name: row.name })));
    for (;;) {
      const summary = scopeText(ctx.t, { kecamatan: kecamatan.map((row) => row.name), rts });
      const keyboard = new InlineKeyboard()
        .text(ctx.t("button-team-add-kecamatan"), teamScope.data({ action: "kec" }))
        .text(ctx.t("button-team-add-rt"), teamScope.data({ action: "rt" }))
        .row();
      const empty = kecamatan.length + rts.length === 0;
      if (!empty) keyboard.text(ctx.t("button-team-done"), teamScope.data({ action: "done" }));
      keyboard.text(ctx.t("button-cancel"), stop);
      await ctx.reply(ctx.t("team-ask-scope", { scope: summary }), { reply_markup: keyboard });
      const offered = [teamScope.data({ action: "kec" }), teamScope.data({ action: "rt" }), ...(empty ? [] : [teamScope.data({ action: "done" })]), stop];
      const { data, ctx: press } = await waitForChoice(conversation, offered);
      await press.editMessageReplyMarkup();
      const action = teamScope.read(data)!.action;
      if (action === "cancel") return void (await press.reply(press.t("action-cancelled")));
      if (action === "done") break;
      const kec = await pickOne(conversation, ctx, action === "kec" ? "team-kec" : "team-rt-kec", ctx.t("team-choose-kecamatan"), allKecamatan, (row) => row.name, 16);
      if (!kec) continue;
      if (action === "kec") {
        if (!kecamatan.some((row) => row.code === kec.code)) kecamatan.push(kec);
        continue;
      }
      const kelurahan = await conversation.external(async () => (await listKelurahan(deps.db, kec.code)).map((row) => ({ code: row.code, name: row.name })));
      const kel = await pickOne(conversation, ctx, "team-rt-kel", ctx.t("team-choose-kelurahan", { kecamatan: kec.name }), kelurahan, (row) => row.name);
      if (!kel) continue;
      const places = await conversation.external(async () => (await listRtsInKelurahan(deps.db, kel.code)).map((row) => ({ id: row.id, number: row.number, kelurahanName: row.kelurahanName })));
      if (places.length === 0) {
        await ctx.reply(ctx.t("team-no-rt", { kelurahan: kel.name }));
        continue;
      }
      const place = await pickOne(conversation, ctx, "team-rt", ctx.t("team-choose-rt", { kelurahan: kel.name }), places, (row) => `RT ${rtNumber(row.number)}`);
      if (place && !rts.some((row) => row.id === place.id)) rts.push(place);
    }

    const requestKey = await formKey(conversation, "team-invite");
    const outcome = await runOnce(conversation, async (outside) => {
      const made = await createAssessorInvite(deps, outside.actor, {
        requestKey, roundId: round.value.id, agency, rtIds: rts.map((row) => row.id), kecamatanCodes: kecamatan.map((row) => row.code),
      });
      return { link: deepLink(outside.me.username, teamLinkPayload(made.code)), expires: made.expiresAt.getTime() };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    const locale = await ctx.i18n.getLocale();
    await ctx.reply(
      ctx.t("team-link-made", {
        year: String(round.value.year), agency: ctx.t(`agency-${agency}`), scope: scopeText(ctx.t, { kecamatan: kecamatan.map((row) => row.name), rts }),
        link: outcome.value.link, expires: formatWib(new Date(outcome.value.expires), locale),
      }),
    );
  };
}

/**
 * Opening a team link (from registration, after consent): who the link makes them, their name and
 * greeting if the bot does not know them yet, a confirmation, then the service.
 */
export async function takeTeamLink(conversation: Convo, ctx: ConversationContext, deps: BotDeps, code: string, askName: () => Promise<string>, askGreeting: (name: string) => Promise<Greeting>): Promise<void> {
  const invite = await conversation.external(async () => {
    const found = await findAssessorInvite(deps.db, code);
    return found ? { year: found.year, agency: found.agency, scope: found.scope } : null;
  });
  if (!invite) return void (await ctx.reply(ctx.t("error-invite-invalid")));
  const vars = { year: String(invite.year), agency: ctx.t(`agency-${invite.agency}`), scope: scopeText(ctx.t, invite.scope) };
  await ctx.reply(ctx.t("team-join-intro", vars));
  const known = await conversation.external((outside) => {
    const name = outside.actor.person?.displayName;
    return name && parseDisplayName(name).ok ? { name, greeting: outside.actor.person?.greeting ?? null } : null;
  });
  let name: string | null = null;
  let greeting: Greeting | null = null;
  if (!known) {
    name = await askName();
    greeting = await askGreeting(name);
  }
  const addressed = addressName(ctx.t, { greeting: greeting ?? known?.greeting ?? null, name: name ?? known?.name ?? "" });
  const yes = joinStep.data({ step: "send" });
  const no = joinStep.data({ step: "cancel" });
  await ctx.reply(ctx.t("team-join-summary", { ...vars, addressed }), {
    reply_markup: new InlineKeyboard().text(ctx.t("button-yes"), yes).text(ctx.t("button-cancel"), no),
  });
  const { data, ctx: press } = await waitForChoice(conversation, [yes, no]);
  await press.editMessageReplyMarkup();
  if (data === no) return void (await press.reply(press.t("reg-cancelled")));
  const outcome = await runOnce(conversation, async (outside) => {
    const joined = await joinAssessmentTeam(deps, { code, telegramId: outside.from!.id, displayName: name, greeting });
    return joined.joined;
  });
  if (!outcome.ok) return explain(ctx, outcome);
  await ctx.reply(ctx.t("team-join-done", { ...vars, addressed }));
}

/**
 * /kunjungan, an RT chosen: schedule, move or cancel the round's visit there. The RT is re-read
 * with the presser's scope at the start and held as the form's right; the date must lie in the
 * round's visit period (asked again otherwise); the save is keyed by the form.
 */
export function createVisitConversation(deps: BotDeps) {
  return async function visitPlan(conversation: Convo, ctx: ConversationContext, params: { roundId: number; rtId: number }): Promise<void> {
    const target = await runOnce(conversation, async (outside) => {
      const found = await visitTarget(deps.db, outside.actor, params);
      return {
        rt: found.rt, visit: found.visit ? { id: found.visit.id, startsAt: found.visit.startsAt.getTime(), held: isHeld(found.visit, deps.clock()) } : null,
        example: exampleVisitDay(found.round, deps.clock()),
        round: { id: found.round.id, year: found.round.year, visitFrom: found.round.visitFrom, visitTo: found.round.visitTo },
      };
    });
    if (!target.ok) return explain(ctx, target);
    const { rt: place, visit, round } = target.value;
    await holdRight(conversation, ctx, (actor) => mayPlanVisits(actor) && coversKelurahan(actor, place));
    const locale = await ctx.i18n.getLocale();
    const day = (text: string) => {
      const [year, month, date] = text.split("-").map(Number);
      return formatCalendarDay({ year: year!, month: month!, day: date! }, locale);
    };
    const period = { from: day(round.visitFrom), to: day(round.visitTo) };
    const when = visit ? formatWhen(new Date(visit.startsAt), locale) : ctx.t("visit-not-scheduled");
    // A visit that took place is neither moved nor cancelled: no buttons for it (the service refuses too).
    if (visit?.held) return void (await ctx.reply(ctx.t("visit-held-card", { ...rtVars(place), when })));
    const keyboard = new InlineKeyboard().text(ctx.t(visit ? "button-visit-move" : "button-visit-schedule"), visitAction.data({ action: "schedule" }));
    if (visit) keyboard.text(ctx.t("button-visit-cancel"), visitAction.data({ action: "cancel" }));
    keyboard.row().text(ctx.t("button-cancel"), visitAction.data({ action: "stop" }));
    await ctx.reply(ctx.t("visit-rt-card", { ...rtVars(place), when, ...period }), { reply_markup: keyboard });
    const actions = [visitAction.data({ action: "schedule" }), ...(visit ? [visitAction.data({ action: "cancel" })] : []), visitAction.data({ action: "stop" })];
    const { data, ctx: press } = await waitForChoice(conversation, actions);
    await press.editMessageReplyMarkup();
    const action = visitAction.read(data)!.action;
    if (action === "stop") return void (await press.reply(press.t("action-cancelled")));
    const yes = visitConfirm.data({ choice: "yes" });
    const no = visitConfirm.data({ choice: "no" });
    const confirmKeyboard = new InlineKeyboard().text(ctx.t("button-yes"), yes).text(ctx.t("button-cancel"), no);

    if (action === "cancel" && visit) {
      await ctx.reply(ctx.t("visit-cancel-ask", { ...rtVars(place), when }), { reply_markup: confirmKeyboard });
      const { data: confirmed, ctx: answer } = await waitForChoice(conversation, [yes, no]);
      await answer.editMessageReplyMarkup();
      if (confirmed === no) return void (await answer.reply(answer.t("action-cancelled")));
      const outcome = await runOnce(conversation, async (outside) => (await cancelVisit(deps, outside.actor, { visitId: visit.id })).cancelled);
      if (!outcome.ok) return explain(ctx, outcome);
      return void (await ctx.reply(ctx.t(outcome.value ? "visit-cancelled" : "visit-cancelled-already", { ...rtVars(place), when })));
    }

    const { example: exampleDay } = target.value;
    const example = `${exampleDay.day}/${exampleDay.month}/${exampleDay.year} 09.00`;
    let startsAt: Date;
    for (;;) {
      startsAt = await askWhen(conversation, ctx, deps, ctx.t("visit-ask-when", { ...rtVars(place), ...period, example }));
      const now = await conversation.external(() => deps.clock().getTime());
      if (startsAt.getTime() <= now) {
        await ctx.reply(ctx.t("error-visit-time-past"));
        continue;
      }
      if (inVisitPeriod(round, startsAt)) break;
      await ctx.reply(ctx.t("visit-outside-period-ask", { when: formatWhen(startsAt, locale), ...period }));
    }
    const whenNew = formatWhen(startsAt, locale);
    await ctx.reply(ctx.t(visit ? "visit-move-ask" : "visit-schedule-ask", { ...rtVars(place), when: whenNew, before: when }), { reply_markup: confirmKeyboard });
    const { data: confirmed, ctx: answerCtx } = await waitForChoice(conversation, [yes, no]);
    await answerCtx.editMessageReplyMarkup();
    if (confirmed === no) return void (await answerCtx.reply(answerCtx.t("action-cancelled")));
    const requestKey = await formKey(conversation, "visit");
    const at = startsAt.getTime();
    const outcome = await runOnce(conversation, async (outside) => {
      const saved = await scheduleVisit(deps, outside.actor, { requestKey, roundId: round.id, rtId: place.id, startsAt: new Date(at) });
      return { moved: saved.moved };
    });
    // The service names the period by its ISO days; the person reads calendar days.
    if (!outcome.ok && outcome.code === "visit-outside-period") return void (await ctx.reply(ctx.t("error-visit-outside-period", period)));
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(ctx.t(outcome.value.moved ? "visit-moved" : "visit-scheduled", { ...rtVars(place), when: whenNew }));
  };
}
