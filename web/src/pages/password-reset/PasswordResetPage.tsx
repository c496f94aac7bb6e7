import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { isEmail } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { AuthCard } from '../../auth/AuthCard';
import { NewPasswordForm } from '../../auth/NewPasswordForm';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { useApiForm } from '../../forms/use-api-form';

/** Asks for the link; the API answers the same whether or not the account exists. */
function RequestLink() {
  const { t } = useTranslation('auth');
  const { form, onSubmit, problem, alertRef, pending, done } = useApiForm({
    initialValues: { email: '' },
    validate: { email: isEmail(t('emailInvalid')) },
    submit: async (body) => {
      await api.POST('/auth/password-reset', { body });
    },
  });
  if (done) {
    return (
      <Alert color="blue" role="status">
        {t('reset.requested')}
      </Alert>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {problem && <ProblemAlert ref={alertRef} problem={problem.problem} unplaced={problem.unplaced} />}
        <TextInput
          label={t('email')}
          type="email"
          autoComplete="email"
          required
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <Button type="submit" loading={pending}>
          {t('reset.requestSubmit')}
        </Button>
      </Stack>
    </form>
  );
}

/** `/password-reset` asks for a link; `/password-reset?token=…` (the e-mail's link) sets the password. */
export function Component() {
  const { t } = useTranslation('auth');
  const token = useSearchParams()[0].get('token');
  if (!token) {
    return (
      <AuthCard title={t('reset.title')} intro={t('reset.requestIntro')}>
        <RequestLink />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('reset.title')} intro={t('reset.confirmIntro')}>
      <NewPasswordForm
        submitLabel={t('reset.confirmSubmit')}
        send={async (password) =>
          (await api.POST('/auth/password-reset/confirm', { body: { token, password } })).data
        }
        messages={{ reset_token_invalid: t('reset.reset_token_invalid') }}
      />
      <Anchor component={Link} to="/password-reset" size="sm">
        {t('reset.requestAgain')}
      </Anchor>
    </AuthCard>
  );
}
