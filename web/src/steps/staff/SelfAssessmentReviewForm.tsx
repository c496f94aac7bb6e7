import { Alert, Group, Radio, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { SelfAssessmentView } from '../../case-file/SurveillanceView';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { CaseStaffStep, CaseStepFooter } from './CaseStaffStep';

const outcomes = ['accepted', 'follow_up_requested'] as const;
type Outcome = (typeof outcomes)[number];

function ReviewForm({
  accreditationId,
  selfAssessmentId,
  onDone,
}: Pick<StepFormProps, 'accreditationId' | 'onDone'> & { selfAssessmentId: string }) {
  const { t } = useTranslation('staffSteps');
  const step = useStepForm({
    initialValues: { outcome: '', comment: '' },
    validate: {
      outcome: (value) => (value ? null : t('required')),
      // A follow-up says what the organisation is to answer; an acceptance may say nothing.
      comment: (value, values) =>
        values.outcome === 'follow_up_requested' && !value.trim()
          ? t('selfAssessmentReview.commentRequired')
          : null,
    },
    submit: ({ outcome, comment }, idempotencyKey) => {
      const text = comment.trim();
      const review =
        (outcome as Outcome) === 'follow_up_requested'
          ? { outcome: 'follow_up_requested' as const, comment: text }
          : { outcome: 'accepted' as const, ...(text ? { comment: text } : {}) };
      return api.POST('/accreditations/{id}/self-assessments/review', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': idempotencyKey } },
        body: { selfAssessmentId, review },
      });
    },
    onDone,
  });
  const { form } = step;
  return (
    <form onSubmit={step.onSubmit} noValidate>
      <Stack gap="md" maw="52rem">
        <Radio.Group
          key={form.key('outcome')}
          {...form.getInputProps('outcome')}
          label={t('selfAssessmentReview.outcome')}
          withAsterisk
        >
          <Group gap="lg" mt={6}>
            {outcomes.map((outcome) => (
              <Radio key={outcome} value={outcome} label={t(`selfAssessmentReview.${outcome}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          key={form.key('comment')}
          {...form.getInputProps('comment')}
          label={t('selfAssessmentReview.comment')}
          description={t('selfAssessmentReview.commentHint')}
          autosize
          minRows={3}
          maxLength={4000}
        />
        <CaseStepFooter step="ReviewSelfAssessment" form={step} />
      </Stack>
    </form>
  );
}

/** Staff review a submitted Selbstbewertung: accept it, or ask the organisation to follow up. */
export function Component({ accreditationId, subjectId, onDone }: StepFormProps) {
  const { t } = useTranslation('staffSteps');
  return (
    <CaseStaffStep accreditationId={accreditationId} step="ReviewSelfAssessment">
      {({ view }) => {
        const assessment = view.file.selfAssessments.find((entry) => entry.selfAssessmentId === subjectId);
        if (!assessment) {
          return <Alert color="yellow">{t('selfAssessmentReview.unknown', { id: subjectId ?? '' })}</Alert>;
        }
        return (
          <Stack gap="lg">
            <SelfAssessmentView assessment={assessment} order={2} />
            {/* Each submission is reviewed once; a follow-up waits for the next submission. */}
            {assessment.submissions.length > assessment.reviews.length ? (
              <ReviewForm
                accreditationId={accreditationId}
                selfAssessmentId={assessment.selfAssessmentId}
                onDone={onDone}
              />
            ) : (
              <Alert color="blue">{t('selfAssessmentReview.notAwaiting')}</Alert>
            )}
          </Stack>
        );
      }}
    </CaseStaffStep>
  );
}
