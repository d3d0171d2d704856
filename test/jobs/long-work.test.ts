import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defineLongWork, longWorkHandlers, type LongWork } from "../../src/bot/background.js";
import { LONG_WORK } from "../../src/bot/features/long-work.js";
import { queryRows } from "../../src/db/client.js";
import { DomainError } from "../../src/domain/errors.js";
import { deliverResult, textPart, type LongWorkEnvelope } from "../../src/jobs/long-work.js";
import { createJobQueue, jobIdOf, jobQueueStats, type JobQueue } from "../../src/jobs/queue.js";
import { createLogger } from "../../src/logger.js";
import { eraseOwnData } from "../../src/domain/people/erasure.js";
import { addKetua, addKoordinator, addMember, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { withTestBot, type TestUser } from "../helpers/test-bot.js";

const silent = createLogger("silent");
const { database, harness } = withTestBot();
let queue: JobQueue<LongWorkEnvelope>;

beforeEach(async () => {
  // The durable queue on the test database, with no worker: each test drains it where it wants.
  queue = createJobQueue<LongWorkEnvelope>({ database: { db: database.db, driver: database.driver }, logger: silent, retryLimit: 2, retryDelaySeconds: 0 });
  await queue.prepare();
  // The chats and message ids of the fake Telegram start over each test, and so would the job keys.
  await database.db.execute(sql`delete from pgboss.job`);
  harness.background = queue;
  harness.restart();
});
afterEach(() => queue.stop());

function envelope(user: TestUser, work: string, key: string, data: unknown = {}, personId: number | null = null): LongWorkEnvelope {
  return { work, key, chatId: user.id, telegramId: user.id, personId, locale: "id", requestedAt: harness.now.toISOString(), data };
}

async function states(): Promise<{ state: string; retry_count: number }[]> {
  return queryRows(database.db, sql`select state, retry_count from pgboss.job where name = 'long-work' order by created_on`);
}

describe("long work as durable jobs (pg-boss)", () => {
  it("answers /ringkasan at once, keeps the request as a job, and the digest arrives when a worker takes it", async () => {
    const rt = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN);
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const siti = newUser("Siti");
    await addMember(database.db, siti, rt.id);

    await harness.send(koordinator, "/ringkasan");
    expect(harness.telegram.textsTo(koordinator.id)).toEqual(["Sedang disiapkan, dikirim sebentar lagi."]);
    // Nothing is built in this process until a worker takes the job; others are answered meanwhile.
    await harness.send(siti, "/profil");
    expect(harness.telegram.textsTo(siti.id)).toHaveLength(1);
    expect(await jobQueueStats()).toEqual({ queued: 1, active: 0, failed: 0 });
    const [job] = await queryRows<{ data: LongWorkEnvelope }>(database.db, sql`select data from pgboss.job where name = 'long-work'`);
    // Plain data: who asked, in which language, what; no closure over the update.
    expect(job!.data).toMatchObject({ work: "digest", chatId: koordinator.id, telegramId: koordinator.id, locale: "id", data: { what: "digest" } });

    expect(await queue.drain(longWorkHandlers(harness.deps, LONG_WORK))).toBe(1);
    await harness.settle();
    const texts = harness.telegram.textsTo(koordinator.id);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toMatch(/^📊 Ringkasan mingguan Kampung BANTAR/);
    expect(await states()).toEqual([{ state: "completed", retry_count: 0 }]);
  });

  it("queues one job per request: the same request sent again (a redelivery, another instance) is dropped", async () => {
    const user = newUser("Rina");
    const asked = envelope(user, "digest", "digest:m1.7");
    expect(await queue.submit(asked)).toBe(true);
    expect(await queue.submit(asked)).toBe(false);
    expect(await queue.submit({ ...asked, key: "digest:m1.8" })).toBe(true);
    expect((await jobQueueStats()).queued).toBe(2);
    expect(jobIdOf("digest:m1.7")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("retries a failing job, and after the last try tells the person through the outbox, once", async () => {
    const user = newUser("Rina");
    harness.telegram.openChat(user);
    let attempts = 0;
    const flaky: LongWork<Record<string, never>> = defineLongWork("flaky", async () => {
      attempts++;
      throw new Error("chart renderer crashed");
    });
    await queue.submit(envelope(user, "flaky", "flaky:m1.1"));
    // retryLimit 2: three tries, then the dead-letter job that tells the person.
    expect(await queue.drain(longWorkHandlers(harness.deps, [flaky as LongWork<never>]))).toBe(4);
    expect(attempts).toBe(3);
    expect(await states()).toEqual([{ state: "failed", retry_count: 2 }]);
    expect(await jobQueueStats()).toMatchObject({ queued: 0, active: 0, failed: 1 });
    await harness.settle();
    expect(harness.telegram.textsTo(user.id)).toEqual(["Maaf, permintaan Anda gagal disiapkan. Coba lagi sebentar."]);
  });

  it("tells a refusal at once in the person's words, without retrying what no retry would change", async () => {
    const user = newUser("Rina");
    harness.telegram.openChat(user);
    let attempts = 0;
    const refused: LongWork<Record<string, never>> = defineLongWork("refused", async () => {
      attempts++;
      throw new DomainError("not-allowed");
    });
    await queue.submit(envelope(user, "refused", "refused:m1.1"));
    expect(await queue.drain(longWorkHandlers(harness.deps, [refused as LongWork<never>]))).toBe(1);
    expect(attempts).toBe(1);
    expect(await states()).toEqual([{ state: "completed", retry_count: 0 }]);
    await harness.settle();
    expect(harness.telegram.textsTo(user.id)).toEqual(["Maaf, Anda tidak berwenang melakukan ini."]);
  });

  it("does not send a result twice when a job is retried after its result was queued", async () => {
    const user = newUser("Rina");
    harness.telegram.openChat(user);
    // The work queued its message, then its process died before the job was marked done: it runs again.
    const twice = defineLongWork<Record<string, never>>("digest", async (deps, job) => {
      await deliverResult(deps, job, [textPart("text", "siap")]);
    });
    const asked = envelope(user, "digest", "digest:m1.1");
    const handlers = longWorkHandlers(harness.deps, [twice as LongWork<never>]);
    await handlers.perform(asked);
    await handlers.perform(asked);
    await harness.settle();
    expect(harness.telegram.textsTo(user.id)).toEqual(["siap"]);
  });

  it("reads rights again when the job runs: a koordinator or keeper who lost the role since asking gets a refusal, not the area", async () => {
    const rt = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN);
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const ketua = newUser("Ketua");
    await addKetua(database.db, ketua, rt.id);
    await harness.send(koordinator, "/ringkasan");
    await harness.send(ketua, "/eksporkas");
    await database.db.execute(sql`update role_assignment set revoked_at = now()`);

    expect(await queue.drain(longWorkHandlers(harness.deps, LONG_WORK))).toBe(2);
    await harness.settle();
    expect(harness.telegram.textsTo(koordinator.id).slice(1)).toEqual(["Maaf, Anda tidak berwenang melakukan ini."]);
    expect(harness.telegram.textsTo(ketua.id).slice(1)).toEqual(["Maaf, Anda tidak berwenang melakukan ini."]);
    expect(harness.telegram.calls.filter((call) => call.method === "sendDocument" || call.method === "sendPhoto")).toEqual([]);
  });

  it("sends nothing to a person erased since they asked", async () => {
    const rt = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN);
    const ketua = newUser("Ketua");
    const { personId } = await addKetua(database.db, ketua, rt.id);
    await harness.send(ketua, "/eksporkas");
    const sent = harness.telegram.calls.length;
    await eraseOwnData(harness.deps, { personId, chatId: ketua.id });
    // Erased: its job is gone with it; a job already taken finds no one and sends nothing.
    await longWorkHandlers(harness.deps, LONG_WORK).perform(envelope(ketua, "kas-export", "kas-export:m9.9", { rtId: rt.id }, personId));
    await harness.settle();
    expect(harness.telegram.calls.slice(sent).filter((call) => call.method.startsWith("send"))).toEqual([]);
  });

  it("erases a person's jobs with them (/hapusdata): the queued job naming them is gone", async () => {
    const rt = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN);
    const ketua = newUser("Ketua");
    const { personId } = await addKetua(database.db, ketua, rt.id);
    const other = newUser("Koor");
    await addKoordinator(database.db, other, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    await harness.send(ketua, "/eksporkas");
    await harness.send(other, "/ringkasan");
    // An archived one too (pg-boss moves completed jobs there after an hour).
    await database.db.execute(sql`insert into pgboss.archive select j.*, now() from pgboss.job j where j.data->>'telegramId' = ${String(ketua.id)}`);
    const jobsOf = async (table: "job" | "archive") =>
      (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.raw(`pgboss.${table}`)} where data->>'telegramId' = ${String(ketua.id)} or data->>'personId' = ${String(personId)}`))[0]!.n;
    expect([await jobsOf("job"), await jobsOf("archive")]).toEqual([1, 1]);

    await eraseOwnData(harness.deps, { personId, chatId: ketua.id });
    expect([await jobsOf("job"), await jobsOf("archive")]).toEqual([0, 0]);
    expect(await jobQueueStats()).toMatchObject({ queued: 1 });
  });

  it("does not tell \"could not be prepared\" when the result went after all (the job failed by pg-boss while its handler ran on)", async () => {
    const user = newUser("Rina");
    harness.telegram.openChat(user);
    const asked = envelope(user, "digest", "digest:m1.1");
    const late = defineLongWork<Record<string, never>>("digest", async (deps, job) => {
      await deliverResult(deps, job, [textPart("text", "siap")]);
    });
    const handlers = longWorkHandlers(harness.deps, [late as LongWork<never>]);
    await handlers.perform(asked);
    await handlers.gaveUp(asked);
    await harness.settle();
    expect(harness.telegram.textsTo(user.id)).toEqual(["siap"]);
  });

  it("retries a job whose process died within about two minutes: the queue expires it after 120 s", async () => {
    await queue.submit(envelope(newUser("Rina"), "digest", "digest:m1.2"));
    const [row] = await queryRows<{ expire: number }>(database.db, sql`select extract(epoch from expire_in)::int as expire from pgboss.job where name = 'long-work'`);
    expect(row!.expire).toBe(120);
  });

  it("queues one job for a double tap of a button: the key is the button (its message and data), not the tap", async () => {
    const rt = await addRt(database.db, 5, KELURAHAN_SIMPANG_IV_SIPIN);
    const other = await addRt(database.db, 6, KELURAHAN_SIMPANG_IV_SIPIN);
    const koordinator = newUser("Koor");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    // RTs that keep a kas book are on the picker.
    await database.db.execute(sql`insert into kas_balance (rt_id, balance, updated_at) values (${rt.id}, 0, now()), (${other.id}, 0, now())`);
    await harness.send(koordinator, "/eksporkas");
    await harness.press(koordinator, "RT 05");
    await harness.press(koordinator, "RT 05");
    expect(await jobQueueStats()).toMatchObject({ queued: 1 });
    // Another RT on the same list is another request.
    await harness.press(koordinator, "RT 06");
    expect(await jobQueueStats()).toMatchObject({ queued: 2 });
    const keys = await queryRows<{ rt: number }>(database.db, sql`select (data->'data'->>'rtId')::int as rt from pgboss.job where name = 'long-work' order by created_on`);
    expect(keys.map((row) => row.rt)).toEqual([rt.id, other.id]);
  });

  it("tells the person a bank export's month is not valid, rather than sending nothing", async () => {
    const user = newUser("Rina");
    harness.telegram.openChat(user);
    await longWorkHandlers(harness.deps, LONG_WORK).perform(envelope(user, "bank-export", "bank-export:m1.3", { wasteBankId: 1, month: "2099-01", period: "Januari 2099" }));
    await harness.settle();
    expect(harness.telegram.textsTo(user.id)).toEqual(["Bulan laporan ini tidak berlaku. Kirim /eksporbank untuk memilih bank dan bulan lagi."]);
  });
});
