import { Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { tokenStore } from '@/lib/auth/token-store';
import { isApiError } from '@/lib/api-error';
import { hasAnyPermission, type Permission } from '@/lib/permissions';
import { useMe } from '@/lib/session';
import { ForbiddenPage } from './not-found-page';
import { ProblemAlert } from './problem-alert';

/** Sends visitors without a session to the login page, remembering where they wanted to go. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  if (!tokenStore.hasSession()) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <WithMe>{children}</WithMe>;
}

function WithMe({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMe();
  if (isApiError(me.error, 401)) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  if (me.isPending) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <Result status="warning">
        <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />
      </Result>
    );
  }
  return <>{children}</>;
}

/** Renders the children only when the user has the permission (one of them, given several); otherwise a 403 page. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission | readonly Permission[];
  children: ReactNode;
}) {
  const me = useMe();
  if (!hasAnyPermission(me.data, permission)) return <ForbiddenPage />;
  return <>{children}</>;
}
