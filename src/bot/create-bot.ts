import { conversations, createConversation } from "@grammyjs/conversations";
import { Bot, type BotConfig } from "grammy";
import { formStateStorage } from "./form-state.js";
import type { BotContext, ConversationContext } from "./context.js";
import { ANNOUNCE, createAnnounceConversation } from "./conversations/announce.js";
import { CREATE_EVENT, createCreateEventConversation, createEditEventConversation, EDIT_EVENT } from "./conversations/events.js";
import { createRondaSetupConversation, RONDA_SETUP } from "./conversations/ronda.js";
import { BANK_DEPOSIT, BANK_REVERSAL, BANK_WITHDRAWAL, createDepositConversation, createReversalConversation, createWithdrawalConversation } from "./conversations/bank-sampah.js";
import { BANK_PRICES, CREATE_WASTE_BANK, createCreateWasteBankConversation, createPricesConversation } from "./conversations/bank-sampah-admin.js";
import {
  ADD_BOOK,
  createAddBookConversation,
  createLendBookConversation,
  createLogReadingConversation,
  createLogReadingSessionConversation,
  LEND_BOOK,
  LOG_READING,
  LOG_READING_SESSION,
} from "./conversations/pojok-baca.js";
import { createReminderSettingsConversation, REMINDER_SETTINGS } from "./conversations/reminder-settings.js";
import { createManualScoreConversation, MANUAL_SCORE } from "./conversations/scores.js";
import { createRegistrationConversation, REGISTRATION } from "./conversations/registration.js";
import {
  APPOINT_KOORDINATOR,
  CREATE_RT,
  createAppointKoordinatorConversation,
  createCreateRtConversation,
  createHouseholdCountConversation,
  HOUSEHOLD_COUNT,
} from "./conversations/staff.js";
import type { BotDeps } from "./deps.js";
import { createBankExportFeature } from "./features/bank-export.js";
import { createBankSampahFeature } from "./features/bank-sampah.js";
import { createBroadcastFeature } from "./features/broadcast.js";
import { NOOP_DATA } from "./keyboards/paginate.js";
import { createCancelFeature } from "./features/cancel.js";
import { createEraseFeature } from "./features/erase.js";
import { createAuditFeature } from "./features/audit.js";
import { createDatakuFeature } from "./features/dataku.js";
import { createEventsFeature } from "./features/events.js";
import { createRondaFeature } from "./features/ronda.js";
import { createPojokBacaFeature } from "./features/pojok-baca.js";
import { createDigestsFeature } from "./features/digests.js";
import { createFallbackFeature } from "./features/fallback.js";
import { createHelpFeature } from "./features/help.js";
import { createLanguageFeature } from "./features/language.js";
import { createLeaveFeature } from "./features/leave.js";
import { createMembersFeature } from "./features/members.js";
import { createProfileFeature } from "./features/profile.js";
import { createRtRegistryFeature } from "./features/rt-registry.js";
import { createRtSettingsFeature } from "./features/rt-settings.js";
import { createScoresFeature } from "./features/scores.js";
import { createStartFeature } from "./features/start.js";
import { attachActor, attachLogger } from "./middlewares/actor.js";
import { authorize, gateGroups } from "./middlewares/authorize.js";
import { harmlessRefusalsSucceedInConversations, lateAnswersSucceed, unchangedEditsSucceed } from "./redraw.js";
import { dedupeUpdates } from "./middlewares/dedupe.js";
import { sequentializeChats } from "./middlewares/sequentialize.js";
import { floodControl } from "./middlewares/flood.js";
import { replyOnDomainError, replyWhenDatabaseDown } from "./middlewares/errors.js";
import { isDatabaseUnavailable } from "../db/errors.js";

/** Bump when a conversation's steps change, so half-finished old ones are dropped, not misread. */
export const CONVERSATION_VERSION = 2;
/** A registration left for a day is abandoned; the next message starts afresh. */
const CONVERSATION_IDLE_MS = 24 * 60 * 60 * 1000;

/** Builds the bot; `botConfig` is the seam for tests (botInfo, a fake client.fetch). */
export function createBot(token: string, deps: BotDeps, botConfig?: BotConfig<BotContext>): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, botConfig);

  bot.api.config.use(unchangedEditsSucceed);
  bot.api.config.use(lateAnswersSucceed);
  bot.use(attachLogger(deps));
  // Outermost after the logger: the dedupe claim is the first thing that needs the database.
  bot.use(replyWhenDatabaseDown(deps));
  // Before dedupe: a flooder's dropped update costs no database work.
  bot.use(floodControl(deps));
  bot.use(sequentializeChats(deps));
  bot.use(dedupeUpdates(deps));
  bot.use(attachActor(deps));
  bot.use(deps.i18n);
  bot.use(replyOnDomainError());
  bot.use(gateGroups());
  bot.use(authorize());

  bot.callbackQuery(NOOP_DATA, (ctx) => ctx.answerCallbackQuery());

  // A form's state is written when its update is over, and not at all when the update failed
  // transiently: its redelivery replays the same step (see form-state.ts).
  const forms = formStateStorage(deps.db, CONVERSATION_VERSION);
  bot.use(forms.keepFormsOnTransientFailure);
  bot.use(conversations<BotContext, BotContext>({ storage: forms.storage }));
  bot.use(createCancelFeature());
  const conversationOptions = { plugins: [deps.i18n, harmlessRefusalsSucceedInConversations<ConversationContext>()], maxMillisecondsToWait: CONVERSATION_IDLE_MS };
  bot.use(createConversation<BotContext, ConversationContext>(createRegistrationConversation(deps), { id: REGISTRATION, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createCreateRtConversation(deps), { id: CREATE_RT, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createAppointKoordinatorConversation(deps), { id: APPOINT_KOORDINATOR, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createHouseholdCountConversation(deps), { id: HOUSEHOLD_COUNT, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createAnnounceConversation(deps), { id: ANNOUNCE, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createCreateEventConversation(deps), { id: CREATE_EVENT, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createEditEventConversation(deps), { id: EDIT_EVENT, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createRondaSetupConversation(deps), { id: RONDA_SETUP, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createReminderSettingsConversation(deps), { id: REMINDER_SETTINGS, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createCreateWasteBankConversation(deps), { id: CREATE_WASTE_BANK, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createPricesConversation(deps), { id: BANK_PRICES, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createDepositConversation(deps), { id: BANK_DEPOSIT, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createWithdrawalConversation(deps), { id: BANK_WITHDRAWAL, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createReversalConversation(deps), { id: BANK_REVERSAL, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createLogReadingSessionConversation(deps), { id: LOG_READING_SESSION, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createAddBookConversation(deps), { id: ADD_BOOK, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createLendBookConversation(deps), { id: LEND_BOOK, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createLogReadingConversation(deps), { id: LOG_READING, ...conversationOptions }));
  bot.use(createConversation<BotContext, ConversationContext>(createManualScoreConversation(deps), { id: MANUAL_SCORE, ...conversationOptions }));

  bot.use(createStartFeature(deps));
  bot.use(createHelpFeature());
  bot.use(createProfileFeature(deps));
  bot.use(createLanguageFeature(deps));
  bot.use(createLeaveFeature(deps));
  bot.use(createEraseFeature(deps));
  bot.use(createDatakuFeature(deps));
  bot.use(createAuditFeature(deps));
  bot.use(createMembersFeature(deps));
  bot.use(createRtSettingsFeature(deps));
  bot.use(createRtRegistryFeature(deps));
  bot.use(createBroadcastFeature(deps));
  bot.use(createEventsFeature(deps));
  bot.use(createRondaFeature(deps));
  bot.use(createPojokBacaFeature(deps));
  bot.use(createBankSampahFeature(deps));
  bot.use(createBankExportFeature(deps));
  bot.use(createScoresFeature(deps));
  bot.use(createDigestsFeature(deps));
  bot.use(createFallbackFeature());

  // Used by the polling loop: one failed update is logged, and polling goes on. Its dedupe claim
  // was released, so a redelivery is handled again.
  bot.catch((error) => {
    // A database outage was already told to the person ("coba lagi sebentar") and logged.
    if (isDatabaseUnavailable(error.error)) return;
    (error.ctx.log ?? deps.logger).error({ err: error.error }, "update failed");
  });
  return bot;
}
