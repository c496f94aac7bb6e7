import { describe, expect, it } from 'vitest';
import {
  certificateNumberFrom,
  isValidCertificateNumber,
  normaliseCertificateNumber,
} from '../../domain/certificate-number';

describe('certificate numbers', () => {
  it('read DIM1002-<year of decision>-<8 Crockford base-32 characters>', () => {
    expect(isValidCertificateNumber('DIM1002-2026-7K3M9QXA', '2026-01-31T10:00:00.000Z')).toBe(true);
  });

  it.each([
    ['another year', 'DIM1002-2025-7K3M9QXA'],
    ['lower case', 'DIM1002-2026-7k3m9qxa'],
    ['an ambiguous letter', 'DIM1002-2026-7K3M9QXI'],
    ['too short', 'DIM1002-2026-7K3M9QX'],
    ['another prefix', 'DIN1002-2026-7K3M9QXA'],
  ])('are invalid with %s', (_, number) => {
    expect(isValidCertificateNumber(number, '2026-01-31T10:00:00.000Z')).toBe(false);
  });

  it('are derived from a UUID, the same one always giving the same number', () => {
    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const number = certificateNumberFrom('2026-01-31T10:00:00.000Z', uuid);
    expect(number).toMatch(/^DIM1002-2026-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(certificateNumberFrom('2026-01-31T10:00:00.000Z', uuid)).toBe(number);
    expect(isValidCertificateNumber(number, '2026-01-31T10:00:00.000Z')).toBe(true);
  });

  it.each([
    ['as written', 'DIM1002-2026-7K3M9QXA', 'DIM1002-2026-7K3M9QXA'],
    ['in lower case, with spaces', ' dim1002-2026-7k3m9qxa ', 'DIM1002-2026-7K3M9QXA'],
    ['with O for 0 and I, L for 1', 'DIM1002-2026-7K3MOQIL', 'DIM1002-2026-7K3M0Q11'],
  ])('are read from what a person types: %s', (_, text, number) => {
    expect(normaliseCertificateNumber(text)).toBe(number);
  });

  it.each([
    ['an organisation name', 'Musterdienst GmbH'],
    ['too short', 'DIM1002-2026-7K3M9QX'],
    ['U (not in the alphabet)', 'DIM1002-2026-7K3M9QXU'],
  ])('are not read from %s', (_, text) => {
    expect(normaliseCertificateNumber(text)).toBeUndefined();
  });
});
