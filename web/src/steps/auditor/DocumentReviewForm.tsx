import { stepPagePath } from '@domain/step-pages';
import { Anchor, Grid, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { CaseStepFrame, type StepCase } from '../../case-file/CaseStepFrame';
import { DocumentLink } from '../../case-file/DocumentLinks';
import { useCaseLookup } from '../../case-file/lookup';
import { currentLanguage } from '../../i18n';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { FormFooter } from './FormFooter';

interface Row {
  requirementId: string;
  result: '' | 'conforming' | 'gap';
  comment: string;
}
type Values = { results: Row[] };
type Form = UseFormReturnType<Values>;

const rowIndex = (path: string) => Number(path.split('.')[1]);

function RequirementRow({
  form,
  index,
  requirementId,
}: {
  form: Form;
  index: number;
  requirementId: string;
}) {
  const { t } = useTranslation('auditorSteps');
  const lookup = useCaseLookup();
  const requirement = lookup.requirement(requirementId);
  const result = form.useWatchValue(`results.${index}.result`);
  return (
    <Paper withBorder p="sm" component="li" style={{ listStyle: 'none' }} data-requirement={requirementId}>
      <Stack gap="xs">
        <Radio.Group
          key={form.key(`results.${index}.result`)}
          {...form.getInputProps(`results.${index}.result`)}
          label={
            <>
              <Text span fw={700}>
                {requirement.label}
              </Text>{' '}
              <Text span>{requirement.text}</Text>
            </>
          }
          withAsterisk
        >
          <Group gap="lg" mt={6}>
            <Radio value="conforming" label={t('documentReview.conforming')} />
            <Radio value="gap" label={t('documentReview.gap')} color="red" />
          </Group>
        </Radio.Group>
        <Textarea
          key={form.key(`results.${index}.comment`)}
          {...form.getInputProps(`results.${index}.comment`)}
          label={t('documentReview.remark', { requirement: requirementId })}
          description={t('documentReview.remarkHint')}
          withAsterisk={result === 'gap'}
          autosize
          minRows={1}
          maxLength={4000}
        />
      </Stack>
    </Paper>
  );
}

/** The documents of the procedure under review, each a download link. */
function SubmittedDocuments({ stepCase }: { stepCase: StepCase }) {
  const { t } = useTranslation('auditorSteps');
  const number = stepCase.procedure?.number;
  const documents = stepCase.view.documents.filter((document) =>
    document.uses.some((use) => use.procedure === number),
  );
  return (
    <Paper withBorder p="sm" component="aside" aria-labelledby="submitted-documents" pos="sticky" top={76}>
      <Title order={2} size="h4" id="submitted-documents" mb="xs">
        {t('documentReview.documents')}
      </Title>
      {documents.length === 0 && <Text size="sm">{t('documentReview.noDocuments')}</Text>}
      <Stack component="ul" gap={6} p={0} m={0}>
        {documents.map((document) => (
          <li key={document.id} style={{ listStyle: 'none' }}>
            <DocumentLink document={document} />
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

function Progress({ form, total }: { form: Form; total: number }) {
  const { t } = useTranslation('auditorSteps');
  const results = form.useWatchValue('results');
  const done = results.filter((row) => row.result !== '').length;
  return (
    <Text size="sm" fw={600} role="status">
      {t('documentReview.progress', { done, total })}
    </Text>
  );
}

function DocumentReviewForm({ stepCase, onDone }: { stepCase: StepCase; onDone: () => void }) {
  const { t } = useTranslation('auditorSteps');
  const { view, catalogue } = stepCase;
  const language = currentLanguage();
  const { form, onSubmit, problem, alertRef, pending } = useStepForm<Values, unknown>({
    initialValues: {
      results: catalogue.requirements.map(({ id }) => ({ requirementId: id, result: '', comment: '' })),
    },
    validate: {
      results: {
        result: (value) => (value ? null : t('documentReview.chooseResult')),
        comment: (value, values, path) =>
          values.results[rowIndex(path)]?.result === 'gap' && !value.trim()
            ? t('documentReview.remarkRequired')
            : null,
      },
    },
    submit: async (values, key) => {
      const results = values.results.map(({ requirementId, result, comment }) =>
        result === 'gap'
          ? { requirementId, result, comment: comment.trim() }
          : {
              requirementId,
              result: 'conforming' as const,
              ...(comment.trim() ? { comment: comment.trim() } : {}),
            },
      );
      const { data } = await api.POST('/accreditations/{id}/document-review', {
        params: { path: { id: view.accreditationId }, header: { 'idempotency-key': key } },
        body: { results },
      });
      return data;
    },
    onDone,
  });
  const rows = catalogue.requirements.map((requirement, index) => ({ ...requirement, index }));
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="lg">
            {catalogue.sections
              .filter((section) => rows.some((row) => row.section === section.number))
              .map((section) => (
                <Stack
                  key={section.number}
                  gap="xs"
                  component="section"
                  aria-labelledby={`section-${section.number}`}
                >
                  <Title order={2} size="h3" id={`section-${section.number}`}>
                    {section.number} {section.title[language]}
                  </Title>
                  {section.leadIn && <Text size="sm">{section.leadIn[language]}</Text>}
                  <Stack component="ol" gap="xs" p={0} m={0}>
                    {rows
                      .filter((row) => row.section === section.number)
                      .map((row) => (
                        <RequirementRow key={row.id} form={form} index={row.index} requirementId={row.id} />
                      ))}
                  </Stack>
                </Stack>
              ))}
            <Progress form={form} total={rows.length} />
            <FormFooter
              problem={problem}
              alertRef={alertRef}
              pending={pending}
              label={t('documentReview.submit')}
            >
              <Anchor component={Link} to={stepPagePath(view.accreditationId, 'RequestDocuments')}>
                {t('documentReview.requestInstead')}
              </Anchor>
            </FormFooter>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <SubmittedDocuments stepCase={stepCase} />
      </Grid.Col>
    </Grid>
  );
}

/** `CompleteDocumentReview`: the Dokumentenprüfung, one row per catalogue requirement. */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const { t } = useTranslation('auditorSteps');
  return (
    <CaseStepFrame
      accreditationId={accreditationId}
      title={t('documentReview.title')}
      intro={t('documentReview.intro')}
    >
      {(stepCase) => <DocumentReviewForm stepCase={stepCase} onDone={onDone} />}
    </CaseStepFrame>
  );
}
