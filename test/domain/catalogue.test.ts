import { describe, expect, it } from 'vitest';
import { currentEdition, dim1002Edition2024, findCatalogue } from '../../domain/catalogue';
import { CatalogueSchema } from '../../domain/catalogue-schema';
import { allRequirementIds } from './support';

describe('catalogue DIM 1002:2024', () => {
  it('is valid catalogue data', () => {
    expect(CatalogueSchema.parse(dim1002Edition2024)).toEqual(dim1002Edition2024);
  });

  it('is found by its edition', () => {
    expect(currentEdition).toBe('DIM 1002:2024');
    expect(findCatalogue('DIM 1002:2024')).toBe(dim1002Edition2024);
    expect(findCatalogue('DIM 1002:2030')).toBeUndefined();
  });

  it('lists the requirements of §4.1–4.4 and §6 with stable ids', () => {
    expect(dim1002Edition2024.requirements.map((requirement) => requirement.id)).toEqual(allRequirementIds);
    const sections = dim1002Edition2024.requirements.map((requirement) => requirement.section);
    expect(sections.filter((section) => section === '4.1')).toHaveLength(5);
    expect(sections.filter((section) => section === '6')).toHaveLength(4);
  });

  it('keeps the published German wording next to the translation', () => {
    const org1 = dim1002Edition2024.requirements[0];
    expect(org1?.text).toEqual({
      de: 'Eine klar definierte IT- und Service-Management-Strategie besitzen.',
      en: 'Have a clearly defined IT and service management strategy.',
    });
  });

  it('lists the application items of §5.1 and the audit elements of §5.2', () => {
    expect(dim1002Edition2024.applicationItems.map((item) => item.id)).toEqual(['APP-1', 'APP-2', 'APP-3']);
    expect(dim1002Edition2024.auditElements.map((element) => [element.id, element.phase])).toEqual([
      ['document_review', 'document_review'],
      ['on_site_audit', 'audit'],
      ['customer_satisfaction_analysis', 'audit'],
      ['it_security_check', 'audit'],
    ]);
  });

  it('records that the heading of §4 names training providers, kept as published', () => {
    expect(dim1002Edition2024.sections.find((section) => section.number === '4')?.title.de).toBe(
      'Anforderungen an Schulungsanbieter',
    );
    expect(dim1002Edition2024.notes.find((note) => note.section === '4')?.text).toContain(
      'Kept as published',
    );
  });

  it('rejects a catalogue with duplicate ids or dangling sections', () => {
    const [first] = dim1002Edition2024.requirements;
    const broken = {
      ...dim1002Edition2024,
      requirements: [...dim1002Edition2024.requirements, { ...first, section: '9.9' }],
    };
    const messages = CatalogueSchema.safeParse(broken).error?.issues.map((issue) => issue.message);
    expect(messages).toEqual(['Duplicate catalogue id ORG-1', 'ORG-1 refers to unknown section 9.9']);
  });
});
