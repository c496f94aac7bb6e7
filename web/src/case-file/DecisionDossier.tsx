import { Alert, Anchor, List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuditElementsView } from './AuditView';
import { DocumentReviewView } from './DocumentReviewView';
import { Facts } from './Facts';
import { useCaseLookup } from './lookup';
import { auditElementIds } from './ProcedureView';
import { ReviewGapsView } from './ReviewGapsView';
import { useStamps } from './stamp';
import type { Catalogue, Procedure } from './types';

/** Everyone who audited in this procedure: the document reviewer and each lead auditor. */
export function auditorsOf(procedure: Procedure): string[] {
  const ids = [
    procedure.documentReview?.reviewerId,
    ...(procedure.auditPlanning?.assignments.map((assignment) => assignment.auditorId) ?? []),
    ...procedure.auditElements.map((report) => report.auditorId),
  ];
  return [...new Set(ids.filter((id): id is string => !!id))];
}

/** What still stands between the case and a grant: unreported elements, open findings and requests. */
function OpenItems({ procedure, catalogue }: { procedure: Procedure; catalogue: Catalogue }) {
  const { t } = useTranslation('caseFile');
  const lookup = useCaseLookup();
  const { moment } = useStamps();
  const reported = new Set(procedure.auditElements.map((report) => report.element));
  const items: ReactNode[] = [
    ...auditElementIds(catalogue)
      .filter((id) => !reported.has(id))
      .map((id) => t('dossier.elementMissing', { element: lookup.elementName(id) })),
    ...procedure.findings
      .filter((finding) => finding.status !== 'resolved')
      .map((finding) =>
        t('dossier.findingOpen', {
          severity: t(`findings.severity.${finding.severity}`),
          requirement: lookup.requirement(finding.requirementId).label,
          status: t(`findings.status.${finding.status}`),
        }),
      ),
    ...procedure.requests
      .filter((request) => !request.answer && !request.lapsedAt)
      .map((request) => t('dossier.requestOpen', { date: moment(request.respondBy) })),
  ];
  return (
    <Stack gap="xs" data-open-items={items.length}>
      <Title order={2}>{t('dossier.openItems')}</Title>
      {items.length === 0 ? (
        <Text>{t('dossier.noOpenItems')}</Text>
      ) : (
        <List>
          {items.map((item) => (
            <List.Item key={String(item)}>{item}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/**
 * What a decision maker needs on one page: who audited (and, if it was the viewer, why they may
 * not decide), the open items, the Dokumentenprüfung per requirement, and every audit element with
 * its findings and their closure. `warning` is shown when the viewer audited the case.
 */
export function DecisionDossier({
  accreditationId,
  procedure,
  catalogue,
  viewerId,
  auditedWarning,
}: {
  accreditationId: string;
  procedure: Procedure;
  catalogue: Catalogue;
  viewerId?: string;
  auditedWarning?: string;
}) {
  const { t } = useTranslation('caseFile');
  const lookup = useCaseLookup();
  const auditors = auditorsOf(procedure);
  const gaps = procedure.documentReview?.results.filter((result) => result.result === 'gap').length ?? 0;
  return (
    <Stack gap="lg" data-dossier>
      {viewerId && auditedWarning && auditors.includes(viewerId) && (
        <Alert color="red" variant="light" title={t('dossier.auditors')} data-four-eyes>
          {auditedWarning}
        </Alert>
      )}
      <Facts
        rows={[
          [
            t('dossier.auditors'),
            auditors.length > 0 ? auditors.map((id) => lookup.person(id)).join(', ') : t('dossier.nobody'),
          ],
          procedure.documentReview?.completedAt && [
            t('documentReview.title'),
            t('dossier.gaps', { count: gaps }),
          ],
        ]}
      />
      <OpenItems procedure={procedure} catalogue={catalogue} />
      {procedure.documentReview && <DocumentReviewView review={procedure.documentReview} order={2} />}
      <ReviewGapsView gaps={procedure.reviewGaps} order={3} />
      <AuditElementsView procedure={procedure} elementIds={auditElementIds(catalogue)} order={2} />
      <Anchor component={Link} to={`/accreditations/${accreditationId}`}>
        {t('dossier.fullCase')}
      </Anchor>
    </Stack>
  );
}
