import { defineMessages } from '../i18n/define';

/** A scope change during validity (rule set 6): the organisation's form and the steps on it. */
export const scopeChange = defineMessages({
  de: {
    kind: { extension: 'Erweiterung', reduction: 'Einschränkung' },
    facts: {
      kind: 'Art der Änderung',
      previousScope: 'Bisheriger Geltungsbereich',
      scope: 'Beantragter Geltungsbereich',
      reason: 'Begründung der Organisation',
      documents: 'Unterlagen',
      applied: 'Beantragt',
      assessment: 'Prüfweg',
      review: 'Ergebnis der Dokumentenprüfung',
      decision: 'Entscheidung',
      granted: 'Bewilligt',
      refused: 'Abgelehnt',
      conforming: 'Konform',
      notConforming: 'Nicht konform',
    },
    history: 'Änderungen des Geltungsbereichs',
    notOpen: 'Es gibt keine offene Änderung des Geltungsbereichs, die auf diesen Schritt wartet.',
    apply: {
      link: 'Geltungsbereich ändern',
      intro:
        'Der heutige Geltungsbereich Ihres Zertifikats {{number}} ist unten vorausgefüllt. Tragen Sie den vollständigen Geltungsbereich ein, wie das Zertifikat ihn nach der Änderung nennen soll. Nummer und Gültigkeit des Zertifikats bleiben; das DIM entscheidet, ob eine Dokumentenprüfung oder ein Sonderaudit nötig ist.',
      kind: 'Art der Änderung',
      scope: 'Geltungsbereich nach der Änderung',
      scopeHint: 'Die Dienstleistungen und Standorte, die das Zertifikat abdecken soll.',
      reason: 'Begründung',
      attachments: 'Unterlagen zur Änderung (freiwillig)',
      submit: 'Änderung beantragen',
      unchanged: 'Das ist der heutige Geltungsbereich – bitte tragen Sie den geänderten ein.',
      notNow:
        'Der Geltungsbereich kann jetzt nicht geändert werden: Es braucht ein gültiges, nicht ausgesetztes Zertifikat, und über eine frühere Änderung muss entschieden sein.',
    },
    assess: {
      method: 'Prüfweg',
      approve: 'Ohne weitere Prüfung zur Entscheidung geben',
      document_review: 'Dokumentenprüfung durch einen Auditor',
      special_audit: 'Sonderaudit ansetzen',
      reviewer: 'Auditor für die Dokumentenprüfung',
      auditReason: 'Anlass des Sonderaudits',
    },
    review: {
      conforming: 'Die Unterlagen belegen den beantragten Geltungsbereich',
      comment: 'Befund',
    },
    decide: {
      granted: 'Entscheidung',
      grant: 'Änderung bewilligen: Das Zertifikat nennt den neuen Geltungsbereich',
      refuse: 'Änderung ablehnen: Der bisherige Geltungsbereich bleibt',
      reason: 'Begründung',
    },
  },
  en: {
    kind: { extension: 'Extension', reduction: 'Reduction' },
    facts: {
      kind: 'Kind of change',
      previousScope: 'Scope so far',
      scope: 'Scope applied for',
      reason: 'The organisation’s reason',
      documents: 'Documents',
      applied: 'Applied for',
      assessment: 'Assessment',
      review: 'Result of the document review',
      decision: 'Decision',
      granted: 'Granted',
      refused: 'Refused',
      conforming: 'Conforming',
      notConforming: 'Not conforming',
    },
    history: 'Scope changes',
    notOpen: 'There is no open scope change waiting for this step.',
    apply: {
      link: 'Change the scope',
      intro:
        'The current scope of your certificate {{number}} is filled in below. Enter the whole scope as the certificate is to state it after the change. The certificate’s number and validity stay; DIM decides whether a document review or a special audit is needed.',
      kind: 'Kind of change',
      scope: 'Scope after the change',
      scopeHint: 'The services and sites the certificate is to cover.',
      reason: 'Reason',
      attachments: 'Documents for the change (optional)',
      submit: 'Apply for the change',
      unchanged: 'This is the current scope – please enter the changed one.',
      notNow:
        'The scope cannot be changed now: it takes a valid certificate that is not suspended, and an earlier change must have been decided.',
    },
    assess: {
      method: 'Assessment',
      approve: 'Pass to a decision without further review',
      document_review: 'Document review by an auditor',
      special_audit: 'Schedule a special audit',
      reviewer: 'Auditor for the document review',
      auditReason: 'Occasion of the special audit',
    },
    review: {
      conforming: 'The documents support the scope applied for',
      comment: 'Findings',
    },
    decide: {
      granted: 'Decision',
      grant: 'Grant the change: the certificate states the new scope',
      refuse: 'Refuse the change: the scope stays as it is',
      reason: 'Reason',
    },
  },
});
