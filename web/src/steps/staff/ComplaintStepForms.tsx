import { Alert, Select, Stack } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { $api, api } from '../../api/client';
import { type Complaint, ComplaintView } from '../../case-file/ComplaintsView';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { CaseStaffStep, CaseStepFooter } from './CaseStaffStep';
import { requiredText } from './fields';

type ComplaintStep = 'AcknowledgeComplaint' | 'AssignComplaintInvestigator' | 'CloseComplaint';
type FormProps = Pick<StepFormProps, 'accreditationId' | 'onDone'> & { complaint: Complaint };

/** Who may investigate a complaint (domain/permissions: `investigator`). */
const investigatorRoles = ['staff', 'admin', 'decision_maker', 'auditor'] as const;

/** When the complaint is past the step (the API would refuse it), the page says so instead of a form. */
const settledBy: Record<ComplaintStep, (complaint: Complaint) => boolean> = {
  AcknowledgeComplaint: (complaint) => Boolean(complaint.acknowledgedAt),
  AssignComplaintInvestigator: (complaint) => Boolean(complaint.decision ?? complaint.closedAt),
  CloseComplaint: (complaint) => Boolean(complaint.closedAt),
};

const key = (idempotencyKey: string) => ({ 'idempotency-key': idempotencyKey });

/** A complaint step of staff: the complaint shown, then its form. */
function ComplaintStep({
  accreditationId,
  subjectId,
  step,
  children,
}: Pick<StepFormProps, 'accreditationId' | 'subjectId'> & {
  step: ComplaintStep;
  children: (complaint: Complaint) => React.ReactNode;
}) {
  const { t } = useTranslation('staffSteps');
  return (
    <CaseStaffStep accreditationId={accreditationId} step={step}>
      {({ view }) => {
        const complaint = view.file.complaints?.find((entry) => entry.complaintId === subjectId);
        if (!complaint) return <Alert color="yellow">{t('unknownComplaint', { id: subjectId ?? '' })}</Alert>;
        return (
          <Stack gap="lg" maw="52rem">
            <ComplaintView complaint={complaint} order={2} />
            {settledBy[step](complaint) ? (
              <Alert color="blue">{t(`complaintSettled.${step}`)}</Alert>
            ) : (
              children(complaint)
            )}
          </Stack>
        );
      }}
    </CaseStaffStep>
  );
}

/** A complaint step whose body names the complaint alone. */
function ComplaintOnlyForm({
  accreditationId,
  onDone,
  complaint,
  step: stepType,
}: FormProps & { step: 'AcknowledgeComplaint' | 'CloseComplaint' }) {
  const step = useStepForm({
    initialValues: {},
    submit: (_values, idempotencyKey) => {
      const params = { path: { id: accreditationId }, header: key(idempotencyKey) };
      const body = { complaintId: complaint.complaintId };
      return stepType === 'AcknowledgeComplaint'
        ? api.POST('/accreditations/{id}/complaints/acknowledge', { params, body })
        : api.POST('/accreditations/{id}/complaints/close', { params, body });
    },
    onDone,
  });
  return (
    <form onSubmit={step.onSubmit} noValidate>
      <Stack gap="md">
        <CaseStepFooter step={stepType} form={step} />
      </Stack>
    </form>
  );
}

/**
 * The investigator: anyone but the organisation and those involved in the case (ISO/IEC 17021-1
 * 9.8); the API refuses the case manager and the case's auditors.
 */
function InvestigatorForm({ accreditationId, onDone, complaint }: FormProps) {
  const { t } = useTranslation('staffSteps');
  const people = useQueries({
    queries: investigatorRoles.map((role) =>
      $api.queryOptions('get', '/users', { params: { query: { role, limit: 500 } } }),
    ),
  });
  // Grouped by role; the case's own people are among them, and the API refuses them.
  const groups = investigatorRoles.map((role, index) => ({
    group: t(`investigatorRoles.${role}`),
    items: (people[index]?.data?.items ?? []).map((person) => ({
      value: person.id,
      label: `${person.name} (${person.email})`,
    })),
  }));
  const step = useStepForm({
    initialValues: { investigatorId: complaint.investigation?.investigatorId ?? '' },
    validate: { investigatorId: requiredText(t('required')) },
    submit: ({ investigatorId }, idempotencyKey) =>
      api.POST('/accreditations/{id}/complaints/investigator', {
        params: { path: { id: accreditationId }, header: key(idempotencyKey) },
        body: { complaintId: complaint.complaintId, investigatorId },
      }),
    onDone,
  });
  return (
    <form onSubmit={step.onSubmit} noValidate>
      <Stack gap="md">
        <Select
          label={t('investigator')}
          description={t('investigatorHint')}
          required
          searchable
          data={groups.filter((group) => group.items.length > 0)}
          {...step.form.getInputProps('investigatorId')}
          key={step.form.key('investigatorId')}
        />
        <CaseStepFooter step="AssignComplaintInvestigator" form={step} />
      </Stack>
    </form>
  );
}

export const AcknowledgeComplaintForm = ({ accreditationId, subjectId, onDone }: StepFormProps) => (
  <ComplaintStep accreditationId={accreditationId} subjectId={subjectId} step="AcknowledgeComplaint">
    {(complaint) => (
      <ComplaintOnlyForm
        accreditationId={accreditationId}
        onDone={onDone}
        complaint={complaint}
        step="AcknowledgeComplaint"
      />
    )}
  </ComplaintStep>
);
export const AssignComplaintInvestigatorForm = ({ accreditationId, subjectId, onDone }: StepFormProps) => (
  <ComplaintStep accreditationId={accreditationId} subjectId={subjectId} step="AssignComplaintInvestigator">
    {(complaint) => (
      <InvestigatorForm accreditationId={accreditationId} onDone={onDone} complaint={complaint} />
    )}
  </ComplaintStep>
);
export const CloseComplaintForm = ({ accreditationId, subjectId, onDone }: StepFormProps) => (
  <ComplaintStep accreditationId={accreditationId} subjectId={subjectId} step="CloseComplaint">
    {(complaint) => (
      <ComplaintOnlyForm
        accreditationId={accreditationId}
        onDone={onDone}
        complaint={complaint}
        step="CloseComplaint"
      />
    )}
  </ComplaintStep>
);
