import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../app/PageLoader';
import { useSession } from '../../auth/session';
import { PlaceholderPage } from './PlaceholderPage';

const OrganisationPortal = lazy(() => import('../organisation/PortalPage'));
/** Auditors start on their tasks. */
const TasksPage = lazy(async () => ({ default: (await import('../tasks/TasksPage')).Component }));

/** `/`: the staff dashboard for DIM staff, "my tasks" for auditors, the portal for organisations. */
export function HomePlaceholder() {
  const { t } = useTranslation();
  const role = useSession().data?.user.role;
  if (role === 'organisation' || role === 'auditor') {
    return (
      <Suspense fallback={<PageLoader />}>
        {role === 'organisation' ? <OrganisationPortal /> : <TasksPage />}
      </Suspense>
    );
  }
  const staff = role === 'admin' || role === 'staff' || role === 'decision_maker';
  return <PlaceholderPage title={staff ? t('navigation.dashboard') : t('navigation.tasks')} />;
}

export function AccreditationsPlaceholder() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('navigation.accreditations')} />;
}

export function UsersPlaceholder() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('navigation.users')} />;
}
