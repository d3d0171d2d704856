import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { findRound } from "../../domain/cycle/rounds.js";
import { listTeam, revokeAssessor } from "../../domain/cycle/team.js";
import { undecidedRound } from "../../domain/cycle/rounds.js";
import { assessorWorklist } from "../../domain/cycle/worklist.js";
import type { BotContext } from "../context.js";
import { scopeText, TEAM_INVITE } from "../conversations/team.js";
import type { BotDeps } from "../deps.js";
import { chunkLines, formatWibDay, formatWhen, rtNumber } from "../../messages/format.js";
import { INDICATOR_CODES } from "../../domain/scores/indicators.js";
import { onButton } from "../buttons.js";
import { teamNew, teamRevoke } from "../../messages/buttons/team.js";

type Screen = { texts: string[]; keyboard: InlineKeyboard };

/**
 * /timpenilai (admins): the current round's team with a "Cabut" button per member and a button for
 * a new one-time link; /tugaspenilaian (assessors): the RTs in their scope proposed in their round.
 */
export function createTeamFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  // Button presses come from private chats only (the bot's messages there).
  const presses = new Composer<BotContext>();
  feature.use(presses);

  async function teamScreen(ctx: BotContext): Promise<Screen> {
    const round = await undecidedRound(deps.db);
    const members = await listTeam(deps.db, ctx.actor, { roundId: round.id });
    const locale = await ctx.i18n.getLocale();
    const lines = members.map((member, index) =>
      ctx.t("team-list-line", {
        n: index + 1,
        name: member.name ?? "-",
        agency: ctx.t(`agency-${member.agency}`),
        scope: scopeText(ctx.t, member.scope),
        joined: formatWibDay(member.joinedAt, locale),
      }),
    );
    const keyboard = new InlineKeyboard();
    for (const member of members) keyboard.text(ctx.t("button-team-revoke", { name: member.name ?? "-" }), teamRevoke.data({ assessor: member.assessorId })).row();
    keyboard.text(ctx.t("button-team-new-link"), teamNew.data({}));
    const header = ctx.t("team-list-title", { year: String(round.year), count: members.length });
    return { texts: members.length ? chunkLines(header, lines) : [`${header}\n${ctx.t("team-list-empty")}`], keyboard };
  }

  async function show(ctx: BotContext, screen: Screen): Promise<void> {
    for (const [index, text] of screen.texts.entries()) {
      await ctx.reply(text, index === screen.texts.length - 1 ? { reply_markup: screen.keyboard } : {});
    }
  }

  feature.command("timpenilai", async (ctx) => show(ctx, await teamScreen(ctx)));

  onButton(presses, teamRevoke, async (ctx, { assessor }) => {
    // The service checks the presser is an admin, whatever the button says.
    const result = await revokeAssessor(deps, ctx.actor, { assessorId: assessor });
    await ctx.answerCallbackQuery({ text: ctx.t(result.revoked ? "team-revoked" : "team-revoked-already", { name: result.name ?? "-" }), show_alert: true });
    await ctx.editMessageReplyMarkup();
    await show(ctx, await teamScreen(ctx));
  });

  onButton(presses, teamNew, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(TEAM_INVITE);
  });

  feature.command("tugaspenilaian", async (ctx) => {
    const personId = ctx.actor.person?.id;
    const roundIds = ctx.actor.grants.flatMap((grant) => (grant.role === "penilai" && grant.roundId !== undefined ? [grant.roundId] : []));
    if (personId === undefined || roundIds.length === 0) return void (await ctx.reply(ctx.t("error-role-penilai")));
    const locale = await ctx.i18n.getLocale();
    for (const roundId of roundIds) {
      const round = await findRound(deps.db, roundId);
      if (!round) continue;
      const entries = await assessorWorklist(deps.db, { roundId, personId });
      const header = ctx.t("worklist-title", { year: String(round.year), count: entries.length });
      if (entries.length === 0) {
        await ctx.reply(`${header}\n${ctx.t("worklist-empty")}`);
        continue;
      }
      const lines = entries.map((entry) =>
        ctx.t("worklist-line", {
          rt: rtNumber(entry.number),
          kelurahan: entry.kelurahanName,
          when: entry.startsAt ? formatWhen(entry.startsAt, locale) : ctx.t("visit-not-scheduled"),
          scored: entry.scored,
          total: INDICATOR_CODES.length,
        }),
      );
      for (const text of chunkLines(header, lines)) await ctx.reply(text);
    }
  });

  return composer;
}
