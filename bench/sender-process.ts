/**
 * A sender as its own process, for the crash test: it drains the outbox of one database against
 * one Bot API root and exits. The benchmark kills it with SIGKILL part-way and starts it again.
 */
import { Api } from "grammy";
import { openDatabase } from "../src/db/client.js";
import { DeliveryEngine } from "../src/delivery/engine.js";
import { countByStatus } from "../src/delivery/outbox.js";
import { Pacer } from "../src/delivery/pacer.js";
import { createLogger } from "../src/logger.js";

const database = await openDatabase({ kind: "postgres", url: process.env.SENDER_DATABASE_URL! });
const engine = new DeliveryEngine({
  db: database.db,
  api: new Api("123:bench", { apiRoot: process.env.SENDER_API_ROOT! }),
  pacer: new Pacer(),
  logger: createLogger("error"),
  pollMs: 50,
  leaseMs: Number(process.env.SENDER_LEASE_MS ?? 60_000),
});
engine.start();
for (;;) {
  const counts = await countByStatus(database.db);
  if (counts.pending === 0 && counts.sending === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await engine.stop();
await database.close();
process.exit(0);
