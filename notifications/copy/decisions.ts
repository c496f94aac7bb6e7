/**
 * The mails of the decision function (rule set 3): a decision given to a decision maker, a
 * suspension whose cause is cured. The queue's announcements (`ready_for_decision`,
 * `suspension_proposed`) live with their stage.
 */
import type { Copy } from './context';

export const decisionCopy: Record<string, Copy> = {
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
