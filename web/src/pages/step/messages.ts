import { defineMessages } from '../../i18n/define';

export const step = defineMessages({
  de: {
    title: 'Schritt: {{step}}',
    unknown: 'Für diesen Schritt gibt es (noch) kein Formular.',
    backToCase: 'Zurück zur Akkreditierung',
  },
  en: {
    title: 'Step: {{step}}',
    unknown: 'There is no form for this step (yet).',
    backToCase: 'Back to the accreditation',
  },
});
