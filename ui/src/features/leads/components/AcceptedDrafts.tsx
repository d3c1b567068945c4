import type { ApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { Fold } from '../../../shared/components/Fold';
import { formatDateTime } from '../../../shared/format';
import type { AcceptedDraft } from '../api/leads';
import { OutputFeedback } from '../../../shared/feedback/OutputFeedback';

/** The drafts accepted for this lead, newest first, and which one a campaign uses. */
export function AcceptedDrafts({
  drafts,
  error,
  onRetry,
  leadName,
}: {
  drafts: AcceptedDraft[] | undefined;
  error: ApiError | null;
  onRetry: () => void;
  leadName: string;
}) {
  if (error) {
    return <ErrorBanner title="Could not load the accepted drafts." message={error.message} actions={<Button onClick={onRetry}>Try again</Button>} />;
  }
  if (!drafts?.length) return null;
  const inUse = drafts.find((d) => !d.campaignId)?.id;
  return (
    <section className="draft__history" data-testid="draft-history">
      <h2 className="section-title">
        Accepted drafts <span className="muted small">({drafts.length})</span>
      </h2>
      <p className="muted small">
        A campaign's first email to {leadName} is the newest draft accepted here (unless you accepted one for that campaign); later steps are written when they
        are sent.
      </p>
      <ul className="draft__history-list">
        {drafts.map((d) => (
          <li key={d.id} data-testid="draft-history-item">
            <Fold
              summary={
                <span className="draft__history-summary">
                  <span className="draft__history-subject">{d.subject}</span>
                  <span className="muted small">
                    {d.tone} · accepted {formatDateTime(d.acceptedAt)}
                  </span>
                  {d.campaignId ? <span className="tag">For one campaign</span> : d.id === inUse ? <span className="badge badge--success">In use</span> : null}
                </span>
              }
            >
              <pre className="pasted draft__history-body">{d.body}</pre>
              <OutputFeedback target={{ kind: 'draft', id: d.id }} question="Was this draft helpful?" />
            </Fold>
          </li>
        ))}
      </ul>
    </section>
  );
}
