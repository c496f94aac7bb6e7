import { Accordion, List, Text } from '@mantine/core';
import { currentLanguage } from '../../i18n';
import type { Catalogue } from './case-file';

/**
 * The catalogue's requirements (§4.1–4.4, §6), one panel per section, as the frame of a
 * self-assessment. Panels open by keyboard (Enter/Space on the section's heading button).
 */
export function CatalogueRequirements({ catalogue }: { catalogue: Catalogue }) {
  const language = currentLanguage();
  const sections = catalogue.sections.filter((section) =>
    catalogue.requirements.some((requirement) => requirement.section === section.number),
  );
  return (
    <Accordion multiple variant="separated" chevronPosition="left">
      {sections.map((section) => {
        const requirements = catalogue.requirements.filter((entry) => entry.section === section.number);
        return (
          <Accordion.Item key={section.number} value={section.number}>
            <Accordion.Control>
              {section.number} {section.title[language]} ({requirements.length})
            </Accordion.Control>
            <Accordion.Panel>
              {section.leadIn && <Text mb="xs">{section.leadIn[language]}</Text>}
              <List spacing={4}>
                {requirements.map((requirement) => (
                  <List.Item key={requirement.id}>
                    <Text component="span" fw={600}>
                      {requirement.id}
                    </Text>{' '}
                    {requirement.text[language]}
                  </List.Item>
                ))}
              </List>
            </Accordion.Panel>
          </Accordion.Item>
        );
      })}
    </Accordion>
  );
}
