//! The route tree. Features are composed here and in ./routes (pages that show several); they never import each other.
import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppShell } from '@/components/app-shell';
import { RouteErrorPage } from '@/components/error-page';
import { HomeRedirect } from '@/components/home-redirect';
import { NotFoundPage } from '@/components/not-found-page';
import { RequireAuth, RequirePermission } from '@/components/require-auth';
import { LoginPage } from '@/features/auth/routes/login-page';
import { PERMISSIONS } from '@/lib/permissions';

// Pages load on first visit (the shell and the login page come with the first chunk).
const OrganisationBrowserPage = lazy(() =>
  import('@/features/organisations/routes/organisation-browser-page').then((m) => ({ default: m.OrganisationBrowserPage })),
);
const OrganisationSearchPage = lazy(() =>
  import('@/features/organisations/routes/organisation-search-page').then((m) => ({ default: m.OrganisationSearchPage })),
);
const AccountsPage = lazy(() => import('@/features/accounts/routes/accounts-page').then((m) => ({ default: m.AccountsPage })));
const MemberListPage = lazy(() =>
  import('@/features/members/routes/member-list-page').then((m) => ({ default: m.MemberListPage })),
);
// The member page shows honours and hardship files too: composed in src/app/routes (features never meet).
const MemberPage = lazy(() => import('@/app/routes/member-page').then((m) => ({ default: m.MemberPage })));
const HonourRegisterPage = lazy(() =>
  import('@/features/honours/routes/honour-register-page').then((m) => ({ default: m.HonourRegisterPage })),
);
const HardshipRegisterPage = lazy(() =>
  import('@/features/hardship-files/routes/hardship-register-page').then((m) => ({ default: m.HardshipRegisterPage })),
);
const HardshipFilePage = lazy(() =>
  import('@/features/hardship-files/routes/hardship-file-page').then((m) => ({ default: m.HardshipFilePage })),
);
const MemberImportPage = lazy(() =>
  import('@/features/member-imports/routes/member-import-page').then((m) => ({ default: m.MemberImportPage })),
);
const MemberRequestsPage = lazy(() =>
  import('@/features/member-requests/routes/member-requests-page').then((m) => ({ default: m.MemberRequestsPage })),
);
const MyMembershipPage = lazy(() =>
  import('@/features/self-service/routes/my-membership-page').then((m) => ({ default: m.MyMembershipPage })),
);
const CourseCataloguePage = lazy(() =>
  import('@/features/courses/routes/course-catalogue-page').then((m) => ({ default: m.CourseCataloguePage })),
);
const CourseDetailPage = lazy(() =>
  import('@/features/courses/routes/course-detail-page').then((m) => ({ default: m.CourseDetailPage })),
);
const CheckinScreenPage = lazy(() =>
  import('@/features/courses/routes/checkin-screen-page').then((m) => ({ default: m.CheckinScreenPage })),
);
const MyCoursesPage = lazy(() =>
  import('@/features/self-service/routes/my-courses-page').then((m) => ({ default: m.MyCoursesPage })),
);
const CourseRequestsPage = lazy(() =>
  import('@/features/course-requests/routes/course-requests-page').then((m) => ({ default: m.CourseRequestsPage })),
);
const VerifyPage = lazy(() => import('@/features/certificates/routes/verify-page').then((m) => ({ default: m.VerifyPage })));
const AuditPage = lazy(() => import('@/features/audit/routes/audit-page').then((m) => ({ default: m.AuditPage })));

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
    // Certificate verification is public: employers check a code without an account.
    ...['/verify', '/verify/:code'].map((path) => ({
      path,
      element: (
        <Suspense fallback={<Skeleton active style={{ padding: 24 }} />}>
          <VerifyPage />
        </Suspense>
      ),
      errorElement: <RouteErrorPage />,
    })),
    {
      // The check-in screen is meant for a projector: full screen, without the menu and header.
      path: '/courses/:id/sessions/:sessionId/checkin',
      element: (
        <RequireAuth>
          <RequirePermission permission={PERMISSIONS.coursesWrite}>
            <Suspense fallback={<Skeleton active />}>
              <CheckinScreenPage />
            </Suspense>
          </RequirePermission>
        </RequireAuth>
      ),
      errorElement: <RouteErrorPage />,
    },
    {
      path: '/',
      element: (
        <RequireAuth>
          <AppShell />
        </RequireAuth>
      ),
      errorElement: <RouteErrorPage />,
      children: [
        { index: true, element: <HomeRedirect /> },
        {
          errorElement: <RouteErrorPage />,
          children: [
            {
              path: 'organisations',
              element: (
                <RequirePermission permission={PERMISSIONS.organisationsRead}>
                  <OrganisationBrowserPage />
                </RequirePermission>
              ),
            },
            {
              path: 'organisations/search',
              element: (
                <RequirePermission permission={PERMISSIONS.organisationsRead}>
                  <OrganisationSearchPage />
                </RequirePermission>
              ),
            },
            {
              path: 'organisations/:id',
              element: (
                <RequirePermission permission={PERMISSIONS.organisationsRead}>
                  <OrganisationBrowserPage />
                </RequirePermission>
              ),
            },
            {
              path: 'members',
              element: (
                <RequirePermission permission={PERMISSIONS.membersRead}>
                  <MemberListPage />
                </RequirePermission>
              ),
            },
            {
              path: 'members/import',
              element: (
                <RequirePermission permission={PERMISSIONS.membersWrite}>
                  <MemberImportPage />
                </RequirePermission>
              ),
            },
            {
              path: 'members/honours',
              element: (
                <RequirePermission permission={PERMISSIONS.membersRead}>
                  <HonourRegisterPage />
                </RequirePermission>
              ),
            },
            {
              path: 'members/:id',
              element: (
                <RequirePermission permission={PERMISSIONS.membersRead}>
                  <MemberPage />
                </RequirePermission>
              ),
            },
            {
              path: 'hardship-files',
              element: (
                <RequirePermission permission={PERMISSIONS.hardshipRead}>
                  <HardshipRegisterPage />
                </RequirePermission>
              ),
            },
            {
              path: 'hardship-files/:id',
              element: (
                <RequirePermission permission={PERMISSIONS.hardshipRead}>
                  <HardshipFilePage />
                </RequirePermission>
              ),
            },
            {
              path: 'courses',
              element: (
                <RequirePermission permission={PERMISSIONS.coursesRead}>
                  <CourseCataloguePage />
                </RequirePermission>
              ),
            },
            {
              path: 'courses/:id',
              element: (
                <RequirePermission permission={PERMISSIONS.coursesRead}>
                  <CourseDetailPage />
                </RequirePermission>
              ),
            },
            {
              path: 'member-requests',
              element: (
                <RequirePermission permission={PERMISSIONS.membersRead}>
                  <MemberRequestsPage />
                </RequirePermission>
              ),
            },
            {
              path: 'me',
              element: (
                <RequirePermission permission={PERMISSIONS.selfService}>
                  <MyMembershipPage />
                </RequirePermission>
              ),
            },
            {
              path: 'me/courses',
              element: (
                <RequirePermission permission={PERMISSIONS.selfService}>
                  <MyCoursesPage />
                </RequirePermission>
              ),
            },
            {
              path: 'course-requests',
              element: (
                <RequirePermission permission={[PERMISSIONS.coursesRead, PERMISSIONS.selfService]}>
                  <CourseRequestsPage />
                </RequirePermission>
              ),
            },
            {
              path: 'accounts',
              element: (
                <RequirePermission permission={PERMISSIONS.accountsRead}>
                  <AccountsPage />
                </RequirePermission>
              ),
            },
            {
              path: 'audit',
              element: (
                <RequirePermission permission={PERMISSIONS.auditRead}>
                  <AuditPage />
                </RequirePermission>
              ),
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
