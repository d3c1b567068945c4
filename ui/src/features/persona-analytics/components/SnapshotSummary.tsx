import type { PersonaSnapshot } from '@schemas/persona-analytics.js';
import { METRIC_NAMES, METRICS } from '@schemas/survey-response.js';
import { formatDate, formatDateTime } from '../../../shared/format';
import { formatMetric } from '../chart-data';

const top = (items: { value: string; count: number }[]) =>
  items.length
    ? items
        .slice(0, 3)
        .map((i) => `${i.value} (${i.count})`)
        .join(', ')
    : '—';

/** The latest daily snapshot: the matched responses' metrics and who they are. */
export function SnapshotSummary({ snapshot }: { snapshot: PersonaSnapshot | null }) {
  return (
    <section className="panel snapshot" aria-labelledby="snapshot-title" data-testid="latest-snapshot">
      <div className="panel__head">
        <h3 className="panel__title" id="snapshot-title">
          Latest snapshot
        </h3>
        {snapshot ? (
          <span className="panel__hint" title={`Taken ${formatDateTime(snapshot.createdAt)}`}>
            {formatDate(`${snapshot.date.slice(0, 10)}T12:00:00Z`)}
          </span>
        ) : null}
      </div>
      {snapshot ? (
        <dl className="facts snapshot__facts">
          <div>
            <dt>Matched responses</dt>
            <dd data-testid="snapshot-count">{snapshot.responseCount.toLocaleString()}</dd>
          </div>
          {METRIC_NAMES.map((m) => (
            <div key={m}>
              <dt>
                {METRICS[m].label}{' '}
                <span className="muted small">
                  ({METRICS[m].min}–{METRICS[m].max})
                </span>
              </dt>
              <dd>{formatMetric(snapshot.metrics[m])}</dd>
            </div>
          ))}
          <div>
            <dt>Age</dt>
            <dd>
              {snapshot.demographics.age.average === null
                ? '—'
                : `${Math.round(snapshot.demographics.age.average)} on average (${snapshot.demographics.age.min}–${snapshot.demographics.age.max})`}
            </dd>
          </div>
          <div>
            <dt>Locations</dt>
            <dd>{top(snapshot.demographics.locations)}</dd>
          </div>
          <div>
            <dt>Occupations</dt>
            <dd>{top(snapshot.demographics.occupations)}</dd>
          </div>
          <div>
            <dt>Genders</dt>
            <dd>{top(snapshot.demographics.genders)}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted small" data-testid="no-snapshot">
          No snapshot yet. One is taken each day while auto-sync is on; press <strong>Sync now</strong> for one today.
        </p>
      )}
    </section>
  );
}
