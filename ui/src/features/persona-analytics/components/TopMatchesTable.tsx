import { useState } from 'react';
import type { Attribute, MatchCategory } from '@schemas/persona-analytics.js';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { useTopMatches } from '../api/analytics';
import { formatScore } from '../chart-data';
import { respondentName, ResponseAnswers } from './ResponseAnswers';

const PAGE = 10;
const ATTRIBUTE_LABELS: Record<Attribute, string> = {
  age: 'age',
  location: 'location',
  occupation: 'occupation',
  gender: 'gender',
  goals: 'goals',
  frustrations: 'frustrations',
};
const CATEGORY_TONE: Record<MatchCategory, string> = { strong: 'badge--success', moderate: 'badge--info', weak: '' };

/** The best-matching responses, ten at a time, each with what matched and its answers. */
export function TopMatchesTable({ personaId }: { personaId: string }) {
  const [offset, setOffset] = useState(0);
  const page = useTopMatches(personaId, PAGE, offset);
  const data = page.data;
  const from = data && data.total ? data.offset + 1 : 0;
  const to = data ? data.offset + data.matches.length : 0;

  return (
    <section className="panel top-matches" aria-labelledby="top-matches-title" data-testid="top-matches">
      <div className="panel__head">
        <h3 className="panel__title" id="top-matches-title">
          Top matches
        </h3>
        {data ? (
          <span className="panel__hint" aria-live="polite">
            {data.total ? `${from}–${to} of ${data.total.toLocaleString()}` : 'None yet'}
          </span>
        ) : null}
      </div>
      {page.error ? <ErrorBanner message={page.error.message} actions={<Button onClick={() => void page.refetch()}>Retry</Button>} /> : null}
      {data && !data.total ? <p className="muted small">No response is scored against this persona yet.</p> : null}
      {data && data.total ? (
        <div className="table-wrap">
          <table className="data-table top-matches__table" aria-busy={page.isPlaceholderData || undefined}>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col">Category</th>
                <th scope="col">Matched</th>
                <th scope="col">Not matched</th>
                <th scope="col">Response</th>
              </tr>
            </thead>
            <tbody>
              {data.matches.map((m) => (
                <tr key={m.response.id} data-testid="top-match">
                  <td className="num">
                    <strong>{formatScore(m.score)}</strong>
                  </td>
                  <td>
                    <span className={`badge ${CATEGORY_TONE[m.category]}`}>{m.category}</span>
                  </td>
                  <td className="top-matches__attrs" data-label="Matched">
                    {m.matched.map((a) => ATTRIBUTE_LABELS[a]).join(', ') || '—'}
                  </td>
                  <td className="top-matches__attrs muted" data-label="Not matched">
                    {m.unmatched.map((a) => ATTRIBUTE_LABELS[a]).join(', ') || '—'}
                  </td>
                  <td className="top-matches__response">
                    <details>
                      <summary>
                        {respondentName(m.response)}
                        {m.response.occupation ? <span className="muted"> · {m.response.occupation}</span> : null}
                      </summary>
                      <ResponseAnswers response={m.response} />
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && data.total > PAGE ? (
        <div className="pager">
          <Button size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} data-testid="top-matches-prev">
            ← Previous
          </Button>
          <Button size="sm" disabled={to >= data.total} onClick={() => setOffset(offset + PAGE)} data-testid="top-matches-next">
            Next →
          </Button>
        </div>
      ) : null}
    </section>
  );
}
