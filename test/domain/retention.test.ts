import { describe, expect, it } from 'vitest';
import { retentionCutoff } from '../../domain/retention';

describe('retention cutoff', () => {
  it('counts whole calendar years (Europe/Berlin) from the end of the year a case ended', () => {
    // Six years in 2026: cases ended in 2019 or before go.
    expect(retentionCutoff(new Date('2026-11-28T12:00:00Z'), 6).toISOString()).toBe(
      '2019-12-31T23:00:00.000Z',
    );
    expect(retentionCutoff(new Date('2026-01-01T00:00:00Z'), 6).toISOString()).toBe(
      '2019-12-31T23:00:00.000Z',
    );
    // 23:30 UTC on 31 December is already the new year in Berlin.
    expect(retentionCutoff(new Date('2026-12-31T23:30:00Z'), 6).toISOString()).toBe(
      '2020-12-31T23:00:00.000Z',
    );
    expect(retentionCutoff(new Date('2026-06-01T00:00:00Z'), 10).toISOString()).toBe(
      '2015-12-31T23:00:00.000Z',
    );
  });
});
