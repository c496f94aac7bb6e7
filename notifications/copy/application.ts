/** The mails of the application: receipt, requests for information and documents, rejection. */
import { type Copy, standard } from './context';
import { decisionReasons } from './reasons';

export const applicationCopy: Record<string, Copy> = {
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
      action: c.answerRequest(d.requestId),
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
      action: c.answerRequest(d.requestId),
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
      action: c.answerRequest(d.requestId),
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
        { list: decisionReasons(c, d, 'rejection') },
      ],
      action: c.openCase(),
    };
  },
};
