/**
 * npm run bench:kas — the kas RT (issue 17) on the real PostgreSQL server.
 *  - recording: 20 RTs of Simpang IV Sipin, each with its bendahara; `sessions` sessions record
 *    income and spending (55 / 45) through the services (recordIncome, recordSpending: the RT's
 *    balance row locked, the request key, the audit row, one transaction) as fast as answered.
 *    Entries/s and the time per entry (p50/p99). The floor, in the same run on emptied tables: the
 *    same rows inserted bare (one insert each, no lock, no balance, no audit), same sessions.
 *  - reading: one RT with a year of entries (ten a day); the monthly statement (kasMonth,
 *    awardReport, the text the group gets) and the board's workbook (12 months, XLSX) against a
 *    floor of reading the same rows raw (one select of the month, one of the year).
 * Then the invariant audit (auditKasBook) after the recording. Prints a table and ends with one
 * line of JSON.
 *
 * Options: --size=full|small (small: 300 entries by 10 sessions, a year of 365 entries), and,
 * overriding the size's figures, --entries=6000 --sessions=40 --year=3650
 */
import { cpus, loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type Database } from "../src/db/client.js";
import { createI18n } from "../src/bot/i18n.js";
import { kasEntry, roleAssignment } from "../src/db/schema/index.js";
import { auditKasBook, awardReport, kasMonth, recordIncome, recordSpending, type KasAudit } from "../src/domain/kas/book.js";
import { loadActor, type Actor } from "../src/domain/people/actor.js";
import { getRt } from "../src/domain/rt/rt.js";
import { monthOf, monthRange } from "../src/domain/schedule/month.js";
import type { ServiceDeps } from "../src/domain/service.js";
import { seedWilayah } from "../src/domain/wilayah/seed.js";
import { kasStatementLines } from "../src/messages/kas.js";
import { translateIn } from "../src/messages/translate.js";
import { kasToXlsx, readKasExport } from "../src/reports/kas-export.js";
import { createScratchDatabase } from "./scratch-database.js";
import { numberOption, percentile, seededRandom, sizeOption } from "./support.js";

const { size: SIZE, preset: PRESET } = sizeOption(
  {
    full: { entries: 6_000, sessions: 40, year: 3_650 },
    small: { entries: 300, sessions: 10, year: 365 },
  },
  "full",
);
const ENTRIES = numberOption("entries", PRESET.entries);
const SESSIONS = numberOption("sessions", PRESET.sessions);
const YEAR = numberOption("year", PRESET.year);
/** The bot's own pool (openDatabase): 10 connections. */
const POOL = 10;
const READS = SIZE === "small" ? 3 : 10;

const KELURAHAN = "15.71.01.1001"; // Simpang IV Sipin
const RTS = 20;
const NOW = new Date("2026-12-01T00:00:00Z"); // 1 Desember 2026, 07.00 WIB: the statement's morning

type Keeper = { rtId: number; actor: Actor };

async function seed(db: Database): Promise<Keeper[]> {
  await seedWilayah(db, "15.71");
  await db.execute(sql`insert into rt (kelurahan_code, number, household_count, invite_code) select ${KELURAHAN}, g.i, 120, 'bench-kas-' || g.i from generate_series(1, ${RTS + 1}) as g(i)`);
  await db.execute(sql`insert into person (telegram_id, display_name, locale, consented_at) select 300000000 + g.i, 'Bendahara ' || g.i, 'id', now() from generate_series(1, ${RTS + 1}) as g(i)`);
  await db.execute(sql`insert into membership (person_id, rt_id, household_label, status, decided_at) select p.id, r.id, 'Rumah 1', 'active', now() from person p join rt r on r.number = p.telegram_id - 300000000`);
  const keepers: Keeper[] = [];
  for (const row of await queryRows<{ person_id: number; rt_id: number; telegram_id: string }>(db, sql`select m.person_id, m.rt_id, p.telegram_id from membership m join person p on p.id = m.person_id order by m.rt_id`)) {
    await db.insert(roleAssignment).values({ personId: Number(row.person_id), role: "bendahara", rtId: Number(row.rt_id) });
    keepers.push({ rtId: Number(row.rt_id), actor: await loadActor(db, Number(row.telegram_id), []) });
  }
  return keepers;
}

type Run = { seconds: number; latencies: number[]; refused: number };

/** `SESSIONS` sessions take the next entry as soon as the last is answered. */
async function record(total: number, write: (index: number) => Promise<boolean>): Promise<Run> {
  let next = 0;
  let refused = 0;
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: SESSIONS }, async () => {
      for (;;) {
        const index = next++;
        if (index >= total) return;
        const began = performance.now();
        if (!(await write(index))) refused++;
        latencies.push(performance.now() - began);
      }
    }),
  );
  return { seconds: (performance.now() - start) / 1000, latencies, refused };
}

function timeMs(samples: number[]): number {
  return percentile(samples, 50);
}

async function timed(times: number, work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const began = performance.now();
    await work();
    samples.push(performance.now() - began);
  }
  return timeMs(samples);
}

async function main(): Promise<void> {
  const scratch = await createScratchDatabase("bench_kas");
  const pool = await openDatabase({ kind: "postgres", url: scratch.url });
  try {
    const db = scratch.db;
    const keepers = await seed(db);
    const writers = keepers.slice(0, RTS);
    const reader = keepers[RTS]!;
    const deps: ServiceDeps = { db: pool.db, i18n: createI18n(db), clock: () => NOW, wakeDelivery: () => {} };
    const random = seededRandom(20261201);
    const plan = Array.from({ length: ENTRIES }, (_, index) => ({ keeper: writers[Math.floor(random() * writers.length)]!, income: random() < 0.55, amount: 1_000 + Math.floor(random() * 50_000), key: `bench:${index}` }));

    const services = await record(ENTRIES, async (index) => {
      const { keeper, income, amount, key } = plan[index]!;
      try {
        if (income) await recordIncome(deps, keeper.actor, { rtId: keeper.rtId, incomeKind: "iuran", amount, requestKey: key });
        else await recordSpending(deps, keeper.actor, { rtId: keeper.rtId, amount, purpose: "Belanja RT", receipt: { fileId: "bench", fileUniqueId: "bench" }, fromAward: false, requestKey: key });
        return true;
      } catch (error) {
        if (error instanceof Error && error.name === "DomainError") return false;
        throw error;
      }
    });
    const audit: KasAudit = await auditKasBook(db);

    // The floor on emptied tables: the same rows, one bare insert each.
    await db.execute(sql`truncate kas_entry, kas_balance, audit_log`);
    const floor = await record(ENTRIES, async (index) => {
      const { keeper, income, amount, key } = plan[index]!;
      await pool.db.insert(kasEntry).values(income
        ? { requestKey: key, rtId: keeper.rtId, kind: "income", incomeKind: "iuran", amount, occurredAt: NOW, recordedBy: keeper.actor.person!.id, recordedAt: NOW }
        : { requestKey: key, rtId: keeper.rtId, kind: "spending", amount: -amount, purpose: "Belanja RT", receiptFileId: "bench", occurredAt: NOW, recordedBy: keeper.actor.person!.id, recordedAt: NOW });
      return true;
    });

    // A year of the reader RT's book: ten entries a day up to the statement's morning, then its balance row.
    const yearStart = new Date(NOW.getTime() - 365 * 86_400_000);
    await db.execute(sql`
      insert into kas_entry (request_key, rt_id, kind, income_kind, amount, purpose, receipt_file_id, from_award, occurred_at, recorded_by, recorded_at)
      select 'year:' || g.i, ${reader.rtId},
        (case when g.i % 3 = 0 then 'spending' else 'income' end)::kas_entry_kind,
        (case when g.i % 3 = 0 then null else (array['iuran','jimpitan','swadaya','donasi'])[1 + g.i % 4] end)::kas_income_kind,
        case when g.i % 3 = 0 then -(1000 + g.i % 7000) else 2000 + g.i % 9000 end,
        case when g.i % 3 = 0 then 'Belanja ' || g.i else null end,
        case when g.i % 3 = 0 then 'receipt' else null end, false,
        ${yearStart.toISOString()}::timestamptz + (g.i * interval '1 second' * ${Math.floor((365 * 86_400) / YEAR)}),
        ${reader.actor.person!.id}, now()
      from generate_series(1, ${YEAR}) as g(i)
    `);
    await db.execute(sql`insert into kas_balance (rt_id, balance, updated_at) select ${reader.rtId}, sum(amount), now() from kas_entry where rt_id = ${reader.rtId}`);
    await db.execute(sql`analyze`);

    const place = await getRt(db, reader.rtId);
    const lastMonth = monthOf(new Date(NOW.getTime() - 86_400_000));
    const t = translateIn(createI18n(db), "id");
    const statementMs = await timed(READS, async () => {
      const month = await kasMonth(db, { rtId: reader.rtId, month: lastMonth });
      kasStatementLines(t, "id", { rt: place, month, award: await awardReport(db, reader.rtId) });
    });
    const { from, to } = monthRange(lastMonth);
    const statementFloorMs = await timed(READS, () => db.execute(sql`select * from kas_entry where rt_id = ${reader.rtId} and occurred_at >= ${from.toISOString()}::timestamptz and occurred_at < ${to.toISOString()}::timestamptz`));
    let bytes = 0;
    const xlsxMs = await timed(READS, async () => {
      bytes = (await kasToXlsx(await readKasExport(db, { rtId: reader.rtId, now: NOW }), t)).length;
    });
    const xlsxFloorMs = await timed(READS, () => db.execute(sql`select * from kas_entry where rt_id = ${reader.rtId} and occurred_at >= ${yearStart.toISOString()}::timestamptz`));

    const rate = (run: Run) => run.latencies.length / run.seconds;
    const ms = (value: number) => value.toFixed(1);
    console.log(`The kas RT on PostgreSQL (${SIZE}): ${RTS} RTs, ${SESSIONS} sessions, ${ENTRIES} entries (55% income, 45% spending), pool of ${POOL} connections.\n`);
    console.log("| path | entries | seconds | entries/s | p50 ms | p99 ms | refused |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const [label, run] of [["services (lock, key, balance, audit)", services], ["floor: bare insert", floor]] as const) {
      console.log(`| ${label} | ${run.latencies.length} | ${run.seconds.toFixed(1)} | ${Math.round(rate(run))} | ${ms(percentile(run.latencies, 50))} | ${ms(percentile(run.latencies, 99))} | ${run.refused} |`);
    }
    const ratio = (value: number, floor: number) => (floor > 0 ? Number((value / floor).toFixed(1)) : null);
    const recordingVsFloor = ratio(rate(floor), rate(services));
    const statementVsFloor = ratio(statementMs, statementFloorMs);
    const xlsxVsFloor = ratio(xlsxMs, xlsxFloorMs);
    console.log(`\nRecording through the services is ${recordingVsFloor}× slower than the bare-insert floor.`);
    console.log(`\nA year of one RT's book (${YEAR} entries), median of ${READS}:`);
    console.log("| read | ms | floor ms | vs floor |");
    console.log("|---|---:|---:|---:|");
    console.log(`| monthly statement (month, uang pembinaan, text) | ${ms(statementMs)} | ${ms(statementFloorMs)} (select of the month) | ${statementVsFloor}× |`);
    console.log(`| board's workbook, 12 months (${(bytes / 1024).toFixed(0)} KiB XLSX) | ${ms(xlsxMs)} | ${ms(xlsxFloorMs)} (select of the year) | ${xlsxVsFloor}× |`);
    console.log(`\nAudit after recording: ${audit.entries} entries in ${audit.rts} RTs; balance ≠ sum: ${audit.balanceMismatches}; negative: ${audit.negativeBalances}; broken reversals: ${audit.brokenReversals}; ${audit.ok ? "clean" : "NOT clean"}.`);
    console.log(`Machine: ${cpus().length} cores, load average ${loadavg().map((load) => load.toFixed(1)).join(" / ")}; PostgreSQL on the same machine.`);
    console.log(JSON.stringify({
      bench: "kas", size: SIZE, entries: ENTRIES, sessions: SESSIONS,
      entriesPerSecond: Math.round(rate(services)), floorPerSecond: Math.round(rate(floor)),
      p50Ms: Number(ms(percentile(services.latencies, 50))), p99Ms: Number(ms(percentile(services.latencies, 99))), refused: services.refused,
      yearEntries: YEAR, statementMs: Number(ms(statementMs)), statementFloorMs: Number(ms(statementFloorMs)), xlsxMs: Number(ms(xlsxMs)), xlsxFloorMs: Number(ms(xlsxFloorMs)),
      recordingVsFloor, statementVsFloor, xlsxVsFloor, auditOk: audit.ok,
    }));
    if (!audit.ok) process.exitCode = 1;
  } finally {
    await pool.close();
    await scratch.drop();
  }
}

await main();
