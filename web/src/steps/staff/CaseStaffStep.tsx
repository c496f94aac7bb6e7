import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError, ProblemError } from '../../api/problem';
import { CaseStepFrame, type StepCase } from '../../case-file/CaseStepFrame';
import { rejectionMessages, type StepType } from '../../cases/status';
import { currentLanguage } from '../../i18n';
import { FormFooter } from '../auditor/FormFooter';

/**
 * A staff or decision maker's step that needs the case file to decide: the step's title and
 * purpose, the case, and what the form shows of its file (`children`).
 */
export function CaseStaffStep({
  accreditationId,
  step,
  children,
}: {
  accreditationId: string;
  step: StepType;
  children: (stepCase: StepCase) => ReactNode;
}) {
  const { t } = useTranslation('staffSteps');
  const { t: words } = useTranslation('cases');
  return (
    <CaseStepFrame
      accreditationId={accreditationId}
      title={words(`command.${step}`)}
      intro={t(`intro.${step}`, { defaultValue: '' })}
    >
      {children}
    </CaseStepFrame>
  );
}

/** The end of such a step's form: the API's refusal in the workflow's words, and the step's button. */
export function CaseStepFooter({
  step,
  form,
  color,
}: {
  step: StepType;
  form: {
    problem: { problem: ProblemError; unplaced: FieldError[] } | null;
    alertRef: RefObject<HTMLDivElement | null>;
    pending: boolean;
  };
  color?: string;
}) {
  const { t: words } = useTranslation('cases');
  return (
    <FormFooter
      problem={form.problem}
      alertRef={form.alertRef}
      pending={form.pending}
      label={words(`command.${step}`)}
      color={color}
      refusals={rejectionMessages(currentLanguage())}
    />
  );
}
