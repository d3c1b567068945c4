import { useState } from 'react';
import { Button } from '../../../shared/components/Button';
import type { RejectedResponseRow } from '../api/responses';

/** Rendered a few hundred at a time: a file of 100,000 bad rows must not freeze the page, and every row stays one click away. */
const STEP = 200;

/** The rows an import refused, each with its line in the file and what to fix. */
export function RejectedRows({ rows }: { rows: RejectedResponseRow[] }) {
  const [shown, setShown] = useState(STEP);
  const visible = rows.slice(0, shown);
  return (
    <div className="response-rejected">
      <div className="table-wrap response-rejected__table">
        <table className="data-table">
          <caption className="sr-only">Rows that were not imported</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Why it was not imported</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
              <tr key={r.line} data-testid="response-import-rejected" data-line={r.line}>
                <td className="response-rejected__line">{r.line.toLocaleString('en')}</td>
                <td className="response-rejected__reason">{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > shown ? (
        <div className="response-rejected__more">
          <span className="muted small">
            Showing {shown.toLocaleString('en')} of {rows.length.toLocaleString('en')} rejected rows.
          </span>
          <Button size="sm" onClick={() => setShown((s) => s + STEP * 5)} data-testid="response-import-rejected-more">
            Show more
          </Button>
        </div>
      ) : null}
    </div>
  );
}
