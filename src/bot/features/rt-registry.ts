import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { ketuaLinkTarget, reissueKetuaInvite } from "../../domain/roles/roles.js";
import { listRtsInScope, type RtSummary } from "../../domain/rt/rt.js";
import { areaScope } from "../../domain/roles/scope.js";
import { actFor, actingStop, ketuaLink, ketuaLinkClose, ketuaLinkPage } from "../../messages/buttons/people.js";
import { actForRt, stopActing } from "../../domain/roles/acting.js";
import { onButton } from "../buttons.js";
import type { BotContext } from "../context.js";
import { APPOINT_KOORDINATOR, CREATE_RT } from "../conversations/staff.js";
import type { BotDeps } from "../deps.js";
import { paginatedKeyboard } from "../keyboards/paginate.js";
import { chunkLines, deepLink, formatWib, rtNumber, rtVars } from "../../messages/format.js";

/** Ketua-link buttons under /daftarrt, RTs without a ketua first come first; the rest through /tautanketua. */
const HEADLESS_BUTTONS = 10;

/** Koordinator and admin: register RTs, see the RTs in their area, appoint koordinator. */
export function createRtRegistryFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  feature.command("buatrt", (ctx) => ctx.conversation.enter(CREATE_RT));
  feature.command("angkatkoordinator", (ctx) => ctx.conversation.enter(APPOINT_KOORDINATOR));

  feature.command("daftarrt", async (ctx) => {
    const rts = await listRtsInScope(deps.db, areaScope(ctx.actor));
    if (rts.length === 0) {
      await ctx.reply(ctx.t("registry-empty"));
      return;
    }
    let kelurahan = "";
    const lines: string[] = [];
    if (ctx.actor.acting) lines.push(ctx.t("acting-now", { rt: rtNumber(ctx.actor.acting.rtNumber) }));
    for (const place of rts) {
      if (place.kelurahanName !== kelurahan) {
        kelurahan = place.kelurahanName;
        lines.push("", ctx.t("registry-kelurahan", { kelurahan: place.kelurahanName, kecamatan: place.kecamatanName }));
      }
      const vars = { rt: rtNumber(place.number), active: place.activeMembers, pending: place.pendingMembers, households: place.householdCount };
      lines.push(ctx.t(place.hasKetua ? "registry-rt" : "registry-rt-headless", vars));
    }
    // An RT without a ketua waits for its koordinator: its ketua link is one press away from here.
    const headless = rts.filter((place) => !place.hasKetua);
    if (headless.length > 0) {
      lines.push("", ctx.t("registry-headless", { count: headless.length }));
      if (headless.length > HEADLESS_BUTTONS) lines.push(ctx.t("registry-headless-more", { count: headless.length - HEADLESS_BUTTONS }));
    }
    const texts = chunkLines(ctx.t("registry-title", { count: rts.length }), lines);
    for (const [index, text] of texts.entries()) {
      const last = index === texts.length - 1;
      const keyboard = last ? headlessKeyboard(ctx, headless) : undefined;
      await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
    }
  });

  // Each RT without a ketua: its ketua link, and acting as its ketua meanwhile (not the one acted for).
  const headlessKeyboard = (ctx: BotContext, rts: RtSummary[]) => {
    if (rts.length === 0 && !ctx.actor.acting) return undefined;
    const keyboard = new InlineKeyboard();
    for (const place of rts.slice(0, HEADLESS_BUTTONS)) {
      keyboard.text(ctx.t("registry-headless-button", rtVars(place)), ketuaLink.data({ step: "ask", rt: place.id }));
      if (ctx.actor.acting?.rtId !== place.id) keyboard.text(ctx.t("button-act-for", rtVars(place)), actFor.data({ rt: place.id }));
      keyboard.row();
    }
    if (ctx.actor.acting) keyboard.text(ctx.t("button-acting-stop", { rt: rtNumber(ctx.actor.acting.rtNumber) }), actingStop.data({}));
    return keyboard;
  };

  // The RT is looked up for this person's area and must still have no ketua: a forged or stale
  // press naming another RT is refused by the service, in words.
  onButton(composer, actFor, async (ctx, { rt: rtId }) => {
    const { rt: place } = await actForRt(deps, ctx.actor, { rtId });
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("acting-started", rtVars(place)));
  });

  onButton(composer, actingStop, async (ctx) => {
    const stopped = await stopActing(deps, ctx.actor);
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t(stopped ? "acting-stopped" : "acting-none"));
  });

  // /tautanketua: the RTs of the area → what a new ketua link does there → the link. It is how a
  // ketua link is had again when the reply that carried it (/buatrt's) was lost, or it was not used.
  const rtList = async (ctx: BotContext, page: number) => {
    const rts = await listRtsInScope(deps.db, areaScope(ctx.actor));
    const choices = rts.map((place) => ({ label: ctx.t("ketualink-rt-button", rtVars(place)), data: ketuaLink.data({ step: "ask", rt: place.id }) }));
    const keyboard = paginatedKeyboard(choices, page, (n) => ketuaLinkPage.data({ page: n }), [[{ label: ctx.t("button-close"), data: ketuaLinkClose.data({}) }]]);
    return { text: rts.length ? ctx.t("ketualink-choose") : ctx.t("registry-empty"), keyboard: rts.length ? keyboard : undefined };
  };

  feature.command("tautanketua", async (ctx) => {
    const { text, keyboard } = await rtList(ctx, 0);
    await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
  });

  onButton(composer, ketuaLinkPage, async (ctx, { page }) => {
    const { text, keyboard } = await rtList(ctx, page);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(text, keyboard ? { reply_markup: keyboard } : {});
  });

  onButton(composer, ketuaLinkClose, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("action-closed"));
  });

  onButton(composer, ketuaLink, async (ctx, { step, rt: rtId }) => {
    if (step === "ask") {
      // The RT is looked up for this person's area: forged data naming another RT is refused.
      const { rt: place, ketua } = await ketuaLinkTarget(deps.db, ctx.actor, rtId);
      const vars = rtVars(place);
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ketua === null ? ctx.t("ketualink-confirm", vars) : ctx.t("ketualink-confirm-replaces", { ...vars, ketua }), {
        reply_markup: new InlineKeyboard().text(ctx.t("button-ketualink-make"), ketuaLink.data({ step: "confirm", rt: place.id })).text(ctx.t("button-cancel"), ketuaLinkClose.data({})),
      });
      return;
    }
    const made = await reissueKetuaInvite(deps, ctx.actor, { rtId });
    const locale = await ctx.i18n.getLocale();
    await ctx.answerCallbackQuery();
    const text = ctx.t("ketualink-made", { ...rtVars(made.rt), link: deepLink(ctx.me.username, made.code), expires: formatWib(made.expiresAt, locale) });
    await ctx.editMessageText(made.replaced > 0 ? `${text}\n${ctx.t("ketualink-replaced")}` : text, { link_preview_options: { is_disabled: true } });
  });

  return composer;
}
