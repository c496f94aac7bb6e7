/**
 * Calendar-aware time arithmetic for the domain. Pure and free of zod, so that the workflow bundle,
 * which evaluates its modules once per workflow, stays small; the schemas are in `time-schemas.ts`.
 */
export const durationUnits = ['years', 'months', 'days', 'hours', 'minutes', 'seconds'] as const;
export type DurationUnit = (typeof durationUnits)[number];

/** A calendar-aware length of time; years and months follow the calendar, the rest are fixed lengths. */
export type Duration = Partial<Record<DurationUnit, number>>;

/** An ISO 8601 date-time in UTC, e.g. `2026-11-26T09:00:00.000Z`. */
export type IsoDateTime = string;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function toEpochMs(at: IsoDateTime | number): number {
  if (typeof at === 'number') return at;
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO date-time: ${at}`);
  return ms;
}

export function toIso(at: IsoDateTime | number): IsoDateTime {
  return new Date(toEpochMs(at)).toISOString();
}

export function isBefore(a: IsoDateTime | number, b: IsoDateTime | number): boolean {
  return toEpochMs(a) < toEpochMs(b);
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

function shift(at: IsoDateTime | number, duration: Duration, sign: 1 | -1): IsoDateTime {
  let ms = toEpochMs(at);
  const months = sign * ((duration.years ?? 0) * 12 + (duration.months ?? 0));
  if (months !== 0) {
    const date = new Date(ms);
    const startOfDay = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    const monthIndex = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
    const year = Math.floor(monthIndex / 12);
    const month = monthIndex - year * 12;
    // Clamp to the last day of the target month: Jan 31 + 1 month is Feb 28 (or 29), never Mar 3.
    const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
    ms = Date.UTC(year, month, day) + (ms - startOfDay);
  }
  const fixed =
    (duration.days ?? 0) * DAY +
    (duration.hours ?? 0) * HOUR +
    (duration.minutes ?? 0) * MINUTE +
    (duration.seconds ?? 0) * SECOND;
  return new Date(ms + sign * fixed).toISOString();
}

/** Adds a duration in UTC: first years and months (clamped to month ends), then the fixed-length parts. */
export function addDuration(at: IsoDateTime | number, duration: Duration): IsoDateTime {
  return shift(at, duration, 1);
}

export function subtractDuration(at: IsoDateTime | number, duration: Duration): IsoDateTime {
  return shift(at, duration, -1);
}

export function multiplyDuration(duration: Duration, factor: number): Duration {
  const result: Duration = {};
  for (const unit of durationUnits) {
    const value = duration[unit];
    if (value !== undefined) result[unit] = value * factor;
  }
  return result;
}

const unitLabels: Record<DurationUnit, string> = {
  years: 'y',
  months: 'mo',
  days: 'd',
  hours: 'h',
  minutes: 'min',
  seconds: 's',
};

/** A short stable label such as `30d` or `1mo15d`, used in timer ids. */
export function durationLabel(duration: Duration): string {
  const parts = durationUnits
    .filter((unit) => duration[unit])
    .map((unit) => `${duration[unit]}${unitLabels[unit]}`);
  return parts.length > 0 ? parts.join('') : '0s';
}

function lengthBounds(duration: Duration): { shortest: number; longest: number } {
  const fixed =
    (duration.days ?? 0) * DAY +
    (duration.hours ?? 0) * HOUR +
    (duration.minutes ?? 0) * MINUTE +
    (duration.seconds ?? 0) * SECOND;
  const years = duration.years ?? 0;
  const months = duration.months ?? 0;
  return {
    shortest: fixed + years * 365 * DAY + months * 28 * DAY,
    longest: fixed + years * 366 * DAY + months * 31 * DAY,
  };
}

/**
 * True when `a` is shorter than `b` whatever the start date. Calendar units have no fixed length,
 * so the comparison is conservative: a month counts as 28 to 31 days, a year as 365 to 366.
 */
export function isCertainlyShorter(a: Duration, b: Duration): boolean {
  return lengthBounds(a).longest < lengthBounds(b).shortest;
}

/** The shortest and longest span of so many calendar months, over every start (a 4-year leap cycle). */
function monthSpanBounds(months: number): { shortest: number; longest: number } {
  let shortest = Number.POSITIVE_INFINITY;
  let longest = 0;
  for (let startMonth = 0; startMonth < 48; startMonth++) {
    const span = Date.UTC(2025, startMonth + months, 1) - Date.UTC(2025, startMonth, 1);
    shortest = Math.min(shortest, span);
    longest = Math.max(longest, span);
  }
  return { shortest, longest };
}

/**
 * True when `a` is at most as long as `b` whatever the start date: `{ months: 36 }` is never longer
 * than `{ years: 3 }`, `{ days: 1096 }` sometimes is. The calendar parts are compared as months;
 * where one has more of them, their shortest (or longest) span must make up the fixed parts.
 */
export function isNeverLonger(a: Duration, b: Duration): boolean {
  const months = (duration: Duration) => (duration.years ?? 0) * 12 + (duration.months ?? 0);
  const fixed = (duration: Duration) => lengthBounds({ ...duration, years: 0, months: 0 }).shortest;
  const extraMonths = months(b) - months(a);
  const extraFixed = fixed(b) - fixed(a);
  const span = monthSpanBounds(Math.abs(extraMonths));
  return extraMonths >= 0 ? -extraFixed <= span.shortest : span.longest <= extraFixed;
}

export function isZeroDuration(duration: Duration): boolean {
  return lengthBounds(duration).longest === 0;
}
