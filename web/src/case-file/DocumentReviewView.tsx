import { Badge, Stack, Table, Text, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Facts } from './Facts';
import { useCaseLookup } from './lookup';
import { useStamps } from './stamp';
import type { Procedure } from './types';

type DocumentReview = NonNullable<Procedure['documentReview']>;

/** The result per catalogue requirement, with the requirement's text. */
export function DocumentReviewResults({ results }: { results: DocumentReview['results'] }) {
  const { t } = useTranslation('caseFile');
  const lookup = useCaseLookup();
  return (
    <Table
      striped
      withTableBorder
      verticalSpacing="xs"
      layout="fixed"
      style={{ overflowWrap: 'anywhere' }}
      data-testid="document-review-results"
    >
      <Table.Caption>{t('documentReview.caption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="50%">{t('documentReview.requirement')}</Table.Th>
          <Table.Th w="20%">{t('documentReview.result')}</Table.Th>
          <Table.Th>{t('documentReview.remark')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {results.map((result) => {
          const requirement = lookup.requirement(result.requirementId);
          return (
            <Table.Tr key={result.requirementId}>
              <Table.Th scope="row" fw="normal">
                <Text span fw={600}>
                  {requirement.label}
                </Text>{' '}
                <Text span size="sm">
                  {requirement.text}
                </Text>
              </Table.Th>
              <Table.Td>
                <Badge
                  color={result.result === 'gap' ? 'red' : 'green'}
                  variant="dot"
                  tt="none"
                  style={{ maxWidth: '100%' }}
                >
                  {result.result === 'gap' ? t('documentReview.gap') : t('documentReview.conforming')}
                </Badge>
              </Table.Td>
              <Table.Td>{result.remark}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** The Dokumentenprüfung: who reviews, by when, and the result per requirement. */
export function DocumentReviewView({ review, order }: { review: DocumentReview; order: TitleOrder }) {
  const { t } = useTranslation('caseFile');
  const lookup = useCaseLookup();
  const { stamp, moment } = useStamps();
  const gaps = review.results.filter((result) => result.result === 'gap').length;
  return (
    <Stack gap="sm">
      <Title order={order}>{t('documentReview.title')}</Title>
      <Facts
        rows={[
          [t('documentReview.reviewer'), lookup.person(review.reviewerId)],
          [t('documentReview.assigned'), stamp(review.assignedAt, review.assignedBy)],
          review.conflictOfInterestDeclaredFree && [t('documentReview.declaredFree'), '✓'],
          review.dueBy && !review.completedAt && [t('documentReview.dueBy'), moment(review.dueBy)],
          review.completedAt && [t('documentReview.completed'), stamp(review.completedAt, review.reviewerId)],
          review.completedAt && [
            t('documentReview.result'),
            t('documentReview.summary', { conforming: review.results.length - gaps, gaps }),
          ],
        ]}
      />
      {review.completedAt ? (
        <DocumentReviewResults results={review.results} />
      ) : (
        <Text>{t('documentReview.pending')}</Text>
      )}
    </Stack>
  );
}
