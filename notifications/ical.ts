/**
 * iCalendar (RFC 5545) text for audit dates and due dates, written by hand: a VCALENDAR with one
 * VEVENT per date. Deterministic (DTSTAMP is the time of the event that caused the notification),
 * so the same notification always yields the same attachment.
 */
import { createHash } from 'node:crypto';

export interface CalendarEntry {
  /**
   * What the entry is about, unique within the accreditation (e.g. `audit-date`,
   * `finding:cycle-1:finding-1`). The UID derives from it, so a later notification about the same
   * subject (a deadline extended, a reminder) updates the entry instead of adding one.
   */
  subject: string;
  summary: string;
  description: string;
  /** A calendar date (all-day, `YYYY-MM-DD`) or an instant (ISO 8601, shown in UTC). */
  start: { date: string } | { dateTime: string };
  url?: string;
  /** The case the entry belongs to, where a calendar spans several (a person's feed). */
  accreditationId?: string;
}

export interface Calendar {
  /** The case of entries that name none. */
  accreditationId: string;
  /** Shown by calendar applications as the calendar's name (X-WR-CALNAME). */
  name?: string;
  entries: CalendarEntry[];
  /** DTSTAMP: the business time of the causing event. */
  stamp: string;
  /** SEQUENCE: the global position of the causing event, increasing with every update. */
  sequence: number;
}

export const calendarDomain = 'dim-akkreditierung.local';

export function calendarUid(accreditationId: string, subject: string): string {
  const hash = createHash('sha256').update(`${accreditationId}/${subject}`).digest('hex').slice(0, 32);
  return `${hash}@${calendarDomain}`;
}

function escapeText(value: string): string {
  // Every line break, CR alone included: a bare CR would end the content line early.
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

function utc(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function compactDate(date: string): string {
  return date.replace(/-/g, '');
}

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** Content lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function renderCalendar(calendar: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//DIM//Akkreditierung DIM 1002:2024//DE',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(calendar.name ? [`X-WR-CALNAME:${escapeText(calendar.name)}`] : []),
  ];
  for (const entry of calendar.entries) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${calendarUid(entry.accreditationId ?? calendar.accreditationId, entry.subject)}`,
      `SEQUENCE:${calendar.sequence}`,
      `DTSTAMP:${utc(calendar.stamp)}`,
    );
    if ('date' in entry.start) {
      lines.push(
        `DTSTART;VALUE=DATE:${compactDate(entry.start.date)}`,
        `DTEND;VALUE=DATE:${compactDate(nextDay(entry.start.date))}`,
      );
    } else {
      lines.push(`DTSTART:${utc(entry.start.dateTime)}`, 'DURATION:PT30M');
    }
    lines.push(`SUMMARY:${escapeText(entry.summary)}`, `DESCRIPTION:${escapeText(entry.description)}`);
    if (entry.url) lines.push(`URL:${entry.url.replace(/[\r\n]/g, '')}`);
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
