import { List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DocumentLink } from '../../case-file/DocumentLinks';
import { useStamps } from '../../case-file/stamp';
import type { CaseDocument } from '../../case-file/types';

type Use = CaseDocument['uses'][number];

/** Every document the case file refers to, each a download link (the API's access rules hold). */
export function DocumentsSection({ documents }: { documents: readonly CaseDocument[] }) {
  const { t } = useTranslation('accreditation');
  const { stamp } = useStamps();
  const labelOfUse = (use: Use) => t(`documents.uses.${use.kind}`, { subject: use.subjectId ?? '' });
  return (
    <Stack gap="sm" component="section" aria-labelledby="documents">
      <Title order={2} id="documents">
        {t('sections.documents')}
      </Title>
      {documents.length === 0 && <Text>{t('documents.none')}</Text>}
      <Stack component="ul" gap="xs" p={0} m={0} aria-label={t('documents.caption')}>
        {documents.map((document) => (
          <Paper component="li" key={document.id} withBorder p="sm" style={{ listStyle: 'none' }}>
            <DocumentLink document={document} />
            {document.uploadedAt && (
              <Text size="sm">
                {t('documents.uploaded')}: {stamp(document.uploadedAt, document.uploadedBy)}
              </Text>
            )}
            <Text size="sm">{t('documents.used')}:</Text>
            <List size="sm">
              {document.uses.map((use) => (
                <List.Item key={`${use.kind}:${use.subjectId}:${use.at}`}>
                  {labelOfUse(use)} – {stamp(use.at, use.by)}
                </List.Item>
              ))}
            </List>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
