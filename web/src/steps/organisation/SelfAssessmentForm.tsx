import { Alert, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatMoment } from '../../app/format';
import { currentLanguage } from '../../i18n';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { CatalogueRequirements } from './CatalogueRequirements';
import {
  type CaseFile,
  type Catalogue,
  catalogueText,
  findSelfAssessment,
  useCaseFile,
  useCatalogue,
} from './case-file';
import { DocumentDropzone } from './DocumentDropzone';
import { StepFormFrame, StepLoading, StepUnavailable } from './StepFormFrame';
import { useDocumentSlots } from './use-document-slots';
import { required } from './validation';

type SelfAssessment = CaseFile['selfAssessments'][number];

/** Open: nothing submitted yet, or DIM asked for more after the last submission. */
function isOpen(selfAssessment: SelfAssessment): boolean {
  const lastSubmission = selfAssessment.submissions.at(-1);
  const lastReview = selfAssessment.reviews.at(-1);
  if (!lastSubmission) return true;
  return lastReview?.outcome === 'follow_up_requested' && lastReview.at >= lastSubmission.at;
}

function SelfAssessmentFields({
  accreditationId,
  selfAssessment,
  catalogue,
  onDone,
}: {
  accreditationId: string;
  selfAssessment: SelfAssessment;
  catalogue: Catalogue;
  onDone: () => void;
}) {
  const { t } = useTranslation('organisationSteps');
  const language = currentLanguage();
  const documents = useDocumentSlots();
  const findings = selfAssessment.findingsToEvidence ?? [];
  const form = useStepForm({
    initialValues: { statement: '', evidence: findings.map(() => ({ description: '' })) },
    validate: {
      statement: required(t('frame.required')),
      evidence: { description: required(t('frame.required')) },
    },
    submit: (values, key) =>
      api.POST('/accreditations/{id}/self-assessments', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': key } },
        body: {
          selfAssessmentId: selfAssessment.selfAssessmentId,
          statement: values.statement.trim(),
          documentIds: documents.documentIds('self-assessment'),
          ...(findings.length > 0
            ? {
                findingEvidence: findings.map(({ findingId }, index) => ({
                  findingId,
                  description: values.evidence[index]?.description.trim() ?? '',
                  documentIds: documents.documentIds(`finding-${findingId}`),
                })),
              }
            : {}),
        },
      }),
    onDone,
  });
  const followUp = selfAssessment.reviews.at(-1);
  return (
    <StepFormFrame
      title={t('selfAssessment.title')}
      form={form}
      busy={documents.busy}
      submitLabel={t('selfAssessment.submit')}
      refusals={{
        self_assessment_not_open: t('selfAssessment.self_assessment_not_open'),
        finding_evidence_missing: t('selfAssessment.finding_evidence_missing'),
      }}
      context={
        <Stack gap="sm">
          <Text maw="70ch">
            {t('selfAssessment.intro', {
              edition: catalogue.edition,
              number: selfAssessment.certificateNumber,
            })}
          </Text>
          <Text fw={600}>
            {t('selfAssessment.due', { date: formatMoment(selfAssessment.dueAt, language) })}
          </Text>
          {followUp?.outcome === 'follow_up_requested' && (
            <Alert color="orange" variant="light">
              {t('selfAssessment.followUp', { comment: followUp.comment ?? '' })}
            </Alert>
          )}
          <Title order={2} size="h4">
            {t('selfAssessment.requirements')}
          </Title>
          <Text maw="70ch">{t('selfAssessment.requirementsHint')}</Text>
          <CatalogueRequirements catalogue={catalogue} />
        </Stack>
      }
    >
      <Textarea
        key={form.form.key('statement')}
        {...form.form.getInputProps('statement')}
        label={t('selfAssessment.statement')}
        required
        autosize
        minRows={8}
      />
      <DocumentDropzone slot={documents.slot('self-assessment')} label={t('selfAssessment.attachments')} />
      {findings.length > 0 && (
        <Stack gap="md" component="section" aria-labelledby="findings-to-evidence">
          <Title order={2} size="h4" id="findings-to-evidence">
            {t('selfAssessment.findingsTitle')}
          </Title>
          <Text maw="70ch">{t('selfAssessment.findingsIntro')}</Text>
          {findings.map((finding, index) => (
            <Paper key={finding.findingId} withBorder p="md">
              <Stack gap="sm">
                <Text fw={600}>
                  {finding.requirementId}:{' '}
                  {catalogueText(catalogue.requirements, finding.requirementId, language)}
                </Text>
                <Text>{t('selfAssessment.finding', { text: finding.description })}</Text>
                <Textarea
                  key={form.form.key(`evidence.${index}.description`)}
                  {...form.form.getInputProps(`evidence.${index}.description`)}
                  label={t('selfAssessment.evidence', { requirement: finding.requirementId })}
                  required
                  autosize
                  minRows={3}
                />
                <DocumentDropzone
                  slot={documents.slot(`finding-${finding.findingId}`)}
                  label={t('selfAssessment.evidenceAttachments', { requirement: finding.requirementId })}
                />
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </StepFormFrame>
  );
}

/** `SubmitSelfAssessment`: the yearly Selbstbewertung over the catalogue (`?subject=` the self-assessment). */
export function Component({ accreditationId, subjectId, onDone }: StepFormProps) {
  const { t } = useTranslation('organisationSteps');
  const file = useCaseFile(accreditationId);
  const catalogue = useCatalogue(file.data?.file.edition);
  if (!file.data || !catalogue.data) return <StepLoading error={file.error ?? catalogue.error} />;
  const selfAssessment = findSelfAssessment(file.data.file, subjectId);
  if (!selfAssessment || !isOpen(selfAssessment)) {
    return <StepUnavailable title={t('selfAssessment.title')} reason={t('selfAssessment.notOpen')} />;
  }
  return (
    <SelfAssessmentFields
      accreditationId={accreditationId}
      selfAssessment={selfAssessment}
      catalogue={catalogue.data}
      onDone={onDone}
    />
  );
}
