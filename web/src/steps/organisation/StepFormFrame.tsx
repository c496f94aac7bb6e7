import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, type RefObject, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError, ProblemError } from '../../api/problem';
import { asProblem } from '../../api/problem';
import { PageLoader } from '../../app/PageLoader';
import { ProblemAlert } from '../../forms/ProblemAlert';

interface StepFormFrameProps {
  title: string;
  /** What the step is about, above the fields: the question, the finding, the deadline. */
  context?: ReactNode;
  /** From `useStepForm`. */
  form: {
    onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
    problem: { problem: ProblemError; unplaced: FieldError[] } | null;
    alertRef: RefObject<HTMLDivElement | null>;
    pending: boolean;
  };
  /** The form's own words for the API's refusals, by problem code. */
  refusals?: Readonly<Record<string, string>>;
  /** Documents are still uploading: the step waits for them. */
  busy?: boolean;
  submitLabel: string;
  children: ReactNode;
}

/**
 * A refusal because the case has moved on (409: someone else took the step, a deadline passed):
 * the reads no page shows now are dropped, so the next page (the portal's task list) loads the case
 * as it is now instead of showing what it remembers first. This form keeps what it shows, with the
 * refusal, until the person leaves it.
 */
function useRefreshAfterConflict(problem: ProblemError | undefined) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (problem?.status !== 409) return;
    queryClient.removeQueries({ predicate: (query) => query.getObserversCount() === 0 });
    void queryClient.invalidateQueries({ refetchType: 'none' });
  }, [problem, queryClient]);
}

/**
 * The frame of each of the organisation's step forms: heading, what the step is about, the API's
 * refusal at the top (it takes focus), the fields, and one submit button.
 */
export function StepFormFrame({
  title,
  context,
  form,
  refusals,
  busy = false,
  submitLabel,
  children,
}: StepFormFrameProps) {
  const { t } = useTranslation('organisationSteps');
  const messages = { invalid_transition: t('frame.invalid_transition'), ...refusals };
  useRefreshAfterConflict(form.problem?.problem);
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <Stack gap="lg">
        <Title order={1}>{title}</Title>
        {context}
        {form.problem && (
          <ProblemAlert
            ref={form.alertRef}
            problem={form.problem.problem}
            unplaced={form.problem.unplaced}
            messages={messages}
          />
        )}
        {children}
        <Group gap="sm">
          <Button type="submit" loading={form.pending} disabled={busy}>
            {submitLabel}
          </Button>
          {busy && (
            <Text size="sm" role="status">
              {t('frame.uploadsPending')}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The step cannot be taken (any more): said plainly, under the step's heading. */
export function StepUnavailable({ title, reason }: { title: string; reason: string }) {
  return (
    <Stack gap="lg">
      <Title order={1}>{title}</Title>
      <Alert color="yellow" variant="light" role="status">
        {reason}
      </Alert>
    </Stack>
  );
}

/** While what the form needs loads, or the refusal to load it. */
export function StepLoading({ error }: { error: unknown }) {
  return error ? <ProblemAlert problem={asProblem(error)} /> : <PageLoader />;
}
