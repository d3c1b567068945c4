import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../shared/components/EmptyState';
import { signInPath } from '../shared/paths';
import { useMe } from '../shared/session/session';

const NoWorkspacePage = lazy(() => import('../features/account/components/WorkspacePages').then((m) => ({ default: m.NoWorkspacePage })));

/**
 * The app behind the sign-in (team mode). Signed out (a 401 from /api/me, also after any other
 * call's 401: see query-client.ts) → the sign-in page, which returns here afterwards. Signed in
 * but in no workspace → a page that says so. Local mode, or a server that cannot say, → the app.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const me = useMe();
  const { pathname, search, hash } = useLocation();
  if (me.error?.status === 401) return <Navigate to={signInPath(`${pathname}${search}${hash}`)} replace />;
  if (me.isPending)
    return (
      <div className="route-loading">
        <Loading label="Loading…" />
      </div>
    );
  if (me.data?.mode === 'team' && !me.data.workspace)
    return (
      <Suspense fallback={<Loading />}>
        <NoWorkspacePage />
      </Suspense>
    );
  return <>{children}</>;
}
