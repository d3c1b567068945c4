import { Link } from 'react-router';
import type { BuyingProcessState } from '@schemas/buying-process.js';
import { exportUrl } from '../api/maps';
import { StatusBadge } from './StatusBadge';
import { paths } from '../../../shared/paths';

type Props = { sessionId: string; map: BuyingProcessState; missing: string[]; done: boolean };

/** Review: the status, what still blocks completing the map, and the ways to take it away. */
export function ReviewSection({ sessionId, map, missing, done }: Props) {
  return (
    <section className="group group--current review" aria-label="Review" data-section="review">
      <div className="review__status">
        <span className="field__label">Status</span>
        <StatusBadge status={map.status} testId="bp-status" />
        {done ? <span className="muted small">Everything is filled in. Export it, print it, or map another persona.</span> : null}
      </div>
      {!done && missing.length ? (
        <div className="review__missing">
          <p className="field__label">Still needed before the map can be completed:</p>
          <ul className="bullets" data-testid="bp-missing">
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {!done && !missing.length ? <p className="muted small">Everything is filled in: check the table and complete the map.</p> : null}
      <div className="review__exports">
        <a className="btn btn--secondary btn--sm" href={exportUrl(sessionId, 'md')} download data-testid="bp-export-md">
          Export Markdown
        </a>
        <a className="btn btn--secondary btn--sm" href={exportUrl(sessionId, 'csv')} download data-testid="bp-export-csv">
          Export CSV
        </a>
        <Link className="btn btn--secondary btn--sm" to={paths.buyingProcessPrint(sessionId)} data-testid="bp-print-link">
          Print / PDF
        </Link>
      </div>
    </section>
  );
}
