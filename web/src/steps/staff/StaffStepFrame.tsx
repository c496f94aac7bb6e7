import { Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError, ProblemError } from '../../api/problem';
import { rejectionMessages, type StepType } from '../../cases/status';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';

export type ConfirmedStep = 'Suspend' | 'Reinstate' | 'Withdraw' | 'ScheduleSpecialAudit';

interface StaffStepFrameProps {
  step: StepType;
  /** From `useStepForm`. */
  form: {
    onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
    problem: { problem: ProblemError; unplaced: FieldError[] } | null;
    alertRef: RefObject<HTMLDivElement | null>;
    pending: boolean;
  };
  /** Checks the fields before the confirmation is asked (the form's own rules); true if valid. */
  validate?: () => boolean;
  /** Steps that change the case's standing ask once more before they are sent. */
  confirm?: ConfirmedStep;
  children?: ReactNode;
}

/** A staff step: its title and purpose, the API's refusal at the top, the fields, and the button. */
export function StaffStepFrame({ step, form, validate, confirm, children }: StaffStepFrameProps) {
  const { t } = useTranslation('staffSteps');
  const { t: words } = useTranslation('cases');
  const [confirming, setConfirming] = useState(false);
  const title = words(`command.${step}`);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    if (!confirm) return form.onSubmit(event);
    event.preventDefault();
    if (validate?.() ?? true) setConfirming(true);
  };
  return (
    <Stack gap="md" maw="44rem">
      <Title order={1}>{title}</Title>
      <Text>{t(`intro.${step}`, { defaultValue: '' })}</Text>
      {form.problem && (
        <ProblemAlert
          ref={form.alertRef}
          problem={form.problem.problem}
          unplaced={form.problem.unplaced}
          messages={rejectionMessages(currentLanguage())}
        />
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {children}
          <Group>
            <Button
              type="submit"
              loading={form.pending}
              color={confirm === 'Reinstate' || !confirm ? undefined : 'red'}
            >
              {title}
            </Button>
          </Group>
        </Stack>
      </form>
      {confirm && (
        <Modal
          opened={confirming}
          onClose={() => setConfirming(false)}
          title={t('confirm.title')}
          closeButtonProps={{ 'aria-label': t('confirm.cancel') }}
          centered
        >
          <Stack gap="md">
            <Text>{t(`confirm.${confirm}`)}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t('confirm.cancel')}
              </Button>
              <Button
                color={confirm === 'Reinstate' ? undefined : 'red'}
                onClick={() => {
                  setConfirming(false);
                  form.onSubmit();
                }}
              >
                {title}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
