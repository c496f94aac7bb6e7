import { Alert, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApplicationView, RequestsView } from '../../case-file/ApplicationView';
import { type TextList, TextListField, textsOf } from '../../forms/TextListField';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { CaseStaffStep, CaseStepFooter } from './CaseStaffStep';
import { requiredText } from './fields';

type ReviewStep = 'RejectApplication' | 'RequestInformation';
type Values = { texts: TextList };

/** The statuses in which the step is possible (domain/decide: `inStatus`); otherwise the page says why not. */
const possibleIn: Record<ReviewStep, readonly string[]> = {
  RequestInformation: ['application_review'],
  RejectApplication: ['application_review', 'awaiting_applicant'],
};

function send(step: ReviewStep, accreditationId: string, texts: string[], idempotencyKey: string) {
  const params = { path: { id: accreditationId }, header: { 'idempotency-key': idempotencyKey } };
  return step === 'RejectApplication'
    ? api.POST('/accreditations/{id}/application/reject', { params, body: { reasons: texts } })
    : api.POST('/accreditations/{id}/information-requests', { params, body: { questions: texts } });
}

/** The reasons of a rejection, or the questions of a request: one text each, at least one. */
function TextsForm({
  accreditationId,
  step,
  onDone,
}: Pick<StepFormProps, 'accreditationId' | 'onDone'> & { step: ReviewStep }) {
  const { t } = useTranslation('staffSteps');
  const words = step === 'RejectApplication' ? 'rejectApplication' : 'requestInformation';
  const form = useStepForm<Values, unknown>({
    initialValues: { texts: [{ text: '' }] },
    validate: { texts: { text: requiredText(t('required')) } },
    submit: (values, key) => send(step, accreditationId, textsOf(values.texts), key),
    onDone,
  });
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <Stack gap="md" maw="52rem">
        <TextListField
          form={form.form}
          field="texts"
          label={(number) => t(`${words}.item`, { number })}
          add={t(`${words}.add`)}
          remove={(number) => t(`${words}.remove`, { number })}
        />
        <CaseStepFooter step={step} form={form} color={step === 'RejectApplication' ? 'red' : undefined} />
      </Stack>
    </form>
  );
}

/** The case manager's review of the Antrag: the Antrag and earlier requests shown, then the form. */
function ApplicationReviewStep({ accreditationId, onDone, step }: StepFormProps & { step: ReviewStep }) {
  const { t } = useTranslation('staffSteps');
  return (
    <CaseStaffStep accreditationId={accreditationId} step={step}>
      {({ procedure, view }) => (
        <Stack gap="lg">
          {procedure && <ApplicationView procedure={procedure} order={2} />}
          {procedure && <RequestsView requests={procedure.requests} order={2} />}
          {possibleIn[step].includes(view.status) ? (
            <TextsForm accreditationId={accreditationId} step={step} onDone={onDone} />
          ) : (
            <Alert color="blue">{t(`notInReview.${step}`)}</Alert>
          )}
        </Stack>
      )}
    </CaseStaffStep>
  );
}

export const RejectApplicationForm = (props: StepFormProps) => (
  <ApplicationReviewStep {...props} step="RejectApplication" />
);
export const RequestInformationForm = (props: StepFormProps) => (
  <ApplicationReviewStep {...props} step="RequestInformation" />
);
