import { Alert, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { $api, api } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { isTaskKind } from '../../cases/status';
import { currentLanguage } from '../../i18n';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { instantOf, NewDueAtField, ReasonField, requiredText } from './fields';
import { StaffStepFrame } from './StaffStepFrame';

/** The organisation's tasks whose deadline may be extended, and the deadline each one names. */
const targetOfTask = {
  answer_request: 'information_request',
  submit_corrective_action_evidence: 'corrective_action',
  submit_self_assessment: 'self_assessment',
} as const;
type TargetKind = (typeof targetOfTask)[keyof typeof targetOfTask];

const isExtendable = (kind: string): kind is keyof typeof targetOfTask => Object.hasOwn(targetOfTask, kind);

/** Extend a running deadline of the organisation: which one (its open task), until when, and why. */
export function Component({ accreditationId, subjectId, onDone }: StepFormProps) {
  const { t } = useTranslation('staffSteps');
  const { t: words } = useTranslation('cases');
  const language = currentLanguage();
  const accreditation = $api.useQuery('get', '/accreditations/{id}', {
    params: { path: { id: accreditationId } },
  });
  const targets = (accreditation.data?.openTasks ?? []).flatMap((task) =>
    isExtendable(task.kind) && task.dueAt
      ? [
          {
            value: `${targetOfTask[task.kind]}:${task.subjectId}`,
            label: t('deadlineOf', {
              task: isTaskKind(task.kind) ? words(`task.${task.kind}`) : task.kind,
              date: formatDateTime(task.dueAt, language),
            }),
          },
        ]
      : [],
  );
  const preselected = targets.find(({ value }) => value.endsWith(`:${subjectId}`))?.value ?? '';
  const step = useStepForm({
    initialValues: { target: preselected, newDueAt: '', reason: '' },
    validate: {
      target: requiredText(t('required')),
      newDueAt: requiredText(t('required')),
      reason: requiredText(t('required')),
    },
    submit: ({ target, newDueAt, reason }, idempotencyKey) => {
      const [kind, id = ''] = target.split(/:(.*)/s) as [TargetKind, string?];
      return api.POST('/accreditations/{id}/deadline-extensions', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': idempotencyKey } },
        body: { target: { kind, id }, newDueAt: instantOf(newDueAt), reason },
      });
    },
    onDone,
  });
  return (
    <StaffStepFrame step="ExtendDeadline" form={step}>
      {accreditation.data && targets.length === 0 && <Alert color="yellow">{t('noDeadline')}</Alert>}
      <Select
        label={t('deadline')}
        required
        data={targets}
        {...step.form.getInputProps('target')}
        key={`${step.form.key('target')}-${targets.length}`}
        defaultValue={preselected || null}
      />
      <NewDueAtField form={step.form} />
      <ReasonField form={step.form} />
    </StaffStepFrame>
  );
}
