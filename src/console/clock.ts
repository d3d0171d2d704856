import { parse as parseCron } from "node-cron";
import { parseDateTime, type DateTimeRefusal } from "../domain/schedule/parse-datetime.js";
import { wibParts } from "../domain/schedule/wib.js";
import type { ScheduledJob } from "../scheduling/scheduler.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** One `:waktu` moves the clock at most this far: a month of jobs runs in seconds, not minutes. */
export const MAX_ADVANCE_DAYS = 31;

/**
 * The console's clock: the caller's clock (the wall clock, or a fixed one in tests) plus how far
 * `:waktu` has moved it. It only moves forward: the outbox, the reminders and the audit all assume
 * that time does not run backwards.
 */
export class ConsoleClock {
  private offsetMs = 0;

  constructor(private readonly base: () => Date) {}

  readonly now = (): Date => new Date(this.base().getTime() + this.offsetMs);

  /** Moves the clock to `at`, or leaves it where it is if `at` is not ahead. */
  moveTo(at: Date): void {
    this.offsetMs = Math.max(this.offsetMs, at.getTime() - this.base().getTime());
  }
}

export type ClockRefusal = DateTimeRefusal | "needs-time" | "not-ahead";

/** What `:waktu <argument>` asks for. */
export type ClockRequest = { kind: "show" } | { kind: "move"; to: Date } | { kind: "refused"; reason: ClockRefusal };

const RELATIVE_UNITS: Record<string, number> = { m: MINUTE_MS, menit: MINUTE_MS, j: HOUR_MS, jam: HOUR_MS, h: DAY_MS, hari: DAY_MS };

/**
 * `:waktu` alone shows the time; `+2j`, `+30m`, `+1h` move by hours, minutes or days; anything else
 * is read as a ketua types a date and time (`Minggu 06.00`, `2026-12-06 06.00`, `besok 7.00`) by
 * the bot's own parser, so the console takes the same words as /acara.
 */
export function readClockRequest(argument: string, now: Date): ClockRequest {
  const text = argument.trim();
  if (!text) return { kind: "show" };
  const relative = /^\+\s*(\d{1,6})\s*([a-z]+)$/i.exec(text);
  if (relative) {
    const unit = RELATIVE_UNITS[relative[2]!.toLowerCase()];
    if (unit === undefined) return { kind: "refused", reason: "unrecognised" };
    const ms = Number(relative[1]) * unit;
    if (ms <= 0) return { kind: "refused", reason: "not-ahead" };
    if (ms > MAX_ADVANCE_DAYS * DAY_MS) return { kind: "refused", reason: "too-far" };
    return { kind: "move", to: new Date(now.getTime() + ms) };
  }
  const parsed = parseDateTime(text, now);
  if (!parsed.ok) return { kind: "refused", reason: parsed.reason };
  if (parsed.kind === "date") return { kind: "refused", reason: "needs-time" };
  if (parsed.at.getTime() <= now.getTime()) return { kind: "refused", reason: "not-ahead" };
  if (parsed.at.getTime() - now.getTime() > MAX_ADVANCE_DAYS * DAY_MS) return { kind: "refused", reason: "too-far" };
  return { kind: "move", to: parsed.at };
}

export const CLOCK_REFUSALS: Record<ClockRefusal, string> = {
  empty: "Tulis waktunya, mis. :waktu Minggu 06.00",
  "too-long": "Terlalu panjang. Contoh: :waktu Minggu 06.00, :waktu +2j, :waktu 2026-12-06 06.00",
  unrecognised: "Waktu tidak dikenali. Contoh: :waktu Minggu 06.00, :waktu besok 19.00, :waktu +2j (j = jam, m = menit, h = hari)",
  "ambiguous-hour": "Jam 7 pagi atau malam? Tulis 07.00 atau 19.00.",
  "invalid-date": "Tanggal itu tidak ada di kalender.",
  "invalid-time": "Jam itu tidak ada (00.00–23.59).",
  "needs-time": "Sebutkan jamnya juga, mis. :waktu Minggu 06.00",
  past: "Waktu itu sudah lewat: jam konsol hanya maju.",
  "not-ahead": "Waktu itu sudah lewat: jam konsol hanya maju.",
  "just-past": "Tanggal itu baru saja lewat: jam konsol hanya maju. Tulis tahunnya bila maksudnya tahun depan.",
  "wrong-weekday": "Hari dan tanggalnya tidak cocok. Tulis tanggalnya saja, mis. :waktu 2026-12-06 06.00",
  "too-far": `Paling jauh ${MAX_ADVANCE_DAYS} hari sekali jalan; ulangi :waktu untuk maju lebih jauh.`,
};

/** A job's cron pattern as minute sets in WIB (the scheduler reads every pattern in Asia/Jakarta). */
type CronFields = { minute: Set<number>; hour: Set<number>; day: Set<number>; month: Set<number>; weekday: Set<number>; everyMinute: boolean };

function cronFields(pattern: string): CronFields {
  const fields = parseCron(pattern);
  const numbers = (values: (number | string)[], what: string) =>
    new Set(
      values.map((value) => {
        // node-cron's L and #n day tokens: no job uses them; refuse rather than guess.
        if (typeof value !== "number") throw new Error(`the console clock cannot read ${what} "${value}" of "${pattern}"`);
        return value;
      }),
    );
  const parsed = {
    minute: numbers(fields.minute, "minute"),
    hour: numbers(fields.hour, "hour"),
    day: numbers(fields.dayOfMonth, "day"),
    month: numbers(fields.month, "month"),
    // node-cron allows 7 for Sunday.
    weekday: new Set([...numbers(fields.dayOfWeek, "weekday")].map((day) => day % 7)),
  };
  const everyMinute = parsed.minute.size === 60 && parsed.hour.size === 24 && parsed.day.size === 31 && parsed.month.size === 12 && parsed.weekday.size === 7;
  return { ...parsed, everyMinute };
}

function matches(fields: CronFields, at: Date): boolean {
  const parts = wibParts(at);
  return fields.minute.has(parts.minute) && fields.hour.has(parts.hour) && fields.day.has(parts.day) && fields.month.has(parts.month) && fields.weekday.has(parts.weekday);
}

/** A run of one job at one tick of its cron pattern. */
export type DueRun = { at: Date; job: ScheduledJob };

/**
 * The plan of a clock move from `from` to `to` (`from` < `to`): the ticks of the jobs in
 * (`from`, `to`], in time order and, at one tick, in the jobs' list order. Jobs running every
 * minute (the reminder planner) are not listed: they are meant to catch up from any tick, so the
 * caller runs them at every step instead of 40,000 times a month.
 */
export function planClockMove(jobs: readonly ScheduledJob[], from: Date, to: Date): { runs: DueRun[]; everyStep: ScheduledJob[] } {
  const everyStep: ScheduledJob[] = [];
  const timed: { job: ScheduledJob; fields: CronFields }[] = [];
  for (const job of jobs) {
    const fields = cronFields(job.cron);
    if (fields.everyMinute) everyStep.push(job);
    else timed.push({ job, fields });
  }
  const runs: DueRun[] = [];
  const first = Math.floor(from.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  for (let ms = first; ms <= to.getTime(); ms += MINUTE_MS) {
    const at = new Date(ms);
    for (const { job, fields } of timed) if (matches(fields, at)) runs.push({ at, job });
  }
  return { runs, everyStep };
}

/**
 * The instants a clock move stops at: each job tick, each time a queued message falls due
 * (`nextDue`), and at least every `maxStepMs` so the every-step jobs plan ahead in time (the
 * reminder planner looks 36 hours ahead), ending at `to`.
 */
export async function stepClock(params: {
  from: Date;
  to: Date;
  runs: readonly DueRun[];
  maxStepMs: number;
  /** The earliest time after `after` at which something queued falls due, if any. */
  nextDue(after: Date): Promise<Date | null>;
  /** Moves the clock to `at` and runs what is due there. */
  step(at: Date, due: readonly ScheduledJob[]): Promise<void>;
}): Promise<void> {
  let current = params.from;
  let index = 0;
  while (current.getTime() < params.to.getTime()) {
    const candidates = [params.to.getTime(), current.getTime() + params.maxStepMs];
    const run = params.runs[index];
    if (run) candidates.push(run.at.getTime());
    // To the minute the message falls due in: the outbox spreads a batch over a few seconds at
    // Telegram's rate, and one stop per message would run the jobs once per recipient.
    const queued = await params.nextDue(current);
    if (queued && queued.getTime() > current.getTime()) candidates.push(Math.ceil(queued.getTime() / MINUTE_MS) * MINUTE_MS);
    const at = new Date(Math.min(...candidates));
    const due: ScheduledJob[] = [];
    while (params.runs[index] && params.runs[index]!.at.getTime() <= at.getTime()) due.push(params.runs[index++]!.job);
    await params.step(at, due);
    current = at;
  }
}
