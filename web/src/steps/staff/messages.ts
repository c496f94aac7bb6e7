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
      ScheduleSpecialAudit:
        'Ein Sonderaudit wird angesetzt; die Organisation wird benachrichtigt. Das Zertifikat bleibt unverändert.',
    },
    intro: {
      AssignCaseManager: 'Wer die Akkreditierung ab jetzt betreut.',
      AssignDocumentReviewer: 'Wer die Dokumentenprüfung übernimmt.',
      AssignLeadAuditor: 'Wer das Vor-Ort-Audit leitet.',
      ExtendDeadline: 'Eine laufende Frist der Organisation verlängern.',
      Suspend: 'Die Akkreditierung aussetzen (z. B. nach einer Beschwerde).',
      Reinstate: 'Eine Aussetzung aufheben.',
      Withdraw: 'Die Akkreditierung entziehen.',
      ScheduleSpecialAudit:
        'Ein kurzfristiges Sonderaudit ansetzen (z. B. nach einer Beschwerde); der Anlass ist Pflicht.',
      ReceiveComplaint: 'Eine Beschwerde über die akkreditierte Organisation erfassen.',
      AcceptApplication: 'Der Antrag ist vollständig: Mit der Annahme beginnt die Dokumentenprüfung.',
      AssignDecisionMaker:
        'Wer über die anstehende Entscheidung entscheidet; nur diese Person wird gefragt. Wer in diesem Verfahren auditiert hat, ist ausgeschlossen.',
      TakeDecision:
        'Sie übernehmen die anstehende Entscheidung: Nur Sie werden gefragt, die anderen Entscheider sehen sie als übernommen.',
      RejectApplication:
        'Den Antrag ablehnen: Das Verfahren endet. Die Organisation erhält jede Begründung, wie Sie sie hier schreiben.',
      RequestInformation:
        'Der Antrag ist unvollständig: Fragen Sie die Organisation, was fehlt. Die Antwortfrist setzt die Richtlinie des Verfahrens; verlängern lässt sie sich mit „Frist verlängern“.',
      ReviewSelfAssessment:
        'Prüfen Sie die eingereichte Selbstbewertung: annehmen, oder von der Organisation eine Nachbesserung verlangen.',
      AssessScopeChange:
        'Die Organisation beantragt, den Geltungsbereich ihres Zertifikats zu ändern. Legen Sie fest, wie das geprüft wird: ohne weitere Prüfung zur Entscheidung, mit einer Dokumentenprüfung durch einen Auditor oder mit einem Sonderaudit.',
      ReviewScopeChangeDocuments:
        'Prüfen Sie, ob die Unterlagen den beantragten Geltungsbereich belegen. Danach entscheidet eine Entscheiderin oder ein Entscheider.',
      DecideScopeChange:
        'Bewilligen oder ablehnen: Bewilligt nennt das Zertifikat den neuen Geltungsbereich, Nummer und Gültigkeit bleiben. Wer die Akkreditierung auditiert hat, entscheidet nicht.',
      AcknowledgeComplaint: 'Den Eingang der Beschwerde bestätigen; danach wird die Untersuchung zugewiesen.',
      AssignComplaintInvestigator:
        'Wer die Beschwerde untersucht: jemand, der an dieser Akkreditierung nicht beteiligt ist (weder Fallbetreuung noch Auditor).',
      CloseComplaint: 'Über die Beschwerde ist entschieden: Mit dem Abschluss ist sie erledigt.',
      ConfirmLapse:
        'Eine Frist der Organisation ist verstrichen. Bestätigen Sie die vorgeschlagene Folge, oder verlängern Sie stattdessen die Frist.',
      ExtendLapsedDeadline:
        'Eine Frist der Organisation ist verstrichen. Statt der vorgeschlagenen Folge erhält die Organisation mehr Zeit.',
      TakeAppeal:
        'Sie übernehmen den Einspruch und entscheiden über ihn. Wer an der angefochtenen Entscheidung beteiligt war oder in diesem Verfahren auditiert hat, ist ausgeschlossen.',
      AssignAppealHandler:
        'Wer über den Einspruch entscheidet. Wer an der angefochtenen Entscheidung beteiligt war oder in diesem Verfahren auditiert hat, ist ausgeschlossen.',
    },
    rejectApplication: {
      item: 'Begründung {{number}}',
      add: 'Weitere Begründung',
      remove: 'Begründung {{number}} entfernen',
    },
    requestInformation: {
      item: 'Frage {{number}}',
      add: 'Weitere Frage',
      remove: 'Frage {{number}} entfernen',
    },
    notInReview: {
      RequestInformation:
        'Der Antrag wartet nicht auf Ihre Prüfung: Eine Nachforderung ist offen, oder über ihn ist entschieden.',
      RejectApplication: 'Über den Antrag ist bereits entschieden.',
    },
    selfAssessmentReview: {
      outcome: 'Ergebnis',
      accepted: 'Annehmen',
      follow_up_requested: 'Nachbesserung verlangen',
      comment: 'Bemerkung',
      commentHint: 'Pflicht, wenn Sie eine Nachbesserung verlangen: was die Organisation nachbessern soll.',
      commentRequired: 'Bitte schreiben Sie, was nachzubessern ist.',
      unknown: 'Diese Selbstbewertung ({{id}}) gibt es in dieser Akkreditierung nicht.',
      notAwaiting:
        'Diese Selbstbewertung wartet nicht auf eine Prüfung: Sie ist geprüft oder nicht eingereicht.',
    },
    unknownComplaint: 'Diese Beschwerde ({{id}}) gibt es in dieser Akkreditierung nicht.',
    complaintSettled: {
      AcknowledgeComplaint: 'Der Eingang dieser Beschwerde ist bereits bestätigt.',
      AssignComplaintInvestigator: 'Über diese Beschwerde ist bereits entschieden.',
      CloseComplaint: 'Diese Beschwerde ist abgeschlossen.',
    },
    investigator: 'Untersuchung durch',
    investigatorHint: 'Nicht die Fallbetreuung und keiner der Auditoren dieser Akkreditierung.',
    investigatorRoles: {
      staff: 'Fallbetreuung',
      admin: 'Administration',
      decision_maker: 'Entscheidung',
      auditor: 'Auditierung',
    },
    caseManager: 'Fallbetreuung',
    decisionMaker: 'Entscheiderin oder Entscheider',
    auditor: 'Auditor',
    conflictFree: 'Der Auditor hat erklärt, frei von Interessenkonflikten zu sein.',
    deadline: 'Frist',
    noDeadline: 'Für diese Akkreditierung läuft keine Frist, die sich verlängern lässt.',
    deadlineOf: '{{task}} (fällig {{date}})',
    newDueAt: 'Neue Frist',
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
      ScheduleSpecialAudit:
        'A special audit will be scheduled and the organisation told. The certificate stays as it is.',
    },
    intro: {
      AssignCaseManager: 'Who manages the accreditation from now on.',
      AssignDocumentReviewer: 'Who takes the document review.',
      AssignLeadAuditor: 'Who leads the on-site audit.',
      ExtendDeadline: 'Extend a running deadline of the organisation.',
      Suspend: 'Suspend the accreditation (e.g. after a complaint).',
      Reinstate: 'End a suspension.',
      Withdraw: 'Withdraw the accreditation.',
      ScheduleSpecialAudit:
        'Schedule a short-notice special audit (e.g. after a complaint); the reason is required.',
      ReceiveComplaint: 'Record a complaint about the accredited organisation.',
      AcceptApplication: 'The application is complete: accepting it starts the document review.',
      AssignDecisionMaker:
        'Who decides the pending decision; only they are asked. Whoever audited this case is excluded.',
      TakeDecision:
        'You take the pending decision: only you are asked, the other decision makers see it taken.',
      RejectApplication:
        'Reject the application: the procedure ends. The organisation receives every reason as you write it here.',
      RequestInformation:
        'The application is incomplete: ask the organisation what is missing. The case’s policy sets the deadline to answer; “Extend a deadline” extends it.',
      ReviewSelfAssessment:
        'Review the submitted self-assessment: accept it, or ask the organisation to follow up.',
      AssessScopeChange:
        'The organisation applies to change the scope of its certificate. Choose how it is assessed: passed to a decision as it is, a document review by an auditor, or a special audit.',
      ReviewScopeChangeDocuments:
        'Review whether the documents support the scope applied for. A decision maker then decides.',
      DecideScopeChange:
        'Grant or refuse: granted, the certificate states the new scope; its number and validity stay. Whoever audited the case does not decide.',
      AcknowledgeComplaint: 'Acknowledge receipt of the complaint; then its investigation is assigned.',
      AssignComplaintInvestigator:
        'Who investigates the complaint: someone not involved in this accreditation (neither its case manager nor an auditor).',
      CloseComplaint: 'The complaint has been decided: closing it settles it.',
      ConfirmLapse:
        'A deadline of the organisation has passed. Confirm the proposed consequence, or extend the deadline instead.',
      ExtendLapsedDeadline:
        'A deadline of the organisation has passed. Instead of the proposed consequence, the organisation gets more time.',
      TakeAppeal:
        'You take the appeal and decide it. Whoever was involved in the decision appealed or audited this case is excluded.',
      AssignAppealHandler:
        'Who decides the appeal. Whoever was involved in the decision appealed or audited this case is excluded.',
    },
    rejectApplication: {
      item: 'Reason {{number}}',
      add: 'Another reason',
      remove: 'Remove reason {{number}}',
    },
    requestInformation: {
      item: 'Question {{number}}',
      add: 'Another question',
      remove: 'Remove question {{number}}',
    },
    notInReview: {
      RequestInformation:
        'The application is not waiting for your review: a request is open, or it has been decided.',
      RejectApplication: 'The application has already been decided.',
    },
    selfAssessmentReview: {
      outcome: 'Outcome',
      accepted: 'Accept',
      follow_up_requested: 'Ask for a follow-up',
      comment: 'Comment',
      commentHint: 'Required when you ask for a follow-up: what the organisation is to improve.',
      commentRequired: 'Please write what is to be improved.',
      unknown: 'This accreditation has no self-assessment {{id}}.',
      notAwaiting:
        'This self-assessment is not waiting for a review: it has been reviewed, or not submitted.',
    },
    unknownComplaint: 'This accreditation has no complaint {{id}}.',
    complaintSettled: {
      AcknowledgeComplaint: 'This complaint’s receipt has already been acknowledged.',
      AssignComplaintInvestigator: 'This complaint has already been decided.',
      CloseComplaint: 'This complaint is closed.',
    },
    investigator: 'Investigated by',
    investigatorHint: 'Neither the case manager nor any auditor of this accreditation.',
    investigatorRoles: {
      staff: 'Case management',
      admin: 'Administration',
      decision_maker: 'Decision makers',
      auditor: 'Auditors',
    },
    caseManager: 'Case manager',
    decisionMaker: 'Decision maker',
    auditor: 'Auditor',
    conflictFree: 'The auditor has declared freedom from conflicts of interest.',
    deadline: 'Deadline',
    noDeadline: 'No deadline that can be extended is running for this accreditation.',
    deadlineOf: '{{task}} (due {{date}})',
    newDueAt: 'New deadline',
  },
});
