import { Alert, List } from '@mantine/core';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError, ProblemError } from '../api/problem';
import { problemMessage } from './problem-message';

interface ProblemAlertProps {
  problem: ProblemError;
  /** The page's texts by problem `code` (e.g. `invalid_credentials`). */
  messages?: Readonly<Record<string, string>>;
  /** Field errors no field of the form could show. */
  unplaced?: readonly FieldError[];
}

/** A refusal, at the top of a form or page; it takes focus so a screen reader reads it at once. */
export const ProblemAlert = forwardRef<HTMLDivElement, ProblemAlertProps>(function ProblemAlert(
  { problem, messages, unplaced = [] },
  ref,
) {
  const { t } = useTranslation();
  return (
    <Alert ref={ref} tabIndex={-1} color="red" variant="light" role="alert" title={t('problems.title')}>
      {problemMessage(t, problem, messages)}
      {unplaced.length > 0 && (
        <List size="sm" mt="xs">
          {unplaced.map((error) => (
            <List.Item key={`${error.field}:${error.message}`}>
              {error.field}: {error.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
});
