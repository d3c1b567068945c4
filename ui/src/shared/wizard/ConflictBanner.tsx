import { useEffect, useRef } from 'react';
import { Button } from '../components/Button';
import { ErrorBanner } from '../components/ErrorBanner';

/** "This session changed in another tab": a 409 on a turn. Reload fetches the latest state. */
export function ConflictBanner({ show, message, onReload }: { show: boolean; message?: string | undefined; onReload: () => void }) {
  const ref = useRef<HTMLDivElement>(null);

  // On a narrow screen the banner sits above the fold: bring it into view.
  useEffect(() => {
    if (show) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [show]);

  if (!show) return null;
  return (
    <div ref={ref}>
      <ErrorBanner
        tone="warning"
        title="This session changed in another tab."
        message={message ?? 'Reload to see the latest state, then carry on.'}
        testId="conflict-banner"
        actions={
          <Button variant="primary" onClick={onReload} data-testid="conflict-reload">
            Reload
          </Button>
        }
      />
    </div>
  );
}
