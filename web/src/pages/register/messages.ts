import { defineMessages } from '../../i18n/define';

export const register = defineMessages({
  de: {
    title: 'Öffentliches Register',
    intro:
      'Nur akkreditierte Organisationen dürfen Dienstleistungen unter dem DIM-Zeichen anbieten (DIM 1002:2024, Abschnitt 7). Hier prüfen Sie, ob eine Akkreditierung besteht und bis wann sie gültig ist.',
    search: {
      label: 'Zertifikatsnummer oder Organisation',
      description: 'Zum Beispiel DIM1002-2026-7KQ2M9XA oder ein Teil des Namens der Organisation.',
      submit: 'Suchen',
    },
    results: {
      caption: 'Suchergebnisse für „{{query}}“',
      count_one: '{{count}} Eintrag gefunden.',
      count_other: '{{count}} Einträge gefunden.',
      none: 'Kein Eintrag gefunden für „{{query}}“.',
      status: 'Status',
      validity: 'Gültigkeit',
      range: '{{from}} bis {{until}}',
    },
    status: {
      valid: 'gültig',
      suspended: 'ausgesetzt',
      withdrawn: 'entzogen',
      expired: 'abgelaufen',
    },
    statusExplained: {
      valid: 'Die Akkreditierung ist gültig. Die Organisation darf das DIM-Zeichen verwenden.',
      suspended:
        'Die Akkreditierung ist ausgesetzt. Während der Aussetzung darf das DIM-Zeichen nicht verwendet werden.',
      withdrawn: 'Die Akkreditierung wurde entzogen. Das DIM-Zeichen darf nicht mehr verwendet werden.',
      expired: 'Die Akkreditierung ist abgelaufen. Das DIM-Zeichen darf nicht mehr verwendet werden.',
    },
    certificate: {
      title: 'Zertifikat {{number}}',
      number: 'Zertifikatsnummer',
      organisation: 'Organisation',
      scope: 'Geltungsbereich',
      validFrom: 'Gültig ab',
      validUntil: 'Gültig bis',
      asOf: 'Stand: {{date}}',
      link: 'Dauerhafter Link zu diesem Eintrag',
      linkHint: 'Die Organisation darf diesen Link veröffentlichen.',
      copy: 'Link kopieren',
      copied: 'Kopiert',
      notFound: 'Im Register gibt es kein Zertifikat mit der Nummer {{number}}.',
      back: 'Zur Suche im Register',
    },
  },
  en: {
    title: 'Public register',
    intro:
      'Only accredited organisations may offer services under the DIM label (DIM 1002:2024, section 7). Check here whether an accreditation exists and until when it is valid.',
    search: {
      label: 'Certificate number or organisation',
      description: 'For example DIM1002-2026-7KQ2M9XA or part of the organisation’s name.',
      submit: 'Search',
    },
    results: {
      caption: 'Results for “{{query}}”',
      count_one: '{{count}} entry found.',
      count_other: '{{count}} entries found.',
      none: 'No entry found for “{{query}}”.',
      status: 'Status',
      validity: 'Validity',
      range: '{{from}} to {{until}}',
    },
    status: {
      valid: 'valid',
      suspended: 'suspended',
      withdrawn: 'withdrawn',
      expired: 'expired',
    },
    statusExplained: {
      valid: 'The accreditation is valid. The organisation may use the DIM label.',
      suspended: 'The accreditation is suspended. The DIM label must not be used during the suspension.',
      withdrawn: 'The accreditation has been withdrawn. The DIM label must no longer be used.',
      expired: 'The accreditation has expired. The DIM label must no longer be used.',
    },
    certificate: {
      title: 'Certificate {{number}}',
      number: 'Certificate number',
      organisation: 'Organisation',
      scope: 'Scope',
      validFrom: 'Valid from',
      validUntil: 'Valid until',
      asOf: 'As of {{date}}',
      link: 'Permanent link to this entry',
      linkHint: 'The organisation may publish this link.',
      copy: 'Copy the link',
      copied: 'Copied',
      notFound: 'The register has no certificate with the number {{number}}.',
      back: 'Back to the register search',
    },
  },
});
