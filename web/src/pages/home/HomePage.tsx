import { lazy, Suspense } from 'react';
import { PageLoader } from '../../app/PageLoader';
import { useSession } from '../../auth/session';

const DashboardPage = lazy(() =>
  import('../dashboard/DashboardPage').then((module) => ({ default: module.DashboardPage })),
);
const OrganisationPortal = lazy(() => import('../organisation/PortalPage'));
const TasksPage = lazy(async () => ({ default: (await import('../tasks/TasksPage')).Component }));

/** `/`: each role's own start page — the dashboard for DIM, the portal for organisations, my tasks for auditors. */
export function Component() {
  const role = useSession().data?.user.role;
  const Page = role === 'organisation' ? OrganisationPortal : role === 'auditor' ? TasksPage : DashboardPage;
  return (
    <Suspense fallback={<PageLoader />}>
      <Page />
    </Suspense>
  );
}
