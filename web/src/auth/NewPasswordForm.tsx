import { Button, PasswordInput, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '../forms/ProblemAlert';
import { useApiForm } from '../forms/use-api-form';
import type { SessionAnswer } from './contract';
import { useStartSession } from './session';

interface NewPasswordFormProps {
  submitLabel: string;
  /** Sends the token and the password; the answer is the new session. */
  send: (password: string) => Promise<SessionAnswer | undefined>;
  /** Texts by problem code (`invitation_invalid`, `reset_token_invalid`). */
  messages: Readonly<Record<string, string>>;
}

/**
 * Choosing a password with a token from an e-mail (invitation, reset). How strong it must be is
 * the API's rule: its refusal appears at the password field.
 */
export function NewPasswordForm({ submitLabel, send, messages }: NewPasswordFormProps) {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const startSession = useStartSession();
  const { form, onSubmit, problem, alertRef, pending } = useApiForm({
    initialValues: { password: '', repeat: '' },
    validate: {
      password: (value) => (value ? null : t('required')),
      repeat: (value, values) => (value === values.password ? null : t('passwordsDiffer')),
    },
    submit: ({ password }) => send(password),
    onSuccess: (answer) => {
      if (answer) startSession(answer);
      void navigate('/', { replace: true });
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {problem && (
          <ProblemAlert
            ref={alertRef}
            problem={problem.problem}
            unplaced={problem.unplaced}
            messages={messages}
          />
        )}
        <PasswordInput
          label={t('newPassword')}
          description={t('passwordHint')}
          autoComplete="new-password"
          required
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <PasswordInput
          label={t('repeatPassword')}
          autoComplete="new-password"
          required
          key={form.key('repeat')}
          {...form.getInputProps('repeat')}
        />
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
