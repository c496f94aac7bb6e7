import { lazy, Suspense } from 'react';
import { PageLoader } from '../../app/PageLoader';
import { useSession } from '../../auth/session';
import { HomePlaceholder } from '../placeholder/placeholders';

const DashboardPage = lazy(() =>
  import('../dashboard/DashboardPage').then((module) => ({ default: module.DashboardPage })),
);

/** `/`: each role's own start page. */
export function Component() {
  const role = useSession().data?.user.role;
  const staff = role === 'admin' || role === 'staff' || role === 'decision_maker';
  if (!staff) return <HomePlaceholder />;
  return (
    <Suspense fallback={<PageLoader />}>
      <DashboardPage />
    </Suspense>
  );
}
