import { Button, Fieldset, Group, NativeSelect, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { CaseStepFrame, type StepCase } from '../../case-file/CaseStepFrame';
import { useCaseLookup } from '../../case-file/lookup';
import { auditElementIds } from '../../case-file/ProcedureView';
import { currentLanguage } from '../../i18n';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { FormFooter } from './FormFooter';
import { closedReviewGaps, ReviewGapFields, type ReviewGapRow, reviewGapRows } from './ReviewGapFields';

const severities = ['major', 'minor', 'observation'] as const;
type Severity = (typeof severities)[number];
interface FindingRow {
  requirementId: string;
  severity: Severity;
  description: string;
}
type Values = { element: string; findings: FindingRow[]; reviewGaps: ReviewGapRow[] };
type Form = UseFormReturnType<Values>;

function FindingFields({ form, index, stepCase }: { form: Form; index: number; stepCase: StepCase }) {
  const { t } = useTranslation('auditorSteps');
  const { t: tFile } = useTranslation('caseFile');
  const language = currentLanguage();
  const number = index + 1;
  return (
    <li style={{ listStyle: 'none' }}>
      <Fieldset legend={t('auditElement.finding', { number })}>
        <Stack gap="sm">
          <NativeSelect
            key={form.key(`findings.${index}.requirementId`)}
            {...form.getInputProps(`findings.${index}.requirementId`)}
            label={t('auditElement.requirement')}
            withAsterisk
            data={[
              { value: '', label: t('auditElement.chooseRequirement') },
              ...stepCase.catalogue.requirements.map((requirement) => ({
                value: requirement.id,
                label: `${requirement.id} – ${requirement.text[language]}`,
              })),
            ]}
          />
          <Radio.Group
            key={form.key(`findings.${index}.severity`)}
            {...form.getInputProps(`findings.${index}.severity`)}
            label={t('auditElement.severity')}
            withAsterisk
          >
            <Group gap="lg" mt={6}>
              {severities.map((severity) => (
                <Radio key={severity} value={severity} label={tFile(`findings.severity.${severity}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea
            key={form.key(`findings.${index}.description`)}
            {...form.getInputProps(`findings.${index}.description`)}
            label={t('auditElement.description')}
            withAsterisk
            autosize
            minRows={2}
            maxLength={4000}
          />
          <Group>
            <Button variant="subtle" color="red" onClick={() => form.removeListItem('findings', index)}>
              {t('auditElement.remove', { number })}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </li>
  );
}

function AuditElementForm({
  stepCase,
  element,
  onDone,
}: {
  stepCase: StepCase;
  element: string | undefined;
  onDone: () => void;
}) {
  const { t } = useTranslation('auditorSteps');
  const lookup = useCaseLookup();
  const reported = new Set(stepCase.procedure?.auditElements.map((report) => report.element));
  const open = auditElementIds(stepCase.catalogue).filter((id) => !reported.has(id));
  const { form, onSubmit, problem, alertRef, pending } = useStepForm<Values, unknown>({
    initialValues: {
      element: element ?? (open.length === 1 ? (open[0] ?? '') : ''),
      findings: [],
      reviewGaps: reviewGapRows(stepCase.procedure),
    },
    validate: {
      element: (value) => (value ? null : t('auditElement.chooseElement')),
      findings: {
        requirementId: (value) => (value ? null : t('auditElement.chooseRequirement')),
        description: (value) => (value.trim() ? null : t('required')),
      },
      reviewGaps: {
        comment: (value, values, path) =>
          values.reviewGaps[Number(path.split('.')[1])]?.closed && !value.trim() ? t('required') : null,
      },
    },
    submit: async (values, key) => {
      const { data } = await api.POST('/accreditations/{id}/audit-elements', {
        params: { path: { id: stepCase.view.accreditationId }, header: { 'idempotency-key': key } },
        body: {
          element: values.element,
          findings: values.findings.map((finding) => ({
            ...finding,
            description: finding.description.trim(),
          })),
          reviewGapsClosed: closedReviewGaps(values.reviewGaps),
        },
      });
      return data;
    },
    onDone,
  });
  const findings = form.useWatchValue('findings');
  const chosen = form.useWatchValue('element');
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw="52rem">
        {element ? (
          <Stack gap={2}>
            <Title order={2} size="h3">
              {lookup.elementName(element)}
            </Title>
            <Text>{lookup.entry(element)}</Text>
          </Stack>
        ) : (
          <NativeSelect
            key={form.key('element')}
            {...form.getInputProps('element')}
            label={t('auditElement.element')}
            withAsterisk
            data={[
              { value: '', label: t('auditElement.chooseElement') },
              ...open.map((id) => ({ value: id, label: lookup.elementName(id) })),
            ]}
          />
        )}
        {!element && open.length === 0 && <Text>{t('auditElement.allReported')}</Text>}
        {!element && chosen && <Text size="sm">{lookup.entry(chosen)}</Text>}
        <Title order={2} size="h3">
          {t('auditElement.findings')}
        </Title>
        {findings.length === 0 && <Text>{t('auditElement.noFindings')}</Text>}
        <Stack component="ol" gap="sm" p={0} m={0}>
          {findings.map((_, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: Mantine's list fields are addressed by index.
            <FindingFields key={index} form={form} index={index} stepCase={stepCase} />
          ))}
        </Stack>
        <ReviewGapFields form={form} />
        <Group>
          <Button
            variant="default"
            onClick={() =>
              form.insertListItem('findings', { requirementId: '', severity: 'minor', description: '' })
            }
          >
            {t('auditElement.add')}
          </Button>
        </Group>
        <FormFooter
          problem={problem}
          alertRef={alertRef}
          pending={pending}
          label={t('auditElement.submit')}
        />
      </Stack>
    </form>
  );
}

/** `CompleteAuditElement`: one §5.2 element of the audit, reported with its findings. */
export function Component({ accreditationId, subjectId, onDone }: StepFormProps) {
  const { t } = useTranslation('auditorSteps');
  return (
    <CaseStepFrame
      accreditationId={accreditationId}
      title={t('auditElement.title')}
      intro={t('auditElement.intro')}
    >
      {(stepCase) => {
        const element =
          subjectId && auditElementIds(stepCase.catalogue).includes(subjectId) ? subjectId : undefined;
        return <AuditElementForm stepCase={stepCase} element={element} onDone={onDone} />;
      }}
    </CaseStepFrame>
  );
}
