/**
 * The city-scale data set of `npm run bench:scores`, generated on the real PostgreSQL server in
 * set-based SQL (nothing row by row through Node) and kept between runs: the database
 * `bench_scores_<size>` is reused while its `bench_meta` row says it was made by this version of
 * the generator at this size; `--fresh` makes it again.
 *
 * What it holds, for the 52 complete WIB weeks before Monday 23 November 2026 07.00 WIB:
 *  - the 1,635 RTs of bench/jambi-rt-per-kecamatan.csv (`small`: 5% of them), each with
 *    40–150 KK, 2–6 residents per KK (active members), a ketua; a koordinator per kelurahan and
 *    per kecamatan; a waste bank per kelurahan;
 *  - per RT: gotong royong every second Sunday, ronda every night, rapat warga every four weeks,
 *    a reading session most weeks, bank-sampah deposits by about a quarter of the households;
 *  - the participation records those make (check-ins, deposits, session attendance), each as the
 *    bot writes it (source key, household label, verified flag), about 5.2 million at city size;
 *  - manual scores for the even RTs.
 * Each RT has an engagement level (0.25–0.80, from a hash of its id; every 53rd RT never took
 * off), which is the chance a household turns up. One RT in ten fades in the last four weeks
 * (engagement × 0.45) and one in ten picks up (× 1.25), so the digests have RTs to flag.
 */
import postgres from "postgres";
import { openDatabase } from "../src/db/client.js";
import { runMigrations } from "../src/db/migrate.js";
import { seedCityRts } from "./city.js";
import { databaseUrl, DEFAULT_SERVER_URL } from "./scratch-database.js";

/**
 * Bump a size's number when what the generator makes at that size changes, so an old data set is
 * made again. small 4: its RTs sit in 5% of the kelurahan (bench/city.ts), so 22 koordinator, not 71.
 */
const GENERATOR_VERSION: Record<Size, number> = { city: 3, small: 4 };

export const SIZES = { city: 1, small: 0.05 } as const;
export type Size = keyof typeof SIZES;

/** Monday 23 November 2026, 07.00 WIB: when the weekly digest job runs. */
export const BENCH_NOW = new Date("2026-11-23T00:00:00Z");
const WEEKS = 52;
/** Monday 00.00 WIB, 52 weeks before the week of BENCH_NOW. */
const WEEK0 = new Date(Date.UTC(2026, 10, 22, 17) - WEEKS * 7 * 86_400_000).toISOString();

export type DataSet = { url: string; size: Size; rts: number; households: number; residents: number; records: number; generatedMs: number | null };

type Sql = postgres.Sql;

async function counts(sql: Sql): Promise<{ rts: number; households: number; residents: number; records: number }> {
  const [row] = await sql<{ rts: number; households: number; residents: number; records: number }[]>`
    select (select count(*) from rt)::int as rts, (select coalesce(sum(household_count), 0) from rt)::int as households,
           (select count(*) from membership where status = 'active')::int as residents, (select count(*) from participation)::int as records`;
  return row!;
}

/** The data set of `size`, made now if missing, stale or `fresh` is asked for. */
export async function openDataSet(size: Size, options: { fresh?: boolean; log?: (line: string) => void } = {}): Promise<DataSet> {
  const log = options.log ?? (() => {});
  const serverUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER_URL;
  const name = `bench_scores_${size}`;
  const url = databaseUrl(serverUrl, name);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 as one from pg_database where datname = ${name}`;
    let reusable = false;
    if (exists && !options.fresh) {
      const probe = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const [meta] = await probe.unsafe<{ version: number; size: string }[]>(`select version, size from bench_meta`).catch(() => []);
        reusable = meta?.version === GENERATOR_VERSION[size] && meta.size === size;
      } finally {
        await probe.end();
      }
    }
    let generatedMs: number | null = null;
    if (reusable) {
      // A data set made before the newest migrations (a new enum value, a new table) is brought up
      // to date: the features measured read them.
      const handle = await openDatabase({ kind: "postgres", url });
      try {
        await runMigrations(handle);
      } finally {
        await handle.close();
      }
    } else {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`create database ${name}`);
      const started = performance.now();
      await generate(url, size, log);
      generatedMs = performance.now() - started;
    }
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      return { url, size, ...(await counts(sql)), generatedMs };
    } finally {
      await sql.end();
    }
  } finally {
    await admin.end();
  }
}

async function generate(url: string, size: Size, log: (line: string) => void): Promise<void> {
  const handle = await openDatabase({ kind: "postgres", url });
  try {
    await runMigrations(handle);
    const rts = await seedCityRts(handle.db, SIZES[size]);
    log(`  ${rts} RTs seeded`);
  } finally {
    await handle.close();
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const step = async (label: string, text: string) => {
    const started = performance.now();
    await sql.unsafe(text);
    log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  try {
    await sql.unsafe(`select setseed(0.42)`);
    // A bulk load, like pg_restore: foreign keys are not re-checked row by row (every id comes
    // from the rows inserted just before); unique indexes and CHECK constraints still hold.
    await sql.unsafe(`set session_replication_role = replica`);
    await step("KK counts and engagement", `
      update rt set household_count = 40 + ((id::bigint * 2654435761) % 111)::int;
      create unlogged table bench_rt_week as
        select r.id as rt_id, w.w,
          least(1.0, e.level * case when w.w >= ${WEEKS - 4} and r.id % 10 = 3 then 0.45 when w.w >= ${WEEKS - 4} and r.id % 10 = 7 then 1.25 else 1 end) as p
        from rt r
        cross join lateral (select case when r.id % 53 = 0 then 0.0 else 0.25 + 0.55 * (((r.id::bigint * 40503) % 1000) / 1000.0) end as level) e
        cross join generate_series(0, ${WEEKS - 1}) w(w);
      create index on bench_rt_week (rt_id, w);
      analyze rt, bench_rt_week;
    `);
    await step("residents, memberships, ketua, koordinator", `
      create unlogged table bench_resident as
        select r.id as rt_id, h.h, j.j, row_number() over (order by r.id, h.h, j.j) as n
        from rt r
        cross join lateral generate_series(1, r.household_count) h(h)
        cross join lateral generate_series(1, 2 + ((r.id::bigint * 7919 + h.h * 104729) % 5)::int) j(j);
      insert into person (telegram_id, display_name, locale, consented_at, created_at)
        select 300000000 + n, 'Warga ' || n, case when n % 20 = 0 then 'en' else 'id' end, '${WEEK0}', '${WEEK0}' from bench_resident order by n;
      create unlogged table bench_head as
        select r.rt_id, r.h, p.id as person_id from bench_resident r join person p on p.telegram_id = 300000000 + r.n where r.j = 1;
      create index on bench_head (rt_id, h);
      analyze bench_resident, bench_head, person;
      insert into membership (person_id, rt_id, household_label, status, requested_at, decided_at)
        select p.id, r.rt_id, 'Rumah ' || r.h, 'active', '${WEEK0}', '${WEEK0}' from bench_resident r join person p on p.telegram_id = 300000000 + r.n;
      insert into role_assignment (person_id, role, rt_id, granted_at) select person_id, 'ketua_rt', rt_id, '${WEEK0}' from bench_head where h = 1;
      insert into person (telegram_id, display_name, locale, consented_at, created_at)
        select 390000000 + row_number() over (order by code), 'Koordinator ' || name, 'id', '${WEEK0}', '${WEEK0}'
        from (select code, name from kelurahan where code in (select kelurahan_code from rt) union all select code, name from kecamatan) area;
      insert into role_assignment (person_id, role, kelurahan_code, kecamatan_code, granted_at)
        select p.id, 'koordinator', case when length(a.code) > 8 then a.code end, case when length(a.code) <= 8 then a.code end, '${WEEK0}'
        from (select code, row_number() over (order by code) as k from (select code from kelurahan where code in (select kelurahan_code from rt) union all select code from kecamatan) c) a
        join person p on p.telegram_id = 390000000 + a.k;
    `);
    await step("events and occurrences", `
      insert into event (rt_id, kind, place, first_starts_at, duration_minutes, recurrence, created_at)
        select r.id, k.kind::event_kind, k.place, '${WEEK0}'::timestamptz + k.first, k.minutes, k.recurrence::jsonb, '${WEEK0}'
        from rt r cross join (values
          ('gotong_royong', 'Balai RT', interval '6 days 7 hours', 180, '{"kind":"biweekly","weekday":0}'),
          ('ronda', 'Pos kamling', interval '22 hours', 360, '{"kind":"weekly","weekday":1}'),
          ('rapat', 'Rumah ketua RT', interval '12 days 19 hours 30 minutes', 120, '{"kind":"monthly-weekday","nth":2,"weekday":6}')
        ) k(kind, place, first, minutes, recurrence);
      insert into event_occurrence (event_id, rt_id, kind, starts_at, ends_at, place)
        select e.id, e.rt_id, e.kind, s.at, s.at + make_interval(mins => e.duration_minutes), e.place
        from event e
        cross join lateral (
          select e.first_starts_at + make_interval(days => d) as at
          from generate_series(0, ${WEEKS * 7 - 1}) d
          where case e.kind when 'gotong_royong' then d % 14 = 0 when 'rapat' then d % 28 = 0 else true end
            and e.first_starts_at + make_interval(days => d) < '${WEEK0}'::timestamptz + interval '${WEEKS * 7} days'
        ) s;
      analyze event_occurrence;
    `);
    const week = (column: string) => `floor(extract(epoch from ${column} - '${WEEK0}'::timestamptz) / 604800)::int`;
    const insertParticipation = `insert into participation (source_key, rt_id, person_id, household_label, kind, occurred_at, verified, source, occurrence_id, recorded_by, recorded_at, revoked_at)`;
    await step("gotong royong and rapat attendance", `
      ${insertParticipation}
        select 'occurrence:' || o.id || ':person:' || h.person_id, o.rt_id, h.person_id, 'Rumah ' || h.h, o.kind::text::participation_kind,
          o.starts_at + interval '20 minutes', random() > 0.02, 'checkin-code', o.id, null, o.starts_at + interval '20 minutes', null
        from event_occurrence o
        join bench_rt_week rw on rw.rt_id = o.rt_id and rw.w = ${week("o.starts_at")}
        join bench_head h on h.rt_id = o.rt_id
        where o.kind in ('gotong_royong', 'rapat') and random() + 0 * h.h < case o.kind when 'gotong_royong' then rw.p + 0.1 else 0.3 * rw.p end and rw.p > 0;
    `);
    await step("ronda check-ins", `
      ${insertParticipation}
        select 'occurrence:' || o.id || ':person:' || h.person_id, o.rt_id, h.person_id, 'Rumah ' || h.h, 'ronda',
          o.starts_at + interval '15 minutes', true, 'checkin-code', o.id, null, o.starts_at + interval '15 minutes', null
        from (
          select o.id, o.rt_id, o.starts_at, r.household_count as kk
          from event_occurrence o join rt r on r.id = o.rt_id join bench_rt_week rw on rw.rt_id = o.rt_id and rw.w = ${week("o.starts_at")}
          where o.kind = 'ronda' and rw.p > 0 and random() < 0.5 + 0.5 * rw.p
        ) o
        cross join generate_series(0, 2) s(s)
        join bench_head h on h.rt_id = o.rt_id and h.h = 1 + ((o.id * 7 + s.s * 13) % o.kk);
    `);
    await step("bank sampah: banks, accounts, deposits, reversals", `
      insert into waste_bank (kelurahan_code, name, created_at)
        select distinct kelurahan_code, 'Bank Sampah ' || kelurahan_code, '${WEEK0}'::timestamptz from rt order by 1;
      insert into waste_bank_rt (rt_id, waste_bank_id, added_at) select r.id, b.id, '${WEEK0}' from rt r join waste_bank b on b.kelurahan_code = r.kelurahan_code;
      insert into waste_type (waste_bank_id, name, unit, created_at)
        select b.id, t.name, t.unit::measure_unit, '${WEEK0}' from waste_bank b cross join (values ('Plastik campur', 'kg'), ('Minyak jelantah', 'liter')) t(name, unit);
      insert into waste_price (waste_type_id, rupiah_per_unit, effective_from, set_at)
        select id, case unit when 'kg' then 2000 else 5000 end, '${WEEK0}', '${WEEK0}' from waste_type;
      create unlogged table bench_customer as
        select h.rt_id, h.h, h.person_id, br.waste_bank_id
        from bench_head h join waste_bank_rt br on br.rt_id = h.rt_id join bench_rt_week rw on rw.rt_id = h.rt_id and rw.w = 0
        where random() + 0 * h.h < 0.5 * rw.p;
      analyze bench_customer;
      insert into bank_account (waste_bank_id, person_id, balance, opened_at, updated_at) select waste_bank_id, person_id, 0, '${WEEK0}', '${WEEK0}' from bench_customer;
      create unlogged table bench_deposit as
        select row_number() over (order by w.w, c.person_id) as id, a.id as account_id, c.waste_bank_id, c.person_id, c.rt_id, c.h,
          '${WEEK0}'::timestamptz + make_interval(days => w.w * 7 + 5, hours => 8, mins => (random() * 180)::int) as at,
          (500 + random() * 9500)::int as grams, case when random() < 0.2 then (500 + random() * 2000)::int else 0 end as ml
        from bench_customer c
        join bank_account a on a.waste_bank_id = c.waste_bank_id and a.person_id = c.person_id
        join bench_rt_week w on w.rt_id = c.rt_id
        where random() + 0 * c.h < 0.7 * w.p;
      analyze bench_deposit;
      insert into ledger_entry (id, request_key, account_id, waste_bank_id, person_id, rt_id, kind, amount, occurred_at, recorded_by, recorded_at)
        select id, 'bench-deposit:' || id, account_id, waste_bank_id, person_id, rt_id, 'deposit', grams * 2 + ml * 5, at, person_id, at from bench_deposit;
      insert into deposit_line (entry_id, line_no, waste_type_id, quantity, unit, price_id, rupiah_per_unit, value)
        select d.id, 1, t.id, d.grams, 'kg'::measure_unit, p.id, 2000, d.grams * 2
        from bench_deposit d join waste_type t on t.waste_bank_id = d.waste_bank_id and t.unit = 'kg' join waste_price p on p.waste_type_id = t.id
        union all
        select d.id, 2, t.id, d.ml, 'liter'::measure_unit, p.id, 5000, d.ml * 5
        from bench_deposit d join waste_type t on t.waste_bank_id = d.waste_bank_id and t.unit = 'liter' join waste_price p on p.waste_type_id = t.id
        where d.ml > 0;
      ${insertParticipation}
        select 'bank-entry:' || id, rt_id, person_id, 'Rumah ' || h, 'bank_sampah', at, true, 'deposit', null, person_id, at, null from bench_deposit;
      -- One deposit in 200 was weighed wrong and reversed the next day: its participation revoked.
      insert into ledger_entry (id, request_key, account_id, waste_bank_id, person_id, rt_id, kind, amount, reverses_entry_id, reason, occurred_at, recorded_by, recorded_at)
        select (select max(id) from bench_deposit) + row_number() over (order by id), 'bench-reversal:' || id, account_id, waste_bank_id, person_id, rt_id, 'reversal',
          -(grams * 2 + ml * 5), id, 'salah timbang', at + interval '1 day', person_id, at + interval '1 day'
        from bench_deposit where id % 200 = 0;
      update participation set revoked_at = occurred_at + interval '1 day'
        where source_key in (select 'bank-entry:' || id from bench_deposit where id % 200 = 0);
      select setval(pg_get_serial_sequence('ledger_entry', 'id'), (select max(id) from ledger_entry));
      update bank_account a set balance = s.total from (select account_id, sum(amount) as total from ledger_entry group by 1) s where s.account_id = a.id;
    `);
    await step("reading sessions", `
      insert into reading_session (request_key, rt_id, activity, held_at, attendee_count, recorded_by, recorded_at)
        select 'bench-session:' || rw.rt_id || ':' || rw.w, rw.rt_id, (array['membaca_bersama', 'mendongeng', 'belajar_kelompok', 'tpa_mengaji'])[1 + rw.w % 4]::reading_activity,
          '${WEEK0}'::timestamptz + make_interval(days => rw.w * 7 + 5, hours => 15), 8 + (rw.rt_id * 3 + rw.w) % 7, k.person_id,
          '${WEEK0}'::timestamptz + make_interval(days => rw.w * 7 + 5, hours => 17)
        from bench_rt_week rw join bench_head k on k.rt_id = rw.rt_id and k.h = 1
        where rw.p > 0 and random() < rw.p;
      create unlogged table bench_attendee as
        select distinct s.id as session_id, s.rt_id, s.held_at, h.person_id, h.h
        from reading_session s join rt r on r.id = s.rt_id
        cross join generate_series(1, 3 + (s.id % 6)::int) g(g)
        join bench_head h on h.rt_id = s.rt_id and h.h = 1 + ((s.id * 31 + g.g * 17) % r.household_count);
      insert into reading_session_attendee (session_id, person_id) select session_id, person_id from bench_attendee;
      ${insertParticipation}
        select 'reading-session:' || session_id || ':person:' || person_id, rt_id, person_id, 'Rumah ' || h, 'pojok_baca_sesi', held_at, true, 'session', null, null, held_at, null
        from bench_attendee;
    `);
    await step("manual scores", `
      insert into indicator_score (rt_id, indicator_code, score, note, assessed_on, entered_by, entered_at)
        select r.id, c.code, ((r.id + ascii(substr(c.code, 1, 1)) + substr(c.code, 2)::int) % 3)::smallint, 'Penilaian lapangan', '2026-08-15',
          (select min(person_id) from role_assignment where role = 'koordinator'), '2026-08-15T03:00:00Z'
        from rt r cross join unnest(array['B1','B2','B4','B5','B6','A1','A3','A4','A6','A7','P1','P3','P5','P6','P7']) c(code)
        where r.id % 2 = 0;
    `);
    await sql.unsafe(`set session_replication_role = origin`);
    await step("drop scaffolding, vacuum analyze", `
      drop table bench_rt_week, bench_resident, bench_head, bench_customer, bench_deposit, bench_attendee;
    `);
    // The bot appends records as things happen, so its table is in time order; the generator
    // wrote them kind by kind, and puts them in the order a year of use would have.
    await step("cluster participation by time", `cluster participation using participation_time_idx`);
    // Loaded with triggers off, as pg_restore loads: the weekly rollup the triggers keep (issue 18)
    // is made from the records once, by the function the migration's backfill runs.
    await step("weekly rollup", `select rt_week_rollup_rebuild()`);
    await sql.unsafe(`vacuum analyze`);
    await sql.unsafe(`create table bench_meta (version int not null, size text not null, generated_at timestamptz not null default now())`);
    await sql.unsafe(`insert into bench_meta (version, size) values (${GENERATOR_VERSION[size]}, '${size}')`);
  } finally {
    await sql.end();
  }
}
