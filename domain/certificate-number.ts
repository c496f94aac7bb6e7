/**
 * Certificate numbers read `DIM1002-YYYY-XXXXXXXX`: the UTC year of the decision, then eight
 * characters of Crockford's base 32 (digits and capitals without I, L, O, U, so a number read out
 * over the phone or typed from paper cannot be confused). Forty random bits make a clash within a
 * year unlikely; the public register's unique key catches the rest.
 */
const crockfordAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const certificateNumberPattern = /^DIM1002-(\d{4})-([0-9A-HJKMNP-TV-Z]{8})$/;

export function isValidCertificateNumber(certificateNumber: string, decidedAt: string): boolean {
  const match = certificateNumberPattern.exec(certificateNumber);
  return match !== null && Number(match[1]) === new Date(decidedAt).getUTCFullYear();
}

/**
 * A certificate number as a person may type it — in lower case, with spaces, with O for 0 or I, L
 * for 1 (Crockford's reading) — in its written form; undefined if the text cannot be one. The public
 * register's search takes such a text as a number, any other as part of an organisation's name.
 */
export function normaliseCertificateNumber(text: string): string | undefined {
  const match = /^DIM1002-(\d{4})-([0-9A-Z]{8})$/.exec(text.replace(/\s+/g, '').toUpperCase());
  if (!match) return undefined;
  const code = (match[2] ?? '').replaceAll('O', '0').replace(/[IL]/g, '1');
  const number = `DIM1002-${match[1]}-${code}`;
  return certificateNumberPattern.test(number) ? number : undefined;
}

/** Builds a number from a random UUID (in a workflow: `uuid4()`, which replays identically). */
export function certificateNumberFrom(decidedAt: string, uuid: string): string {
  const hex = uuid.replaceAll('-', '').slice(0, 10);
  if (!/^[0-9a-fA-F]{10}$/.test(hex)) throw new RangeError(`Not a UUID: ${uuid}`);
  let bits = Number.parseInt(hex, 16);
  let code = '';
  for (let position = 0; position < 8; position++) {
    code = crockfordAlphabet[bits % 32] + code;
    bits = Math.floor(bits / 32);
  }
  return `DIM1002-${new Date(decidedAt).getUTCFullYear()}-${code}`;
}
