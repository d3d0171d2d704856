import type { I18n } from "@grammyjs/i18n";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { ConversationContext } from "./context.js";

/** Everything a feature may use; built once in main.ts (or by the test harness). */
export type BotDeps = {
  db: Database;
  logger: Logger;
  i18n: I18n<ConversationContext>;
  /** Kota/kabupaten whose kecamatan the registration offers. */
  wilayahCode: string;
  adminTelegramIds: readonly number[];
  /** The time source: real in production, fixed in tests. */
  clock: () => Date;
  /** Something was queued in the outbox: let the sender look now instead of at its next poll. */
  wakeDelivery: () => void;
};
