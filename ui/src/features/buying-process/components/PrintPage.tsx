import { Link, useParams } from 'react-router';
import { STAGE_FIELDS } from '@schemas/buying-process.js';
import { Button } from '../../../shared/components/Button';
import { Loading } from '../../../shared/components/EmptyState';
import { LoadFailure } from '../../../shared/components/LoadFailure';
import { formatDateTime } from '../../../shared/format';
import { useMap } from '../api/maps';
import { STAGE_FIELD_LABELS } from '../stages';
import { LazyMarkdown as Markdown } from './LazyMarkdown';
import { StatusBadge } from './StatusBadge';
import { paths } from '../../../shared/paths';

/** /buying-process/:id/print — the whole map on paper (or PDF): all seven columns, landscape. */
export function PrintPage() {
  const { id = '' } = useParams();
  const detail = useMap(id);

  if (detail.isPending) return <Loading label="Loading the map…" />;
  if (detail.isError) {
    return <LoadFailure error={detail.error} what="map" back={{ to: paths.buyingProcessMaps, label: 'All maps' }} onRetry={() => void detail.refetch()} />;
  }

  const { map, updatedAt } = detail.data;
  const name = map.persona_name || 'Untitled persona';
  return (
    <article className="page print" data-testid="bp-print">
      {/* Landscape paper for this page only: the stylesheet lives as long as the page is shown. */}
      <style>{'@page { size: A4 landscape; margin: 12mm; }'}</style>
      <div className="print__tools no-print">
        <Link to={paths.buyingProcessSession(id)}>← Back to the map</Link>
        <Button variant="primary" onClick={() => window.print()} data-testid="bp-print-button">
          Print
        </Button>
      </div>
      <header className="print__head">
        <h1 className="page-title">Buying process: {name}</h1>
        <p className="muted small">
          <StatusBadge status={map.status} /> · updated {formatDateTime(map.last_updated_at || updatedAt)}
        </p>
      </header>
      <section className="print__persona">
        <h2 className="section-title">Persona</h2>
        <dl className="view__list">
          <div className="view__row">
            <dt>Name</dt>
            <dd>{name}</dd>
          </div>
          <div className="view__row">
            <dt>Pain points</dt>
            <dd>{map.persona_pain_points || '—'}</dd>
          </div>
        </dl>
      </section>
      <section>
        <h2 className="section-title">Buying stages</h2>
        {map.buying_stages.length ? (
          <div className="print__scroll">
            <table className="print__table">
              <thead>
                <tr>
                  {STAGE_FIELDS.map((f) => (
                    <th key={f} scope="col">
                      {STAGE_FIELD_LABELS[f]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {map.buying_stages.map((s, i) => (
                  <tr key={i}>
                    {STAGE_FIELDS.map((f) =>
                      f === 'stage_name' ? (
                        <th key={f} scope="row">
                          {i + 1}. {s.stage_name}
                        </th>
                      ) : (
                        <td key={f}>{s[f] || '—'}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No stages yet.</p>
        )}
      </section>
      {map.ai_generated_summary ? (
        <section className="print__summary">
          <h2 className="section-title">
            Summary <span className="print__ai">(AI-generated)</span>
          </h2>
          <Markdown text={map.ai_generated_summary} />
        </section>
      ) : null}
    </article>
  );
}
