/**
 * A process of its own for test/jobs/crash.test.ts: the long-work worker of the app (the same queue,
 * handlers and composition) on the PostgreSQL at RUNNER_DATABASE_URL. RUNNER_MODE=die takes the
 * job, says "active" and hangs there until the test kills it (SIGKILL: no shutdown, no fail); any
 * other mode does the work as the app does. No Telegram: the result waits in the outbox.
 */
import { longWorkHandlers } from "../../src/bot/background.js";
import { LONG_WORK } from "../../src/bot/features/long-work.js";
import { openDatabase } from "../../src/db/client.js";
import type { LongWorkEnvelope } from "../../src/jobs/long-work.js";
import { createJobQueue } from "../../src/jobs/queue.js";
import { createLogger } from "../../src/logger.js";
import { composeBot } from "../../src/runtime/compose.js";
import { DEFAULT_BOT_INFO } from "../../src/testing/fake-telegram.js";
import { CRASH_QUEUE_OPTIONS } from "./crash-options.js";

const database = await openDatabase({ kind: "postgres", url: process.env.RUNNER_DATABASE_URL! });
const logger = createLogger("silent");
const noTelegram = (() => Promise.reject(new Error("no Telegram in this process"))) as unknown as typeof fetch;
const { deps } = composeBot({ db: database.db, token: "123456:crash-runner", logger, clock: () => new Date(), fetch: noTelegram, botInfo: DEFAULT_BOT_INFO, wilayahCode: "15.71", adminTelegramIds: [], wakeOnQueue: false });
const queue = createJobQueue<LongWorkEnvelope>({ database, logger, ...CRASH_QUEUE_OPTIONS });
const handlers = longWorkHandlers(deps, LONG_WORK);
const dying = {
  ...handlers,
  async perform(envelope: LongWorkEnvelope) {
    process.stdout.write(`active ${envelope.work}\n`);
    await new Promise(() => {});
  },
};
await queue.start(process.env.RUNNER_MODE === "die" ? dying : handlers);
process.stdout.write("ready\n");
