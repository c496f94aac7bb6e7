/**
 * What the copy of a mail is written against: the render input, German or English (`t`), dates in
 * German time, the case's links and calendar entries. No I/O and no clock.
 */
import type { Language } from '../../db/database';
import type { NotificationPayload } from '../../db/notifications';
import type { StepCommand } from '../../domain/commands';
import type { AccreditationEvent, EventOf } from '../../domain/events';
import { stepPagePath } from '../../domain/step-pages';
import type { CalendarEntry } from '../ical';

export interface RenderInput {
  notificationId: string;
  kind: string;
  /** The recipient's role (some kinds read differently for the organisation and for staff). */
  role: string;
  language: Language;
  /** The person's name; empty for an organisation's contact address (formal greeting). */
  recipientName: string;
  payload: unknown;
  /** Business time of the causing event (ISO). */
  createdAt: string;
  /** Global position of the causing event: the iCalendar SEQUENCE. */
  sequence: number;
  /** Base URL of the web UI, without a trailing slash. */
  webUrl: string;
}

export type Block = string | { list: string[] };

/** A mail's content in the recipient's language; the layout (greeting, footer, HTML) is render.ts's. */
export interface Content {
  subject: string;
  blocks: Block[];
  action: { label: string; path: string };
  calendar?: CalendarEntry[];
}

/** The copy of one mail kind: its content for the recipient of `c`. */
export type Copy = (c: Context) => Content;

export const standard = 'DIM 1002:2024';

const timeZone = 'Europe/Berlin';

export class Context {
  readonly payload: NotificationPayload;
  constructor(
    readonly input: RenderInput,
    readonly lang: Language = input.language,
  ) {
    this.payload = input.payload as NotificationPayload;
  }
  /** German or English. */
  t(de: string, en: string): string {
    return this.lang === 'en' ? en : de;
  }
  get org(): string {
    return this.payload.organisationName;
  }
  get caseId(): string {
    return this.payload.accreditationId;
  }
  get casePath(): string {
    return `/accreditations/${encodeURIComponent(this.caseId)}`;
  }
  /** The causing event's data (the outbox row's kind names the event type). */
  data<Type extends AccreditationEvent['type']>(_type: Type): EventOf<Type>['data'] {
    return this.payload.data as EventOf<Type>['data'];
  }
  /** An instant, in German time, with its zone: MEZ/MESZ in German, CET/CEST in English. */
  dateTime(iso: string): string {
    const locale = this.lang === 'en' ? 'en-GB' : 'de-DE';
    const at = new Date(iso);
    const formatted = new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone,
    }).format(at);
    const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
    return zone ? `${formatted} ${zone}` : formatted;
  }
  /** The calendar day of an instant, in German time. */
  date(iso: string): string {
    return new Intl.DateTimeFormat(this.lang === 'en' ? 'en-GB' : 'de-DE', {
      dateStyle: 'long',
      timeZone,
    }).format(new Date(iso));
  }
  /** A calendar date `YYYY-MM-DD`. */
  day(date: string): string {
    return new Intl.DateTimeFormat(this.lang === 'en' ? 'en-GB' : 'de-DE', {
      dateStyle: 'long',
      timeZone: 'UTC',
    }).format(new Date(`${date}T00:00:00Z`));
  }
  openCase(): Content['action'] {
    return { label: this.t('Akkreditierung öffnen', 'Open the accreditation'), path: this.casePath };
  }
  /** The web application's form of a step of this case, about `subjectId` (a request, finding, …). */
  openStep(stepType: StepCommand['type'], label: string, subjectId?: string): Content['action'] {
    return { label, path: stepPagePath(this.caseId, stepType, subjectId) };
  }
  answerRequest(requestId: string): Content['action'] {
    return this.openStep(
      'ProvideInformation',
      this.t('Nachforderung beantworten', 'Answer the request'),
      requestId,
    );
  }
  openTasks(): Content['action'] {
    return { label: this.t('Zu meinen Aufgaben', 'Go to my tasks'), path: '/tasks' };
  }
  due(subject: string, summary: string, at: string): CalendarEntry {
    return {
      subject,
      summary,
      description: `${this.org} – ${summary}`,
      start: { dateTime: at },
      url: this.input.webUrl + this.casePath,
    };
  }
}
