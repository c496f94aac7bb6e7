import { Button, Group } from '@mantine/core';
import type { ReactNode, RefObject } from 'react';
import type { FieldError, ProblemError } from '../../api/problem';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { useRefusals } from './refusals';

/** The end of a step form: the API's refusal (in words, taking focus) and the submit button. */
export function FormFooter({
  problem,
  alertRef,
  pending,
  label,
  color,
  refusals,
  children,
}: {
  problem: { problem: ProblemError; unplaced: FieldError[] } | null;
  alertRef: RefObject<HTMLDivElement | null>;
  pending: boolean;
  label: string;
  color?: string;
  /** Texts for refusal codes beyond the auditor forms' own. */
  refusals?: Readonly<Record<string, string>>;
  children?: ReactNode;
}) {
  const auditorRefusals = useRefusals();
  const messages = { ...auditorRefusals, ...refusals };
  return (
    <>
      {problem && (
        <ProblemAlert
          ref={alertRef}
          problem={problem.problem}
          unplaced={problem.unplaced}
          messages={messages}
        />
      )}
      <Group gap="sm">
        <Button type="submit" loading={pending} color={color}>
          {label}
        </Button>
        {children}
      </Group>
    </>
  );
}
