import { Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { type Catalogue, type Finding, findFinding, useCaseFile, useCatalogue } from './case-file';
import { FindingContext } from './FindingContext';
import { StepFormFrame, StepLoading, StepUnavailable } from './StepFormFrame';
import { required } from './validation';

function ActionPlanFields({
  accreditationId,
  finding,
  catalogue,
  onDone,
}: {
  accreditationId: string;
  finding: Finding;
  catalogue: Catalogue;
  onDone: () => void;
}) {
  const { t } = useTranslation('organisationSteps');
  const form = useStepForm({
    initialValues: { plan: '' },
    validate: { plan: required(t('frame.required')) },
    submit: (values, key) =>
      api.POST('/accreditations/{id}/action-plans', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': key } },
        body: { findingId: finding.findingId, plan: values.plan.trim() },
      }),
    onDone,
  });
  return (
    <StepFormFrame
      title={t('actionPlan.title')}
      form={form}
      submitLabel={t('actionPlan.submit')}
      context={
        <>
          <Text maw="70ch">{t('actionPlan.intro')}</Text>
          <FindingContext finding={finding} catalogue={catalogue} />
        </>
      }
    >
      <Textarea
        key={form.form.key('plan')}
        {...form.form.getInputProps('plan')}
        label={t('actionPlan.plan')}
        required
        autosize
        minRows={5}
      />
    </StepFormFrame>
  );
}

/** `SubmitActionPlan`: the plan for a minor finding (`?subject=` the finding). */
export function Component({ accreditationId, subjectId, onDone }: StepFormProps) {
  const { t } = useTranslation('organisationSteps');
  const file = useCaseFile(accreditationId);
  const catalogue = useCatalogue(file.data?.file.edition);
  if (!file.data || !catalogue.data) return <StepLoading error={file.error ?? catalogue.error} />;
  const finding = findFinding(file.data.file, subjectId);
  if (!finding) return <StepUnavailable title={t('actionPlan.title')} reason={t('finding.notFound')} />;
  if (finding.severity !== 'minor' || finding.status !== 'open') {
    return <StepUnavailable title={t('actionPlan.title')} reason={t('actionPlan.notOpen')} />;
  }
  return (
    <ActionPlanFields
      accreditationId={accreditationId}
      finding={finding}
      catalogue={catalogue.data}
      onDone={onDone}
    />
  );
}
