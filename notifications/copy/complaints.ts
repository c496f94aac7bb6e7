/** The mails of a complaint about an accredited organisation: received, acknowledged, investigated, decided. */
import type { Copy } from './context';

export const complaintCopy: Record<string, Copy> = {
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
