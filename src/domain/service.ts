import type { Database } from "../db/client.js";
import type { Texts } from "../messages/translate.js";

/**
 * What a domain service needs: the database, the texts of its notices, the time, and a way to tell
 * the outbox sender that something was queued. The bot's dependencies include these.
 */
export type ServiceDeps = {
  db: Database;
  i18n: Texts;
  clock: () => Date;
  wakeDelivery: () => void;
};

/**
 * Runs a service's decision in one transaction: the change, its audit row, its participation row and
 * its outbox notices commit together or not at all. The outbox sender is woken after the commit,
 * never before (it would find nothing yet).
 */
export async function inTransaction<T>(deps: ServiceDeps, work: (tx: Database) => Promise<T>): Promise<T> {
  const result = await deps.db.transaction((tx) => work(tx as unknown as Database));
  deps.wakeDelivery();
  return result;
}
