import { stepPagePath } from '@domain/step-pages';
import { Alert, Anchor, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { CaseStepFrame, type StepCase } from '../../case-file/CaseStepFrame';
import { Facts } from '../../case-file/Facts';
import { useStamps } from '../../case-file/stamp';
import type { CaseFile } from '../../case-file/types';
import { rejectionMessages } from '../../cases/status';
import { currentLanguage } from '../../i18n';
import { FormFooter } from '../auditor/FormFooter';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';

type Proposal = NonNullable<CaseFile['suspensionProposals']>[number];
type Choice = 'ConfirmSuspensionProposal' | 'RejectSuspensionProposal';

/** The proposal as the system made it: when, why, and the self-assessment it is about. */
function ProposalView({ file, proposal }: { file: CaseFile; proposal: Proposal }) {
  const { t } = useTranslation('decisionSteps');
  const { moment } = useStamps();
  const selfAssessment = file.selfAssessments.find(
    (candidate) => candidate.selfAssessmentId === proposal.selfAssessmentId,
  );
  return (
    <Paper withBorder p="sm" data-suspension-proposal={proposal.proposalId}>
      <Facts
        rows={[
          [t('suspension.proposed'), moment(proposal.at)],
          // The recorded reason is the system's English words; the page says it from the self-assessment.
          [
            t('suspension.reason'),
            selfAssessment
              ? t('suspension.overdue', { date: moment(selfAssessment.dueAt) })
              : proposal.reason,
          ],
        ]}
      />
    </Paper>
  );
}

function ConfirmFields({ stepCase, proposal, onDone }: FieldsProps) {
  const { t } = useTranslation('decisionSteps');
  const { onSubmit, problem, alertRef, pending } = useStepForm({
    initialValues: {},
    submit: (_values, key) =>
      api.POST('/accreditations/{id}/suspension-proposals/confirm', {
        params: { path: { id: stepCase.view.accreditationId }, header: { 'idempotency-key': key } },
        body: { proposalId: proposal.proposalId },
      }),
    onDone,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormFooter
        problem={problem}
        alertRef={alertRef}
        pending={pending}
        label={t('suspension.confirm')}
        color="red"
        refusals={rejectionMessages(currentLanguage())}
      />
    </form>
  );
}

function RejectFields({ stepCase, proposal, onDone }: FieldsProps) {
  const { t } = useTranslation('decisionSteps');
  const { t: tAuditor } = useTranslation('auditorSteps');
  const { form, onSubmit, problem, alertRef, pending } = useStepForm({
    initialValues: { reason: '' },
    validate: { reason: (value) => (value.trim() ? null : tAuditor('required')) },
    submit: (values, key) =>
      api.POST('/accreditations/{id}/suspension-proposals/reject', {
        params: { path: { id: stepCase.view.accreditationId }, header: { 'idempotency-key': key } },
        body: { proposalId: proposal.proposalId, reason: values.reason.trim() },
      }),
    onDone,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw="52rem">
        <Textarea
          key={form.key('reason')}
          {...form.getInputProps('reason')}
          label={t('suspension.rejectReason')}
          withAsterisk
          autosize
          minRows={3}
        />
        <FormFooter
          problem={problem}
          alertRef={alertRef}
          pending={pending}
          label={t('suspension.reject')}
          refusals={rejectionMessages(currentLanguage())}
        />
      </Stack>
    </form>
  );
}

interface FieldsProps {
  stepCase: StepCase;
  proposal: Proposal;
  onDone: () => void;
}

const fieldsOf: Record<Choice, (props: FieldsProps) => React.ReactNode> = {
  ConfirmSuspensionProposal: ConfirmFields,
  RejectSuspensionProposal: RejectFields,
};

/** The page of a suspension proposal (rule set 3, decision makers): the proposal, then confirm or reject. */
function SuspensionProposalPage({
  choice,
  accreditationId,
  subjectId,
  onDone,
}: StepFormProps & { choice: Choice }) {
  const { t } = useTranslation('decisionSteps');
  const confirming = choice === 'ConfirmSuspensionProposal';
  const other: Choice = confirming ? 'RejectSuspensionProposal' : 'ConfirmSuspensionProposal';
  const Fields = fieldsOf[choice];
  return (
    <CaseStepFrame
      accreditationId={accreditationId}
      title={confirming ? t('suspension.confirmTitle') : t('suspension.rejectTitle')}
      intro={t('suspension.intro')}
    >
      {(stepCase) => {
        const proposals = stepCase.view.file.suspensionProposals ?? [];
        const proposal =
          proposals.find((candidate) => candidate.proposalId === subjectId) ?? proposals.at(-1);
        if (!proposal || proposal.closed) {
          return (
            <Alert color="yellow" role="status">
              {t('suspension.notOpen')}
            </Alert>
          );
        }
        return (
          <Stack gap="lg">
            <ProposalView file={stepCase.view.file} proposal={proposal} />
            <Fields stepCase={stepCase} proposal={proposal} onDone={onDone} />
            <Text>
              <Anchor component={Link} to={stepPagePath(accreditationId, other, proposal.proposalId)}>
                {confirming ? t('suspension.rejectInstead') : t('suspension.confirmInstead')}
              </Anchor>
            </Text>
          </Stack>
        );
      }}
    </CaseStepFrame>
  );
}

export const ConfirmSuspensionProposalForm = (props: StepFormProps) => (
  <SuspensionProposalPage {...props} choice="ConfirmSuspensionProposal" />
);
export const RejectSuspensionProposalForm = (props: StepFormProps) => (
  <SuspensionProposalPage {...props} choice="RejectSuspensionProposal" />
);
