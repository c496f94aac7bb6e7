import { defineMessages } from '../i18n/define';
import { afterDecisionMessages } from './after-decision-messages';
import { procedureMessages } from './procedure-messages';

/** The parts of a case file (Akte) as the accreditation page, the forms and the dossier show them. */
export const caseFile = defineMessages({
  de: {
    caseLine: 'Akkreditierung von {{organisation}} – {{scope}}',
    stamp: '{{date}} – {{person}}',
    people: { clock: 'System (Fristablauf)', unknown: 'Unbekannt ({{id}})' },
    documents: {
      none: 'Keine Unterlagen',
      unnamed: 'Dokument {{id}}',
      download: '{{name}} herunterladen',
    },
    ...procedureMessages.de,
    ...afterDecisionMessages.de,
  },
  en: {
    caseLine: 'Accreditation of {{organisation}} – {{scope}}',
    stamp: '{{date}} – {{person}}',
    people: { clock: 'System (deadline passed)', unknown: 'Unknown ({{id}})' },
    documents: {
      none: 'No documents',
      unnamed: 'Document {{id}}',
      download: 'Download {{name}}',
    },
    ...procedureMessages.en,
    ...afterDecisionMessages.en,
  },
});
