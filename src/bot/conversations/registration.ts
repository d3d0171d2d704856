import { InlineKeyboard } from "grammy";
import { requestToJoin } from "../../domain/membership/membership.js";
import { ensurePerson, recordConsent, type Locale } from "../../domain/people/person.js";
import { parseDisplayName, parseHouseholdLabel } from "../../domain/people/text-input.js";
import { findRoleInvite, redeemRoleInvite } from "../../domain/roles/roles.js";
import { getRt, listRtsInKelurahan, type RtDetails } from "../../domain/rt/rt.js";
import { listKecamatan, listKelurahan } from "../../domain/wilayah/queries.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { rtNumber, rtVars } from "../../messages/format.js";
import { KECAMATAN_PAGE_SIZE, pageCount, PAGE_SIZE, paginatedKeyboard, type Choice } from "../keyboards/paginate.js";
import { consent, joinGreeting, joinPage, joinPick, joinStep } from "../../messages/buttons/people.js";
import { addressName, GREETINGS, type Greeting } from "../../messages/address.js";
import { askText, explain, runOnce, waitForChoice, type Convo } from "./prompts.js";
import { takeTeamLink } from "./team.js";

export const REGISTRATION = "registration";

/** How registration was started: browsing the map, a ketua's RT link, or a one-time role link. */
export type RegistrationStart =
  | { kind: "browse" }
  | { kind: "rt-invite"; rtId: number }
  | { kind: "role-invite"; code: string }
  | { kind: "team-invite"; code: string };

const CONSENT_YES = consent.data({ choice: "yes" });
const CONSENT_NO = consent.data({ choice: "no" });
const BACK = joinStep.data({ step: "back" });
const CANCEL = joinStep.data({ step: "cancel" });
const SEND = joinStep.data({ step: "send" });
const RESTART = joinStep.data({ step: "restart" });
/** paginatedKeyboard appends the page number: this writes joinPage's data. */
const PAGE_PREFIX = joinPage.data({ page: 0 }).slice(0, -1);

async function askConsent(conversation: Convo, ctx: ConversationContext, deps: BotDeps): Promise<boolean> {
  const consented = await conversation.external((outside) => outside.actor.person?.consentedAt != null);
  if (consented) return true;
  await ctx.reply(ctx.t("consent-text"), {
    reply_markup: new InlineKeyboard().text(ctx.t("button-consent-yes"), CONSENT_YES).row().text(ctx.t("button-consent-no"), CONSENT_NO),
  });
  const { data, ctx: answer } = await waitForChoice(conversation, [CONSENT_YES, CONSENT_NO]);
  if (data === CONSENT_NO) {
    await answer.editMessageReplyMarkup();
    await answer.reply(answer.t("consent-declined"));
    return false;
  }
  const locale = (await ctx.i18n.getLocale()) as Locale;
  await runOnce(conversation, (outside) => recordConsent(deps.db, outside.from!.id, locale, deps.clock()));
  await answer.editMessageReplyMarkup();
  await answer.reply(answer.t("consent-thanks"));
  return true;
}

/** Kecamatan → kelurahan → RT, one message edited in place, with paging and a way back. */
async function chooseRt(conversation: Convo, ctx: ConversationContext, deps: BotDeps): Promise<RtDetails | null> {
  const allKecamatan = await conversation.external(() => listKecamatan(deps.db, deps.wilayahCode));
  const cancel = { label: ctx.t("button-cancel"), data: CANCEL };
  const back = { label: ctx.t("button-back"), data: BACK };

  let level: "kecamatan" | "kelurahan" | "rt" = "kecamatan";
  let page = 0;
  let kelurahanChoices: { code: string; name: string }[] = [];
  let kecamatanName = "";
  let rts: RtDetails[] = [];
  let kelurahanName = "";

  // A kota has about a dozen kecamatan: one screen, no paging.
  const pageSize = () => (level === "kecamatan" ? KECAMATAN_PAGE_SIZE : PAGE_SIZE);
  const choices = (): Choice[] =>
    level === "kecamatan"
      ? allKecamatan.map((k) => ({ label: k.name, data: joinPick.data({ level: "kec", value: k.code }) }))
      : level === "kelurahan"
        ? kelurahanChoices.map((k) => ({ label: k.name, data: joinPick.data({ level: "kel", value: k.code }) }))
        : rts.map((r) => ({ label: `RT ${rtNumber(r.number)}`, data: joinPick.data({ level: "rt", value: String(r.id) }) }));
  const screen = () => ({
    text:
      level === "kecamatan"
        ? ctx.t("reg-choose-kecamatan")
        : level === "kelurahan"
          ? ctx.t("reg-choose-kelurahan", { kecamatan: kecamatanName })
          : rts.length ? ctx.t("reg-choose-rt", { kelurahan: kelurahanName }) : ctx.t("reg-no-rt", { kelurahan: kelurahanName }),
    keyboard: paginatedKeyboard(choices(), page, PAGE_PREFIX, [level === "kecamatan" ? [cancel] : [back, cancel]], pageSize()),
  });
  // Only the buttons of the screen now shown are answers; an old or forged one is handed on
  // (and told it no longer works) rather than misread.
  const buttonsShown = () => [
    ...choices().map((choice) => choice.data),
    ...Array.from({ length: pageCount(choices().length, pageSize()) }, (_, n) => joinPage.data({ page: n })),
    ...(level === "kecamatan" ? [] : [back.data]),
    cancel.data,
  ];

  const first = screen();
  await ctx.reply(first.text, { reply_markup: first.keyboard });
  for (;;) {
    const { data, ctx: press } = await waitForChoice(conversation, buttonsShown());
    // Only buttons shown on this screen get here, each written by one of these families.
    const picked = joinPick.read(data);
    const action = picked?.level ?? (joinPage.read(data) ? "pg" : joinStep.read(data)?.step);
    const value = picked?.value ?? String(joinPage.read(data)?.page ?? "");
    if (action === "cancel") {
      await press.editMessageText(press.t("reg-cancelled"));
      return null;
    }
    if (action === "pg") {
      // The page-number button names the page shown: Telegram refuses an edit that changes nothing.
      if (Number(value) === page) continue;
      page = Number(value);
    } else if (action === "back") {
      level = level === "rt" ? "kelurahan" : "kecamatan";
      page = 0;
    } else if (action === "kec") {
      const chosen = allKecamatan.find((k) => k.code === value);
      if (!chosen) continue;
      kecamatanName = chosen.name;
      kelurahanChoices = await conversation.external(() => listKelurahan(deps.db, chosen.code));
      level = "kelurahan";
      page = 0;
    } else if (action === "kel") {
      const chosen = kelurahanChoices.find((k) => k.code === value);
      if (!chosen) continue;
      kelurahanName = chosen.name;
      rts = await conversation.external(() => listRtsInKelurahan(deps.db, chosen.code));
      level = "rt";
      page = 0;
    } else {
      const chosen = rts.find((r) => String(r.id) === value);
      if (!chosen) continue;
      await press.editMessageText(press.t("reg-rt-chosen", rtVars(chosen)));
      return chosen;
    }
    const next = screen();
    await press.editMessageText(next.text, { reply_markup: next.keyboard });
  }
}

async function askName(conversation: Convo, ctx: ConversationContext): Promise<string> {
  const fromTelegram = parseDisplayName([ctx.from?.first_name, ctx.from?.last_name].filter(Boolean).join(" "));
  const shortcuts = fromTelegram.ok ? [{ label: ctx.t("button-use-name", { name: fromTelegram.value }), data: joinStep.data({ step: "name" }), value: fromTelegram.value }] : [];
  return askText(conversation, ctx, ctx.t("reg-ask-name"), parseDisplayName, shortcuts);
}

/** How the person wants to be addressed, each choice shown as it would read: "Bu Siti Aminah". */
async function askGreeting(conversation: Convo, ctx: ConversationContext, name: string): Promise<Greeting> {
  const keyboard = new InlineKeyboard();
  for (const [index, greeting] of GREETINGS.entries()) {
    const label = greeting === "name" ? ctx.t("button-greeting-name", { name }) : addressName(ctx.t, { greeting, name });
    keyboard.text(label, joinGreeting.data({ choice: greeting }));
    if (index % 2 === 1) keyboard.row();
  }
  await ctx.reply(ctx.t("reg-ask-greeting", { name }), { reply_markup: keyboard });
  const { data, ctx: press } = await waitForChoice(conversation, GREETINGS.map((choice) => joinGreeting.data({ choice })));
  const greeting = joinGreeting.read(data)!.choice;
  await press.editMessageText(press.t("reg-greeting-chosen", { name: addressName(press.t, { greeting, name }) }));
  return greeting;
}

/**
 * A second RT's link opened while a request waits elsewhere: the person is asked before the first
 * is replaced. Returns the request to replace, null when there is none, or "keep" to stop here.
 */
async function askReplace(conversation: Convo, ctx: ConversationContext, deps: BotDeps, place: RtDetails): Promise<number | null | "keep"> {
  const waiting = await conversation.external(async (outside) => {
    const current = outside.actor.membership;
    if (current?.status !== "pending" || current.rtId === place.id) return null;
    return { id: current.id, rt: rtVars(await getRt(deps.db, current.rtId)) };
  });
  if (!waiting) return null;
  const replace = joinStep.data({ step: "replace" });
  const keep = joinStep.data({ step: "keep" });
  await ctx.reply(ctx.t("reg-replace-ask", { oldRt: waiting.rt.rt!, oldKelurahan: waiting.rt.kelurahan!, ...rtVars(place) }), {
    reply_markup: new InlineKeyboard().text(ctx.t("button-replace-yes"), replace).text(ctx.t("button-replace-no"), keep),
  });
  const { data, ctx: press } = await waitForChoice(conversation, [replace, keep]);
  await press.editMessageReplyMarkup();
  if (data === keep) {
    await press.reply(press.t("reg-replace-kept", waiting.rt));
    return "keep";
  }
  return waiting.id;
}

async function confirm(conversation: Convo, ctx: ConversationContext, summary: string, sendLabel = ctx.t("button-send")): Promise<"send" | "restart" | "cancel"> {
  await ctx.reply(summary, {
    reply_markup: new InlineKeyboard()
      .text(sendLabel, SEND).row()
      .text(ctx.t("button-restart"), RESTART).text(ctx.t("button-cancel"), CANCEL),
  });
  const { data, ctx: press } = await waitForChoice(conversation, [SEND, RESTART, CANCEL]);
  await press.editMessageReplyMarkup();
  if (data === CANCEL) await press.reply(press.t("reg-cancelled"));
  return data === SEND ? "send" : data === RESTART ? "restart" : "cancel";
}

async function joinRt(conversation: Convo, ctx: ConversationContext, deps: BotDeps, start: RegistrationStart & { kind: "browse" | "rt-invite" }): Promise<void> {
  const beginning = conversation.checkpoint();
  const place = start.kind === "rt-invite" ? await conversation.external(() => getRt(deps.db, start.rtId)) : await chooseRt(conversation, ctx, deps);
  if (!place) return;
  if (start.kind === "rt-invite") await ctx.reply(ctx.t("reg-invited-to", rtVars(place)));
  const replacing = await askReplace(conversation, ctx, deps, place);
  if (replacing === "keep") return;

  const name = await askName(conversation, ctx);
  const greeting = await askGreeting(conversation, ctx, name);
  const household = await askText(conversation, ctx, ctx.t("reg-ask-household"), parseHouseholdLabel);
  const choice = await confirm(conversation, ctx, ctx.t("reg-summary", { ...rtVars(place), name, addressed: addressName(ctx.t, { greeting, name }), household }));
  if (choice === "restart") await conversation.rewind(beginning);
  if (choice === "cancel") return;

  // The request and the approvers' notices are one transaction in the service.
  const outcome = await runOnce(conversation, (outside) =>
    requestToJoin(deps, { telegramId: outside.from!.id, rtId: place.id, displayName: name, householdLabel: household, greeting, replacing }),
  );
  if (!outcome.ok) return explain(ctx, outcome);
  const key = outcome.value.recipients === 0 ? "reg-sent-nobody" : outcome.value.role === "ketua_rt" ? "reg-sent-ketua" : "reg-sent-koordinator";
  await ctx.reply(ctx.t(key, rtVars(place)));
}

async function takeRole(conversation: Convo, ctx: ConversationContext, deps: BotDeps, code: string): Promise<void> {
  const invite = await conversation.external(() => findRoleInvite(deps.db, code));
  if (!invite) return void (await ctx.reply(ctx.t("error-invite-invalid")));
  const place = invite.rt;
  const area = ctx.t(`area-${invite.areaLevel}`, { name: invite.areaName });
  await ctx.reply(place ? ctx.t("reg-role-ketua-intro", rtVars(place)) : ctx.t("reg-role-koordinator-intro", { area }));
  const name = await askName(conversation, ctx);
  const greeting = await askGreeting(conversation, ctx, name);
  const household = place ? await askText(conversation, ctx, ctx.t("reg-ask-household"), parseHouseholdLabel) : null;
  const addressed = addressName(ctx.t, { greeting, name });
  const summary = place
    ? ctx.t("reg-role-ketua-summary", { ...rtVars(place), name, addressed, household: household ?? "-" })
    : ctx.t("reg-role-koordinator-summary", { area, name, addressed });
  // Taking a role link is not a request to anyone: the button says "go ahead", not "send".
  if ((await confirm(conversation, ctx, summary, ctx.t("button-yes"))) !== "send") return;

  const outcome = await runOnce(conversation, async (outside) => {
    const personId = await ensurePerson(deps.db, outside.from!.id);
    return redeemRoleInvite(deps.db, { code, personId, displayName: name, householdLabel: household, greeting }, deps.clock());
  });
  if (!outcome.ok) return explain(ctx, outcome);
  await ctx.reply(place ? ctx.t("reg-role-ketua-done", rtVars(place)) : ctx.t("reg-role-koordinator-done", { area }));
}

export function createRegistrationConversation(deps: BotDeps) {
  return async function registration(conversation: Convo, ctx: ConversationContext, start: RegistrationStart): Promise<void> {
    if (!(await askConsent(conversation, ctx, deps))) return;
    if (start.kind === "role-invite") return takeRole(conversation, ctx, deps, start.code);
    // The assessment team: the koordinator link's short path (name and greeting if unknown), no RT.
    if (start.kind === "team-invite") {
      return takeTeamLink(conversation, ctx, deps, start.code, () => askName(conversation, ctx), (name) => askGreeting(conversation, ctx, name));
    }
    return joinRt(conversation, ctx, deps, start);
  };
}
