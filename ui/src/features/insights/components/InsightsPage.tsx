import type { Counts, Insights, Writer } from '@schemas/insights.js';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { GOAL_LABELS, NEED_MORE_LABELS, REASON_LABELS } from '../../../shared/feedback/labels';
import { useInsights } from '../api/insights';
import './insights.css';

const version = (w: Writer) => (w.prompt ? `${w.prompt} · ${w.promptVersion ? w.promptVersion.slice(0, 8) : 'no version'}` : 'not recorded');
const listCounts = <K extends string>(counts: Counts<K>, labels: Record<K, string>) =>
  (Object.entries(counts) as [K, number][])
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${labels[k]} ${n}`)
    .join(', ') || '—';

/** /settings/insights — what people's feedback says about the replies, by flow and prompt version (owners). */
export function InsightsPage() {
  const insights = useInsights();
  return (
    <div className="page" data-testid="insights-page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Insights</h1>
          <p className="muted">What people said about the replies and sessions, by flow and by the prompt version that wrote them.</p>
        </div>
      </div>
      {insights.isPending ? <Loading label="Loading insights…" /> : null}
      {insights.isError ? (
        <ErrorBanner
          title="Could not load the insights."
          message={insights.error.message}
          actions={<Button onClick={() => void insights.refetch()}>Try again</Button>}
        />
      ) : null}
      {insights.data ? <InsightsView insights={insights.data} /> : null}
    </div>
  );
}

function InsightsView({ insights }: { insights: Insights }) {
  const empty = !insights.flows.length && !insights.ratingTrend.length && !insights.needMore.length;
  if (empty)
    return (
      <div data-testid="insights-empty">
        <EmptyState title="No feedback yet">Feedback shows up here once someone marks a reply helpful or not, or rates a session.</EmptyState>
      </div>
    );
  return (
    <>
      <section className="panel" aria-labelledby="insights-not-helpful">
        <div className="panel__head">
          <h2 className="panel__title" id="insights-not-helpful">
            Least helpful replies
          </h2>
        </div>
        {insights.notHelpful.length ? (
          <ol className="insights__replies">
            {insights.notHelpful.map((r) => (
              <li key={r.messageId} className="insights__reply" data-testid="insights-not-helpful">
                <blockquote className="insights__quote">{r.text}</blockquote>
                <p className="small muted">
                  {r.flow} · {version(r)} · not helpful for {r.notHelpful} {r.notHelpful === 1 ? 'person' : 'people'}
                </p>
                <p className="small">
                  <strong>Why:</strong> {listCounts(r.reasons, REASON_LABELS)}
                  {Object.keys(r.needMore).length ? (
                    <>
                      {' '}
                      · <strong>Wanted:</strong> {listCounts(r.needMore, NEED_MORE_LABELS)}
                    </>
                  ) : null}
                </p>
                {r.comments.map((c, i) => (
                  <blockquote key={i} className="insights__comment">
                    {c}
                  </blockquote>
                ))}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No reply has been marked not helpful.</p>
        )}
      </section>

      <section className="panel" aria-labelledby="insights-versions">
        <div className="panel__head">
          <h2 className="panel__title" id="insights-versions">
            By flow and prompt version
          </h2>
        </div>
        <div className="table-wrap">
          <table className="data-table" data-testid="insights-versions">
            <thead>
              <tr>
                <th scope="col">Flow</th>
                <th scope="col">Prompt version</th>
                <th scope="col" className="num">
                  Rated
                </th>
                <th scope="col" className="num">
                  Not helpful
                </th>
                <th scope="col">Reasons</th>
                <th scope="col">Need more</th>
              </tr>
            </thead>
            <tbody>
              {insights.flows.flatMap((f) =>
                f.versions.map((v) => (
                  <tr key={`${f.flow}-${v.prompt}-${v.promptVersion}`}>
                    <td>{f.flow}</td>
                    <td>
                      <code>{version(v)}</code>
                    </td>
                    <td className="num">{v.replies.rated}</td>
                    <td className="num">{v.replies.notHelpful}</td>
                    <td>{listCounts(v.reasons, REASON_LABELS)}</td>
                    <td>{listCounts(v.needMore, NEED_MORE_LABELS)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </section>

      <div className="insights__columns">
        <section className="panel" aria-labelledby="insights-need-more">
          <div className="panel__head">
            <h2 className="panel__title" id="insights-need-more">
              Most requested formats
            </h2>
          </div>
          {insights.needMore.length ? (
            <ul className="insights__list" data-testid="insights-need-more">
              {insights.needMore.map((n) => (
                <li key={n.need}>
                  {NEED_MORE_LABELS[n.need]}: <strong>{n.count}</strong>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Nobody has asked for more yet.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="insights-unmet">
          <div className="panel__head">
            <h2 className="panel__title" id="insights-unmet">
              Unmet needs
            </h2>
            <span className="panel__hint">grouped by shared words</span>
          </div>
          {insights.unmetNeeds.length ? (
            <ul className="insights__list" data-testid="insights-unmet">
              {insights.unmetNeeds.map((g, i) => (
                <li key={i}>
                  <strong>{g.count}×</strong> {g.texts[0]!.text}
                  {g.count > 1 ? <span className="muted small"> (and {g.count - 1} alike)</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No one has written what they still need.</p>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="insights-ratings">
        <div className="panel__head">
          <h2 className="panel__title" id="insights-ratings">
            Session ratings by prompt version
          </h2>
        </div>
        {insights.ratingTrend.length ? (
          <div className="table-wrap">
            <table className="data-table" data-testid="insights-ratings">
              <thead>
                <tr>
                  <th scope="col">Flow</th>
                  <th scope="col">Prompt version</th>
                  <th scope="col" className="num">
                    Sessions
                  </th>
                  <th scope="col" className="num">
                    Average rating
                  </th>
                  <th scope="col">Goal achieved</th>
                </tr>
              </thead>
              <tbody>
                {insights.ratingTrend.map((p) => (
                  <tr key={`${p.flow}-${p.prompt}-${p.promptVersion}`}>
                    <td>{p.flow}</td>
                    <td>
                      <code>{version(p)}</code>
                    </td>
                    <td className="num">{p.sessions}</td>
                    <td className="num">{p.averageRating ?? '—'}</td>
                    <td>{listCounts(p.goalAchieved, GOAL_LABELS)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No session has been rated yet.</p>
        )}
      </section>
    </>
  );
}
