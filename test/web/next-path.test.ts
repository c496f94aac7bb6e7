import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../web/src/auth/next-path';

describe('the page to return to after signing in', () => {
  it.each([
    ['/tasks', '/tasks'],
    ['/accreditations/abc?tab=timeline', '/accreditations/abc?tab=timeline'],
    [null, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['tasks', '/'],
  ])('%s leads to %s', (next, path) => {
    expect(safeNextPath(next)).toBe(path);
  });
});
