/**
 * The e-mail of each notification kind, in German (default) and English: pure functions of the
 * outbox row and the recipient, no I/O and no clock. Each message has a subject, a plain-text and
 * an HTML body (all interpolated values escaped), a deep link into the web UI and, for audit dates
 * and due dates, an iCalendar attachment.
 */

import type { NotificationPayload } from '../db/projections/views';
import type { AccreditationEvent, EventOf } from '../domain/events';
import { type CalendarEntry, renderCalendar } from './ical';

export type Language = 'de' | 'en';

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

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  /** Deep links in the message (the first is the main action). */
  links: string[];
  /** iCalendar text (.ics), for audit dates and due dates. */
  calendar?: string;
}

type Block = string | { list: string[] };

interface Content {
  subject: string;
  blocks: Block[];
  action: { label: string; path: string };
  calendar?: CalendarEntry[];
}

export interface DigestItem {
  notificationId: string;
  kind: string;
  role: string;
  payload: unknown;
  createdAt: string;
}

export interface DigestTask {
  kind: string;
  accreditationId: string;
  organisationName: string;
  dueAt: string | null;
  overdue: boolean;
}

export interface DigestPayload {
  date: string;
  items: DigestItem[];
  tasks: DigestTask[];
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const timeZone = 'Europe/Berlin';

class Context {
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
  /** An instant, in German time. */
  dateTime(iso: string): string {
    return new Intl.DateTimeFormat(this.lang === 'en' ? 'en-GB' : 'de-DE', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone,
    }).format(new Date(iso));
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

const severity = (c: Context, value: 'major' | 'minor' | 'observation') =>
  ({
    major: c.t('Hauptabweichung', 'major nonconformity'),
    minor: c.t('Nebenabweichung', 'minor nonconformity'),
    observation: c.t('Beobachtung', 'observation'),
  })[value];

const standard = 'DIM 1002:2024';

/** When the auditor must have verified a corrective action or action plan, if the policy says. */
const verifyByBlocks = (c: Context, verifyBy: string | undefined) =>
  verifyBy
    ? [c.t(`Bitte prüfen Sie bis ${c.dateTime(verifyBy)}.`, `Please verify by ${c.dateTime(verifyBy)}.`)]
    : [];
const verifyByCalendar = (c: Context, verifyBy: string | undefined) =>
  verifyBy ? [c.due('verification', c.t('Frist: Prüfung', 'Due: verification'), verifyBy)] : [];

/** Per notification kind; `role` is the recipient's role. */
const templates: Record<string, (c: Context) => Content> = {
  application_submitted: (c) =>
    c.input.role === 'organisation'
      ? {
          subject: c.t('Antrag eingegangen', 'Application received'),
          blocks: [
            c.t(
              `wir haben den Antrag von ${c.org} auf Akkreditierung nach ${standard} erhalten. Wir prüfen ihn und melden uns, sobald wir weitere Angaben benötigen oder die Dokumentenprüfung beginnt.`,
              `we have received the application of ${c.org} for accreditation under ${standard}. We will review it and contact you if we need further information or when the document review begins.`,
            ),
          ],
          action: c.openCase(),
        }
      : {
          subject: c.t(`Neuer Antrag zu prüfen: ${c.org}`, `New application to review: ${c.org}`),
          blocks: [
            c.t(
              `${c.org} hat den Antrag auf Akkreditierung eingereicht. Bitte prüfen Sie ihn auf Vollständigkeit.`,
              `${c.org} has submitted its application for accreditation. Please review it for completeness.`,
            ),
          ],
          action: c.openTasks(),
        },

  information_requested: (c) => {
    const d = c.data('InformationRequested');
    return {
      subject: c.t('Angaben angefordert', 'Information requested'),
      blocks: [
        c.t(
          `zur Prüfung des Antrags von ${c.org} benötigen wir bis ${c.dateTime(d.respondBy)} folgende Angaben:`,
          `to review the application of ${c.org} we need the following information by ${c.dateTime(d.respondBy)}:`,
        ),
        { list: d.questions },
        c.t(
          'Ohne Antwort bis zu dieser Frist wird der Antrag abgelehnt.',
          'Without an answer by that date the application will be rejected.',
        ),
      ],
      action: c.openTasks(),
      calendar: [
        c.due(`request:${d.requestId}`, c.t('Frist: Angaben nachreichen', 'Due: information'), d.respondBy),
      ],
    };
  },

  documents_requested: (c) => {
    const d = c.data('DocumentsRequested');
    return {
      subject: c.t('Dokumente angefordert', 'Documents requested'),
      blocks: [
        c.t(
          `für die Dokumentenprüfung von ${c.org} benötigen wir bis ${c.dateTime(d.respondBy)} folgende Dokumente:`,
          `for the document review of ${c.org} we need the following documents by ${c.dateTime(d.respondBy)}:`,
        ),
        { list: d.documents },
      ],
      action: c.openTasks(),
      calendar: [
        c.due(`request:${d.requestId}`, c.t('Frist: Dokumente nachreichen', 'Due: documents'), d.respondBy),
      ],
    };
  },

  information_request_reminder_sent: (c) => {
    const d = c.data('InformationRequestReminderSent');
    return {
      subject: c.t('Erinnerung: Angaben fehlen noch', 'Reminder: information still missing'),
      blocks: [
        c.t(
          `die angeforderten Angaben zu ${c.org} liegen uns noch nicht vor. Die Frist endet am ${c.dateTime(d.respondBy)}.`,
          `we have not yet received the requested information on ${c.org}. The deadline is ${c.dateTime(d.respondBy)}.`,
        ),
      ],
      action: c.openTasks(),
      calendar: [
        c.due(`request:${d.requestId}`, c.t('Frist: Angaben nachreichen', 'Due: information'), d.respondBy),
      ],
    };
  },

  documents_request_lapsed: (c) => ({
    subject: c.t(`Dokumentenanforderung abgelaufen: ${c.org}`, `Document request lapsed: ${c.org}`),
    blocks: [
      c.t(
        `${c.org} hat die angeforderten Dokumente nicht fristgerecht eingereicht. Die Dokumentenprüfung ist ohne sie abzuschließen.`,
        `${c.org} did not provide the requested documents in time. Please complete the document review without them.`,
      ),
    ],
    action: c.openTasks(),
  }),

  information_provided: (c) => ({
    subject: c.t(`Antwort eingegangen: ${c.org}`, `Answer received: ${c.org}`),
    blocks: [
      c.t(
        `${c.org} hat die angeforderten Angaben eingereicht.`,
        `${c.org} has provided the requested information.`,
      ),
    ],
    action: c.openCase(),
  }),

  application_rejected: (c) => {
    const d = c.data('ApplicationRejected');
    return {
      subject: c.t('Antrag abgelehnt', 'Application rejected'),
      blocks: [
        c.t(
          `der Antrag von ${c.org} auf Akkreditierung nach ${standard} wurde abgelehnt. Gründe:`,
          `the application of ${c.org} for accreditation under ${standard} has been rejected. Reasons:`,
        ),
        { list: d.reasons },
      ],
      action: c.openCase(),
    };
  },

  document_reviewer_assigned: (c) => {
    const d = c.data('DocumentReviewerAssigned');
    const dueBy = d.reviewDueBy;
    return {
      subject: c.t(`Neue Aufgabe: Dokumentenprüfung ${c.org}`, `New task: document review ${c.org}`),
      blocks: [
        c.t(
          `Sie wurden mit der Dokumentenprüfung von ${c.org} nach ${standard} beauftragt.`,
          `You have been assigned the document review of ${c.org} under ${standard}.`,
        ),
        ...(dueBy
          ? [
              c.t(
                `Bitte schließen Sie sie bis ${c.dateTime(dueBy)} ab.`,
                `Please complete it by ${c.dateTime(dueBy)}.`,
              ),
            ]
          : []),
      ],
      action: c.openTasks(),
      calendar: dueBy
        ? [c.due('document-review', c.t('Frist: Dokumentenprüfung', 'Due: document review'), dueBy)]
        : [],
    };
  },

  auditor_deadline_approaching: (c) => {
    const d = c.data('AuditorDeadlineApproaching');
    const work = {
      complete_document_review: c.t('die Dokumentenprüfung', 'the document review'),
      complete_audit_elements: c.t(
        'den Auditbericht (alle Auditelemente)',
        'the audit report (every audit element)',
      ),
      verify_finding: c.t(
        `die Prüfung der Korrekturmaßnahme bzw. des Maßnahmenplans zu ${d.findingId}`,
        `the verification of the corrective action or action plan for ${d.findingId}`,
      ),
    }[d.task];
    return {
      subject: c.t(`Frist naht: ${c.org}`, `Deadline approaching: ${c.org}`),
      blocks: [
        c.t(
          `bitte denken Sie daran: ${work} für ${c.org} ist bis ${c.dateTime(d.dueAt)} abzuschließen.`,
          `a reminder: ${work} for ${c.org} is due by ${c.dateTime(d.dueAt)}.`,
        ),
      ],
      action: c.openTasks(),
      calendar: [c.due(d.task, c.t('Frist: Auditorenaufgabe', 'Due: auditor task'), d.dueAt)],
    };
  },

  lead_auditor_assigned: (c) => {
    const d = c.data('LeadAuditorAssigned');
    return c.input.role === 'auditor'
      ? {
          subject: c.t(`Neue Aufgabe: Audit ${c.org}`, `New task: audit ${c.org}`),
          blocks: [
            c.t(
              `Sie wurden als leitende Auditorin bzw. leitender Auditor für ${c.org} benannt. Bitte stimmen Sie den Audittermin ab.`,
              `You have been appointed lead auditor for ${c.org}. Please agree the audit date.`,
            ),
          ],
          action: c.openTasks(),
        }
      : {
          subject: c.t('Auditor benannt', 'Auditor appointed'),
          blocks: [
            c.t(
              `für das Audit von ${c.org} wurde eine leitende Auditorin bzw. ein leitender Auditor benannt. Einwände gegen die Person können Sie bis ${c.dateTime(d.objectionWindowEndsAt)} erheben.`,
              `a lead auditor has been appointed for the audit of ${c.org}. You may object to the person until ${c.dateTime(d.objectionWindowEndsAt)}.`,
            ),
          ],
          action: c.openCase(),
        };
  },

  audit_date_set: (c) => {
    const d = c.data('AuditDateSet');
    const summary = c.t(`Audit ${standard}: ${c.org}`, `Audit ${standard}: ${c.org}`);
    return {
      subject: c.t(`Audittermin: ${c.day(d.auditDate)}`, `Audit date: ${c.day(d.auditDate)}`),
      blocks: [
        c.t(
          `das Audit von ${c.org} nach ${standard} findet am ${c.day(d.auditDate)} statt. Der Termin liegt als Kalendereintrag bei.`,
          `the audit of ${c.org} under ${standard} takes place on ${c.day(d.auditDate)}. A calendar entry is attached.`,
        ),
        ...(d.reportDueBy && c.input.role === 'auditor'
          ? [
              c.t(
                `Alle Auditelemente sind bis ${c.dateTime(d.reportDueBy)} abzuschließen.`,
                `Every audit element is to be completed by ${c.dateTime(d.reportDueBy)}.`,
              ),
            ]
          : []),
      ],
      action: c.openCase(),
      calendar: [
        {
          subject: 'audit-date',
          summary,
          description: summary,
          start: { date: d.auditDate },
          url: c.input.webUrl + c.casePath,
        },
      ],
    };
  },

  auditor_objected: (c) => {
    const d = c.data('AuditorObjected');
    return {
      subject: c.t(`Einwand gegen Auditor: ${c.org}`, `Objection to auditor: ${c.org}`),
      blocks: [
        c.t(
          `${c.org} hat Einwand gegen die benannte Auditorin bzw. den benannten Auditor erhoben. Begründung:`,
          `${c.org} has objected to the appointed auditor. Reason:`,
        ),
        { list: [d.reason] },
        c.t('Bitte benennen Sie eine andere Person.', 'Please appoint someone else.'),
      ],
      action: c.openTasks(),
    };
  },

  audit_element_completed: (c) => {
    const d = c.data('AuditElementCompleted');
    const findings = d.findings.map((finding) => {
      const due = finding.correctiveActionDueBy
        ? c.t(
            ` – Nachweis der Korrekturmaßnahme bis ${c.dateTime(finding.correctiveActionDueBy)}`,
            ` – evidence of corrective action due by ${c.dateTime(finding.correctiveActionDueBy)}`,
          )
        : '';
      return `${finding.requirementId} (${severity(c, finding.severity)}): ${finding.description}${due}`;
    });
    const deadlines = d.findings.flatMap((finding) =>
      finding.correctiveActionDueBy
        ? [
            c.due(
              `finding:${finding.findingId}`,
              c.t(
                `Frist Korrekturmaßnahme ${finding.requirementId}`,
                `Corrective action due ${finding.requirementId}`,
              ),
              finding.correctiveActionDueBy,
            ),
          ]
        : [],
    );
    return {
      subject: c.t('Feststellungen aus dem Audit', 'Audit findings'),
      blocks: [
        c.t(
          `im Audit von ${c.org} wurden folgende Feststellungen getroffen:`,
          `the audit of ${c.org} resulted in the following findings:`,
        ),
        { list: findings },
        c.t(
          'Für Hauptabweichungen ist der Nachweis der Korrekturmaßnahme fristgerecht einzureichen, für Nebenabweichungen ein Maßnahmenplan.',
          'For major nonconformities, submit evidence of the corrective action by the deadline; for minor ones, an action plan.',
        ),
      ],
      action: c.openTasks(),
      ...(deadlines.length ? { calendar: deadlines } : {}),
    };
  },

  corrective_action_evidence_submitted: (c) => {
    const { verifyBy } = c.data('CorrectiveActionEvidenceSubmitted');
    return {
      subject: c.t(
        `Neue Aufgabe: Korrekturmaßnahme prüfen (${c.org})`,
        `New task: verify corrective action (${c.org})`,
      ),
      blocks: [
        c.t(
          `${c.org} hat den Nachweis einer Korrekturmaßnahme eingereicht. Bitte prüfen Sie ihre Wirksamkeit.`,
          `${c.org} has submitted evidence of a corrective action. Please verify its effectiveness.`,
        ),
        ...verifyByBlocks(c, verifyBy),
      ],
      action: c.openTasks(),
      calendar: verifyByCalendar(c, verifyBy),
    };
  },

  action_plan_submitted: (c) => {
    const { verifyBy } = c.data('ActionPlanSubmitted');
    return {
      subject: c.t(
        `Neue Aufgabe: Maßnahmenplan prüfen (${c.org})`,
        `New task: review action plan (${c.org})`,
      ),
      blocks: [
        c.t(`${c.org} hat einen Maßnahmenplan eingereicht.`, `${c.org} has submitted an action plan.`),
        ...verifyByBlocks(c, verifyBy),
      ],
      action: c.openTasks(),
      calendar: verifyByCalendar(c, verifyBy),
    };
  },

  corrective_action_verified: (c) => {
    const d = c.data('CorrectiveActionVerified');
    return {
      subject: c.t('Korrekturmaßnahme nicht wirksam', 'Corrective action not effective'),
      blocks: [
        c.t(
          'die eingereichte Korrekturmaßnahme wurde als nicht wirksam bewertet. Bitte reichen Sie einen neuen Nachweis ein. Anmerkung:',
          'the corrective action submitted was found not effective. Please submit new evidence. Comment:',
        ),
        { list: [d.comment] },
      ],
      action: c.openTasks(),
    };
  },

  deadline_extended: (c) => {
    const d = c.data('DeadlineExtended');
    const subject =
      d.target.kind === 'corrective_action' ? `finding:${d.target.id}` : `${d.target.kind}:${d.target.id}`;
    return {
      subject: c.t('Frist verlängert', 'Deadline extended'),
      blocks: [
        c.t(
          `die Frist wurde bis ${c.dateTime(d.newDueAt)} verlängert (bisher ${c.dateTime(d.previousDueAt)}). Begründung: ${d.reason}`,
          `the deadline has been extended to ${c.dateTime(d.newDueAt)} (previously ${c.dateTime(d.previousDueAt)}). Reason: ${d.reason}`,
        ),
      ],
      action: c.openTasks(),
      calendar: [
        c.due(
          d.target.kind === 'information_request' ? `request:${d.target.id}` : subject,
          c.t('Frist (verlängert)', 'Deadline (extended)'),
          d.newDueAt,
        ),
      ],
    };
  },

  ready_for_decision: (c) => ({
    subject: c.t(`Entscheidung fällig: ${c.org}`, `Ready for decision: ${c.org}`),
    blocks: [
      c.t(
        `Die Bewertung von ${c.org} ist abgeschlossen; die Akkreditierung kann entschieden werden. (Wer an der Prüfung beteiligt war, entscheidet nicht.)`,
        `The assessment of ${c.org} is complete; the accreditation is ready for decision. (Auditors of the case do not decide.)`,
      ),
    ],
    action: c.openCase(),
  }),

  accreditation_granted: (c) => {
    const d = c.data('AccreditationGranted');
    return {
      subject: c.t(
        `Akkreditierung erteilt – Zertifikat ${d.certificateNumber}`,
        `Accreditation granted – certificate ${d.certificateNumber}`,
      ),
      blocks: [
        c.t(
          `${c.org} ist nach ${standard} akkreditiert. Zertifikatsnummer: ${d.certificateNumber}, gültig vom ${c.date(d.validFrom)} bis ${c.date(d.validUntil)}.`,
          `${c.org} is accredited under ${standard}. Certificate number: ${d.certificateNumber}, valid from ${c.date(d.validFrom)} until ${c.date(d.validUntil)}.`,
        ),
        c.t('Jährliche Selbstbewertungen sind fällig am:', 'Yearly self-assessments are due on:'),
        { list: d.selfAssessments.map((s) => c.date(s.dueAt)) },
      ],
      action: c.openCase(),
    };
  },

  accreditation_refused: (c) => {
    const d = c.data('AccreditationRefused');
    return {
      subject: c.t('Akkreditierung abgelehnt', 'Accreditation refused'),
      blocks: [
        c.t(
          `die Akkreditierung von ${c.org} wurde abgelehnt. Gründe:`,
          `the accreditation of ${c.org} has been refused. Reasons:`,
        ),
        { list: d.reasons },
      ],
      action: c.openCase(),
    };
  },

  self_assessment_reminder_sent: (c) => {
    const d = c.data('SelfAssessmentReminderSent');
    const forStaff = c.input.role !== 'organisation';
    const subjects = {
      upcoming: c.t('Erinnerung: Selbstbewertung bald fällig', 'Reminder: self-assessment due soon'),
      due: c.t('Selbstbewertung heute fällig', 'Self-assessment due today'),
      overdue: c.t('Selbstbewertung überfällig', 'Self-assessment overdue'),
    };
    return {
      subject: forStaff ? `${subjects[d.reminder]}: ${c.org}` : subjects[d.reminder],
      blocks: [
        forStaff
          ? c.t(
              `Die Selbstbewertung von ${c.org} war am ${c.dateTime(d.dueAt)} fällig und liegt nicht vor.`,
              `The self-assessment of ${c.org} was due on ${c.dateTime(d.dueAt)} and has not been submitted.`,
            )
          : c.t(
              `die jährliche Selbstbewertung von ${c.org} ist am ${c.dateTime(d.dueAt)} fällig.`,
              `the yearly self-assessment of ${c.org} is due on ${c.dateTime(d.dueAt)}.`,
            ),
      ],
      action: forStaff ? c.openCase() : c.openTasks(),
      calendar: [
        c.due(
          `self-assessment:${d.selfAssessmentId}`,
          c.t('Selbstbewertung fällig', 'Self-assessment due'),
          d.dueAt,
        ),
      ],
    };
  },

  self_assessment_submitted: (c) => ({
    subject: c.t(`Selbstbewertung zu prüfen: ${c.org}`, `Self-assessment to review: ${c.org}`),
    blocks: [
      c.t(`${c.org} hat eine Selbstbewertung eingereicht.`, `${c.org} has submitted a self-assessment.`),
    ],
    action: c.openTasks(),
  }),

  self_assessment_escalated: (c) => {
    const d = c.data('SelfAssessmentEscalated');
    return {
      subject: c.t(`Eskalation: Selbstbewertung ${c.org}`, `Escalation: self-assessment ${c.org}`),
      blocks: [
        c.t(
          `Die Selbstbewertung von ${c.org} ist seit ${c.dateTime(d.dueAt)} überfällig. Bitte nehmen Sie Kontakt mit der Organisation auf.`,
          `The self-assessment of ${c.org} has been overdue since ${c.dateTime(d.dueAt)}. Please contact the organisation.`,
        ),
      ],
      action: c.openCase(),
    };
  },

  suspension_proposed: (c) => {
    const d = c.data('SuspensionProposed');
    return {
      subject: c.t(`Aussetzung vorgeschlagen: ${c.org}`, `Suspension proposed: ${c.org}`),
      blocks: [
        c.t(
          `Für ${c.org} wird die Aussetzung der Akkreditierung vorgeschlagen. Grund:`,
          `The suspension of the accreditation of ${c.org} is proposed. Reason:`,
        ),
        { list: [d.reason] },
      ],
      action: c.openCase(),
    };
  },

  renewal_window_opened: (c) => {
    const d = c.data('RenewalWindowOpened');
    return {
      subject: c.t('Verlängerung der Akkreditierung beantragen', 'Apply for renewal of the accreditation'),
      blocks: [
        c.t(
          `das Zertifikat ${d.certificateNumber} von ${c.org} läuft am ${c.date(d.expiresAt)} ab. Bitte beantragen Sie jetzt die Verlängerung, damit die Re-Akkreditierung rechtzeitig entschieden werden kann.`,
          `certificate ${d.certificateNumber} of ${c.org} expires on ${c.date(d.expiresAt)}. Please apply for renewal now so that the re-accreditation can be decided in time.`,
        ),
      ],
      action: c.openTasks(),
      calendar: [
        c.due(
          `certificate:${d.certificateNumber}`,
          c.t(`Zertifikat ${d.certificateNumber} läuft ab`, `Certificate ${d.certificateNumber} expires`),
          d.expiresAt,
        ),
      ],
    };
  },

  renewal_applied: (c) => ({
    subject: c.t(`Verlängerung beantragt: ${c.org}`, `Renewal applied for: ${c.org}`),
    blocks: [
      c.t(
        `${c.org} hat die Verlängerung beantragt. Bitte benennen Sie die Dokumentenprüfung.`,
        `${c.org} has applied for renewal. Please assign the document review.`,
      ),
    ],
    action: c.openTasks(),
  }),

  accreditation_suspended: (c) => {
    const d = c.data('AccreditationSuspended');
    const forStaff = c.input.role !== 'organisation';
    return {
      subject: forStaff
        ? c.t(`Akkreditierung ausgesetzt: ${c.org}`, `Accreditation suspended: ${c.org}`)
        : c.t('Akkreditierung ausgesetzt', 'Accreditation suspended'),
      blocks: [
        c.t(
          `die Akkreditierung von ${c.org} ist seit ${c.dateTime(d.suspendedAt)} ausgesetzt. Grund: ${d.reason}. Ohne Wiederinkraftsetzung bis ${c.date(d.reinstateBy)} wird sie entzogen. Während der Aussetzung darf das DIM-Zeichen nicht verwendet werden.`,
          `the accreditation of ${c.org} has been suspended since ${c.dateTime(d.suspendedAt)}. Reason: ${d.reason}. Unless reinstated by ${c.date(d.reinstateBy)} it will be withdrawn. The DIM label must not be used during the suspension.`,
        ),
      ],
      action: c.openCase(),
      calendar: [
        c.due(
          `suspension:${d.suspensionId}`,
          c.t('Ende der Aussetzung (spätestens)', 'Suspension ends (at the latest)'),
          d.reinstateBy,
        ),
      ],
    };
  },

  accreditation_reinstated: (c) => {
    const d = c.data('AccreditationReinstated');
    return {
      subject: c.t('Akkreditierung wieder in Kraft', 'Accreditation reinstated'),
      blocks: [
        c.t(
          `die Akkreditierung von ${c.org} ist wieder in Kraft. Begründung: ${d.reason}`,
          `the accreditation of ${c.org} has been reinstated. Reason: ${d.reason}`,
        ),
      ],
      action: c.openCase(),
    };
  },

  accreditation_withdrawn: (c) => {
    const d = c.data('AccreditationWithdrawn');
    return {
      subject:
        c.input.role === 'organisation'
          ? c.t('Akkreditierung entzogen', 'Accreditation withdrawn')
          : c.t(`Akkreditierung entzogen: ${c.org}`, `Accreditation withdrawn: ${c.org}`),
      blocks: [
        c.t(
          `die Akkreditierung von ${c.org} wurde am ${c.dateTime(d.withdrawnAt)} entzogen. Grund: ${d.reason}. Das DIM-Zeichen darf nicht mehr verwendet werden.`,
          `the accreditation of ${c.org} was withdrawn on ${c.dateTime(d.withdrawnAt)}. Reason: ${d.reason}. The DIM label may no longer be used.`,
        ),
      ],
      action: c.openCase(),
    };
  },

  accreditation_expired: (c) => {
    const d = c.data('AccreditationExpired');
    return {
      subject: c.t(
        `Zertifikat ${d.certificateNumber} abgelaufen`,
        `Certificate ${d.certificateNumber} expired`,
      ),
      blocks: [
        c.t(
          `das Zertifikat ${d.certificateNumber} von ${c.org} ist am ${c.date(d.expiredAt)} abgelaufen. Das DIM-Zeichen darf nicht mehr verwendet werden.`,
          `certificate ${d.certificateNumber} of ${c.org} expired on ${c.date(d.expiredAt)}. The DIM label may no longer be used.`,
        ),
      ],
      action: c.openCase(),
    };
  },

  cycle_renewed: (c) => {
    const d = c.data('CycleRenewed');
    return {
      subject: c.t(
        `Neues Zertifikat ${d.certificateNumber} in Kraft`,
        `New certificate ${d.certificateNumber} in force`,
      ),
      blocks: [
        c.t(
          `das verlängerte Zertifikat ${d.certificateNumber} von ${c.org} gilt vom ${c.date(d.validFrom)} bis ${c.date(d.validUntil)}.`,
          `the renewed certificate ${d.certificateNumber} of ${c.org} is valid from ${c.date(d.validFrom)} until ${c.date(d.validUntil)}.`,
        ),
      ],
      action: c.openCase(),
    };
  },

  complaint_received: (c) => {
    const d = c.data('ComplaintReceived');
    return {
      subject: c.t(`Beschwerde eingegangen: ${c.org}`, `Complaint received: ${c.org}`),
      blocks: [
        c.t(
          `Zu ${c.org} ist eine Beschwerde eingegangen. Bitte bestätigen Sie den Eingang bis ${c.dateTime(d.acknowledgeBy)}.`,
          `A complaint about ${c.org} has been received. Please acknowledge it by ${c.dateTime(d.acknowledgeBy)}.`,
        ),
        { list: [d.summary] },
      ],
      action: c.openTasks(),
      calendar: [
        c.due(
          `complaint:${d.complaintId}`,
          c.t('Eingangsbestätigung Beschwerde', 'Acknowledge complaint'),
          d.acknowledgeBy,
        ),
      ],
    };
  },

  complaint_acknowledged: (c) => ({
    subject: c.t('Beschwerde: Eingang bestätigt', 'Complaint acknowledged'),
    blocks: [
      c.t(
        `zu ${c.org} ist beim DIM eine Beschwerde eingegangen. Sie wird von einer unbeteiligten Person untersucht; über das Ergebnis informieren wir Sie.`,
        `DIM has received a complaint about ${c.org}. It will be investigated by someone not involved; we will inform you of the outcome.`,
      ),
    ],
    action: c.openCase(),
  }),

  complaint_acknowledgement_overdue: (c) => ({
    subject: c.t(`Überfällig: Beschwerde bestätigen (${c.org})`, `Overdue: acknowledge complaint (${c.org})`),
    blocks: [
      c.t(
        `Der Eingang der Beschwerde zu ${c.org} wurde nicht fristgerecht bestätigt.`,
        `The complaint about ${c.org} was not acknowledged in time.`,
      ),
    ],
    action: c.openTasks(),
  }),

  complaint_investigator_assigned: (c) => ({
    subject: c.t(
      `Neue Aufgabe: Beschwerde untersuchen (${c.org})`,
      `New task: investigate complaint (${c.org})`,
    ),
    blocks: [
      c.t(
        `Sie wurden mit der Untersuchung einer Beschwerde zu ${c.org} beauftragt.`,
        `You have been asked to investigate a complaint about ${c.org}.`,
      ),
    ],
    action: c.openTasks(),
  }),

  complaint_decided: (c) => {
    const d = c.data('ComplaintDecided');
    const outcome =
      d.outcome === 'upheld' ? c.t('begründet', 'upheld') : c.t('nicht begründet', 'not upheld');
    return {
      subject: c.t('Beschwerde entschieden', 'Complaint decided'),
      blocks: [
        c.t(
          `die Beschwerde zu ${c.org} wurde als ${outcome} entschieden. Begründung:`,
          `the complaint about ${c.org} has been decided: ${outcome}. Reasoning:`,
        ),
        { list: [d.reasoning] },
      ],
      action: c.openCase(),
    };
  },
};

function fallback(c: Context): Content {
  return {
    subject: c.t(`Neuigkeit zur Akkreditierung: ${c.org}`, `Update on the accreditation: ${c.org}`),
    blocks: [
      c.t(
        `es gibt Neuigkeiten zur Akkreditierung von ${c.org}.`,
        `there is news on the accreditation of ${c.org}.`,
      ),
    ],
    action: c.openCase(),
  };
}

export const notificationKinds: readonly string[] = Object.keys(templates);

function digest(c: Context): Content {
  const payload = c.input.payload as DigestPayload;
  const blocks: Block[] = [];
  const overdue = payload.tasks.filter((task) => task.overdue);
  const upcoming = payload.tasks.filter((task) => !task.overdue);
  const task = (t: DigestTask) =>
    `${t.organisationName}: ${t.kind}${t.dueAt ? ` – ${c.t('fällig', 'due')} ${c.dateTime(t.dueAt)}` : ''}`;
  if (overdue.length) blocks.push(c.t('Überfällig:', 'Overdue:'), { list: overdue.map(task) });
  if (upcoming.length) blocks.push(c.t('Demnächst fällig:', 'Due soon:'), { list: upcoming.map(task) });
  if (payload.items.length) {
    blocks.push(
      c.t('Mitteilungen seit der letzten Zusammenfassung:', 'Notifications since the last summary:'),
      {
        list: payload.items.map((item) => {
          const itemPayload = item.payload as NotificationPayload;
          const inner = new Context({ ...c.input, kind: item.kind, role: item.role, payload: item.payload });
          const content = (templates[item.kind] ?? fallback)(inner);
          return `${content.subject} (${c.input.webUrl}/accreditations/${encodeURIComponent(itemPayload.accreditationId)})`;
        }),
      },
    );
  }
  return {
    subject: c.t(
      `Tägliche Zusammenfassung vom ${c.day(payload.date)}: ${overdue.length} überfällig, ${upcoming.length} demnächst fällig`,
      `Daily summary of ${c.day(payload.date)}: ${overdue.length} overdue, ${upcoming.length} due soon`,
    ),
    blocks,
    action: c.openTasks(),
  };
}

function greeting(c: Context, name: string): string {
  // An organisation's contact address is a mailbox, not a person.
  if (!name) return c.t('Sehr geehrte Damen und Herren,', 'Dear Sir or Madam,');
  return c.t(`Guten Tag ${name},`, `Hello ${name},`);
}

/** Renders one notification for one recipient. */
export function renderNotification(input: RenderInput): RenderedMessage {
  const c = new Context(input);
  const content = input.kind === 'daily_digest' ? digest(c) : (templates[input.kind] ?? fallback)(c);
  const link = input.webUrl + content.action.path;
  const links = [link];
  if (input.kind !== 'daily_digest' && content.action.path !== c.casePath)
    links.push(input.webUrl + c.casePath);
  const footer = c.t(
    'Diese Nachricht wurde automatisch vom Akkreditierungssystem des DIM versandt.',
    'This message was sent automatically by the DIM accreditation system.',
  );
  const reference = `${c.t('Referenz', 'Reference')}: ${input.notificationId}`;

  // After the greeting's comma German goes on in lower case, English starts a new sentence.
  const [first, ...rest] = content.blocks;
  if (input.language === 'en' && typeof first === 'string') {
    content.blocks = [first.charAt(0).toUpperCase() + first.slice(1), ...rest];
  }
  const textBlocks = content.blocks.map((block) =>
    typeof block === 'string' ? block : block.list.map((item) => `  - ${item}`).join('\n'),
  );
  const text = [
    greeting(c, input.recipientName),
    ...textBlocks,
    `${content.action.label}: ${link}`,
    ...(links[1] ? [`${c.t('Akkreditierung', 'Accreditation')}: ${links[1]}`] : []),
    `--\n${footer}\n${reference}`,
  ].join('\n\n');

  const htmlBlocks = content.blocks.map((block) =>
    typeof block === 'string'
      ? `<p>${escapeHtml(block)}</p>`
      : `<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`,
  );
  const html = [
    `<!DOCTYPE html><html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head><body>`,
    `<p>${escapeHtml(greeting(c, input.recipientName))}</p>`,
    ...htmlBlocks,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(content.action.label)}</a></p>`,
    ...(links[1]
      ? [
          `<p><a href="${escapeHtml(links[1])}">${escapeHtml(c.t('Akkreditierung öffnen', 'Open the accreditation'))}</a></p>`,
        ]
      : []),
    `<hr><p style="color:#666;font-size:small">${escapeHtml(footer)}<br>${escapeHtml(reference)}</p>`,
    '</body></html>',
  ].join('\n');

  const rendered: RenderedMessage = { subject: `[DIM] ${content.subject}`, text, html, links };
  if (content.calendar?.length) {
    rendered.calendar = renderCalendar({
      accreditationId: c.caseId,
      entries: content.calendar,
      stamp: input.createdAt,
      sequence: input.sequence,
    });
  }
  return rendered;
}
