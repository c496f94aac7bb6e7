import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useSession } from '../../auth/session';
import { PlaceholderPage } from './PlaceholderPage';

/** `/`: the staff dashboard for DIM staff, "my tasks" for auditors and organisations. */
export function HomePlaceholder() {
  const { t } = useTranslation();
  const role = useSession().data?.user.role;
  const staff = role === 'admin' || role === 'staff' || role === 'decision_maker';
  return <PlaceholderPage title={staff ? t('navigation.dashboard') : t('navigation.tasks')} />;
}

export function TasksPlaceholder() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('navigation.tasks')} />;
}

/** `/accreditations/{id}`: the accreditation page, where most e-mails lead. */
export function AccreditationPlaceholder() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('placeholder.accreditation', { id: useParams().id ?? '' })} />;
}
