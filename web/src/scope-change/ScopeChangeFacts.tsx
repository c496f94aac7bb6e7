import { Paper, Stack, Title, type TitleOrder } from '@mantine/core';
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

/** What was applied for and what became of it: old and new scope, reason, documents, assessment, review, decision. */
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
          change.assessment && [
            t('facts.assessment'),
            `${t(`assess.${change.assessment.method}`)} (${stamp(change.assessment.at, change.assessment.by)})`,
          ],
          change.review && [
            t('facts.review'),
            `${change.review.conforming ? t('facts.conforming') : t('facts.notConforming')}: ${change.review.comment}`,
          ],
          change.decision && [
            t('facts.decision'),
            `${change.decision.granted ? t('facts.granted') : t('facts.refused')}: ${change.decision.reason} (${stamp(change.decision.at, change.decision.by)})`,
          ],
        ]}
      />
    </Paper>
  );
}

/** The scope's history on the case page: every change applied for during validity, newest last. */
export function ScopeChangesView({ file, order }: { file: CaseFile; order: TitleOrder }) {
  const { t } = useTranslation('scopeChange');
  const changes = file.scopeChanges ?? [];
  if (changes.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="scope-changes">
      <Title order={order} id="scope-changes">
        {t('history')}
      </Title>
      {changes.map((change) => (
        <ScopeChangeFacts key={change.scopeChangeId} change={change} />
      ))}
    </Stack>
  );
}
