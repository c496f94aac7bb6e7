import { Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatMoment } from '../../app/format';
import { currentLanguage } from '../../i18n';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { type CaseFileView, currentProcedure, personName, useCaseFile } from './case-file';
import { StepFormFrame, StepLoading, StepUnavailable } from './StepFormFrame';
import { required } from './validation';

/** The lead auditor the organisation may still object to: assigned, not objected to, window open. */
function objectable(view: CaseFileView, now: number) {
  const assignment = currentProcedure(view.file)?.auditPlanning?.assignments.at(-1);
  if (!assignment || assignment.objection || assignment.objectionWindowClosedAt) return undefined;
  return Date.parse(assignment.objectionWindowEndsAt) > now ? assignment : undefined;
}

/** `ObjectToAuditor`: the organisation objects to the appointed lead auditor, within the window. */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const { t } = useTranslation('organisationSteps');
  const file = useCaseFile(accreditationId);
  const form = useStepForm({
    initialValues: { reason: '' },
    validate: { reason: required(t('frame.required')) },
    submit: (values, key) =>
      api.POST('/accreditations/{id}/auditor-objection', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': key } },
        body: { reason: values.reason.trim() },
      }),
    onDone,
  });
  if (!file.data) return <StepLoading error={file.error} />;
  const assignment = objectable(file.data, Date.now());
  if (!assignment) return <StepUnavailable title={t('objection.title')} reason={t('objection.closed')} />;
  return (
    <StepFormFrame
      title={t('objection.title')}
      form={form}
      submitLabel={t('objection.submit')}
      refusals={{ objection_window_closed: t('objection.objection_window_closed') }}
      context={
        <Text maw="70ch">
          {t('objection.intro', {
            auditor: personName(file.data, assignment.auditorId) ?? assignment.auditorId,
            date: formatMoment(assignment.objectionWindowEndsAt, currentLanguage()),
          })}
        </Text>
      }
    >
      <Textarea
        key={form.form.key('reason')}
        {...form.form.getInputProps('reason')}
        label={t('objection.reason')}
        required
        autosize
        minRows={4}
      />
    </StepFormFrame>
  );
}
