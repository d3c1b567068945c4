import type { AnalyticsJob } from '@schemas/persona-analytics.js';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { formatDateTime, formatRelative } from '../../../shared/format';
import { useBatchCalculate, useSetAutoSync, useSyncNow } from '../api/analytics';

type Props = {
  personaId: string;
  autoSync: boolean;
  lastSyncedAt: string | null;
  hasRules: boolean;
  /** A rescoring job is running: no second one meanwhile. */
  busy: boolean;
  onJob: (job: AnalyticsJob) => void;
};

/** Sync now (today's snapshot), the daily auto-sync switch and "Recalculate all" (rescore every response). */
export function SyncControls({ personaId, autoSync, lastSyncedAt, hasRules, busy, onJob }: Props) {
  const sync = useSyncNow(personaId);
  const setAutoSync = useSetAutoSync(personaId);
  const batch = useBatchCalculate(personaId);
  const error = sync.error ?? setAutoSync.error ?? batch.error;

  return (
    <div className="sync" data-testid="sync-controls">
      <div className="sync__row">
        <Button variant="primary" busy={sync.isPending} disabled={!hasRules} onClick={() => sync.mutate()} data-testid="sync-now">
          {sync.isPending ? 'Syncing…' : 'Sync now'}
        </Button>
        <span className="muted small" data-testid="last-synced" title={lastSyncedAt ? formatDateTime(lastSyncedAt) : undefined} aria-live="polite">
          {lastSyncedAt ? `Last synced: ${formatRelative(lastSyncedAt)}` : 'Never synced'}
        </span>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={autoSync}
            disabled={setAutoSync.isPending}
            onChange={(e) => setAutoSync.mutate(e.target.checked)}
            data-testid="auto-sync"
          />
          <span className="switch__track" aria-hidden="true" />
          Daily auto-sync
        </label>
        <Button
          busy={batch.isPending}
          disabled={!hasRules || busy}
          title={busy ? 'A rescoring is already running' : 'Score every response again against the rules'}
          onClick={() => batch.mutate(undefined, { onSuccess: onJob })}
          data-testid="recalculate-all"
        >
          Recalculate all
        </Button>
      </div>
      {sync.isSuccess ? (
        <p className="muted small" role="status" data-testid="sync-done">
          Synced: today's snapshot covers {sync.data.snapshot.responseCount.toLocaleString()} matched response
          {sync.data.snapshot.responseCount === 1 ? '' : 's'}.
        </p>
      ) : null}
      {error ? (
        <ErrorBanner
          message={error.message}
          onDismiss={() => {
            sync.reset();
            setAutoSync.reset();
            batch.reset();
          }}
        />
      ) : null}
    </div>
  );
}
