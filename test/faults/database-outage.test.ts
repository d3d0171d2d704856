import { eq, inArray, like } from "drizzle-orm";
import { BotError } from "grammy";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { DatabaseUnavailableError } from "../../src/db/errors.js";
import { runMigrations } from "../../src/db/migrate.js";
import { outbox, processedUpdate } from "../../src/db/schema/index.js";
import { enqueueMessages, PRIORITY } from "../../src/delivery/outbox.js";
import { isAnnouncementsMuted } from "../../src/domain/broadcast/broadcast.js";
import { eventRemindersOff } from "../../src/domain/events/events.js";
import { volunteerState } from "../../src/domain/ronda/watch.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { seedWilayah } from "../../src/domain/wilayah/seed.js";
import { createLogger } from "../../src/logger.js";
import { createScheduler, type Scheduler } from "../../src/scheduling/scheduler.js";
import { addMember, addRt, newUser } from "../helpers/fixtures.js";
import { createPrivatePostgres, findPostgresBin, type PrivatePostgres } from "../helpers/private-postgres.js";
import { callbackAnswerTo, TestBot } from "../helpers/test-bot.js";
import { myReminders } from "../../src/messages/buttons/events.js";
import { rondaVolunteer } from "../../src/messages/buttons/ronda.js";

/**
 * How long the server stays down. The issue asks for 30 s, and the behaviour does not depend on
 * the length (every attempt in the outage fails the same way); 30 s runs beside the rest of the
 * suite, which takes minutes, so it is kept.
 */
const OUTAGE_MS = 30_000;
/** Telegram retrying a webhook that answered 500, compressed: the same updates again this often. */
const REDELIVERY_EVERY_MS = 5_000;

const TRY_AGAIN = "Maaf, sistem sedang gangguan sebentar. Coba lagi sebentar.";
const MUTE_ON = "Pengumuman dimatikan. Pengingat tugas Anda (misalnya jadwal ronda) tetap dikirim. Kirim /senyap lagi untuk menyalakannya.";

// Server-only, like the rest of the suite on PostgreSQL; it starts a cluster of its own, so the
// shared server behind TEST_DATABASE_URL is never stopped.
const found = findPostgresBin();
const skipReason = !process.env.TEST_DATABASE_URL ? "TEST_DATABASE_URL is not set (a real PostgreSQL test)" : "missing" in found ? found.missing : null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await sleep(200);
  }
}

describe.skipIf(skipReason !== null)(`the database goes away for ${OUTAGE_MS / 1000} s${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  let cluster: PrivatePostgres;
  let handle: DatabaseHandle;
  let harness: TestBot;
  let scheduler: Scheduler | undefined;
  const unhandled: unknown[] = [];
  const record = (error: unknown) => unhandled.push(error);

  beforeAll(async () => {
    process.on("unhandledRejection", record);
    process.on("uncaughtException", record);
    cluster = await createPrivatePostgres((found as { bin: string }).bin);
    await cluster.start();
    handle = await openDatabase({ kind: "postgres", url: cluster.url });
    await runMigrations(handle);
    await seedWilayah(handle.db, "15.71");
  }, 120_000);

  afterAll(async () => {
    await scheduler?.stop();
    await harness?.delivery.stop();
    await handle?.close();
    await cluster?.destroy();
    process.off("unhandledRejection", record);
    process.off("uncaughtException", record);
  });

  it("keeps the bot running, asks people to try again, loses no update, and the outbox and the scheduler resume", { timeout: OUTAGE_MS + 90_000 }, async () => {
    const { db } = handle;
    const rt = await addRt(db, 5);
    const [siti, budi, dewi] = [newUser("Siti"), newUser("Budi"), newUser("Dewi")];
    const people = new Map<number, number>();
    for (const user of [siti, budi, dewi]) people.set(user.id, (await addMember(db, user, rt.id)).personId);

    // The process as in production: the sender's loop and a scheduled job (every second here) run on their own.
    harness = new TestBot(db);
    harness.drainAfterEachUpdate = false;
    harness.delivery.start();
    let probeRuns = 0;
    scheduler = createScheduler(
      { db, logger: createLogger("silent"), clock: () => new Date() },
      { jobs: [{ name: "probe", cron: "* * * * * *", run: async () => void (await db.select().from(processedUpdate).limit(1), probeRuns++) }] },
    );
    scheduler.start();

    // Before: all is well.
    await harness.deliver(harness.messageUpdate(siti, "/senyap"));
    expect(harness.lastText(siti)).toBe(MUTE_ON);
    expect(await isAnnouncementsMuted(db, people.get(siti.id)!)).toBe(true);
    await eventually(async () => probeRuns, (runs) => runs > 0, 5_000);

    // Queued for a little later, so they are still waiting when the server stops.
    const later = new Date(harness.now.getTime() + 3_600_000);
    await enqueueMessages(
      db,
      [siti, budi, dewi].map((user, i) => ({ dedupeKey: `outage-test:${i}`, chatId: user.id, personId: people.get(user.id)!, priority: PRIORITY.notification, payload: { text: `Kabar ${i}` }, notBefore: later })),
    );

    // The outage.
    await cluster.stop();
    const outageStarted = Date.now();
    harness.now = new Date(later.getTime() + 60_000); // the queued messages fall due while the server is down
    const sitiMenu = 9_000; // a /siapronda message shown before (the press carries it)
    const dewiMenu = 9_001; // a /pengingat message shown before
    const updates: Update[] = [harness.messageUpdate(budi, "/senyap"), harness.callbackUpdate(dewi, myReminders.data({ choice: "off" }), dewiMenu), harness.callbackUpdate(siti, rondaVolunteer.data({ on: true }), sitiMenu)];
    let attempts = 0;
    let probeRunsInOutage = -1;
    while (Date.now() - outageStarted < OUTAGE_MS) {
      for (const update of updates) {
        // Each fails (a webhook answers 500, so Telegram sends it again) …
        const failure = await harness.bot.handleUpdate(update).then(
          () => null,
          (error: unknown) => error,
        );
        expect(failure).toBeInstanceOf(BotError);
        expect((failure as BotError).error).toBeInstanceOf(DatabaseUnavailableError);
      }
      attempts++;
      if (probeRunsInOutage < 0 && Date.now() - outageStarted > 2_000) probeRunsInOutage = probeRuns;
      await sleep(Math.min(REDELIVERY_EVERY_MS, Math.max(0, OUTAGE_MS - (Date.now() - outageStarted))));
    }
    // … and the person was asked to try again each time (Telegram is reachable; only the database is not).
    expect(harness.telegram.textsTo(budi.id)).toEqual(Array(attempts).fill(TRY_AGAIN));
    expect(callbackAnswerTo(harness.telegram, updates[1]!)).toEqual(expect.objectContaining({ text: TRY_AGAIN, show_alert: true }));
    expect(callbackAnswerTo(harness.telegram, updates[2]!)).toEqual(expect.objectContaining({ text: TRY_AGAIN, show_alert: true }));
    expect(probeRuns).toBe(probeRunsInOutage); // no job ran in the outage (its ticks were skipped, not crashed)
    expect(harness.telegram.textsTo(siti.id).filter((text) => text.startsWith("Kabar"))).toEqual([]);

    // The server is back: postgres.js reconnects by itself, no restart of anything.
    await cluster.start();
    for (const update of updates) await harness.bot.handleUpdate(update);
    for (const update of updates) await harness.bot.handleUpdate(update); // a late duplicate: dropped
    expect(await isAnnouncementsMuted(db, people.get(budi.id)!)).toBe(true); // toggled once, not twice
    expect(await eventRemindersOff(db, people.get(dewi.id)!)).toBe(true);
    expect((await volunteerState(db, await loadActor(db, siti.id, []))).volunteering).toBe(true);
    expect(harness.telegram.textsTo(budi.id).slice(attempts)).toEqual([MUTE_ON]); // answered once
    expect(await db.select().from(processedUpdate).where(inArray(processedUpdate.updateId, updates.map((u) => u.update_id)))).toHaveLength(3);

    // The outbox resumes and sends each queued message exactly once.
    const rows = await eventually(
      () => db.select().from(outbox).where(like(outbox.dedupeKey, "outage-test:%")),
      (found) => found.every((row) => row.status === "sent"),
    );
    expect(rows).toHaveLength(3);
    for (const [i, user] of [siti, budi, dewi].entries()) expect(harness.telegram.textsTo(user.id).filter((text) => text === `Kabar ${i}`)).toHaveLength(1);

    // The scheduler's ticks run again, and the bot keeps working.
    const before = probeRuns;
    await eventually(async () => probeRuns, (runs) => runs > before, 5_000);
    await harness.deliver(harness.messageUpdate(budi, "/senyap"));
    expect(await isAnnouncementsMuted(db, people.get(budi.id)!)).toBe(false);
    expect(harness.lastText(budi)).toBe("Pengumuman dinyalakan lagi.");
    expect(await db.select().from(outbox).where(eq(outbox.status, "failed"))).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});
