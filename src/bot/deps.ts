import type { I18n } from "@grammyjs/i18n";
import type { ChatLocks } from "../db/chat-lock.js";
import type { Database } from "../db/client.js";
import type { DownloadFile } from "../delivery/telegram-files.js";
import type { Logger } from "../logger.js";
import type { LongWorkQueue } from "./background.js";
import type { ConversationContext } from "./context.js";
import type { FloodLimits } from "./middlewares/flood.js";

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
  /**
   * The durable job queue long work (digests, exports, rotas, packs) goes to, off the update path.
   * Without one, that work runs inside the update (the console).
   */
  background?: LongWorkQueue;
  /** Flood control per person; FLOOD_DEFAULTS when absent. Counted in this process's memory. */
  flood?: FloodLimits;
  /**
   * A chat's updates one at a time across instances (PostgreSQL advisory locks); without it, one
   * at a time in this process only (PGlite, the console, most tests).
   */
  chatLocks?: ChatLocks;
  /**
   * A file a person sent, fetched back from Telegram by file_id (the evidence pack's photos),
   * through the bot's own transport. Without it every photo is listed as not fetched.
   */
  downloadFile?: DownloadFile;
  /** WEBAPP_URL: /skor and /ringkasan get a button opening the Mini App; unset, none. */
  webappUrl?: string;
};
