import { Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCaseLookup } from './lookup';
import type { CaseDocument } from './types';

const units = ['B', 'KB', 'MB', 'GB'] as const;

export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * A download link to a document: the API's own route, so its access rules hold (the browser sends
 * the session cookie; someone who may not read the document gets the API's refusal).
 */
export function DocumentLink({ document }: { document: CaseDocument }) {
  const { t } = useTranslation('caseFile');
  const name = document.name ?? t('documents.unnamed', { id: document.id.slice(0, 12) });
  const details = [document.mediaType, document.size === null ? null : formatSize(document.size)]
    .filter(Boolean)
    .join(', ');
  return (
    <>
      <Anchor href={`/documents/${document.id}/content`} download={document.name ?? true}>
        {t('documents.download', { name })}
      </Anchor>
      {details && (
        <Text span size="sm" c="dimmed">
          {' '}
          ({details})
        </Text>
      )}
    </>
  );
}

/** The documents of a step (by SHA-256), each a download link; "none" when there are none. */
export function DocumentLinks({ ids }: { ids: readonly string[] }) {
  const { t } = useTranslation('caseFile');
  const lookup = useCaseLookup();
  if (ids.length === 0) return <Text size="sm">{t('documents.none')}</Text>;
  return (
    <List size="sm" spacing={2}>
      {lookup.documents(ids).map((document) => (
        <List.Item key={document.id}>
          <DocumentLink document={document} />
        </List.Item>
      ))}
    </List>
  );
}
