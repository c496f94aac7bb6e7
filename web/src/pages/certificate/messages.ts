import { defineMessages } from '../../i18n/define';

/** The printable certificate (`/certificates/{number}`). */
export const certificate = defineMessages({
  de: {
    pageTitle: 'Zertifikat {{number}}',
    back: 'Zur Übersicht',
    print: 'Drucken',
    printHint:
      'Das Zertifikat passt auf eine DIN-A4-Seite. Den dauerhaften Link zum Registereintrag dürfen Sie veröffentlichen (DIM 1002:2024, Abschnitt 7).',
    notFound: 'Es gibt kein Zertifikat {{number}}, das Sie ansehen dürfen.',
    institute: 'Deutsches Institut für Managementmethoden (DIM)',
    title: 'Zertifikat',
    confirms: 'Hiermit wird bestätigt, dass',
    scopeLead: 'für den Geltungsbereich',
    accredited: 'nach {{edition}} akkreditiert ist.',
    number: 'Zertifikatsnummer',
    edition: 'Norm und Ausgabe',
    validFrom: 'Gültig ab',
    validUntil: 'Gültig bis',
    status: 'Status am {{date}}',
    verify: 'Gültigkeit prüfen',
    verifyHint:
      'Nur akkreditierte Organisationen dürfen Dienstleistungen unter dem DIM-Zeichen anbieten. Den aktuellen Stand zeigt das öffentliche Register unter:',
    notValid: 'Dieses Zertifikat ist nicht gültig: {{status}}. Das DIM-Zeichen darf nicht verwendet werden.',
  },
  en: {
    pageTitle: 'Certificate {{number}}',
    back: 'Back to the overview',
    print: 'Print',
    printHint:
      'The certificate fits on one A4 page. You may publish the permanent link to the register entry (DIM 1002:2024, section 7).',
    notFound: 'There is no certificate {{number}} that you may see.',
    institute: 'Deutsches Institut für Managementmethoden (DIM)',
    title: 'Certificate',
    confirms: 'This is to certify that',
    scopeLead: 'is accredited for the scope',
    accredited: 'under {{edition}}.',
    number: 'Certificate number',
    edition: 'Standard and edition',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    status: 'Status on {{date}}',
    verify: 'Verify',
    verifyHint:
      'Only accredited organisations may offer services under the DIM label. The public register shows the current status at:',
    notValid: 'This certificate is not valid: {{status}}. The DIM label must not be used.',
  },
});
