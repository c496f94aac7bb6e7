import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { isEmail, isNotEmpty } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { AuthCard } from '../../auth/AuthCard';
import { safeNextPath } from '../../auth/next-path';
import { useSession, useStartSession } from '../../auth/session';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { useApiForm } from '../../forms/use-api-form';

export function Component() {
  const { t } = useTranslation('auth');
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const startSession = useStartSession();
  const next = safeNextPath(searchParams.get('next'));
  const signedIn = Boolean(useSession().data);
  const { form, onSubmit, problem, alertRef, pending } = useApiForm({
    initialValues: { email: '', password: '' },
    validate: { email: isEmail(t('emailInvalid')), password: isNotEmpty(t('required')) },
    submit: async (body) => (await api.POST('/auth/sign-in', { body })).data,
    onSuccess: (answer) => {
      if (answer) startSession(answer);
      void navigate(next, { replace: true });
    },
  });
  if (signedIn) return <Navigate to={next} replace />;

  return (
    <AuthCard title={t('signIn.title')} intro={t('signIn.intro')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {problem && (
            <ProblemAlert
              ref={alertRef}
              problem={problem.problem}
              unplaced={problem.unplaced}
              messages={{ invalid_credentials: t('signIn.invalid_credentials') }}
            />
          )}
          <TextInput
            label={t('email')}
            type="email"
            autoComplete="username"
            required
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('password')}
            autoComplete="current-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={pending}>
            {t('signIn.submit')}
          </Button>
          <Anchor component={Link} to="/password-reset" size="sm">
            {t('signIn.forgot')}
          </Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}
