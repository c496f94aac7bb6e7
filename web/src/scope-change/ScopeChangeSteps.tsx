import { Alert, Radio, Stack, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { CaseStepFrame } from '../case-file/CaseStepFrame';
import { CaseStepFooter } from '../steps/staff/CaseStaffStep';
import { PersonSelect, requiredText } from '../steps/staff/fields';
import type { StepFormProps } from '../steps/types';
import { useStepForm } from '../steps/use-step-form';
import { openScopeChange, type ScopeChange, ScopeChangeFacts } from './ScopeChangeFacts';

type ScopeChangeStep = 'AssessScopeChange' | 'ReviewScopeChangeDocuments' | 'DecideScopeChange';
const stages: Record<ScopeChangeStep, (change: ScopeChange) => boolean> = {
  AssessScopeChange: (change) => change.assessment === null,
  ReviewScopeChangeDocuments: (change) =>
    change.assessment?.method === 'document_review' && change.review === null,
  DecideScopeChange: (change) =>
    change.assessment !== null && (change.assessment.method !== 'document_review' || change.review !== null),
};

interface FieldsProps {
  accreditationId: string;
  change: ScopeChange;
  onDone: () => void;
}

/** A step on an open scope change: the case, what was applied for, then the step's fields. */
function ScopeChangeStepPage({
  step,
  accreditationId,
  subjectId,
  onDone,
  Fields,
}: StepFormProps & { step: ScopeChangeStep; Fields: (props: FieldsProps) => ReactNode }) {
  const { t } = useTranslation('scopeChange');
  const { t: words } = useTranslation('cases');
  const { t: staff } = useTranslation('staffSteps');
  return (
    <CaseStepFrame
      accreditationId={accreditationId}
      title={words(`command.${step}`)}
      intro={staff(`intro.${step}`, { defaultValue: '' })}
    >
      {({ view }) => {
        const change = openScopeChange(view.file, subjectId);
        if (!change || !stages[step](change)) {
          return (
            <Alert color="yellow" role="status">
              {t('notOpen')}
            </Alert>
          );
        }
        return (
          <Stack gap="lg" maw="52rem">
            <ScopeChangeFacts change={change} />
            <Fields accreditationId={accreditationId} change={change} onDone={onDone} />
          </Stack>
        );
      }}
    </CaseStepFrame>
  );
}

const key = (idempotencyKey: string) => ({ 'idempotency-key': idempotencyKey });

/** A choice of two or more, as radio buttons. */
function Choice<Values extends Record<string, unknown>>({
  form,
  field,
  label,
  options,
}: {
  form: UseFormReturnType<Values>;
  field: string;
  label: string;
  options: [string, string][];
}) {
  return (
    <Radio.Group key={form.key(field)} {...form.getInputProps(field)} label={label} withAsterisk>
      <Stack gap={6} mt={6}>
        {options.map(([value, text]) => (
          <Radio key={value} value={value} label={text} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

function TextField<Values extends Record<string, unknown>>(props: {
  form: UseFormReturnType<Values>;
  field: string;
  label: string;
}) {
  return (
    <Textarea
      key={props.form.key(props.field)}
      {...props.form.getInputProps(props.field)}
      label={props.label}
      withAsterisk
      autosize
      minRows={3}
    />
  );
}

const methods = ['approve', 'document_review', 'special_audit'] as const;

function AssessFields({ accreditationId, change, onDone }: FieldsProps) {
  const { t } = useTranslation('scopeChange');
  const { t: staff } = useTranslation('staffSteps');
  const required = requiredText(staff('required'));
  const step = useStepForm({
    initialValues: { method: 'document_review' as (typeof methods)[number], reviewerId: '', reason: '' },
    validate: {
      reviewerId: (value, values) => (values.method === 'document_review' ? required(value) : null),
      reason: (value, values) => (values.method === 'special_audit' ? required(value) : null),
    },
    submit: ({ method, reviewerId, reason }, idempotencyKey) =>
      api.POST('/accreditations/{id}/scope-changes/assessment', {
        params: { path: { id: accreditationId }, header: key(idempotencyKey) },
        body: {
          scopeChangeId: change.scopeChangeId,
          assessment:
            method === 'document_review'
              ? { method, reviewerId }
              : method === 'special_audit'
                ? { method, reason: reason.trim() }
                : { method },
        },
      }),
    onDone,
  });
  const { form } = step;
  // The form keeps its values uncontrolled: the fields a method needs follow it through state.
  const [method, setMethod] = useState<string>(form.getValues().method);
  form.watch('method', ({ value }) => setMethod(value));
  return (
    <form onSubmit={step.onSubmit} noValidate>
      <Stack gap="md">
        <Choice
          form={form}
          field="method"
          label={t('assess.method')}
          options={methods.map((value) => [value, t(`assess.${value}`)])}
        />
        {method === 'document_review' && (
          <PersonSelect form={form} field="reviewerId" userRole="auditor" label={t('assess.reviewer')} />
        )}
        {method === 'special_audit' && (
          <TextField form={form} field="reason" label={t('assess.auditReason')} />
        )}
        <CaseStepFooter step="AssessScopeChange" form={step} />
      </Stack>
    </form>
  );
}

/** A yes-or-no verdict on the change with its grounds in words: the document review, or the decision. */
function VerdictFields({
  step: stepType,
  label,
  yes,
  no,
  textLabel,
  send,
  onDone,
}: {
  step: 'ReviewScopeChangeDocuments' | 'DecideScopeChange';
  label: string;
  yes: string;
  no: string;
  textLabel: string;
  send: (verdict: boolean, text: string, idempotencyKey: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const { t: staff } = useTranslation('staffSteps');
  const required = requiredText(staff('required'));
  const step = useStepForm({
    initialValues: { verdict: '', text: '' },
    validate: { verdict: required, text: required },
    submit: ({ verdict, text }, idempotencyKey) => send(verdict === 'yes', text.trim(), idempotencyKey),
    onDone,
  });
  return (
    <form onSubmit={step.onSubmit} noValidate>
      <Stack gap="md">
        <Choice
          form={step.form}
          field="verdict"
          label={label}
          options={[
            ['yes', yes],
            ['no', no],
          ]}
        />
        <TextField form={step.form} field="text" label={textLabel} />
        <CaseStepFooter step={stepType} form={step} />
      </Stack>
    </form>
  );
}

function ReviewFields({ accreditationId, change, onDone }: FieldsProps) {
  const { t } = useTranslation('scopeChange');
  return (
    <VerdictFields
      step="ReviewScopeChangeDocuments"
      label={t('review.conforming')}
      yes={t('facts.conforming')}
      no={t('facts.notConforming')}
      textLabel={t('review.comment')}
      send={(conforming, comment, idempotencyKey) =>
        api.POST('/accreditations/{id}/scope-changes/document-review', {
          params: { path: { id: accreditationId }, header: key(idempotencyKey) },
          body: { scopeChangeId: change.scopeChangeId, conforming, comment },
        })
      }
      onDone={onDone}
    />
  );
}

function DecideFields({ accreditationId, change, onDone }: FieldsProps) {
  const { t } = useTranslation('scopeChange');
  return (
    <VerdictFields
      step="DecideScopeChange"
      label={t('decide.granted')}
      yes={t('decide.grant')}
      no={t('decide.refuse')}
      textLabel={t('decide.reason')}
      send={(granted, reason, idempotencyKey) =>
        api.POST('/accreditations/{id}/scope-changes/decision', {
          params: { path: { id: accreditationId }, header: key(idempotencyKey) },
          body: { scopeChangeId: change.scopeChangeId, granted, reason },
        })
      }
      onDone={onDone}
    />
  );
}

const page = (step: ScopeChangeStep, Fields: (props: FieldsProps) => ReactNode) =>
  function ScopeChangeStepForm(props: StepFormProps) {
    return <ScopeChangeStepPage {...props} step={step} Fields={Fields} />;
  };

/** Staff choose how the change is assessed. */
export const AssessScopeChangeForm = page('AssessScopeChange', AssessFields);
/** The auditor named reviews the change's documents. */
export const ReviewScopeChangeDocumentsForm = page('ReviewScopeChangeDocuments', ReviewFields);
/** A decision maker who did not audit the case grants or refuses it. */
export const DecideScopeChangeForm = page('DecideScopeChange', DecideFields);
