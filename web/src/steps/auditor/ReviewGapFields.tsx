import { Checkbox, Fieldset, Stack, Text, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCaseLookup } from '../../case-file/lookup';
import type { Procedure } from '../../case-file/types';

export interface ReviewGapRow {
  requirementId: string;
  closed: boolean;
  comment: string;
}

/** A row per gap of the Dokumentenprüfung referred to the audit and still open. */
export const reviewGapRows = (procedure: Procedure | undefined): ReviewGapRow[] =>
  (procedure?.reviewGaps ?? [])
    .filter((gap) => gap.status === 'open')
    .map((gap) => ({ requirementId: gap.requirementId, closed: false, comment: '' }));

/** The gaps found closed, as the API takes them (`reviewGapsClosed`). */
export const closedReviewGaps = (rows: readonly ReviewGapRow[]) =>
  rows
    .filter((row) => row.closed)
    .map((row) => ({ requirementId: row.requirementId, comment: row.comment.trim() }));

/**
 * One row per referred gap: found closed in this element (with a remark), or left for a finding
 * on its requirement (which takes it over) or for another element.
 */
export function ReviewGapFields<Values extends { reviewGaps: ReviewGapRow[] }>({
  form,
}: {
  form: UseFormReturnType<Values>;
}) {
  const { t } = useTranslation('auditorSteps');
  const lookup = useCaseLookup();
  const rows = form.getValues().reviewGaps;
  if (rows.length === 0) return null;
  return (
    <Fieldset legend={t('reviewGaps.legend')}>
      <Stack gap="sm">
        <Text size="sm">{t('reviewGaps.intro')}</Text>
        <Stack component="ul" gap="sm" p={0} m={0}>
          {rows.map((row, index) => {
            const requirement = lookup.requirement(row.requirementId);
            return (
              <Stack component="li" key={row.requirementId} gap={4} style={{ listStyle: 'none' }}>
                <Checkbox
                  key={form.key(`reviewGaps.${index}.closed`)}
                  {...form.getInputProps(`reviewGaps.${index}.closed`, { type: 'checkbox' })}
                  label={t('reviewGaps.closed', { requirement: requirement.label })}
                  description={requirement.text}
                />
                <Textarea
                  key={form.key(`reviewGaps.${index}.comment`)}
                  {...form.getInputProps(`reviewGaps.${index}.comment`)}
                  label={t('reviewGaps.comment', { requirement: row.requirementId })}
                  description={t('reviewGaps.commentHint')}
                  autosize
                  minRows={1}
                  maxLength={4000}
                />
              </Stack>
            );
          })}
        </Stack>
      </Stack>
    </Fieldset>
  );
}
