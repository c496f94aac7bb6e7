import { z } from 'zod';
import { type Duration, durationUnits } from './duration';

const amount = z.number().int().nonnegative().optional();

/** A calendar-aware length of time; years and months follow the calendar, the rest are fixed lengths. */
export const DurationSchema: z.ZodType<Duration> = z
  .strictObject({
    years: amount,
    months: amount,
    days: amount,
    hours: amount,
    minutes: amount,
    seconds: amount,
  })
  .refine((duration) => durationUnits.some((unit) => duration[unit] !== undefined), {
    message: 'A duration needs at least one of years, months, days, hours, minutes, seconds',
  })
  // The refinement as JSON Schema, for the OpenAPI document (zod cannot translate a refinement).
  .meta({ minProperties: 1 });

export const IsoDateTimeSchema = z.iso.datetime();

/**
 * The days the Gregorian calendar has, as a pattern the OpenAPI document states (a client's
 * generator then makes no 2026-02-30): months of 31, of 30, February's 28, and 29 February of
 * years divisible by 4 but not by 100 unless by 400.
 */
const calendarDate = new RegExp(
  '^(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))' +
    '|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$',
);

/**
 * A calendar date, `YYYY-MM-DD`. Not `z.iso.date()`: bundled with webpack it resolves to zod's
 * `z.date()` (a Date object), so every date would be refused.
 */
export const IsoDateSchema = z
  .string()
  .regex(calendarDate, 'Expected a date YYYY-MM-DD that the calendar has');
