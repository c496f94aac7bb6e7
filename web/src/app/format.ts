import type { Language } from '../i18n';

/** Dates as people at DIM read them: German time, whatever the browser's zone. */
const timeZone = 'Europe/Berlin';
const locales: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

export function formatDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone }).format(new Date(iso));
}

export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

/** A moment whose time of day matters (a deadline): date and time with the zone named (MEZ, CEST). */
export function formatMoment(iso: string, language: Language): string {
  const date = new Date(iso);
  const zone = new Intl.DateTimeFormat(locales[language], { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value;
  return `${formatDateTime(iso, language)} ${zone ?? timeZone}`;
}

/** A file's size: "850 kB", "5,2 MB" (decimal units, as file managers show them). */
export function formatFileSize(bytes: number, language: Language): string {
  const [value, unit] = bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
  return new Intl.NumberFormat(locales[language], { style: 'unit', unit, maximumFractionDigits: 1 }).format(
    value,
  );
}
