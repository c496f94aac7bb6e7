import type { Duration } from './duration';

/**
 * The requirement catalogue of DIM 1002:2024 as data with stable ids, in German (the published
 * wording) and English. Its rules (unique ids, known sections) are checked by `CatalogueSchema`.
 */
export interface LocalisedText {
  de: string;
  en: string;
}

export interface CatalogueSection {
  number: string;
  title: LocalisedText;
  leadIn?: LocalisedText;
}

export interface CatalogueEntry {
  id: string;
  section: string;
  /** `de` is the published wording; `en` is our translation. */
  text: LocalisedText;
}

export interface AuditElement extends CatalogueEntry {
  /** Document review comes first, on its own; the other elements together make up the audit. */
  phase: 'document_review' | 'audit';
}

export interface CatalogueNote {
  id: string;
  section: string;
  text: string;
}

/** A period of the policy that a case may shorten but never make longer than the edition allows. */
export interface PolicyLimit {
  field:
    | 'certificateValidity'
    | 'selfAssessmentInterval'
    | 'maximumSuspension'
    | 'appealWindow'
    | 'appealDecisionDeadline';
  atMost: Duration;
  /** Where the limit comes from: a section of the standard, or `practice` (see the notes). */
  section: string;
}

export interface Catalogue {
  edition: string;
  sections: CatalogueSection[];
  requirements: CatalogueEntry[];
  applicationItems: CatalogueEntry[];
  auditElements: AuditElement[];
  /** The fields of application (§2) that a case covers and in which auditors are competent. */
  technicalAreas: CatalogueEntry[];
  policyLimits: PolicyLimit[];
  notes: CatalogueNote[];
}

export const dim1002Edition2024 = {
  edition: 'DIM 1002:2024',
  sections: [
    {
      number: '2',
      title: { de: 'Geltungsbereich', en: 'Scope' },
      leadIn: {
        de: 'Zu den Anwendungsbereichen zählen unter anderem:',
        en: 'The fields of application include, among others:',
      },
    },
    {
      number: '4',
      title: { de: 'Anforderungen an Schulungsanbieter', en: 'Requirements for training providers' },
    },
    {
      number: '4.1',
      title: { de: 'Organisatorische Anforderungen', en: 'Organisational requirements' },
      leadIn: { de: 'IT- und Service-Organisationen müssen:', en: 'IT and service organisations must:' },
    },
    {
      number: '4.2',
      title: { de: 'Anforderungen an den Service-Betrieb', en: 'Requirements for service operation' },
      leadIn: { de: 'Die Organisation muss sicherstellen, dass:', en: 'The organisation must ensure that:' },
    },
    {
      number: '4.3',
      title: {
        de: 'Anforderungen an Sicherheit und Datenschutz',
        en: 'Requirements for security and data protection',
      },
      leadIn: {
        de: 'Zur Sicherstellung der IT-Sicherheit müssen folgende Maßnahmen getroffen werden:',
        en: 'To ensure IT security, the following measures must be taken:',
      },
    },
    {
      number: '4.4',
      title: {
        de: 'Anforderungen an die Service-Qualität und Kundenzufriedenheit',
        en: 'Requirements for service quality and customer satisfaction',
      },
      leadIn: {
        de: 'Um die Kundenzufriedenheit sicherzustellen, muss die Organisation:',
        en: 'To ensure customer satisfaction, the organisation must:',
      },
    },
    {
      number: '5.1',
      title: { de: 'Antragsstellung', en: 'Application' },
      leadIn: {
        de: 'IT- und Service-Organisationen, die die Akkreditierung nach DIM® 1002:2024 erhalten möchten, müssen:',
        en: 'IT and service organisations wishing to obtain accreditation under DIM® 1002:2024 must:',
      },
    },
    {
      number: '5.2',
      title: { de: 'Auditierung und Bewertung', en: 'Audit and assessment' },
      leadIn: {
        de: 'Das DIM® führt eine umfassende Prüfung durch, die folgende Elemente umfasst:',
        en: 'DIM® carries out a comprehensive assessment comprising the following elements:',
      },
    },
    {
      number: '5.3',
      title: { de: 'Akkreditierung und Gültigkeit', en: 'Accreditation and validity' },
    },
    {
      number: '6',
      title: { de: 'Kontinuierliche Verbesserung', en: 'Continuous improvement' },
      leadIn: { de: 'Akkreditierte Organisationen müssen:', en: 'Accredited organisations must:' },
    },
  ],
  requirements: [
    {
      id: 'ORG-1',
      section: '4.1',
      text: {
        de: 'Eine klar definierte IT- und Service-Management-Strategie besitzen.',
        en: 'Have a clearly defined IT and service management strategy.',
      },
    },
    {
      id: 'ORG-2',
      section: '4.1',
      text: {
        de: 'Ein ITSM-Framework implementieren, das nach Best Practices ausgerichtet ist.',
        en: 'Implement an ITSM framework aligned with best practices.',
      },
    },
    {
      id: 'ORG-3',
      section: '4.1',
      text: {
        de: 'Rollen und Verantwortlichkeiten im IT-Service-Management klar definieren.',
        en: 'Clearly define roles and responsibilities in IT service management.',
      },
    },
    {
      id: 'ORG-4',
      section: '4.1',
      text: {
        de: 'Ein IT-Risikomanagement betreiben, um potenzielle Bedrohungen und Schwachstellen frühzeitig zu identifizieren und zu minimieren.',
        en: 'Operate IT risk management to identify and minimise potential threats and vulnerabilities early.',
      },
    },
    {
      id: 'ORG-5',
      section: '4.1',
      text: {
        de: 'Klare Prozesse für Datenschutz und Compliance einhalten, die mit DSGVO und anderen regulatorischen Anforderungen übereinstimmen.',
        en: 'Follow clear data protection and compliance processes that conform to the GDPR and other regulatory requirements.',
      },
    },
    {
      id: 'OPS-1',
      section: '4.2',
      text: {
        de: 'Service Level Agreements (SLAs) existieren und regelmäßig überwacht werden.',
        en: 'Service level agreements (SLAs) exist and are monitored regularly.',
      },
    },
    {
      id: 'OPS-2',
      section: '4.2',
      text: {
        de: 'Ein Incident- und Problemmanagement implementiert ist, um IT-Störungen effizient zu beheben.',
        en: 'Incident and problem management is implemented to resolve IT disruptions efficiently.',
      },
    },
    {
      id: 'OPS-3',
      section: '4.2',
      text: {
        de: 'Change- und Release-Management-Prozesse existieren, um Änderungen systematisch durchzuführen und Risiken zu minimieren.',
        en: 'Change and release management processes exist to carry out changes systematically and minimise risks.',
      },
    },
    {
      id: 'OPS-4',
      section: '4.2',
      text: {
        de: 'Ein kontinuierliches Monitoring der IT-Services stattfindet, um frühzeitig Performance-Probleme zu erkennen.',
        en: 'IT services are monitored continuously to detect performance problems early.',
      },
    },
    {
      id: 'OPS-5',
      section: '4.2',
      text: {
        de: 'Die IT-Infrastruktur regelmäßig gewartet und modernisiert wird.',
        en: 'The IT infrastructure is maintained and modernised regularly.',
      },
    },
    {
      id: 'SEC-1',
      section: '4.3',
      text: {
        de: 'Implementierung eines IT-Sicherheitsmanagements.',
        en: 'Implementation of IT security management.',
      },
    },
    {
      id: 'SEC-2',
      section: '4.3',
      text: {
        de: 'Regelmäßige Sicherheitsaudits und Penetrationstests, um Schwachstellen zu identifizieren.',
        en: 'Regular security audits and penetration tests to identify vulnerabilities.',
      },
    },
    {
      id: 'SEC-3',
      section: '4.3',
      text: {
        de: 'Einführung eines Zugriffsmanagementsystems, das nur autorisierten Personen Zugriff auf sensible Daten gewährt.',
        en: 'Introduction of an access management system that grants access to sensitive data to authorised persons only.',
      },
    },
    {
      id: 'SEC-4',
      section: '4.3',
      text: {
        de: 'Datenschutzrichtlinien gemäß DSGVO und anderen gesetzlichen Vorgaben einhalten.',
        en: 'Comply with data protection policies in accordance with the GDPR and other legal requirements.',
      },
    },
    {
      id: 'QUA-1',
      section: '4.4',
      text: {
        de: 'Kundenzufriedenheitsanalysen durchführen und entsprechende Maßnahmen ableiten.',
        en: 'Conduct customer satisfaction analyses and derive appropriate measures.',
      },
    },
    {
      id: 'QUA-2',
      section: '4.4',
      text: {
        de: 'Prozesse für Service-Verbesserungen etablieren, um kontinuierliche Optimierung zu gewährleisten.',
        en: 'Establish processes for service improvement to ensure continuous optimisation.',
      },
    },
    {
      id: 'QUA-3',
      section: '4.4',
      text: {
        de: 'Ein Wissensmanagement-System implementieren, um Best Practices zu dokumentieren und für alle Mitarbeiter zugänglich zu machen.',
        en: 'Implement a knowledge management system to document best practices and make them accessible to all employees.',
      },
    },
    {
      id: 'QUA-4',
      section: '4.4',
      text: {
        de: 'Eine nachhaltige Innovationsstrategie verfolgen, um neue Technologien und Trends in ihre Dienstleistungen zu integrieren.',
        en: 'Pursue a sustainable innovation strategy to integrate new technologies and trends into its services.',
      },
    },
    {
      id: 'IMP-1',
      section: '6',
      text: {
        de: 'Regelmäßig ihre Service-Prozesse überprüfen und anpassen.',
        en: 'Review and adapt their service processes regularly.',
      },
    },
    {
      id: 'IMP-2',
      section: '6',
      text: {
        de: 'Neue Technologien und Methoden in ihr ITSM-Modell integrieren.',
        en: 'Integrate new technologies and methods into their ITSM model.',
      },
    },
    {
      id: 'IMP-3',
      section: '6',
      text: {
        de: 'Maßnahmen zur Mitarbeiterqualifikation umsetzen, um aktuelles Fachwissen sicherzustellen.',
        en: 'Implement staff qualification measures to ensure up-to-date expertise.',
      },
    },
    {
      id: 'IMP-4',
      section: '6',
      text: {
        de: 'Ein Beschwerde- und Eskalationsmanagement implementieren, um Kundenanliegen professionell zu bearbeiten.',
        en: 'Implement complaint and escalation management to handle customer concerns professionally.',
      },
    },
  ],
  applicationItems: [
    {
      id: 'APP-1',
      section: '5.1',
      text: {
        de: 'Einen formellen Antrag mit detaillierter Beschreibung ihrer IT- und Service-Prozesse einreichen.',
        en: 'Submit a formal application with a detailed description of their IT and service processes.',
      },
    },
    {
      id: 'APP-2',
      section: '5.1',
      text: {
        de: 'Nachweise über bestehende ITSM- und Sicherheitsrichtlinien bereitstellen.',
        en: 'Provide evidence of existing ITSM and security policies.',
      },
    },
    {
      id: 'APP-3',
      section: '5.1',
      text: {
        de: 'Eine Selbstauskunft über Qualitätsmaßnahmen und Compliance-Vorgaben abgeben.',
        en: 'Submit a self-declaration on quality measures and compliance requirements.',
      },
    },
  ],
  auditElements: [
    {
      id: 'document_review',
      section: '5.2',
      phase: 'document_review',
      text: {
        de: 'Dokumentenprüfung: Analyse der Service-Kataloge, SLAs, Sicherheitsrichtlinien und Prozessdokumentationen.',
        en: 'Document review: analysis of service catalogues, SLAs, security policies and process documentation.',
      },
    },
    {
      id: 'on_site_audit',
      section: '5.2',
      phase: 'audit',
      text: {
        de: 'Vor-Ort-Audit: Überprüfung der IT-Infrastruktur, Support-Systeme und Notfallmaßnahmen.',
        en: 'On-site audit: review of the IT infrastructure, support systems and emergency measures.',
      },
    },
    {
      id: 'customer_satisfaction_analysis',
      section: '5.2',
      phase: 'audit',
      text: {
        de: 'Kundenzufriedenheitsanalyse: Bewertung des Kundenfeedbacks zur Servicequalität und Reaktionszeit.',
        en: 'Customer satisfaction analysis: evaluation of customer feedback on service quality and response time.',
      },
    },
    {
      id: 'it_security_check',
      section: '5.2',
      phase: 'audit',
      text: {
        de: 'IT-Sicherheitsprüfung: Analyse der Schutzmaßnahmen gegen Cyberangriffe und Datenschutzverletzungen.',
        en: 'IT security check: analysis of protective measures against cyber attacks and data breaches.',
      },
    },
  ],
  technicalAreas: [
    {
      id: 'itsm_operations',
      section: '2',
      text: {
        de: 'IT-Servicemanagement (ITSM) und IT-Betrieb',
        en: 'IT service management (ITSM) and IT operations',
      },
    },
    {
      id: 'cloud_infrastructure',
      section: '2',
      text: { de: 'Cloud- und Infrastruktur-Services', en: 'Cloud and infrastructure services' },
    },
    {
      id: 'service_desk_support',
      section: '2',
      text: { de: 'Servicedesk- und Support-Dienste', en: 'Service desk and support services' },
    },
    {
      id: 'security_privacy',
      section: '2',
      text: {
        de: 'Cyber Security und Datenschutz-Services',
        en: 'Cyber security and data protection services',
      },
    },
    {
      id: 'business_processes',
      section: '2',
      text: { de: 'IT-gestützte Geschäftsprozesse', en: 'IT-supported business processes' },
    },
  ],
  policyLimits: [
    { field: 'certificateValidity', atMost: { years: 3 }, section: '5.3' },
    { field: 'selfAssessmentInterval', atMost: { months: 12 }, section: '5.3' },
    { field: 'maximumSuspension', atMost: { months: 6 }, section: 'practice' },
    { field: 'appealWindow', atMost: { months: 3 }, section: 'practice' },
    { field: 'appealDecisionDeadline', atMost: { months: 3 }, section: 'practice' },
  ],
  notes: [
    {
      id: 'policy-limits',
      section: '5.3',
      text:
        'The accreditation is valid for three years and a self-assessment is due every year: a policy may ' +
        'shorten either, never lengthen it. A suspension lasts at most six months (certification practice, ' +
        'as schemes under ISO/IEC 17021-1 fix it); then the accreditation is reinstated or withdrawn.',
    },
    {
      id: 'section-4-heading',
      section: '4',
      text:
        'The heading of §4 reads "Anforderungen an Schulungsanbieter" (requirements for training providers) ' +
        'although the requirements concern IT and service organisations. Kept as published.',
    },
    {
      id: 'yearly-self-assessment',
      section: '5.3',
      text:
        'A self-assessment is due each interval after the certificate starts and strictly before it expires, ' +
        'so at +12 and +24 months of a three-year certificate; the third year is covered by the renewal audit.',
    },
    {
      id: 'continuous-improvement-assessed',
      section: '6',
      text: 'The obligations of §6 are assessed in document review and audit together with those of §4.',
    },
  ],
} satisfies Catalogue;

const catalogues: ReadonlyMap<string, Catalogue> = new Map([
  [dim1002Edition2024.edition, dim1002Edition2024],
]);

export const currentEdition = dim1002Edition2024.edition;

/** The current edition's technical areas: what a case covers and auditors' competences name. */
export const technicalAreaIds = dim1002Edition2024.technicalAreas.map((area) => area.id) as [
  string,
  ...string[],
];

export function findCatalogue(edition: string): Catalogue | undefined {
  return catalogues.get(edition);
}

/** Every edition the engine knows, oldest first. */
export function allCatalogues(): Catalogue[] {
  return [...catalogues.values()];
}
