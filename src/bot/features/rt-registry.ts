import { Composer } from "grammy";
import { listRtsInScope } from "../../domain/rt/rt.js";
import { areaScope } from "../../domain/roles/scope.js";
import type { BotContext } from "../context.js";
import { APPOINT_KOORDINATOR, CREATE_RT } from "../conversations/staff.js";
import type { BotDeps } from "../deps.js";
import { chunkLines, rtNumber } from "../../messages/format.js";


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
    for (const place of rts) {
      if (place.kelurahanName !== kelurahan) {
        kelurahan = place.kelurahanName;
        lines.push("", ctx.t("registry-kelurahan", { kelurahan: place.kelurahanName, kecamatan: place.kecamatanName }));
      }
      lines.push(ctx.t("registry-rt", { rt: rtNumber(place.number), active: place.activeMembers, pending: place.pendingMembers, households: place.householdCount }));
    }
    for (const text of chunkLines(ctx.t("registry-title", { count: rts.length }), lines)) await ctx.reply(text);
  });

  return composer;
}
