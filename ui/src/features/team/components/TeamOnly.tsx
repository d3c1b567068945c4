import type { ReactNode } from 'react';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { useMe } from '../../../shared/session/session';

/** Members and API tokens exist in team mode: in local mode say how to turn it on. */
export function TeamOnly({ what, children }: { what: string; children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.data?.mode === 'local') {
    return (
      <div data-testid="team-mode-off">
        <EmptyState title={`${what} need team mode`}>
          <p>
            This server runs in local mode: one person, no sign-in. Start it with <code>AUTH=on</code> to sign in, invite people and make API tokens.
          </p>
        </EmptyState>
      </div>
    );
  }
  return <>{children}</>;
}
