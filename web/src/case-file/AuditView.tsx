import { Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format';
import { currentLanguage } from '../i18n';
import { Facts } from './Facts';
import { FindingsList } from './FindingView';
import { useCaseLookup } from './lookup';
import { useStamps } from './stamp';
import type { Procedure } from './types';

type Planning = NonNullable<Procedure['auditPlanning']>;

/** Lead auditors assigned (and objected to), the audit date and when the report is due. */
export function AuditPlanningView({ planning, order }: { planning: Planning; order: TitleOrder }) {
  const { t } = useTranslation('caseFile');
  const lookup = useCaseLookup();
  const { stamp, moment } = useStamps();
  return (
    <Stack gap="sm">
      <Title order={order}>{t('planning.title')}</Title>
      {planning.assignments.map((assignment) => (
        <Facts
          key={assignment.assignmentId}
          rows={[
            [t('planning.leadAuditor'), lookup.person(assignment.auditorId)],
            [t('planning.assigned'), stamp(assignment.at, assignment.by)],
            assignment.conflictOfInterestDeclaredFree && [t('documentReview.declaredFree'), '✓'],
            !assignment.objection &&
              !assignment.objectionWindowClosedAt && [
                t('planning.objectionWindow'),
                moment(assignment.objectionWindowEndsAt),
              ],
            assignment.objection && [
              t('planning.objection'),
              `${assignment.objection.reason} (${stamp(assignment.objection.at, assignment.objection.by)})`,
            ],
            assignment.objectionWindowClosedAt && [
              t('planning.objectionClosed'),
              moment(assignment.objectionWindowClosedAt),
            ],
          ]}
        />
      ))}
      <Facts
        rows={[
          [
            t('planning.auditDate'),
            planning.auditDate
              ? formatDate(`${planning.auditDate}T12:00:00Z`, currentLanguage())
              : t('planning.noAuditDate'),
          ],
          planning.reportDueBy && [t('planning.reportDueBy'), moment(planning.reportDueBy)],
        ]}
      />
    </Stack>
  );
}

/**
 * The audit elements of §5.2 (those the catalogue assigns to the audit), each reported with its
 * findings, or not yet.
 */
export function AuditElementsView({
  procedure,
  elementIds,
  order,
}: {
  procedure: Procedure;
  /** The elements to show, in the catalogue's order. */
  elementIds: readonly string[];
  order: TitleOrder;
}) {
  const { t } = useTranslation('caseFile');
  const lookup = useCaseLookup();
  const { stamp } = useStamps();
  const reported = new Map(procedure.auditElements.map((report) => [report.element, report]));
  const ids = [...new Set([...elementIds, ...reported.keys()])];
  const below = (order + 1) as TitleOrder;
  return (
    <Stack gap="sm">
      <Title order={order}>{t('audit.elements')}</Title>
      {ids.map((id) => {
        const report = reported.get(id);
        const findings = procedure.findings.filter((finding) => finding.element === id);
        return (
          <Stack key={id} gap="xs" data-audit-element={id}>
            <Title order={below} size="h5">
              {lookup.elementName(id)}
            </Title>
            <Text size="sm">{lookup.entry(id)}</Text>
            {report ? (
              <Text size="sm">
                {t('audit.reported')}: {stamp(report.at, report.auditorId)}
                {findings.length === 0 && ` – ${t('audit.noFindings')}`}
              </Text>
            ) : (
              <Text size="sm">{t('audit.notReported')}</Text>
            )}
            <FindingsList findings={findings} order={(below + 1) as TitleOrder} />
          </Stack>
        );
      })}
    </Stack>
  );
}
