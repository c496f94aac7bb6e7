/**
 * The mails of the decision function (rule set 3): a lapsed deadline's proposal, a decision given
 * to a decision maker, a suspension whose cause is cured. The queue's announcements (`ready_for_decision`,
 * `suspension_proposed`) live with their stage.
 */
import type { Copy } from './context';

export const decisionCopy: Record<string, Copy> = {
  lapse_proposed: (c) => {
    const d = c.data('LapseProposed');
    const rejection = d.outcome === 'rejection';
    const forDecisionMaker = c.input.role === 'decision_maker';
    return {
      subject: rejection
        ? c.t(
            `Frist abgelaufen, Ablehnung des Antrags vorgeschlagen: ${c.org}`,
            `Deadline lapsed, rejection of the application proposed: ${c.org}`,
          )
        : c.t(
            `Frist abgelaufen, Versagung vorgeschlagen: ${c.org}`,
            `Deadline lapsed, refusal proposed: ${c.org}`,
          ),
      blocks: [
        rejection
          ? c.t(
              `Die Nachforderung zum Antrag von ${c.org} wurde bis ${c.dateTime(d.dueAt)} nicht beantwortet. Vorgeschlagen ist, den Antrag abzulehnen.`,
              `The request for information on the application of ${c.org} was not answered by ${c.dateTime(d.dueAt)}. The rejection of the application is proposed.`,
            )
          : c.t(
              `Die Korrekturmaßnahme von ${c.org} wurde bis ${c.dateTime(d.dueAt)} nicht nachgewiesen. Vorgeschlagen ist, die Akkreditierung zu versagen.`,
              `The corrective action of ${c.org} was not evidenced by ${c.dateTime(d.dueAt)}. The refusal of the accreditation is proposed.`,
            ),
        forDecisionMaker
          ? c.t(
              'Wer entscheidet, übernimmt den Vorschlag in „Meine Aufgaben“ und bestätigt ihn oder verlängert die Frist; danach wird nur diese Person gefragt.',
              'Whoever decides takes the proposal in “My tasks” and confirms it or extends the deadline; from then on only they are asked.',
            )
          : c.t(
              'Über den Vorschlag entscheidet eine Entscheiderin oder ein Entscheider.',
              'A decision maker decides on the proposal.',
            ),
      ],
      action: forDecisionMaker ? c.openTasks() : c.openCase(),
    };
  },

  decision_maker_assigned: (c) => ({
    subject: c.t(`Entscheidung zugewiesen: ${c.org}`, `Decision assigned to you: ${c.org}`),
    blocks: [
      c.t(
        `Ihnen wurde die Entscheidung über die Akkreditierung von ${c.org} übertragen. Nur Sie werden dazu gefragt; in der Warteschlange erscheint der Fall als übernommen.`,
        `You have been given the decision on the accreditation of ${c.org}. Only you are asked to decide it; in the queue the case shows as taken.`,
      ),
    ],
    action: c.openTasks(),
  }),

  reinstatement_due: (c) => ({
    subject: c.t(`Wiederinkraftsetzung fällig: ${c.org}`, `Reinstatement due: ${c.org}`),
    blocks: [
      c.t(
        `Der Grund für die Aussetzung der Akkreditierung von ${c.org} ist behoben: die überfällige Selbstbewertung wurde angenommen. Bitte entscheiden Sie über die Wiederinkraftsetzung.`,
        `The cause of the suspension of the accreditation of ${c.org} is cured: the overdue self-assessment has been accepted. Please decide on the reinstatement.`,
      ),
    ],
    action: c.openTasks(),
  }),
};
