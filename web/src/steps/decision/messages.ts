import { defineMessages } from '../../i18n/define';

/** The decision maker's page: the dossier, grant or refuse. */
export const decisionSteps = defineMessages({
  de: {
    grant: {
      title: 'Über die Akkreditierung entscheiden: erteilen',
      intro:
        'Prüfen Sie die Akte. Mit der Erteilung erhält die Organisation ein Zertifikat, das drei Jahre gilt, und erscheint im öffentlichen Register.',
      submit: 'Akkreditierung erteilen',
      refuseInstead: 'Stattdessen versagen',
    },
    refuse: {
      title: 'Über die Akkreditierung entscheiden: versagen',
      intro:
        'Prüfen Sie die Akte. Eine Versagung beendet das Verfahren; die Organisation erhält Ihre Begründung.',
      reason: 'Begründung {{number}}',
      addReason: 'Weitere Begründung',
      removeReason: 'Begründung {{number}} entfernen',
      confirm: 'Ich versage die Akkreditierung mit dieser Begründung.',
      mustConfirm: 'Bitte bestätigen Sie die Versagung.',
      submit: 'Akkreditierung versagen',
      grantInstead: 'Stattdessen erteilen',
    },
    audited:
      'Sie haben in diesem Verfahren selbst auditiert. Nach dem Vier-Augen-Prinzip (ISO/IEC 17021-1, 9.5) darf über die Akkreditierung nur entscheiden, wer nicht an ihrer Prüfung beteiligt war. Bitte überlassen Sie die Entscheidung einer anderen Person.',
    notAwaiting: 'Die Akkreditierung wartet nicht auf eine Entscheidung (Status: {{status}}).',
    lapse: {
      consequence: 'Vorgeschlagene Folge',
      outcome: {
        rejection: 'Der Antrag wird abgelehnt.',
        refusal: 'Die Akkreditierung wird versagt.',
      },
      dueAt: 'Verstrichene Frist',
      proposedAt: 'Vorgeschlagen',
      reasons: 'Begründung',
      // The proposal's recorded reasons are the system's English words; the consequence says which.
      why: {
        rejection: 'Eine Nachforderung wurde nicht bis {{date}} beantwortet.',
        refusal: 'Eine Korrekturmaßnahme wurde nicht bis {{date}} nachgewiesen und verifiziert.',
      },
      confirm: {
        rejection: 'Ich bestätige die Ablehnung des Antrags; das Verfahren endet.',
        refusal: 'Ich bestätige die Versagung der Akkreditierung; das Verfahren endet.',
      },
      mustConfirm: 'Bitte bestätigen Sie die Folge.',
      decided: 'Über diese versäumte Frist ist bereits entschieden.',
      unknown: 'Zu dieser Akkreditierung gibt es keinen Vorschlag {{id}} nach einer versäumten Frist.',
    },
    refusals: {
      four_eyes_violation:
        'Sie haben diese Akkreditierung auditiert und dürfen nach dem Vier-Augen-Prinzip nicht über sie entscheiden.',
      audit_incomplete: 'Es sind noch nicht alle Auditelemente berichtet.',
      open_major_findings: 'Es sind noch schwerwiegende Abweichungen offen.',
      action_plans_not_accepted: 'Zu geringfügigen Abweichungen fehlen angenommene Maßnahmenpläne.',
      dossier_outdated:
        'Die Akte hat sich inzwischen geändert. Bitte prüfen Sie den aktuellen Stand und entscheiden Sie erneut.',
      invalid_transition:
        'Über diese Akkreditierung ist bereits entschieden, oder sie wartet nicht auf eine Entscheidung.',
      not_authorised: 'Entscheiden dürfen nur Personen mit Entscheidungsbefugnis.',
    },
    dossierPage: {
      title: 'Entscheidungsakte {{number}}',
      intro: 'Die Akte, wie sie der Entscheidung zugrunde lag – unverändert gespeichert.',
      decision: 'Entscheidung',
      granted: 'erteilt',
      refused: 'versagt',
      decided: 'Entschieden',
      version: 'Stand der Akte',
      versionValue: 'nach {{version}} Ereignissen',
      hash: 'SHA-256',
      verified: 'Prüfsumme stimmt: die Akte ist unverändert.',
      altered: 'Prüfsumme stimmt nicht: der gespeicherte Text wurde verändert!',
      noProcedure: 'Die Akte enthält kein Verfahren.',
    },
    appeal: {
      title: 'Über den Einspruch entscheiden',
      intro:
        'Die angefochtene Entscheidung mit ihrer Begründung und die Begründung des Einspruchs. Wird dem Einspruch stattgegeben, wirkt das auf die Akkreditierung (neue Entscheidung, Antrag wieder in Prüfung, Aussetzung aufgehoben).',
      outcome: 'Ergebnis',
      upheld: 'Dem Einspruch stattgeben',
      dismissed: 'Den Einspruch zurückweisen',
      chooseOutcome: 'Bitte wählen Sie ein Ergebnis.',
      reason: 'Begründung der Entscheidung über den Einspruch',
      submit: 'Über den Einspruch entscheiden',
      notOpen: 'Dieser Einspruch wartet nicht (mehr) auf eine Entscheidung.',
    },
    suspension: {
      confirmTitle: 'Aussetzung bestätigen',
      rejectTitle: 'Aussetzungsvorschlag verwerfen',
      intro:
        'Die Selbstbewertung ist überfällig, und das System schlägt vor, die Akkreditierung auszusetzen. Bestätigen Sie die Aussetzung oder verwerfen Sie den Vorschlag mit einer Begründung.',
      proposed: 'Vorgeschlagen',
      reason: 'Grund des Vorschlags',
      overdue: 'Die Selbstbewertung ist seit {{date}} überfällig.',
      confirm: 'Aussetzung bestätigen',
      rejectReason: 'Begründung für das Verwerfen',
      reject: 'Vorschlag verwerfen',
      rejectInstead: 'Stattdessen verwerfen',
      confirmInstead: 'Stattdessen bestätigen',
      notOpen: 'Dieser Aussetzungsvorschlag ist bereits erledigt.',
    },
  },
  en: {
    grant: {
      title: 'Decide on the accreditation: grant',
      intro:
        'Check the dossier. With the grant the organisation receives a certificate valid for three years and appears in the public register.',
      submit: 'Grant the accreditation',
      refuseInstead: 'Refuse instead',
    },
    refuse: {
      title: 'Decide on the accreditation: refuse',
      intro: 'Check the dossier. A refusal ends the procedure; the organisation receives your reasons.',
      reason: 'Reason {{number}}',
      addReason: 'Another reason',
      removeReason: 'Remove reason {{number}}',
      confirm: 'I refuse the accreditation with these reasons.',
      mustConfirm: 'Please confirm the refusal.',
      submit: 'Refuse the accreditation',
      grantInstead: 'Grant instead',
    },
    audited:
      'You audited in this procedure yourself. Under the four-eyes principle (ISO/IEC 17021-1, 9.5) only someone not involved in the assessment may decide on the accreditation. Please leave the decision to someone else.',
    notAwaiting: 'The accreditation is not awaiting a decision (status: {{status}}).',
    lapse: {
      consequence: 'Proposed consequence',
      outcome: {
        rejection: 'The application is rejected.',
        refusal: 'The accreditation is refused.',
      },
      dueAt: 'Missed deadline',
      proposedAt: 'Proposed',
      reasons: 'Reasons',
      why: {
        rejection: 'An information request was not answered by {{date}}.',
        refusal: 'A corrective action was not evidenced and verified by {{date}}.',
      },
      confirm: {
        rejection: 'I confirm the rejection of the application; the procedure ends.',
        refusal: 'I confirm the refusal of the accreditation; the procedure ends.',
      },
      mustConfirm: 'Please confirm the consequence.',
      decided: 'This missed deadline has already been decided on.',
      unknown: 'This accreditation has no proposal {{id}} after a missed deadline.',
    },
    refusals: {
      four_eyes_violation: 'You audited this accreditation and may not decide on it (four-eyes principle).',
      audit_incomplete: 'Not every audit element has been reported yet.',
      open_major_findings: 'Major nonconformities are still open.',
      action_plans_not_accepted: 'Minor nonconformities lack accepted action plans.',
      dossier_outdated: 'The case file has changed in the meantime. Please look at it again and decide anew.',
      invalid_transition: 'This accreditation has been decided already, or it is not awaiting a decision.',
      not_authorised: 'Only people with the decision right may decide.',
    },
    dossierPage: {
      title: 'Decision dossier {{number}}',
      intro: 'The case file as the decision was taken on it – stored unchanged.',
      decision: 'Decision',
      granted: 'granted',
      refused: 'refused',
      decided: 'Decided',
      version: 'State of the case file',
      versionValue: 'after {{version}} events',
      hash: 'SHA-256',
      verified: 'Checksum matches: the dossier is unchanged.',
      altered: 'Checksum does not match: the stored text has been altered!',
      noProcedure: 'The dossier contains no procedure.',
    },
    appeal: {
      title: 'Decide the appeal',
      intro:
        'The decision appealed with its reasons, and the grounds of the appeal. An upheld appeal acts on the accreditation (a new decision, the application reviewed again, the suspension lifted).',
      outcome: 'Outcome',
      upheld: 'Uphold the appeal',
      dismissed: 'Dismiss the appeal',
      chooseOutcome: 'Please choose an outcome.',
      reason: 'Reasons for the decision on the appeal',
      submit: 'Decide the appeal',
      notOpen: 'This appeal is not (or no longer) waiting for a decision.',
    },
    suspension: {
      confirmTitle: 'Confirm the suspension',
      rejectTitle: 'Reject the suspension proposal',
      intro:
        'The self-assessment is overdue and the system proposes to suspend the accreditation. Confirm the suspension or reject the proposal with reasons.',
      proposed: 'Proposed',
      reason: 'Reason for the proposal',
      overdue: 'The self-assessment has been overdue since {{date}}.',
      confirm: 'Confirm the suspension',
      rejectReason: 'Reasons for rejecting it',
      reject: 'Reject the proposal',
      rejectInstead: 'Reject instead',
      confirmInstead: 'Confirm instead',
      notOpen: 'This suspension proposal has already been settled.',
    },
  },
});
