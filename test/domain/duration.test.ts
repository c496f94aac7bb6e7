import { describe, expect, it } from 'vitest';
import {
  addDuration,
  durationLabel,
  isCertainlyShorter,
  multiplyDuration,
  subtractDuration,
} from '../../domain/duration';
import { DurationSchema, IsoDateSchema } from '../../domain/time-schemas';

describe('addDuration', () => {
  it.each([
    ['2026-01-31T10:00:00.000Z', { months: 1 }, '2026-02-28T10:00:00.000Z'],
    ['2028-01-31T10:00:00.000Z', { months: 1 }, '2028-02-29T10:00:00.000Z'],
    ['2026-01-31T10:00:00.000Z', { months: 3 }, '2026-04-30T10:00:00.000Z'],
    ['2026-08-31T00:00:00.000Z', { months: 6 }, '2027-02-28T00:00:00.000Z'],
    ['2028-02-29T12:00:00.000Z', { years: 1 }, '2029-02-28T12:00:00.000Z'],
    ['2028-02-29T12:00:00.000Z', { years: 4 }, '2032-02-29T12:00:00.000Z'],
    ['2026-01-31T10:00:00.000Z', { years: 3 }, '2029-01-31T10:00:00.000Z'],
    ['2026-12-15T00:00:00.000Z', { months: 1 }, '2027-01-15T00:00:00.000Z'],
    ['2026-01-31T10:00:00.000Z', { months: 12 }, '2027-01-31T10:00:00.000Z'],
    ['2026-01-31T10:00:00.000Z', { days: 60 }, '2026-04-01T10:00:00.000Z'],
    ['2026-03-28T23:30:00.000Z', { days: 1 }, '2026-03-29T23:30:00.000Z'],
    ['2026-01-01T00:00:00.000Z', { hours: 25, minutes: 61, seconds: 61 }, '2026-01-02T02:02:01.000Z'],
    ['2026-01-31T10:00:00.000Z', { months: 1, days: 1 }, '2026-03-01T10:00:00.000Z'],
  ])('%s + %o = %s', (start, duration, expected) => {
    expect(addDuration(start, duration)).toBe(expected);
  });

  it('takes epoch milliseconds as well as ISO strings', () => {
    expect(addDuration(Date.UTC(2026, 0, 31, 10), { months: 1 })).toBe('2026-02-28T10:00:00.000Z');
  });

  it('rejects what is not a date', () => {
    expect(() => addDuration('31.01.2026', { days: 1 })).toThrow(RangeError);
  });
});

describe('subtractDuration', () => {
  it.each([
    ['2026-03-31T10:00:00.000Z', { months: 1 }, '2026-02-28T10:00:00.000Z'],
    ['2029-01-31T10:00:00.000Z', { months: 6 }, '2028-07-31T10:00:00.000Z'],
    ['2027-01-31T10:00:00.000Z', { days: 30 }, '2027-01-01T10:00:00.000Z'],
    ['2029-02-28T00:00:00.000Z', { years: 1 }, '2028-02-28T00:00:00.000Z'],
    ['2026-01-01T00:00:00.000Z', { seconds: 1 }, '2025-12-31T23:59:59.000Z'],
  ])('%s - %o = %s', (start, duration, expected) => {
    expect(subtractDuration(start, duration)).toBe(expected);
  });
});

describe('DurationSchema', () => {
  it('accepts non-negative integers in the known units', () => {
    expect(DurationSchema.parse({ years: 1, seconds: 0 })).toEqual({ years: 1, seconds: 0 });
  });

  it.each([{}, { days: -1 }, { days: 1.5 }, { weeks: 2 }, { days: '3' }])('rejects %o', (input) => {
    expect(DurationSchema.safeParse(input).success).toBe(false);
  });
});

describe('duration helpers', () => {
  it('multiplies every unit', () => {
    expect(multiplyDuration({ months: 12, days: 1 }, 2)).toEqual({ months: 24, days: 2 });
  });

  it('labels durations compactly for timer ids', () => {
    expect(durationLabel({ days: 30 })).toBe('30d');
    expect(durationLabel({ months: 1, days: 15 })).toBe('1mo15d');
    expect(durationLabel({ seconds: 5 })).toBe('5s');
  });

  it('compares calendar durations only when the order holds for every start date', () => {
    expect(isCertainlyShorter({ days: 30 }, { months: 12 })).toBe(true);
    expect(isCertainlyShorter({ days: 28 }, { months: 1 })).toBe(false);
    expect(isCertainlyShorter({ days: 27 }, { months: 1 })).toBe(true);
    expect(isCertainlyShorter({ months: 12 }, { years: 1 })).toBe(false);
    expect(isCertainlyShorter({ seconds: 5 }, { seconds: 6 })).toBe(true);
  });
});

describe('IsoDateSchema', () => {
  it('takes calendar dates and refuses anything else', () => {
    expect(IsoDateSchema.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2027-02-29', '2027-13-01', '2027-1-01', '2027-01-01T00:00:00Z', 20270101]) {
      expect(IsoDateSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });
});
