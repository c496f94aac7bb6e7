/**
 * Every page, by path. Pages load lazily (a module exporting `Component`), so each role downloads
 * what it uses. Paths that e-mails link to (PUBLIC_WEB_URL + path, notifications/templates.ts):
 * `/tasks`, `/accreditations/{id}`, the step pages `/accreditations/{id}/steps/{step}?subject=`
 * (domain/step-pages.ts), `/invitation?token=`, `/password-reset?token=`, `/complaints/{id}`; the public
 * register's stable link is `/register/{certificateNumber}`.
 */
import { stepPageRoute } from '@domain/step-pages';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireSignIn } from '../auth/RequireSignIn';
import { NotFoundPage } from '../pages/NotFoundPage';
import { AppLayout } from '../shell/AppLayout';
import { RouteError } from './RouteError';

const publicPages: RouteObject[] = [
  { path: 'sign-in', lazy: () => import('../pages/sign-in/SignInPage') },
  { path: 'invitation', lazy: () => import('../pages/invitation/InvitationPage') },
  { path: 'password-reset', lazy: () => import('../pages/password-reset/PasswordResetPage') },
  { path: 'register', lazy: () => import('../pages/register/RegisterSearchPage') },
  { path: 'register/:certificateNumber', lazy: () => import('../pages/register/CertificatePage') },
  { path: 'complaints/new', lazy: () => import('../pages/complaints/NewComplaintPage') },
];

/** The pages behind sign-in. */
const signedInPages: RouteObject[] = [
  { index: true, lazy: () => import('../pages/home/HomePage') },
  { path: 'tasks', lazy: () => import('../pages/tasks/TasksPage') },
  { path: 'decisions', lazy: () => import('../pages/decisions/DecisionQueuePage') },
  { path: 'accreditations', lazy: () => import('../pages/accreditations/AccreditationListPage') },
  { path: 'accreditations/new', lazy: () => import('../pages/accreditations/OpenAccreditationPage') },
  { path: 'accreditations/:id', lazy: () => import('../pages/accreditation/AccreditationPage') },
  { path: 'accreditations/:id/decisions/:number', lazy: () => import('../pages/accreditation/DossierPage') },
  { path: stepPageRoute, lazy: () => import('../pages/step/StepPage') },
  { path: 'users', lazy: () => import('../pages/users/UsersPage') },
  { path: 'compliance', lazy: () => import('../pages/compliance/CompliancePage') },
  { path: 'complaints', lazy: () => import('../pages/complaints/ComplaintListPage') },
  { path: 'complaints/:id', lazy: () => import('../pages/complaints/ComplaintPage') },
  {
    path: 'certificates/:certificateNumber',
    lazy: () => import('../pages/certificate/CertificatePrintPage'),
  },
];

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    HydrateFallback: () => null,
    children: [
      ...publicPages,
      { element: <RequireSignIn />, children: signedInPages },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
