// The versions of a map's content, newest first. "Restore this version" here is a turn of this
// session that puts that version's content back: the next version, nothing lost. (POST
// /api/buying-processes/:id/versions/:v/restore does the same from outside a session; the session
// then chooses at its next change.)
import type { BuyingProcessState } from '@schemas/buying-process.js';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { Fold } from '../../../shared/components/Fold';
import { formatDateTime } from '../../../shared/format';
import type { MapVersion } from '../api/maps';
import { useState } from 'react';

export function MapHistory({
  versions,
  currentVersion,
  busy,
  onRestore,
}: {
  versions: { data?: MapVersion[] | undefined; isPending: boolean; isError: boolean; error: { message: string } | null };
  /** The map version this session is based on. */
  currentVersion: number;
  busy: boolean;
  /** Puts the content back as the session's next version; resolves to that version, or null when the turn failed. */
  onRestore(map: BuyingProcessState): Promise<number | null>;
}) {
  const [restoring, setRestoring] = useState<number | null>(null);
  const [done, setDone] = useState<{ from: number; to: number } | null>(null);
  const restore = async (v: MapVersion) => {
    setRestoring(v.version);
    const to = await onRestore(v.data);
    setRestoring(null);
    if (to) setDone({ from: v.version, to });
  };
  const list = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  const latest = list[0]?.version ?? currentVersion;

  return (
    <div className="map-history">
      <Fold summary={`Map history (this session: version ${currentVersion}${latest > currentVersion ? `, latest: ${latest}` : ''})`} testId="map-history">
        {versions.isPending ? <p className="muted small">Loading versions…</p> : null}
        {versions.isError ? <ErrorBanner message={versions.error?.message ?? 'The versions could not be loaded.'} /> : null}
        {done ? (
          <ErrorBanner tone="success" testId="map-restored" message={`Restored version ${done.from} as version ${done.to}.`} onDismiss={() => setDone(null)} />
        ) : null}
        <ol className="history__list">
          {list.map((v) => (
            <li key={v.version} className="history__item" data-testid="map-version" data-version={v.version}>
              <div className="history__head">
                <strong>Version {v.version}</strong>
                <span className="tag">{v.source === 'restore' ? `restored from version ${v.restoredFrom}` : 'from the wizard'}</span>
                <span className="muted">{formatDateTime(v.createdAt)}</span>
                {v.version === latest ? <span className="tag">latest</span> : null}
                {v.version === currentVersion ? <span className="tag">this session</span> : null}
              </div>
              <p className="muted small">
                {v.data.persona_name || 'No persona yet'} · {v.data.buying_stages.length} stage{v.data.buying_stages.length === 1 ? '' : 's'}
                {v.data.buying_stages.length ? `: ${v.data.buying_stages.map((s) => s.stage_name).join(', ')}` : ''} ·{' '}
                {v.data.status === 'completed' ? 'completed' : 'in progress'}
              </p>
              {v.version !== latest ? (
                <div className="history__actions">
                  <Button
                    size="sm"
                    busy={restoring === v.version}
                    disabled={busy || restoring !== null}
                    data-testid={`map-restore-${v.version}`}
                    onClick={() => void restore(v)}
                  >
                    Restore this version
                  </Button>
                  <span className="muted small">as a new version {latest + 1}; nothing is lost</span>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </Fold>
    </div>
  );
}
