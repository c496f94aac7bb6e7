import { Fieldset, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { currentLanguage } from '../../i18n';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { type Catalogue, useCaseFile, useCatalogue } from './case-file';
import { DocumentDropzone } from './DocumentDropzone';
import { StepFormFrame, StepLoading, StepUnavailable } from './StepFormFrame';
import { useDocumentSlots } from './use-document-slots';

type ApplicationItem = Catalogue['applicationItems'][number];

function ApplicationFields({
  accreditationId,
  edition,
  items,
  onDone,
}: {
  accreditationId: string;
  edition: string;
  items: ApplicationItem[];
  onDone: () => void;
}) {
  const { t } = useTranslation('organisationSteps');
  const language = currentLanguage();
  const documents = useDocumentSlots();
  const statementPath = (index: number) => `answers.${index}.statement`;
  const emptyItems = (answers: { statement: string }[]) =>
    items.flatMap((item, index) =>
      !answers[index]?.statement.trim() && documents.documentIds(item.id).length === 0 ? [index] : [],
    );
  const form = useStepForm({
    initialValues: { answers: items.map(() => ({ statement: '' })) },
    // Nothing entered at all: no need to ask the API. Which items the application needs is its rule.
    validate: (values) => {
      const empty = emptyItems(values.answers);
      return empty.length < items.length
        ? {}
        : Object.fromEntries(empty.map((index) => [statementPath(index), t('application.itemMissing')]));
    },
    submit: (values, key) =>
      api.POST('/accreditations/{id}/application', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': key } },
        body: {
          items: items.flatMap((item, index) => {
            const statement = values.answers[index]?.statement.trim() ?? '';
            const documentIds = documents.documentIds(item.id);
            if (!statement && documentIds.length === 0) return [];
            return [{ itemId: item.id, documentIds, ...(statement ? { statement } : {}) }];
          }),
        },
      }),
    onDone,
  });
  // Refused as incomplete: the items without a statement or document are marked.
  const marked =
    form.problem?.problem.code === 'application_items_missing'
      ? emptyItems(form.form.getValues().answers)
      : [];

  return (
    <StepFormFrame
      title={t('application.title')}
      form={form}
      busy={documents.busy}
      submitLabel={t('application.submit')}
      refusals={{ application_items_missing: t('application.application_items_missing') }}
      context={<Text maw="70ch">{t('application.intro', { edition })}</Text>}
    >
      {items.map((item, index) => {
        const input = form.form.getInputProps(statementPath(index));
        return (
          <Fieldset key={item.id} legend={t('application.item', { id: item.id })}>
            <Stack gap="sm">
              <Text>{item.text[language]}</Text>
              <Textarea
                key={form.form.key(statementPath(index))}
                {...input}
                error={input.error ?? (marked.includes(index) ? t('application.itemMissing') : undefined)}
                label={t('application.statement', { id: item.id })}
                autosize
                minRows={3}
              />
              <DocumentDropzone
                slot={documents.slot(item.id)}
                label={t('application.documents', { id: item.id })}
              />
            </Stack>
          </Fieldset>
        );
      })}
    </StepFormFrame>
  );
}

/** `SubmitApplication`: the Antrag, one statement and/or documents per §5.1 item of the catalogue. */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const { t } = useTranslation('organisationSteps');
  const file = useCaseFile(accreditationId);
  const catalogue = useCatalogue(file.data?.file.edition);
  if (!file.data || !catalogue.data) return <StepLoading error={file.error ?? catalogue.error} />;
  if (file.data.status !== 'opened') {
    return <StepUnavailable title={t('application.title')} reason={t('application.notOpen')} />;
  }
  return (
    <ApplicationFields
      accreditationId={accreditationId}
      edition={catalogue.data.edition}
      items={catalogue.data.applicationItems}
      onDone={onDone}
    />
  );
}
