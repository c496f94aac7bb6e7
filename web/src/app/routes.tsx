/**
 * Every page, by path. Pages load lazily (a module exporting `Component`), so each role downloads
 * what it uses. Paths that e-mails link to (PUBLIC_WEB_URL + path, notifications/templates.ts):
 * `/tasks`, `/accreditations/{id}`, `/invitation?token=`, `/password-reset?token=`; the public
 * register's stable link is `/register/{certificateNumber}`.
 */
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireSignIn } from '../auth/RequireSignIn';
import { NotFoundPage } from '../pages/NotFoundPage';
import { AccreditationPlaceholder, TasksPlaceholder } from '../pages/placeholder/placeholders';
import { AppLayout } from '../shell/AppLayout';
import { RouteError } from './RouteError';

const publicPages: RouteObject[] = [
  { path: 'sign-in', lazy: () => import('../pages/sign-in/SignInPage') },
  { path: 'invitation', lazy: () => import('../pages/invitation/InvitationPage') },
  { path: 'password-reset', lazy: () => import('../pages/password-reset/PasswordResetPage') },
  { path: 'register', lazy: () => import('../pages/register/RegisterSearchPage') },
  { path: 'register/:certificateNumber', lazy: () => import('../pages/register/CertificatePage') },
];

/** Placeholders until their pages are built (issue 19: dashboard, my tasks, case page, users). */
const signedInPages: RouteObject[] = [
  { index: true, lazy: () => import('../pages/home/HomePage') },
  { path: 'tasks', element: <TasksPlaceholder /> },
  { path: 'accreditations', lazy: () => import('../pages/accreditations/AccreditationListPage') },
  { path: 'accreditations/new', lazy: () => import('../pages/accreditations/OpenAccreditationPage') },
  { path: 'accreditations/:id', element: <AccreditationPlaceholder /> },
  { path: 'accreditations/:id/steps/:step', lazy: () => import('../pages/step/StepPage') },
  { path: 'users', lazy: () => import('../pages/users/UsersPage') },
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
