/** The mails of a complaint's own life cycle (domain/complaint): to staff, the investigator and the complainant. */
import type { ComplaintNotificationPayload } from '../../db/projections/complaints';
import type { ComplaintEventOf } from '../../domain/complaint';
import type { Content, Context, Copy } from './context';

const payloadOf = (c: Context) => c.input.payload as ComplaintNotificationPayload;
const about = (c: Context) => payloadOf(c).organisationName ?? c.t('eine Organisation', 'an organisation');
const openComplaint = (c: Context): Content['action'] => ({
  label: c.t('Beschwerde öffnen', 'Open the complaint'),
  path: `/complaints/${encodeURIComponent(payloadOf(c).complaintId)}`,
});
/** The complainant has no account: their link leads to the public register. */
const register = (c: Context): Content['action'] => ({
  label: c.t('Öffentliches Register', 'Public register'),
  path: '/register',
});
const reference = (c: Context) => `${c.t('Ihr Aktenzeichen', 'Your reference')}: ${payloadOf(c).complaintId}`;

export const complaintLifeCycleCopy: Record<string, Copy> = {
  complaint_lodged: (c) => {
    const d = payloadOf(c).data as ComplaintEventOf<'ComplaintLodged'>['data'];
    return {
      subject: c.t(`Beschwerde eingegangen: ${about(c)}`, `Complaint received: ${about(c)}`),
      blocks: [
        c.t(
          `zu ${about(c)} ist eine Beschwerde eingegangen. Bitte bestätigen Sie den Eingang bis ${c.dateTime(d.acknowledgeBy)}.`,
          `a complaint about ${about(c)} has been received. Please acknowledge it by ${c.dateTime(d.acknowledgeBy)}.`,
        ),
      ],
      action: openComplaint(c),
    };
  },
  complaint_acknowledgement_missed: (c) => ({
    subject: c.t(
      `Überfällig: Beschwerde bestätigen (${about(c)})`,
      `Overdue: acknowledge complaint (${about(c)})`,
    ),
    blocks: [
      c.t(
        `der Eingang der Beschwerde zu ${about(c)} wurde nicht fristgerecht bestätigt.`,
        `the complaint about ${about(c)} was not acknowledged in time.`,
      ),
    ],
    action: openComplaint(c),
  }),
  complaint_investigator_appointed: (c) => ({
    subject: c.t(
      `Neue Aufgabe: Beschwerde untersuchen (${about(c)})`,
      `New task: investigate complaint (${about(c)})`,
    ),
    blocks: [
      c.t(
        `Sie wurden mit der Untersuchung einer Beschwerde zu ${about(c)} beauftragt.`,
        `you have been asked to investigate a complaint about ${about(c)}.`,
      ),
    ],
    action: openComplaint(c),
  }),
  complaint_acknowledged_to_complainant: (c) => ({
    subject: c.t('Ihre Beschwerde ist beim DIM eingegangen', 'DIM has received your complaint'),
    blocks: [
      c.t(
        `Ihre Beschwerde zu ${about(c)} ist beim DIM eingegangen. Sie wird von einer unbeteiligten Person untersucht; über das Ergebnis informieren wir Sie.`,
        `DIM has received your complaint about ${about(c)}. It will be investigated by someone not involved; we will inform you of the outcome.`,
      ),
      reference(c),
    ],
    action: register(c),
  }),
  complaint_answered_to_complainant: (c) => {
    const decision = payloadOf(c).decision;
    const upheld = decision?.outcome === 'upheld';
    return {
      subject: c.t('Ihre Beschwerde: das Ergebnis', 'Your complaint: the outcome'),
      blocks: [
        c.t(
          `die Untersuchung Ihrer Beschwerde zu ${about(c)} ist abgeschlossen: Die Beschwerde ist ${upheld ? 'begründet' : 'nicht begründet'}. Begründung:`,
          `the investigation of your complaint about ${about(c)} is complete: the complaint is ${upheld ? 'upheld' : 'not upheld'}. Reasons:`,
        ),
        { list: [decision?.reasons ?? ''] },
        reference(c),
      ],
      action: register(c),
    };
  },
};
