import { defineMessages } from '../../i18n/define';

/** The staff step forms (web/src/steps/staff.ts); step titles come from `cases.command`. */
export const staffSteps = defineMessages({
  de: {
    required: 'Bitte ausfüllen.',
    reason: 'Begründung',
    reasonHint: 'Pflichtangabe; sie steht in der Akte der Akkreditierung.',
    confirm: {
      title: 'Bitte bestätigen',
      cancel: 'Abbrechen',
      Suspend:
        'Die Akkreditierung wird ausgesetzt. Die Organisation darf das Zertifikat bis zur Aufhebung nicht verwenden.',
      Reinstate: 'Die Aussetzung wird aufgehoben; das Zertifikat gilt wieder.',
      Withdraw: 'Die Akkreditierung wird endgültig entzogen. Das lässt sich nicht rückgängig machen.',
    },
    intro: {
      AssignCaseManager: 'Wer die Akkreditierung ab jetzt betreut.',
      AssignDocumentReviewer: 'Wer die Dokumentenprüfung übernimmt.',
      AssignLeadAuditor: 'Wer das Vor-Ort-Audit leitet.',
      ExtendDeadline: 'Eine laufende Frist der Organisation verlängern.',
      Suspend: 'Die Akkreditierung aussetzen (z. B. nach einer Beschwerde).',
      Reinstate: 'Eine Aussetzung aufheben.',
      Withdraw: 'Die Akkreditierung entziehen.',
      ReceiveComplaint: 'Eine Beschwerde über die akkreditierte Organisation erfassen.',
      AcceptApplication: 'Der Antrag ist vollständig: Mit der Annahme beginnt die Dokumentenprüfung.',
      AssignDecisionMaker:
        'Wer über die anstehende Entscheidung entscheidet; nur diese Person wird gefragt. Wer in diesem Verfahren auditiert hat, ist ausgeschlossen.',
      TakeDecision:
        'Sie übernehmen die anstehende Entscheidung: Nur Sie werden gefragt, die anderen Entscheider sehen sie als übernommen.',
      TakeAppeal:
        'Sie übernehmen den Einspruch und entscheiden über ihn. Wer an der angefochtenen Entscheidung beteiligt war oder in diesem Verfahren auditiert hat, ist ausgeschlossen.',
      AssignAppealHandler:
        'Wer über den Einspruch entscheidet. Wer an der angefochtenen Entscheidung beteiligt war oder in diesem Verfahren auditiert hat, ist ausgeschlossen.',
    },
    caseManager: 'Fallbetreuung',
    decisionMaker: 'Entscheiderin oder Entscheider',
    auditor: 'Auditor',
    conflictFree: 'Der Auditor hat erklärt, frei von Interessenkonflikten zu sein.',
    deadline: 'Frist',
    noDeadline: 'Für diese Akkreditierung läuft keine Frist, die sich verlängern lässt.',
    deadlineOf: '{{task}} (fällig {{date}})',
    newDueAt: 'Neue Frist',
    complainant: 'Beschwerdeführer',
    summary: 'Inhalt der Beschwerde',
  },
  en: {
    required: 'Please fill this in.',
    reason: 'Reason',
    reasonHint: 'Required; it is kept in the accreditation’s file.',
    confirm: {
      title: 'Please confirm',
      cancel: 'Cancel',
      Suspend:
        'The accreditation will be suspended. The organisation may not use the certificate until it is reinstated.',
      Reinstate: 'The suspension ends; the certificate is valid again.',
      Withdraw: 'The accreditation will be withdrawn for good. This cannot be undone.',
    },
    intro: {
      AssignCaseManager: 'Who manages the accreditation from now on.',
      AssignDocumentReviewer: 'Who takes the document review.',
      AssignLeadAuditor: 'Who leads the on-site audit.',
      ExtendDeadline: 'Extend a running deadline of the organisation.',
      Suspend: 'Suspend the accreditation (e.g. after a complaint).',
      Reinstate: 'End a suspension.',
      Withdraw: 'Withdraw the accreditation.',
      ReceiveComplaint: 'Record a complaint about the accredited organisation.',
      AcceptApplication: 'The application is complete: accepting it starts the document review.',
      AssignDecisionMaker:
        'Who decides the pending decision; only they are asked. Whoever audited this case is excluded.',
      TakeDecision:
        'You take the pending decision: only you are asked, the other decision makers see it taken.',
      TakeAppeal:
        'You take the appeal and decide it. Whoever was involved in the decision appealed or audited this case is excluded.',
      AssignAppealHandler:
        'Who decides the appeal. Whoever was involved in the decision appealed or audited this case is excluded.',
    },
    caseManager: 'Case manager',
    decisionMaker: 'Decision maker',
    auditor: 'Auditor',
    conflictFree: 'The auditor has declared freedom from conflicts of interest.',
    deadline: 'Deadline',
    noDeadline: 'No deadline that can be extended is running for this accreditation.',
    deadlineOf: '{{task}} (due {{date}})',
    newDueAt: 'New deadline',
    complainant: 'Complainant',
    summary: 'What the complaint says',
  },
});
