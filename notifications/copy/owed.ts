/**
 * What is owed with a due date (rule set 4): the reminder to whoever owes it (the organisation, or
 * the lead auditor for the audit date) and the escalation to the case manager once it fell due.
 */
import type { OwedStep } from '../../domain/events';
import type { Context, Copy } from './context';

/** What is owed, in the reader's language, as the object of a sentence. */
function owedText(c: Context, owed: OwedStep): string {
  switch (owed) {
    case 'action_plan':
      return c.t(
        'der Maßnahmenplan zu einer geringfügigen Abweichung',
        'the action plan for a minor finding',
      );
    case 'audit_date':
      return c.t('der Termin des Vor-Ort-Audits', 'the date of the on-site audit');
    case 'self_assessment_follow_up':
      return c.t('die Nachbesserung der Selbstbewertung', 'the follow-up to the self-assessment');
    case 'appeal_decision':
      return c.t('die Entscheidung über einen Einspruch', 'the decision on an appeal');
  }
}

export const owedCopy: Record<string, Copy> = {
  owed_step_reminder_sent: (c) => {
    const d = c.data('OwedStepReminderSent');
    const what = owedText(c, d.owed);
    return {
      subject: c.t(`Erinnerung: Frist am ${c.dateTime(d.dueAt)}`, `Reminder: due ${c.dateTime(d.dueAt)}`),
      blocks: [
        c.t(
          `für die Akkreditierung von ${c.org} ist ${what} bis ${c.dateTime(d.dueAt)} fällig.`,
          `for the accreditation of ${c.org}, ${what} is due by ${c.dateTime(d.dueAt)}.`,
        ),
      ],
      action: c.openTasks(),
    };
  },
  owed_step_escalated: (c) => {
    const d = c.data('OwedStepEscalated');
    const what = owedText(c, d.owed);
    return {
      subject: c.t(`Frist überschritten: ${c.org}`, `Deadline missed: ${c.org}`),
      blocks: [
        c.t(
          `für die Akkreditierung von ${c.org} war ${what} bis ${c.dateTime(d.dueAt)} fällig und liegt nicht vor. Bitte klären Sie das weitere Vorgehen.`,
          `for the accreditation of ${c.org}, ${what} was due by ${c.dateTime(d.dueAt)} and has not arrived. Please decide how to proceed.`,
        ),
      ],
      action: c.openCase(),
    };
  },
};
