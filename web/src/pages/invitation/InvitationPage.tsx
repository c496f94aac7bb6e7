import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { AuthCard } from '../../auth/AuthCard';
import { NewPasswordForm } from '../../auth/NewPasswordForm';

/** `/invitation?token=…`, the link of the invitation e-mail (valid 7 days, once). */
export function Component() {
  const { t } = useTranslation('auth');
  const token = useSearchParams()[0].get('token');
  return (
    <AuthCard title={t('invitation.title')} intro={t('invitation.intro')}>
      {token ? (
        <NewPasswordForm
          submitLabel={t('invitation.submit')}
          send={async (password) =>
            (await api.POST('/auth/invitations/accept', { body: { token, password } })).data
          }
          messages={{ invitation_invalid: t('invitation.invitation_invalid') }}
        />
      ) : (
        <Alert color="red" role="alert">
          {t('invitation.missingToken')}
        </Alert>
      )}
    </AuthCard>
  );
}
