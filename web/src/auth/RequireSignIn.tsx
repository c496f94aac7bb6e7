import { Navigate, Outlet, useLocation } from 'react-router';
import { asProblem } from '../api/problem';
import { PageLoader } from '../app/PageLoader';
import { ProblemAlert } from '../forms/ProblemAlert';
import { useSession } from './session';

/** The pages behind it need a session; without one they send the person to sign in and back. */
export function RequireSignIn() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.error) return <ProblemAlert problem={asProblem(session.error)} />;
  if (!session.data) {
    const next = encodeURIComponent(`${location.pathname}${location.search}`);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  return <Outlet />;
}
