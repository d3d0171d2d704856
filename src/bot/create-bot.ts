import { conversations, createConversation } from "@grammyjs/conversations";
import { Bot, type BotConfig } from "grammy";
import { Composer } from "./composer.js";
import { formStateStorage } from "./form-state.js";
import type { BotContext, ConversationContext } from "./context.js";
import { FORMS, guardedBuilder } from "./conversations/forms.js";
import type { BotDeps } from "./deps.js";
import { createBankExportFeature } from "./features/bank-export.js";
import { createBankSampahFeature } from "./features/bank-sampah.js";
import { createBroadcastFeature } from "./features/broadcast.js";
import { NOOP_DATA } from "./keyboards/paginate.js";
import { createCancelFeature } from "./features/cancel.js";
import { createEraseFeature } from "./features/erase.js";
import { createAuditFeature } from "./features/audit.js";
import { createAwardFeature } from "./features/award.js";
import { createKasFeature } from "./features/kas.js";
import { createDatakuFeature } from "./features/dataku.js";
import { createEventsFeature } from "./features/events.js";
import { createEvidenceFeature } from "./features/evidence.js";
import { createRondaFeature } from "./features/ronda.js";
import { createPojokBacaFeature } from "./features/pojok-baca.js";
import { createDigestsFeature } from "./features/digests.js";
import { createFallbackFeature } from "./features/fallback.js";
import { createHelpFeature } from "./features/help.js";
import { createLanguageFeature } from "./features/language.js";
import { createLeaveFeature } from "./features/leave.js";
import { createMembersFeature } from "./features/members.js";
import { createOfflineFeature } from "./features/offline.js";
import { createProfileFeature } from "./features/profile.js";
import { createRtRegistryFeature } from "./features/rt-registry.js";
import { createRtSettingsFeature } from "./features/rt-settings.js";
import { createRoundsFeature } from "./features/rounds.js";
import { createScoresFeature } from "./features/scores.js";
import { createIndikatorFeature } from "./features/indikator.js";
import { createOnsiteFeature } from "./features/onsite.js";
import { createKeepingFeature } from "./features/keeping.js";
import { createUnscoredFeature } from "./features/unscored.js";
import { createRecapFeature } from "./features/recap.js";
import { createStartFeature, pendingVars } from "./features/start.js";
import { createTeamFeature } from "./features/team.js";
import { createVisitsFeature } from "./features/visits.js";
import { createReportsFeature } from "./features/reports.js";
import { createPollsFeature, createPollUpdatesFeature } from "./features/polls.js";
import { attachActor, attachLogger } from "./middlewares/actor.js";
import { authorize, gateGroups } from "./middlewares/authorize.js";
import { harmlessRefusalsSucceedInConversations, lateAnswersSucceed, unchangedEditsSucceed } from "./redraw.js";
import { dedupeUpdates } from "./middlewares/dedupe.js";
import { sequentializeChats } from "./middlewares/sequentialize.js";
import { floodControl } from "./middlewares/flood.js";
import { replyOnDomainError, replyWhenDatabaseDown } from "./middlewares/errors.js";
import { isDatabaseUnavailable } from "../db/errors.js";

/** Bump when a conversation's steps change, so half-finished old ones are dropped, not misread. */
export const CONVERSATION_VERSION = 4;
/** A registration left for a day is abandoned; the next message starts afresh. */
const CONVERSATION_IDLE_MS = 24 * 60 * 60 * 1000;

/** Builds the bot; `botConfig` is the seam for tests (botInfo, a fake client.fetch). */
export function createBot(token: string, deps: BotDeps, botConfig?: BotConfig<BotContext>): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, botConfig);

  bot.api.config.use(unchangedEditsSucceed);
  bot.api.config.use(lateAnswersSucceed);
  // Every middleware and feature hangs on one of our composers: cheap to walk (see composer.ts).
  const app = new Composer<BotContext>();
  app.use(attachLogger(deps));
  // Outermost after the logger: the dedupe claim is the first thing that needs the database.
  app.use(replyWhenDatabaseDown(deps));
  // Before dedupe: a flooder's dropped update costs no database work.
  app.use(floodControl(deps));
  app.use(sequentializeChats(deps));
  app.use(dedupeUpdates(deps));
  // Votes and poll counts name no chat (and counts no sender): taken before the actor is loaded.
  app.use(createPollUpdatesFeature(deps));
  app.use(attachActor(deps));
  app.use(deps.i18n);
  app.use(replyOnDomainError());
  app.use(gateGroups());
  app.use(authorize({ pendingText: async (ctx) => ctx.t("pending-waiting", await pendingVars(deps, ctx)) }));

  app.callbackQuery(NOOP_DATA, (ctx) => ctx.answerCallbackQuery());

  // A form's state is written when its update is over, and not at all when the update failed
  // transiently: its redelivery replays the same step (see form-state.ts).
  const forms = formStateStorage(deps.db, CONVERSATION_VERSION);
  app.use(forms.keepFormsOnTransientFailure);
  app.use(conversations<BotContext, BotContext>({ storage: forms.storage }));
  app.use(createCancelFeature());
  const conversationOptions = { plugins: [deps.i18n, harmlessRefusalsSucceedInConversations<ConversationContext>()], maxMillisecondsToWait: CONVERSATION_IDLE_MS };
  // Each form keeps checking that the person may still do what it does (forms.ts, form-right.ts).
  for (const form of FORMS) app.use(createConversation<BotContext, ConversationContext>(guardedBuilder(form, deps), { id: form.id, ...conversationOptions }));

  app.use(createStartFeature(deps));
  app.use(createHelpFeature());
  app.use(createProfileFeature(deps));
  app.use(createLanguageFeature(deps));
  app.use(createLeaveFeature(deps));
  app.use(createEraseFeature(deps));
  app.use(createDatakuFeature(deps));
  app.use(createAuditFeature(deps));
  app.use(createMembersFeature(deps));
  app.use(createOfflineFeature(deps));
  app.use(createRtSettingsFeature(deps));
  app.use(createRtRegistryFeature(deps));
  app.use(createBroadcastFeature(deps));
  app.use(createEventsFeature(deps));
  app.use(createRondaFeature(deps));
  app.use(createPojokBacaFeature(deps));
  app.use(createBankSampahFeature(deps));
  app.use(createBankExportFeature(deps));
  app.use(createScoresFeature(deps));
  app.use(createIndikatorFeature(deps));
  app.use(createUnscoredFeature(deps));
  app.use(createRecapFeature(deps));
  app.use(createDigestsFeature(deps));
  app.use(createOnsiteFeature(deps));
  app.use(createEvidenceFeature(deps));
  app.use(createTeamFeature(deps));
  app.use(createVisitsFeature(deps));
  app.use(createKeepingFeature(deps));
  app.use(createRoundsFeature(deps));
  app.use(createAwardFeature(deps));
  app.use(createKasFeature(deps));
  app.use(createReportsFeature(deps));
  app.use(createPollsFeature(deps));
  app.use(createFallbackFeature());

  bot.use(app);

  // Used by the polling loop: one failed update is logged, and polling goes on. Its dedupe claim
  // was released, so a redelivery is handled again.
  bot.catch((error) => {
    // A database outage was already told to the person ("coba lagi sebentar") and logged.
    if (isDatabaseUnavailable(error.error)) return;
    (error.ctx.log ?? deps.logger).error({ err: error.error }, "update failed");
  });
  return bot;
}
