import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { toApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { lastSession } from '../api/sessions';
import { useStartSession } from '../api/use-wizard-session';

/**
 * /wizard resumes this browser's last session (or starts one); /wizard/new always starts one.
 * Either way it lands on /wizard/:sessionId, so a reload comes back to the same session.
 */
export function WizardEntry({ fresh = false }: { fresh?: boolean }) {
  const navigate = useNavigate();
  const location = useLocation();
  const start = useStartSession();
  const begun = useRef(false);
  const notice = (location.state as { notice?: string } | null)?.notice;

  const startNew = () =>
    start.mutate(undefined, {
      onSuccess: (out) => navigate(`/wizard/${out.sessionId}`, { replace: true, state: notice ? { notice } : null }),
    });

  useEffect(() => {
    if (begun.current) return;
    begun.current = true;
    const last = fresh ? null : lastSession.get();
    if (last) navigate(`/wizard/${last}`, { replace: true });
    else startNew();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per visit
  }, []);

  if (start.isError) {
    return (
      <ErrorBanner
        title="Could not start a new persona."
        message={toApiError(start.error).message}
        actions={
          <Button variant="primary" onClick={startNew}>
            Try again
          </Button>
        }
      />
    );
  }
  return <Loading label="Starting a new persona…" />;
}
