/**
 * Appeals (ISO/IEC 17021-1 §9.7, rule set 4): the acknowledgement to the organisation (and the
 * queue's announcement to decision makers not involved), a decision maker given the appeal, and the
 * outcome with its reasons.
 */
import type { AppealableDecision, AppealEffect } from '../../domain/events';
import type { Context, Copy } from './context';

function decisionText(c: Context, against: AppealableDecision): string {
  switch (against) {
    case 'refusal':
      return c.t('die Versagung der Akkreditierung', 'the refusal of the accreditation');
    case 'rejection':
      return c.t('die Ablehnung des Antrags', 'the rejection of the application');
    case 'suspension':
      return c.t('die Aussetzung der Akkreditierung', 'the suspension of the accreditation');
    case 'withdrawal':
      return c.t('den Entzug der Akkreditierung', 'the withdrawal of the accreditation');
  }
}

function effectText(c: Context, effect: AppealEffect): string {
  switch (effect) {
    case 'new_decision':
      return c.t(
        'Über die Akkreditierung wird neu entschieden, von einer Person, die an der bisherigen Entscheidung nicht beteiligt war.',
        'The accreditation will be decided anew, by someone not involved in the earlier decision.',
      );
    case 'application_reopened':
      return c.t('Ihr Antrag wird wieder geprüft.', 'Your application is being reviewed again.');
    case 'suspension_lifted':
      return c.t('Die Aussetzung ist aufgehoben.', 'The suspension has been lifted.');
    case 'certificate_restored':
      return c.t('Die Akkreditierung gilt wieder.', 'The accreditation is valid again.');
    case 'none':
      return c.t(
        'Der Stand der Akkreditierung hat sich seither geändert; die Entscheidung ändert ihn nicht.',
        'The accreditation’s state has changed since; the decision does not change it.',
      );
  }
}

export const appealCopy: Record<string, Copy> = {
  appeal_lodged: (c) => {
    const d = c.data('AppealLodged');
    const what = decisionText(c, d.against);
    if (c.input.role === 'organisation') {
      return {
        subject: c.t(
          `Eingangsbestätigung Ihres Einspruchs: ${c.org}`,
          `Your appeal has been received: ${c.org}`,
        ),
        blocks: [
          c.t(
            `wir haben Ihren Einspruch gegen ${what} erhalten. Darüber entscheidet bis ${c.dateTime(d.decideBy)} eine Person, die an der angefochtenen Entscheidung nicht beteiligt war.`,
            `we have received your appeal against ${what}. Someone not involved in the decision appealed will decide it by ${c.dateTime(d.decideBy)}.`,
          ),
        ],
        action: c.openCase(),
      };
    }
    return {
      subject: c.t(`Einspruch eingelegt: ${c.org}`, `Appeal lodged: ${c.org}`),
      blocks: [
        c.t(
          `${c.org} hat Einspruch gegen ${what} eingelegt. Zu entscheiden bis ${c.dateTime(d.decideBy)}; wer an der Entscheidung nicht beteiligt war, übernimmt ihn in „Meine Aufgaben“.`,
          `${c.org} has appealed against ${what}. To be decided by ${c.dateTime(d.decideBy)}; a decision maker not involved in the decision takes it in “My tasks”.`,
        ),
      ],
      action: c.input.role === 'decision_maker' ? c.openTasks() : c.openCase(),
    };
  },
  appeal_handler_assigned: (c) => ({
    subject: c.t(`Einspruch zugewiesen: ${c.org}`, `Appeal assigned to you: ${c.org}`),
    blocks: [
      c.t(
        `Ihnen wurde die Entscheidung über den Einspruch von ${c.org} übertragen.`,
        `You have been given the decision on the appeal of ${c.org}.`,
      ),
    ],
    action: c.openTasks(),
  }),
  appeal_decided: (c) => {
    const d = c.data('AppealDecided');
    const what = decisionText(c, d.against);
    const upheld = d.outcome === 'upheld';
    return {
      subject: upheld
        ? c.t(`Einspruch stattgegeben: ${c.org}`, `Appeal upheld: ${c.org}`)
        : c.t(`Einspruch zurückgewiesen: ${c.org}`, `Appeal dismissed: ${c.org}`),
      blocks: [
        upheld
          ? c.t(
              `dem Einspruch gegen ${what} wurde stattgegeben.`,
              `the appeal against ${what} has been upheld.`,
            )
          : c.t(
              `der Einspruch gegen ${what} wurde zurückgewiesen; die Entscheidung bleibt bestehen.`,
              `the appeal against ${what} has been dismissed; the decision stands.`,
            ),
        `${c.t('Begründung', 'Reasons')}: ${d.reasons.join(' ')}`,
        ...(upheld ? [effectText(c, d.effect)] : []),
      ],
      action: c.openCase(),
    };
  },
};
