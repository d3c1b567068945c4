import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { toApiError } from '../api/errors';
import { Button } from '../components/Button';
import { Loading } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import type { AnyTurnOutput } from './flow-client';
import { lastSessionStore } from './sessions';
import { useStartSession } from './use-wizard-session';
import type { WizardFlow } from './wizard-flow';

type Props<O extends AnyTurnOutput> = {
  flow: WizardFlow<O>;
  /** Where a session lives, e.g. id => `/wizard/${id}`. */
  sessionPath: (id: string) => string;
  /** Go to this browser's last session of the flow instead, when there is one. */
  resumeLast?: boolean;
  /** The input of the first turn ({} or {action: 'start'}). */
  input?: object;
  startingLabel: string;
  failedTitle: string;
};

/**
 * Starts a session (or resumes this browser's last one) and lands on its own URL, so a reload
 * comes back to the same session. A notice passed in the location state is carried along.
 */
export function StartSession<O extends AnyTurnOutput>({ flow, sessionPath, resumeLast = false, input, startingLabel, failedTitle }: Props<O>) {
  const navigate = useNavigate();
  const location = useLocation();
  const start = useStartSession(flow, input);
  const begun = useRef(false);
  const notice = (location.state as { notice?: string } | null)?.notice;

  const startNew = () =>
    start.mutate(undefined, {
      onSuccess: (out) => navigate(sessionPath(out.sessionId), { replace: true, state: notice ? { notice } : null }),
    });

  useEffect(() => {
    if (begun.current) return;
    begun.current = true;
    const last = resumeLast ? lastSessionStore(flow.name).get() : null;
    if (last) navigate(sessionPath(last), { replace: true });
    else startNew();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per visit
  }, []);

  if (start.isError) {
    return (
      <ErrorBanner
        title={failedTitle}
        message={toApiError(start.error).message}
        actions={
          <Button variant="primary" onClick={startNew}>
            Try again
          </Button>
        }
      />
    );
  }
  return <Loading label={startingLabel} />;
}
