import { stepPagePath } from '@domain/step-pages';
import { Alert, Anchor, Divider, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../auth/session';
import { CaseStepFrame, type StepCase } from '../../case-file/CaseStepFrame';
import { DecisionDossier } from '../../case-file/DecisionDossier';

const deciding = ['document_review', 'audit_planning', 'audit', 'corrective_actions', 'awaiting_decision'];

/** The decision page: the dossier on one page, then the form (grant or refuse) and the way to the other. */
export function DecisionFrame({
  accreditationId,
  title,
  intro,
  other,
  children,
}: {
  accreditationId: string;
  title: string;
  intro: string;
  /** The other decision: its step type and link text. */
  other: { stepType: 'Grant' | 'Refuse'; label: string };
  children: (stepCase: StepCase) => ReactNode;
}) {
  const { t } = useTranslation('decisionSteps');
  const viewerId = useSession().data?.user.userId;
  return (
    <CaseStepFrame accreditationId={accreditationId} title={title} intro={intro}>
      {(stepCase) => {
        const { procedure, view } = stepCase;
        return (
          <Stack gap="lg">
            {procedure && (
              <DecisionDossier
                accreditationId={accreditationId}
                procedure={procedure}
                catalogue={stepCase.catalogue}
                viewerId={viewerId}
                auditedWarning={t('audited')}
              />
            )}
            <Divider />
            {deciding.includes(view.status) ? (
              children(stepCase)
            ) : (
              <Alert color="yellow">{t('notAwaiting', { status: view.status })}</Alert>
            )}
            <Text>
              <Anchor component={Link} to={stepPagePath(accreditationId, other.stepType, accreditationId)}>
                {other.label}
              </Anchor>
            </Text>
          </Stack>
        );
      }}
    </CaseStepFrame>
  );
}
