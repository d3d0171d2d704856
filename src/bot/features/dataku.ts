import { InputFile } from "grammy";
import { Composer } from "../composer.js";
import { exportPersonalData, personalDataJson } from "../../domain/audit/personal-data.js";
import { formatLocalDate, wibDate } from "../../domain/schedule/wib.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/** /dataku: everything the bot keeps about the person, as a JSON file only they receive. */
export function createDatakuFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  feature.command("dataku", async (ctx) => {
    const person = ctx.actor.person;
    const now = deps.clock();
    const data = person ? await exportPersonalData(deps.db, person.id, now) : undefined;
    if (!data) {
      await ctx.reply(ctx.t("dataku-none"));
      return;
    }
    const file = new InputFile(Buffer.from(personalDataJson(data), "utf8"), `dataku-${formatLocalDate(wibDate(now))}.json`);
    await ctx.replyWithDocument(file, { caption: ctx.t("dataku-caption") });
  });
  return composer;
}
