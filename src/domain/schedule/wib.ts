/**
 * Wall-clock arithmetic in WIB (Asia/Jakarta). Indonesia has kept UTC+7 without daylight saving
 * since 1964, so a fixed offset is exact for every instant the bot deals with; plain arithmetic is
 * faster than Intl and does not depend on the host's time-zone data.
 */

export type LocalDate = { year: number; month: number; day: number };
export type LocalTime = { hour: number; minute: number };
/** weekday: 0 = Minggu (Sunday) … 6 = Sabtu (Saturday), as in Date#getDay and the schema. */
export type WibParts = LocalDate & LocalTime & { weekday: number };

/** The zone of everything a person reads; stored instants stay timestamptz. */
export const TIME_ZONE = "Asia/Jakarta";
export const WIB_OFFSET_MINUTES = 7 * 60;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const OFFSET_MS = WIB_OFFSET_MINUTES * MINUTE_MS;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  const days = MONTH_DAYS[month - 1];
  if (days === undefined) throw new RangeError(`month out of range: ${month}`);
  return days;
}

export function isValidDate(date: LocalDate): boolean {
  const { year, month, day } = date;
  return Number.isSafeInteger(year) && Number.isInteger(month) && month >= 1 && month <= 12 && Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month);
}

export function isValidTime(time: LocalTime): boolean {
  const { hour, minute } = time;
  return Number.isInteger(hour) && hour >= 0 && hour <= 23 && Number.isInteger(minute) && minute >= 0 && minute <= 59;
}

/**
 * Days since 1970-01-01 (H. Hinnant's days_from_civil). Dates become integers, so stepping and
 * comparing them cannot go wrong at month or year ends, and years below 100 are not remapped the
 * way Date.UTC does.
 */
export function dayNumber(date: LocalDate): number {
  const year = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5) + date.day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of dayNumber (civil_from_days). */
export function fromDayNumber(days: number): LocalDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Minggu … 6 = Sabtu. */
export function weekdayOf(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Negative, zero or positive, like a sort comparator. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return dayNumber(a) - dayNumber(b);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** The instant at which the WIB wall clock shows `time` on `date`. */
export function wibInstant(date: LocalDate, time: LocalTime): Date {
  return new Date(dayNumber(date) * DAY_MS + time.hour * HOUR_MS + time.minute * MINUTE_MS - OFFSET_MS);
}

/** What a wall clock and calendar in Jambi show at `instant` (seconds dropped). */
export function wibParts(instant: Date): WibParts {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("invalid instant");
  const local = ms + OFFSET_MS;
  const days = Math.floor(local / DAY_MS);
  const msOfDay = local - days * DAY_MS;
  return {
    ...fromDayNumber(days),
    hour: Math.floor(msOfDay / HOUR_MS),
    minute: Math.floor((msOfDay % HOUR_MS) / MINUTE_MS),
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

/** The WIB calendar date at `instant`. */
export function wibDate(instant: Date): LocalDate {
  const { year, month, day } = wibParts(instant);
  return { year, month, day };
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** YYYY-MM-DD: for storage, keys and logs; the bot formats dates for people itself. */
export function formatLocalDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** HH:MM, 24-hour: for storage and keys (ronda_setup.start_time); people read HH.MM from the bot layer. */
export function formatLocalTime(time: LocalTime): string {
  return `${pad(time.hour, 2)}:${pad(time.minute, 2)}`;
}
