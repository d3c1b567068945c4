import { ProgressBar } from '../../../shared/components/ProgressBar';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CampaignRun, LeadResult } from '@schemas/campaign.js';
import type { Lead } from '@schemas/lead.js';
import type { ApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { formatDateTime } from '../../../shared/format';
import { paths } from '../../../shared/paths';
import { useMe } from '../../../shared/session/session';
import { useEditSample } from '../api/campaigns';
import { SampleEditor } from './SampleEditor';

/** A person reads the sample drafts and approves the first send (or rejects it). */
export function ApprovalPanel({
  run,
  leadsById,
  busy,
  error,
  onDecide,
}: {
  run: CampaignRun;
  leadsById: Map<string, Lead>;
  busy: 'approve' | 'reject' | null;
  error: ApiError | null;
  onDecide(approved: boolean, note: string): void;
}) {
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const me = useMe();
  const editSample = useEditSample(run.campaignId);

  function decide(approved: boolean) {
    onDecide(approved, note.trim());
  }

  return (
    <section className="cmp-approval" data-testid="approval-panel" aria-labelledby="approval-title">
      <div>
        <h3 className="cmp-approval__title" id="approval-title">
          Review before the first send
        </h3>
        <p className="muted small">
          These are {run.samples.length} of the {run.total} drafts for “{run.stepName}”, written the way every lead’s email will be. Nothing is sent until you
          approve. Fix a sample with “Edit”: that lead gets your version.
        </p>
        {me.data ? (
          <p className="small cmp-approval__as" data-testid="approval-as">
            You approve as <strong>{me.data.user.name}</strong>
            {me.data.mode === 'team' ? ` (${me.data.user.email})` : ''}: the run records who decided.
          </p>
        ) : null}
      </div>
      <ol className="cmp-samples">
        {run.samples.map((s, i) => {
          const lead = leadsById.get(s.leadId);
          const result = run.results.find((r) => r.leadId === s.leadId);
          const name = lead?.name ?? result?.name ?? 'A lead';
          const email = lead?.email ?? result?.email ?? '';
          return (
            <li key={`${s.leadId}-${i}`} className="cmp-sample" data-testid="approval-sample" data-lead-id={s.leadId}>
              <dl className="cmp-mail-head">
                <div>
                  <dt>To</dt>
                  <dd>
                    {name}
                    {email ? <span className="muted"> &lt;{email}&gt;</span> : null}
                  </dd>
                </div>
                {editing === s.leadId ? null : (
                  <div>
                    <dt>Subject</dt>
                    <dd className="cmp-sample__subject" data-testid="approval-sample-subject">
                      {s.subject}
                    </dd>
                  </div>
                )}
              </dl>
              {editing === s.leadId ? (
                <SampleEditor
                  sample={s}
                  saving={editSample.isPending}
                  error={editSample.error}
                  onCancel={() => setEditing(null)}
                  onSave={(subject, body) => editSample.mutate({ runId: run.id, leadId: s.leadId, subject, body }, { onSuccess: () => setEditing(null) })}
                />
              ) : (
                <>
                  <div className="cmp-mail-body" data-testid="approval-sample-body">
                    {s.body}
                  </div>
                  <div className="cmp-sample__foot">
                    <p className="muted small">Tone: {s.tone}</p>
                    <Button
                      onClick={() => {
                        editSample.reset();
                        setEditing(s.leadId);
                      }}
                      disabled={busy !== null || editing !== null}
                      data-testid="approval-sample-edit"
                    >
                      Edit
                    </Button>
                  </div>
                </>
              )}
              {s.unresolvedFields.length ? (
                <p className="cmp-warn small">Unfilled merge fields: {s.unresolvedFields.join(', ')} — this email will not be sent as it is.</p>
              ) : null}
              {s.warnings.length ? (
                <ul className="cmp-warn small cmp-sample__warnings">
                  {s.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
      {run.samples.length === 0 ? <p className="muted">No sample drafts came back. You can still approve or reject the run.</p> : null}

      <div className="cmp-approval__form">
        <div className="field">
          <label className="field__label" htmlFor="approval-note">
            Note <span className="muted small">(optional)</span>
          </label>
          <input
            id="approval-note"
            className="input"
            data-testid="approval-note"
            value={note}
            maxLength={1000}
            placeholder="e.g. checked tone and claims"
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
      </div>
      {error ? <ErrorBanner title="Not recorded." message={error.message} /> : null}
      <div className="cmp-approval__actions">
        <Button
          variant="primary"
          onClick={() => decide(true)}
          busy={busy === 'approve'}
          disabled={busy !== null || editing !== null}
          data-testid="approval-approve"
        >
          Approve and send {run.total} email{run.total === 1 ? '' : 's'}
        </Button>
        <Button onClick={() => decide(false)} busy={busy === 'reject'} disabled={busy !== null} data-testid="approval-reject">
          Reject
        </Button>
      </div>
    </section>
  );
}

/** sent + failed of total, polled every second while the run sends. */
export function RunProgress({ run }: { run: CampaignRun }) {
  const label = `${run.transport === 'outbox' ? 'Stored' : 'Sent'} ${run.sent} of ${run.total}${run.failed ? `, ${run.failed} failed` : ''}`;
  return (
    <ProgressBar
      label={run.transport === 'outbox' ? 'Writing to the Outbox…' : 'Sending…'}
      value={{ done: run.sent + run.failed, total: run.total, failed: run.failed }}
      status={label}
      name={`“${run.stepName}”: ${label}`}
      testId="run-progress"
    >
      <p className="muted small">The sends run in the background: you can leave this page and come back. At most {run.sendCapPerMinute} per minute.</p>
    </ProgressBar>
  );
}

const failedStatuses: ReadonlySet<LeadResult['status']> = new Set(['failed', 'interrupted']);
export const failuresOf = (run: CampaignRun) => run.results.filter((r) => failedStatuses.has(r.status));
/** What "Retry failed" queues again: failed sends only (an interrupted one may have arrived: "Send again" names it). */
export const retryableFailuresOf = (run: CampaignRun) => run.results.filter((r) => r.status === 'failed' && r.retryable);

/** The outcome of a run: its summary, what failed and why, and a retry for those. */
export function RunSummary({
  run,
  campaignId,
  retrying,
  retryError,
  onRetry,
  onSendAgain,
}: {
  run: CampaignRun;
  campaignId: string;
  /** The retry in flight: every failed send (null), or the one lead sent again. */
  retrying: { leadId: string | null } | null;
  retryError: ApiError | null;
  onRetry(): void;
  onSendAgain(leadId: string): void;
}) {
  const failures = failuresOf(run);
  const skipped = run.results.filter((r) => r.status === 'skipped');
  const retryable = retryableFailuresOf(run);
  const allGood = failures.length === 0 && run.sent === run.total;
  return (
    <div className="cmp-summary">
      <div className={`cmp-summary__line cmp-summary__line--${allGood ? 'ok' : 'partial'}`}>
        <strong className="cmp-summary__text" data-testid="run-summary">
          {run.summary}
        </strong>
        <span className="muted small">
          “{run.stepName}”{run.finishedAt ? ` · finished ${formatDateTime(run.finishedAt)}` : ''}
        </span>
      </div>
      {run.transport === 'outbox' && run.sent > 0 ? (
        <p className="small">
          Outbox mode: nothing left this server.{' '}
          <Link to={paths.campaignOutbox(campaignId)} data-testid="run-outbox-link">
            See the emails in the Outbox
          </Link>
        </p>
      ) : null}
      {run.cost ? <RunCostLine cost={run.cost} /> : null}
      {run.approval ? (
        <p className="muted small">
          Approved by {run.approval.approvedBy} on {formatDateTime(run.approval.approvedAt)}
          {run.approval.note ? ` — “${run.approval.note}”` : ''}
        </p>
      ) : null}
      {failures.length ? <FailureList failures={failures} onSendAgain={onSendAgain} sendingAgain={retrying?.leadId ?? null} busy={retrying !== null} /> : null}
      {skipped.length ? <p className="muted small">Skipped: {skipped.map((s) => `${s.name}${s.error ? ` (${s.error})` : ''}`).join(', ')}</p> : null}
      {retryError ? <ErrorBanner title="Could not retry." message={retryError.message} /> : null}
      {retryable.length ? (
        <div>
          <Button onClick={onRetry} busy={retrying !== null && retrying.leadId === null} disabled={retrying !== null} data-testid="run-retry">
            Retry failed ({retryable.length})
          </Button>
          <span className="muted small cmp-retry-note"> Nobody who already received this step gets it twice.</span>
        </div>
      ) : null}
    </div>
  );
}

/**
 * The sends that did not go out. An interrupted one (the server stopped while handing it to the
 * mail server) may already have arrived: it gets its own "Send again", never a bulk retry.
 */
export function FailureList({
  failures,
  onSendAgain,
  sendingAgain = null,
  busy = false,
}: {
  failures: LeadResult[];
  onSendAgain?(leadId: string): void;
  sendingAgain?: string | null;
  busy?: boolean;
}) {
  return (
    <div className="cmp-failures">
      <p className="cmp-problems__title">{failures.length} not sent</p>
      <ul>
        {failures.map((f) => (
          <li key={f.leadId} className="cmp-problem" data-testid="run-failure" data-lead-id={f.leadId} data-status={f.status}>
            <span className="cmp-problem__who">
              <strong>{f.name}</strong>
              {f.email ? <span className="muted"> · {f.email}</span> : null}
            </span>
            <span className="cmp-problem__why cmp-error-text">
              {f.status === 'interrupted' ? 'Interrupted (the server stopped mid-send)' : (f.error ?? 'Failed')}
              {!f.retryable ? <span className="muted"> · not retryable</span> : null}
            </span>
            {f.status === 'interrupted' && f.retryable && onSendAgain ? (
              <span className="cmp-send-again">
                <span className="muted small" id={`send-again-${f.leadId}`}>
                  This email may already have arrived: send it again only if {f.name} did not get it.
                </span>
                <Button
                  size="sm"
                  onClick={() => onSendAgain(f.leadId)}
                  busy={sendingAgain === f.leadId}
                  disabled={busy}
                  aria-describedby={`send-again-${f.leadId}`}
                  data-testid="run-send-again"
                >
                  Send again
                </Button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

const STATUS_TEXT: Record<CampaignRun['status'], string> = {
  awaiting_approval: 'Awaiting approval',
  running: 'Sending',
  completed: 'Completed',
  rejected: 'Rejected',
};
const STATUS_TONE: Record<CampaignRun['status'], string> = {
  awaiting_approval: 'warning',
  running: 'info',
  completed: 'success',
  rejected: '',
};

export function RunStatusBadge({ status }: { status: CampaignRun['status'] }) {
  return (
    <span className={`badge ${STATUS_TONE[status] ? `badge--${STATUS_TONE[status]}` : ''}`} data-status={status}>
      {STATUS_TEXT[status]}
    </span>
  );
}

/** Every run of the campaign, newest first. */
export function RunHistory({ runs, activeRunId, onShow }: { runs: CampaignRun[]; activeRunId: string | null; onShow(runId: string): void }) {
  return (
    <div className="table-wrap">
      <table className="data-table cmp-runs">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Step</th>
            <th scope="col">Status</th>
            <th scope="col">Result</th>
            <th scope="col">Approved</th>
            <th scope="col">
              <span className="sr-only">Show</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} data-testid="run-history-row" data-run-id={r.id} className={r.id === activeRunId ? 'cmp-runs__current' : undefined}>
              <td>{formatDateTime(r.createdAt)}</td>
              <td>{r.stepName}</td>
              <td>
                <RunStatusBadge status={r.status} />
              </td>
              <td>
                {r.summary}
                {r.transport === 'outbox' ? <span className="muted small"> (outbox)</span> : null}
              </td>
              <td className="cmp-runs__approval">
                {r.approval ? (
                  <>
                    <span className="cmp-runs__label">Approved by </span>
                    {r.approval.approvedBy}
                    <span className="muted small"> · {formatDateTime(r.approval.approvedAt)}</span>
                  </>
                ) : (
                  <span className="muted cmp-runs__none">—</span>
                )}
              </td>
              <td>
                {r.id === activeRunId ? (
                  <span className="muted small">Shown above</span>
                ) : (
                  <button type="button" className="linkish small" onClick={() => onShow(r.id)}>
                    Show
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const dollars = (usd: number) => (usd === 0 ? '$0' : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`);

/** What the run's drafts cost: the model calls it made, priced at the price table's rates. */
function RunCostLine({ cost }: { cost: NonNullable<CampaignRun['cost']> }) {
  if (cost.calls === 0) return null;
  const tokens = `${cost.inputTokens.toLocaleString('en-US')} in / ${cost.outputTokens.toLocaleString('en-US')} out tokens${cost.tokensEstimated ? ' (estimated)' : ''}`;
  return (
    <p className="muted small" data-testid="run-cost">
      Model cost: {cost.usd === null ? `unknown (no price for ${cost.unpricedModels.join(', ')}; set MODEL_PRICES)` : dollars(cost.usd)} · {cost.calls}{' '}
      {cost.calls === 1 ? 'call' : 'calls'}, {tokens}
    </p>
  );
}
