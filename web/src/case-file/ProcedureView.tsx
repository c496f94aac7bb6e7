import { Divider, Stack, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApplicationView, RequestsView } from './ApplicationView';
import { AuditElementsView, AuditPlanningView } from './AuditView';
import { DecisionView } from './DecisionView';
import { DocumentReviewView } from './DocumentReviewView';
import { Facts } from './Facts';
import { useCaseLookup } from './lookup';
import { ReviewGapsView } from './ReviewGapsView';
import { useStamps } from './stamp';
import type { Catalogue, Procedure } from './types';

/** The audit elements of §5.2 that make up the audit (the document review is shown of its own). */
export const auditElementIds = (catalogue: Catalogue | undefined) =>
  (catalogue?.auditElements ?? [])
    .filter((element) => element.phase === 'audit')
    .map((element) => element.id);

/** Why a Sonderaudit was scheduled, by whom, and whether it has closed. */
function SpecialAuditFacts({ specialAudit }: { specialAudit: NonNullable<Procedure['specialAudit']> }) {
  const { t } = useTranslation('caseFile');
  const lookup = useCaseLookup();
  const { moment } = useStamps();
  return (
    <Facts
      rows={[
        [t('procedure.reason'), specialAudit.reason],
        [t('procedure.scheduledBy'), lookup.person(specialAudit.scheduledBy)],
        [
          t('procedure.closed'),
          specialAudit.closedAt ? moment(specialAudit.closedAt) : t('procedure.running'),
        ],
      ]}
    />
  );
}

/**
 * One procedure of the case file (the first application, a renewal or a Sonderaudit), stage by
 * stage as far as it got: application and its review, requests, Dokumentenprüfung, audit planning,
 * the audit elements with their findings and corrective actions, the decision (a Sonderaudit has
 * none: it closes when nothing is left open).
 */
export function ProcedureView({
  procedure,
  accreditationId,
  catalogue,
  linkDossier,
  order,
}: {
  procedure: Procedure;
  accreditationId: string;
  catalogue: Catalogue | undefined;
  linkDossier: boolean;
  order: TitleOrder;
}) {
  const { t } = useTranslation('caseFile');
  const below = (order + 1) as TitleOrder;
  const audited = procedure.auditPlanning !== null || procedure.auditElements.length > 0;
  return (
    <Stack gap="md" component="section" aria-labelledby={`procedure-${procedure.number}`}>
      <Title order={order} id={`procedure-${procedure.number}`}>
        {procedure.kind === 'renewal'
          ? t('procedure.renewal', { cycle: procedure.cycle })
          : t(procedure.kind === 'special_audit' ? 'procedure.specialAudit' : 'procedure.initial')}
      </Title>
      {procedure.specialAudit && <SpecialAuditFacts specialAudit={procedure.specialAudit} />}
      <ApplicationView procedure={procedure} order={below} />
      <RequestsView requests={procedure.requests} order={below} />
      {procedure.documentReview && (
        <>
          <Divider />
          <DocumentReviewView review={procedure.documentReview} order={below} />
          <ReviewGapsView gaps={procedure.reviewGaps} order={(below + 1) as TitleOrder} />
        </>
      )}
      {procedure.auditPlanning && (
        <>
          <Divider />
          <AuditPlanningView planning={procedure.auditPlanning} order={below} />
        </>
      )}
      {audited && (
        <AuditElementsView procedure={procedure} elementIds={auditElementIds(catalogue)} order={below} />
      )}
      {procedure.kind !== 'special_audit' && (procedure.decision || audited) && (
        <>
          <Divider />
          <DecisionView
            procedure={procedure}
            accreditationId={accreditationId}
            linkDossier={linkDossier}
            order={below}
          />
        </>
      )}
    </Stack>
  );
}
