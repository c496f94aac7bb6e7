import { List, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatMoment } from '../../app/format';
import { currentLanguage } from '../../i18n';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { type CaseFile, findRequest, useCaseFile } from './case-file';
import { DocumentDropzone } from './DocumentDropzone';
import { StepFormFrame, StepLoading, StepUnavailable } from './StepFormFrame';
import { useDocumentSlots } from './use-document-slots';
import { required } from './validation';

type Request = NonNullable<ReturnType<typeof findRequest>>;

/** The question as DIM asked it, with the deadline. */
function RequestContext({ request }: { request: Request }) {
  const { t } = useTranslation('organisationSteps');
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Text fw={600}>
          {request.kind === 'documents' ? t('request.documents') : t('request.information')}
        </Text>
        <List spacing={4}>
          {request.items.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
        <Text size="sm">
          {t('request.respondBy', { date: formatMoment(request.respondBy, currentLanguage()) })}
        </Text>
      </Stack>
    </Paper>
  );
}

function RequestAnswerFields({
  accreditationId,
  request,
  onDone,
}: {
  accreditationId: string;
  request: Request;
  onDone: () => void;
}) {
  const { t } = useTranslation('organisationSteps');
  const documents = useDocumentSlots();
  const form = useStepForm({
    initialValues: { answer: '' },
    validate: { answer: required(t('frame.required')) },
    submit: (values, key) =>
      api.POST('/accreditations/{id}/information-responses', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': key } },
        body: {
          requestId: request.requestId,
          answer: values.answer.trim(),
          documentIds: documents.documentIds('answer'),
        },
      }),
    onDone,
  });
  return (
    <StepFormFrame
      title={t('request.title')}
      form={form}
      busy={documents.busy}
      submitLabel={t('request.submit')}
      refusals={{
        unknown_request: t('request.unknown_request'),
        response_deadline_passed: t('request.response_deadline_passed'),
      }}
      context={<RequestContext request={request} />}
    >
      <Textarea
        key={form.form.key('answer')}
        {...form.form.getInputProps('answer')}
        label={t('request.answer')}
        required
        autosize
        minRows={5}
      />
      <DocumentDropzone slot={documents.slot('answer')} label={t('request.attachments')} />
    </StepFormFrame>
  );
}

const isOpen = (request: Request) => request.answer === null && request.lapsedAt === null;

/** `ProvideInformation`: the answer to a request for information or documents (`?subject=` the request). */
export function Component({ accreditationId, subjectId, onDone }: StepFormProps) {
  const { t } = useTranslation('organisationSteps');
  const file = useCaseFile(accreditationId);
  if (!file.data) return <StepLoading error={file.error} />;
  const request = findRequest(file.data.file as CaseFile, subjectId);
  if (!request || !isOpen(request)) {
    return <StepUnavailable title={t('request.title')} reason={t('request.notOpen')} />;
  }
  return <RequestAnswerFields accreditationId={accreditationId} request={request} onDone={onDone} />;
}
