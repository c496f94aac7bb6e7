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
  });

export const IsoDateTimeSchema = z.iso.datetime();

/**
 * A calendar date, `YYYY-MM-DD`. Not `z.iso.date()`: bundled with webpack it resolves to zod's
 * `z.date()` (a Date object), so every date would be refused.
 */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date YYYY-MM-DD')
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00.000Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  }, 'Not a calendar date');
