import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DocumentLinks } from '../case-file/DocumentLinks';
import { Facts } from '../case-file/Facts';
import { useStamps } from '../case-file/stamp';
import type { CaseFile } from '../case-file/types';

export type ScopeChange = NonNullable<CaseFile['scopeChanges']>[number];

/** The undecided scope change a step is about (`?subject=`), or the last one still open. */
export function openScopeChange(file: CaseFile, subjectId: string | undefined): ScopeChange | undefined {
  const open = (file.scopeChanges ?? []).filter((change) => change.decision === null);
  return open.find((change) => change.scopeChangeId === subjectId) ?? open.at(-1);
}

/** What was applied for, as each step on it shows it: old and new scope, reason, documents, review. */
export function ScopeChangeFacts({ change }: { change: ScopeChange }) {
  const { t } = useTranslation('scopeChange');
  const { stamp } = useStamps();
  return (
    <Paper withBorder p="sm" data-scope-change={change.scopeChangeId}>
      <Facts
        rows={[
          [t('facts.kind'), t(`kind.${change.kind}`)],
          [t('facts.previousScope'), change.previousScope],
          [t('facts.scope'), change.scope],
          [t('facts.reason'), change.reason],
          [t('facts.applied'), stamp(change.appliedAt, change.appliedBy)],
          [t('facts.documents'), <DocumentLinks key="documents" ids={change.documentIds} />],
          change.review && [
            t('facts.review'),
            `${change.review.conforming ? t('facts.conforming') : t('facts.notConforming')}: ${change.review.comment}`,
          ],
        ]}
      />
    </Paper>
  );
}
