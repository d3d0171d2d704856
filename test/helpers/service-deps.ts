import { createI18n } from "../../src/bot/i18n.js";
import type { Database } from "../../src/db/client.js";
import type { ServiceDeps } from "../../src/domain/service.js";
import type { Texts } from "../../src/messages/translate.js";

/** What a service gets in production, at a fixed `now`; `woken` counts how often it woke the outbox sender. */
export function serviceDeps(db: Database, now: Date, i18n: Texts = createI18n(db)): ServiceDeps & { woken: number } {
  const deps = { db, i18n, clock: () => now, woken: 0, wakeDelivery: () => void deps.woken++ };
  return deps;
}
