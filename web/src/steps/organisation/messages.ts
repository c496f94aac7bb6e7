import { defineMessages } from '../../i18n/define';

/** The organisation's step forms and their document upload. */
export const organisationSteps = defineMessages({
  de: {
    frame: {
      uploadsPending: 'Bitte warten Sie, bis alle Dokumente hochgeladen sind.',
      invalid_transition:
        'Dieser Schritt ist jetzt nicht (mehr) möglich – vielleicht hat ihn schon jemand erledigt.',
      required: 'Bitte ausfüllen.',
    },
    documents: {
      drop: 'Dateien hierher ziehen',
      choose: 'Dateien auswählen',
      accepted: 'Erlaubt: {{types}}, höchstens {{maxSize}} je Datei',
      tooLarge: '„{{name}}“ ist größer als {{maxSize}}.',
      wrongType: '„{{name}}“ hat kein erlaubtes Dateiformat.',
      uploading: '„{{name}}“ wird hochgeladen …',
      progress: 'Hochladen von {{name}}',
      failed: '„{{name}}“ wurde nicht angenommen.',
      remove: '{{name}} entfernen',
      dismiss: 'Meldung schließen',
      list: 'Hochgeladen: {{label}}',
    },
    finding: {
      title: 'Die Feststellung',
      requirement: 'Anforderung',
      element: 'Auditelement',
      severity: 'Art',
      major: 'Hauptabweichung',
      minor: 'Nebenabweichung',
      text: 'Feststellung',
      dueBy: 'Nachweis fällig bis',
      notFound: 'Diese Feststellung gibt es in Ihrer Akkreditierung nicht.',
    },
    application: {
      title: 'Antrag einreichen',
      intro:
        'Der Antrag auf Akkreditierung nach {{edition}} besteht aus den Punkten des Abschnitts 5.1. Geben Sie zu jedem Punkt eine Stellungnahme ab, laden Sie Dokumente hoch, oder beides.',
      item: 'Punkt {{id}}',
      statement: 'Stellungnahme zu {{id}}',
      documents: 'Dokumente zu {{id}}',
      submit: 'Antrag einreichen',
      itemMissing: 'Zu diesem Punkt fehlt eine Stellungnahme oder ein Dokument.',
      application_items_missing:
        'Der Antrag ist unvollständig: Zu jedem Punkt ist eine Stellungnahme oder ein Dokument nötig. Die fehlenden Punkte sind markiert.',
      notOpen: 'Der Antrag ist bereits eingereicht.',
    },
    request: {
      title: 'Nachforderung beantworten',
      information: 'Das DIM bittet um folgende Angaben:',
      documents: 'Das DIM bittet um folgende Dokumente:',
      respondBy: 'Antwort bis {{date}}',
      answer: 'Ihre Antwort',
      attachments: 'Dokumente zur Antwort',
      submit: 'Antwort senden',
      notOpen: 'Diese Nachforderung ist nicht offen: Sie wurde beantwortet oder ist abgelaufen.',
      unknown_request: 'Diese Nachforderung ist nicht mehr offen – vielleicht wurde sie schon beantwortet.',
      response_deadline_passed: 'Die Frist für die Antwort ist abgelaufen.',
    },
    objection: {
      title: 'Einwand gegen den Auditor',
      intro:
        'Das DIM hat {{auditor}} als leitende Auditorin bzw. leitenden Auditor benannt. Bis {{date}} können Sie Einwand gegen die Person erheben, etwa wegen eines Interessenkonflikts; das DIM benennt dann eine andere Person.',
      reason: 'Begründung des Einwands',
      submit: 'Einwand erheben',
      closed: 'Derzeit ist kein Einwand möglich: Es ist niemand benannt, oder die Frist ist abgelaufen.',
      objection_window_closed: 'Die Frist für einen Einwand ist abgelaufen.',
    },
    appeal: {
      title: 'Einspruch einlegen',
      intro:
        'Gegen diese Entscheidung können Sie bis {{date}} Einspruch einlegen. Über den Einspruch entscheidet eine Person, die an der Entscheidung nicht beteiligt war (ISO/IEC 17021-1, 9.7).',
      grounds: 'Begründung des Einspruchs',
      documents: 'Unterlagen zum Einspruch (freiwillig)',
      submit: 'Einspruch einlegen',
      closed:
        'Gegen keine Entscheidung dieser Akkreditierung ist derzeit ein Einspruch möglich: Die Frist ist abgelaufen, oder der Einspruch ist bereits eingelegt.',
    },
    actionPlan: {
      title: 'Maßnahmenplan einreichen',
      intro:
        'Zu dieser Nebenabweichung erwartet das DIM einen Maßnahmenplan: was Sie ändern, wer es tut und bis wann. Die leitende Auditorin bzw. der leitende Auditor prüft ihn.',
      plan: 'Maßnahmenplan',
      submit: 'Maßnahmenplan einreichen',
      notOpen: 'Zu dieser Feststellung wird kein Maßnahmenplan (mehr) erwartet.',
    },
    correctiveAction: {
      title: 'Nachweis der Korrekturmaßnahme',
      intro:
        'Zu dieser Hauptabweichung erwartet das DIM fristgerecht den Nachweis einer wirksamen Korrekturmaßnahme. Die leitende Auditorin bzw. der leitende Auditor prüft ihre Wirksamkeit.',
      notEffective: 'Der letzte Nachweis wurde als nicht wirksam bewertet: {{comment}}',
      description: 'Beschreibung der Korrekturmaßnahme',
      attachments: 'Nachweise',
      submit: 'Nachweis einreichen',
      notOpen: 'Zu dieser Feststellung wird derzeit kein Nachweis erwartet.',
      corrective_action_deadline_passed: 'Die Frist für den Nachweis ist abgelaufen.',
    },
    selfAssessment: {
      title: 'Selbstbewertung einreichen',
      intro:
        'Einmal im Jahr bewerten Sie selbst, ob Ihre Organisation die Anforderungen der {{edition}} weiterhin erfüllt (Zertifikat {{number}}).',
      due: 'Fällig bis {{date}}',
      followUp: 'Das DIM bittet um Ergänzung: {{comment}}',
      requirements: 'Die Anforderungen',
      requirementsHint:
        'Gehen Sie die Anforderungen durch. Beschreiben Sie in Ihrer Selbstbewertung, wie Ihre Organisation sie erfüllt und was sich seit dem Audit oder der letzten Selbstbewertung geändert hat; nennen Sie dabei die Nummern der Anforderungen.',
      statement: 'Ihre Selbstbewertung',
      attachments: 'Nachweise (freiwillig)',
      submit: 'Selbstbewertung einreichen',
      notOpen:
        'Diese Selbstbewertung ist nicht offen: Sie wurde eingereicht und angenommen, oder es gibt sie nicht.',
      self_assessment_not_open: 'Diese Selbstbewertung kann noch nicht eingereicht werden.',
      findingsTitle: 'Feststellungen aus dem Audit',
      findingsIntro:
        'Zu diesen Nebenabweichungen hat das DIM Ihren Maßnahmenplan angenommen. Zeigen Sie mit dieser Selbstbewertung, dass die Maßnahmen umgesetzt sind und wirken.',
      finding: 'Feststellung: {{text}}',
      evidence: 'Umsetzung zu {{requirement}}',
      evidenceAttachments: 'Nachweise zu {{requirement}} (freiwillig)',
      finding_evidence_missing: 'Beschreiben Sie die Umsetzung zu jeder Feststellung.',
    },
    renewal: {
      title: 'Verlängerung beantragen',
      intro:
        'Ihr Zertifikat {{number}} ist gültig bis {{date}}. Mit dem Antrag auf Verlängerung beginnt die Re-Akkreditierung – Dokumentenprüfung, Audit und Entscheidung; ein neues Zertifikat gilt ab dem Ablauf des bisherigen.',
      attachments: 'Unterlagen zur Verlängerung (freiwillig)',
      submit: 'Verlängerung beantragen',
      notOpen: 'Eine Verlängerung kann derzeit nicht beantragt werden: Es gibt kein gültiges Zertifikat.',
      notNow:
        'Eine Verlängerung kann jetzt nicht beantragt werden: Sie ist bereits beantragt, oder die Akkreditierung ist ausgesetzt.',
      renewal_window_not_open:
        'Die Verlängerung kann noch nicht beantragt werden: Das DIM öffnet den Antrag rechtzeitig vor dem Ablauf.',
      renewal_already_applied: 'Die Verlängerung ist bereits beantragt.',
      renewal_refused: 'Die Verlängerung wurde in diesem Zyklus versagt.',
    },
  },
  en: {
    frame: {
      uploadsPending: 'Please wait until every document is uploaded.',
      invalid_transition: 'This step is not possible (any more) – perhaps someone has done it already.',
      required: 'Please fill in.',
    },
    documents: {
      drop: 'Drag files here',
      choose: 'Choose files',
      accepted: 'Accepted: {{types}}, at most {{maxSize}} per file',
      tooLarge: '“{{name}}” is larger than {{maxSize}}.',
      wrongType: '“{{name}}” is not in an accepted file format.',
      uploading: 'Uploading “{{name}}” …',
      progress: 'Uploading {{name}}',
      failed: '“{{name}}” was not accepted.',
      remove: 'Remove {{name}}',
      dismiss: 'Close the message',
      list: 'Uploaded: {{label}}',
    },
    finding: {
      title: 'The finding',
      requirement: 'Requirement',
      element: 'Audit element',
      severity: 'Kind',
      major: 'Major nonconformity',
      minor: 'Minor nonconformity',
      text: 'Finding',
      dueBy: 'Evidence due by',
      notFound: 'Your accreditation has no such finding.',
    },
    application: {
      title: 'Submit the application',
      intro:
        'The application for accreditation under {{edition}} consists of the items of section 5.1. For each item, give a statement, upload documents, or both.',
      item: 'Item {{id}}',
      statement: 'Statement on {{id}}',
      documents: 'Documents on {{id}}',
      submit: 'Submit the application',
      itemMissing: 'This item lacks a statement or a document.',
      application_items_missing:
        'The application is incomplete: every item needs a statement or a document. The missing items are marked.',
      notOpen: 'The application has been submitted already.',
    },
    request: {
      title: 'Answer a request',
      information: 'DIM asks for the following information:',
      documents: 'DIM asks for the following documents:',
      respondBy: 'Answer by {{date}}',
      answer: 'Your answer',
      attachments: 'Documents for the answer',
      submit: 'Send the answer',
      notOpen: 'This request is not open: it has been answered or has lapsed.',
      unknown_request: 'This request is no longer open – perhaps it has been answered already.',
      response_deadline_passed: 'The deadline for the answer has passed.',
    },
    objection: {
      title: 'Objection to the auditor',
      intro:
        'DIM has appointed {{auditor}} as lead auditor. Until {{date}} you may object to the person, for instance for a conflict of interest; DIM will then appoint someone else.',
      reason: 'Reason for the objection',
      submit: 'Object',
      closed: 'No objection is possible now: nobody is appointed, or the period has ended.',
      objection_window_closed: 'The period for an objection has ended.',
    },
    appeal: {
      title: 'Lodge an appeal',
      intro:
        'You may appeal this decision until {{date}}. The appeal is decided by someone who was not involved in the decision (ISO/IEC 17021-1, 9.7).',
      grounds: 'Grounds of the appeal',
      documents: 'Documents for the appeal (optional)',
      submit: 'Lodge the appeal',
      closed:
        'No decision of this accreditation can be appealed now: the window has closed, or the appeal has been lodged.',
    },
    actionPlan: {
      title: 'Submit an action plan',
      intro:
        'For this minor nonconformity DIM expects an action plan: what you will change, who does it and by when. The lead auditor reviews it.',
      plan: 'Action plan',
      submit: 'Submit the action plan',
      notOpen: 'No action plan is expected (any more) for this finding.',
    },
    correctiveAction: {
      title: 'Evidence of the corrective action',
      intro:
        'For this major nonconformity DIM expects evidence of an effective corrective action by the deadline. The lead auditor verifies its effectiveness.',
      notEffective: 'The last evidence was found not effective: {{comment}}',
      description: 'Description of the corrective action',
      attachments: 'Evidence',
      submit: 'Submit the evidence',
      notOpen: 'No evidence is expected for this finding at the moment.',
      corrective_action_deadline_passed: 'The deadline for the evidence has passed.',
    },
    selfAssessment: {
      title: 'Submit the self-assessment',
      intro:
        'Once a year you assess whether your organisation still meets the requirements of {{edition}} (certificate {{number}}).',
      due: 'Due by {{date}}',
      followUp: 'DIM asks you to add to it: {{comment}}',
      requirements: 'The requirements',
      requirementsHint:
        'Go through the requirements. Describe in your self-assessment how your organisation meets them and what has changed since the audit or the last self-assessment, naming the requirements by number.',
      statement: 'Your self-assessment',
      attachments: 'Evidence (optional)',
      submit: 'Submit the self-assessment',
      notOpen: 'This self-assessment is not open: it has been submitted and accepted, or does not exist.',
      self_assessment_not_open: 'This self-assessment cannot be submitted yet.',
      findingsTitle: 'Findings of the audit',
      findingsIntro:
        'DIM accepted your action plan for these minor nonconformities. Show with this self-assessment that the actions are in place and effective.',
      finding: 'Finding: {{text}}',
      evidence: 'Implementation for {{requirement}}',
      evidenceAttachments: 'Evidence for {{requirement}} (optional)',
      finding_evidence_missing: 'Describe the implementation for each finding.',
    },
    renewal: {
      title: 'Apply for renewal',
      intro:
        'Your certificate {{number}} is valid until {{date}}. Applying for renewal starts the re-accreditation – document review, audit and decision; a new certificate is valid from the end of the current one.',
      attachments: 'Documents for the renewal (optional)',
      submit: 'Apply for renewal',
      notOpen: 'Renewal cannot be applied for at the moment: there is no valid certificate.',
      notNow:
        'Renewal cannot be applied for now: it has been applied for already, or the accreditation is suspended.',
      renewal_window_not_open:
        'Renewal cannot be applied for yet: DIM opens the application in good time before expiry.',
      renewal_already_applied: 'Renewal has been applied for already.',
      renewal_refused: 'Renewal was refused in this cycle.',
    },
  },
});
