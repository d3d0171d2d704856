import { InlineKeyboard } from "grammy";
import { parseWholeNumber } from "../../domain/people/text-input.js";
import { createRoleInvite, createRtWithKetuaInvite, type RoleInviteTarget } from "../../domain/roles/roles.js";
import { areaScope, coversKelurahan } from "../../domain/roles/scope.js";
import { applyHouseholdCount } from "../../domain/rt/rt.js";
import { koordinatorLevel } from "../../messages/buttons/people.js";
import { listKelurahanInScope, type KelurahanInScope } from "../../domain/wilayah/queries.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { deepLink, formatWib, rtVars } from "../../messages/format.js";
import { KECAMATAN_PAGE_SIZE } from "../keyboards/paginate.js";
import { holdRight } from "./form-right.js";
import { pickOne } from "./pick.js";
import { askText, explain, runOnce, waitForChoice, type Convo } from "./prompts.js";

export const CREATE_RT = "create-rt";
export const APPOINT_KOORDINATOR = "appoint-koordinator";
export const HOUSEHOLD_COUNT = "household-count";

export const RT_NUMBER_MAX = 999;
export const HOUSEHOLD_COUNT_MAX = 10000;

function kelurahanInScope(conversation: Convo, deps: BotDeps): Promise<KelurahanInScope[]> {
  return conversation.external((outside) => listKelurahanInScope(deps.db, deps.wilayahCode, areaScope(outside.actor)));
}

/** The kecamatan of the actor's area; asked only when there is more than one. */
async function pickKecamatan(conversation: Convo, ctx: ConversationContext, inScope: KelurahanInScope[]): Promise<{ code: string; name: string } | null> {
  const kecamatanNames = [...new Set(inScope.map((k) => `${k.kecamatanCode}|${k.kecamatanName}`))].map((entry) => {
    const [code, name] = entry.split("|") as [string, string];
    return { code, name };
  });
  return kecamatanNames.length === 1
    ? kecamatanNames[0]!
    : pickOne(conversation, ctx, "akec", ctx.t("staff-choose-kecamatan"), kecamatanNames, (k) => k.name, KECAMATAN_PAGE_SIZE);
}

/**
 * A kelurahan of the actor's area. The list is read again once the kecamatan is chosen (with the
 * actor of that answer), and the form then goes on only while the kelurahan stays in the area.
 */
export async function pickKelurahan(conversation: Convo, ctx: ConversationContext, deps: BotDeps): Promise<KelurahanInScope | null> {
  const kecamatan = await pickKecamatan(conversation, ctx, await kelurahanInScope(conversation, deps));
  if (!kecamatan) return null;
  const kelurahan = (await kelurahanInScope(conversation, deps)).filter((k) => k.kecamatanCode === kecamatan.code);
  if (kelurahan.length === 0) {
    // The area no longer holds this kecamatan: nothing to offer.
    await ctx.reply(ctx.t("form-right-lost"));
    return null;
  }
  const chosen = await pickOne(conversation, ctx, "akel", ctx.t("staff-choose-kelurahan", { kecamatan: kecamatan.name }), kelurahan, (k) => k.name);
  if (chosen) await holdRight(conversation, ctx, (actor) => coversKelurahan(actor, { kelurahanCode: chosen.code, kecamatanCode: chosen.kecamatanCode }));
  return chosen;
}

/** /buatrt: a koordinator or admin registers an RT and gets the one-time link for its ketua. */
export function createCreateRtConversation(deps: BotDeps) {
  return async function createRtConversation(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const kelurahan = await pickKelurahan(conversation, ctx, deps);
    if (!kelurahan) return;
    const number = await askText(conversation, ctx, ctx.t("staff-ask-rt-number", { kelurahan: kelurahan.name }), (text) => parseWholeNumber(text, 1, RT_NUMBER_MAX));
    const households = await askText(conversation, ctx, ctx.t("staff-ask-household-count"), (text) => parseWholeNumber(text, 0, HOUSEHOLD_COUNT_MAX));
    // The RT and its ketua link are made together by the service (with today's actor and scope).
    const outcome = await runOnce(conversation, async (outside) => {
      const made = await createRtWithKetuaInvite(deps, outside.actor, { kelurahanCode: kelurahan.code, number, householdCount: households });
      // Plain numbers: results of `external` are stored as JSON for replays.
      return { place: made.rt, link: deepLink(outside.me.username, made.code), expires: made.expiresAt.getTime() };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    const locale = await ctx.i18n.getLocale();
    await ctx.reply(ctx.t("staff-rt-created", { ...rtVars(outcome.value.place), link: outcome.value.link, expires: formatWib(new Date(outcome.value.expires), locale) }));
  };
}

const LEVEL = {
  kel: koordinatorLevel.data({ level: "kel" }),
  kec: koordinatorLevel.data({ level: "kec" }),
  cancel: koordinatorLevel.data({ level: "cancel" }),
};

/** /angkatkoordinator: an admin makes a one-time link for a koordinator of a kelurahan or kecamatan. */
export function createAppointKoordinatorConversation(deps: BotDeps) {
  return async function appointKoordinator(conversation: Convo, ctx: ConversationContext): Promise<void> {
    await ctx.reply(ctx.t("staff-choose-level"), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("button-level-kelurahan"), LEVEL.kel).text(ctx.t("button-level-kecamatan"), LEVEL.kec).row()
        .text(ctx.t("button-cancel"), LEVEL.cancel),
    });
    const { data, ctx: press } = await waitForChoice(conversation, Object.values(LEVEL));
    await press.editMessageReplyMarkup();
    if (data === LEVEL.cancel) return void (await press.reply(press.t("action-cancelled")));
    // A kecamatan koordinator's area is the kecamatan: no kelurahan to ask for.
    let target: RoleInviteTarget;
    let area: string;
    if (data === LEVEL.kel) {
      const kelurahan = await pickKelurahan(conversation, ctx, deps);
      if (!kelurahan) return;
      target = { role: "koordinator", kelurahanCode: kelurahan.code };
      area = ctx.t("area-kelurahan", { name: kelurahan.name });
    } else {
      const kecamatan = await pickKecamatan(conversation, ctx, await kelurahanInScope(conversation, deps));
      if (!kecamatan) return;
      target = { role: "koordinator", kecamatanCode: kecamatan.code };
      area = ctx.t("area-kecamatan", { name: kecamatan.name });
    }
    const outcome = await runOnce(conversation, async (outside) => deepLink(outside.me.username, (await createRoleInvite(deps.db, outside.actor, target, deps.clock())).code));
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(ctx.t("staff-koordinator-link", { area, link: outcome.value }));
  };
}

export function createHouseholdCountConversation(deps: BotDeps) {
  return async function householdCount(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const value = await askText(conversation, ctx, ctx.t("kk-ask"), (text) => parseWholeNumber(text, 0, HOUSEHOLD_COUNT_MAX));
    const outcome = await runOnce(conversation, (outside) => applyHouseholdCount(deps, outside.actor, value));
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(ctx.t("kk-set", { ...rtVars(outcome.value), count: value }));
  };
}

