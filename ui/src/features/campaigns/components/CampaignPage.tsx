import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import type { Campaign, CampaignRun, Preflight } from '@schemas/campaign.js';
import type { ApiError } from '../../../shared/api/errors';
import { queryKeys } from '../../../shared/api/query-keys';
import { Button } from '../../../shared/components/Button';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { LoadFailure } from '../../../shared/components/LoadFailure';
import { formatDateTime, formatRelative } from '../../../shared/format';
import { campaigns, useLaunch, usePreflight, useRetryRun, useRun, useRuns } from '../api/campaigns';
import { useLeads } from '../../../shared/catalog/leads';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { LeadsPanel } from './LeadsPanel';
import { PreflightView } from './PreflightView';
import { ApprovalPanel, FailureList, failuresOf, RunHistory, RunProgress, RunSummary } from './RunViews';
import { SettingsPanel } from './SettingsPanel';
import { paths } from '../../../shared/paths';
import { useToastOnChange } from '../../../shared/toast/toast';

/** /campaigns/:id — settings, leads, the pre-flight check, "Run now" with approval, progress and results. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const campaign = campaigns.useOne(id);

  if (campaign.isPending) return <Loading label="Loading campaign…" />;
  if (campaign.isError) {
    return (
      <LoadFailure error={campaign.error} what="campaign" back={{ to: paths.campaigns, label: 'Back to campaigns' }} onRetry={() => void campaign.refetch()} />
    );
  }
  return <CampaignView key={id} campaign={campaign.data} reload={async () => (await campaign.refetch()).data} />;
}

function CampaignView({ campaign: c, reload }: { campaign: Campaign; reload(): Promise<Campaign | undefined> }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const leads = useLeads({ pollWhilePending: true });
  // '' = the step a run would pick by itself (the first with leads still to send).
  const [stepChoice, setStepChoice] = useState('');
  const stepId = c.steps.some((s) => s.id === stepChoice) ? stepChoice : null;
  const preflight = usePreflight(c.id, stepId);
  const runs = useRuns(c.id);
  const launch = useLaunch(c.id);
  const retry = useRetryRun(c.id);
  const remove = campaigns.useDelete();
  const [confirming, setConfirming] = useState(false);
  const [dirty, setDirty] = useState(false);
  const onDirtyChange = useCallback((d: boolean) => setDirty(d), []);

  const [chosenRunId, setChosenRunId] = useState<string | null>(null);
  const activeRunId = chosenRunId ?? runs.data?.[0]?.id ?? null;
  const run = useRun(
    c.id,
    activeRunId,
    runs.data?.find((r) => r.id === activeRunId),
  );
  const active = run.data;
  useToastOnChange(
    active,
    (r) => r.status === 'running',
    (r) => r.status === 'completed',
    (r) => ({
      text: `“${r.stepName}” finished: ${r.summary}.`,
      ...(r.transport === 'outbox' ? { link: { to: paths.campaignOutbox(c.id), label: 'Outbox' } } : {}),
    }),
  );

  const leadsById = useMemo(() => new Map((leads.data ?? []).map((l) => [l.id, l])), [leads.data]);

  // A persona finished (or failed) in the background: the pre-flight's "personas to generate" moved.
  const pendingPersonas = c.leadIds.filter((lid) => leadsById.get(lid)?.personaStatus === 'pending').length;
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: queryKeys.campaignPreflight(c.id) });
  }, [pendingPersonas, qc, c.id]);

  const busyRun = active?.status === 'running' || active?.status === 'awaiting_approval';
  const blocked = runBlockedReason({ dirty, run: active, preflight: preflight.data });
  const deciding = launch.isPending && launch.variables?.resume ? (launch.variables.resume.approval.approved ? 'approve' : 'reject') : null;
  const starting = launch.isPending && !launch.variables?.resume;

  function runNow() {
    retry.reset();
    launch.mutate({ campaignId: c.id, ...(stepId ? { stepId } : {}) }, { onSuccess: (out) => setChosenRunId(out.run.id) });
  }

  function decide(runId: string, approved: boolean, note: string) {
    launch.mutate({ campaignId: c.id, resume: { runId, approval: { approved, note } } }, { onSuccess: (out) => setChosenRunId(out.run.id) });
  }

  return (
    <div className="page">
      <p className="crumbs">
        <Link to={paths.campaigns}>← Campaigns</Link>
      </p>
      <div className="page__head">
        <div>
          <div className="cmp-title">
            <h1 className="page-title" data-testid="campaign-title">
              {c.name}
            </h1>
            <CampaignStatusBadge status={c.status} />
          </div>
          <p className="muted small" data-testid="campaign-stats">
            {c.leadIds.length} lead{c.leadIds.length === 1 ? '' : 's'} · {c.emailsSent} email{c.emailsSent === 1 ? '' : 's'} sent ·{' '}
            {c.lastRunAt ? <span title={formatDateTime(c.lastRunAt)}>last run {formatRelative(c.lastRunAt)}</span> : 'never run'}
            {c.approvedAt ? ` · samples approved ${formatRelative(c.approvedAt)}` : ''}
          </p>
        </div>
        <div className="toolbar">
          {c.emailsSent > 0 ? (
            <Link to={paths.campaignOutbox(c.id)} className="btn btn--ghost">
              Sent emails
            </Link>
          ) : null}
          <Button variant="danger" onClick={() => setConfirming(true)} data-testid="campaign-delete">
            Delete
          </Button>
        </div>
      </div>

      <div className="cmp-layout">
        <div className="cmp-main">
          <section className="panel cmp-send" aria-labelledby="campaign-send-title" data-testid="campaign-send">
            <div className="panel__head">
              <h2 className="panel__title" id="campaign-send-title">
                {busyRun ? 'Sending' : active ? 'Last run' : 'Send'}
              </h2>
              {active && !busyRun ? <span className="panel__hint">{formatDateTime(active.createdAt)}</span> : null}
            </div>

            {active ? (
              <div className="cmp-run" data-testid="campaign-current-run" data-run-id={active.id} data-status={active.status}>
                {active.status === 'awaiting_approval' ? (
                  <ApprovalPanel
                    key={active.id}
                    run={active}
                    leadsById={leadsById}
                    busy={deciding}
                    error={launch.error && launch.variables?.resume ? launch.error : null}
                    onDecide={(approved, note) => decide(active.id, approved, note)}
                  />
                ) : null}
                {active.status === 'running' ? (
                  <>
                    <RunProgress run={active} />
                    {failuresOf(active).length ? <FailureList failures={failuresOf(active)} /> : null}
                  </>
                ) : null}
                {active.status === 'completed' ? (
                  <RunSummary
                    run={active}
                    campaignId={c.id}
                    retrying={retry.isPending ? { leadId: retry.variables?.leadIds?.[0] ?? null } : null}
                    retryError={retry.error}
                    onRetry={() => retry.mutate({ runId: active.id })}
                    onSendAgain={(leadId) => retry.mutate({ runId: active.id, leadIds: [leadId] })}
                  />
                ) : null}
                {active.status === 'rejected' ? <Rejected run={active} /> : null}
                {retry.data && retry.data.run.id === active.id ? (
                  <p className="muted small" role="status" data-testid="run-retry-outcome">
                    {retry.data.message}
                  </p>
                ) : null}
              </div>
            ) : null}
            {run.isError ? <ErrorBanner tone="warning" title="Could not load the run’s progress." message={run.error.message} /> : null}

            {!busyRun ? (
              <div className={`cmp-next${active ? ' cmp-next--after' : ''}`}>
                {active || c.steps.length > 1 ? (
                  <div className="cmp-next__head">
                    {active ? <h3 className="cmp-next__title">Next run</h3> : null}
                    {c.steps.length > 1 ? (
                      <label className="cmp-step-pick">
                        <span className="muted small">Step</span>
                        <select className="input" value={stepId ?? ''} onChange={(e) => setStepChoice(e.target.value)} data-testid="preflight-step">
                          <option value="">Next due (automatic)</option>
                          {[...c.steps]
                            .sort((a, b) => a.position - b.position)
                            .map((s, i) => (
                              <option key={s.id} value={s.id}>
                                {i + 1}. {s.name}
                              </option>
                            ))}
                        </select>
                      </label>
                    ) : null}
                  </div>
                ) : null}
                {preflight.isPending ? <Loading label="Checking who would receive what…" /> : null}
                {preflight.isError ? (
                  <ErrorBanner
                    tone="warning"
                    title="Could not run the pre-flight check."
                    message={preflight.error.message}
                    actions={<Button onClick={() => void preflight.refetch()}>Try again</Button>}
                  />
                ) : null}
                {preflight.data ? (
                  <div className={preflight.isFetching ? 'cmp-stale' : undefined} aria-busy={preflight.isFetching || undefined}>
                    <PreflightView preflight={preflight.data} />
                  </div>
                ) : null}

                <div className="cmp-run-row">
                  <Button variant="primary" onClick={runNow} busy={starting} disabled={Boolean(blocked) || launch.isPending} data-testid="campaign-run">
                    {starting ? (preflight.data?.needsApproval ? 'Drafting samples…' : 'Starting…') : 'Run now'}
                  </Button>
                  {blocked ? (
                    <span className="muted small" data-testid="campaign-run-hint">
                      {blocked}
                    </span>
                  ) : starting ? (
                    <span className="muted small">Writing the sample drafts can take a little while.</span>
                  ) : null}
                </div>
                {launch.error && !launch.variables?.resume ? <LaunchError error={launch.error} onDismiss={() => launch.reset()} /> : null}
              </div>
            ) : null}
          </section>

          <LeadsPanel campaign={c} leads={leads} />

          <section className="panel" aria-labelledby="campaign-runs-title" data-testid="campaign-runs">
            <div className="panel__head">
              <h2 className="panel__title" id="campaign-runs-title">
                Runs
              </h2>
              <span className="panel__hint">Every run, newest first, with who approved it</span>
            </div>
            {runs.isPending ? <Loading label="Loading runs…" /> : null}
            {runs.isError ? (
              <ErrorBanner
                title="Could not load the runs."
                message={runs.error.message}
                actions={<Button onClick={() => void runs.refetch()}>Try again</Button>}
              />
            ) : null}
            {runs.data && runs.data.length === 0 ? <p className="muted small">No runs yet. “Run now” starts the first one.</p> : null}
            {runs.data && runs.data.length ? (
              <RunHistory
                runs={runs.data}
                activeRunId={activeRunId}
                onShow={(runId) => {
                  setChosenRunId(runId);
                  document.getElementById('campaign-send-title')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
                }}
              />
            ) : null}
          </section>
        </div>

        <div className="cmp-side">
          <SettingsPanel campaign={c} onDirtyChange={onDirtyChange} onReload={reload} />
        </div>
      </div>

      <ConfirmDialog
        open={confirming}
        title={`Delete “${c.name}”?`}
        confirmLabel="Delete campaign"
        confirmTestId="confirm-delete"
        busy={remove.isPending}
        onCancel={() => {
          setConfirming(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate(c.id, { onSuccess: () => navigate(paths.campaigns, { replace: true, state: { notice: `Deleted “${c.name}”.` } }) })}
      >
        <p>The campaign, its sequence and its run history are deleted. Your leads stay; emails already sent cannot be called back.</p>
        {busyRun ? <p className="cmp-warn">A run is in progress.</p> : null}
        {remove.isError ? <p className="field__error">{remove.error.message}</p> : null}
      </ConfirmDialog>
    </div>
  );
}

function runBlockedReason({ dirty, run, preflight }: { dirty: boolean; run: CampaignRun | undefined; preflight: Preflight | undefined }): string | null {
  if (run?.status === 'awaiting_approval') return 'Approve or reject the sample drafts below first.';
  if (run?.status === 'running') return 'A run is sending now.';
  if (dirty) return 'Save the settings first: a run uses the saved ones.';
  if (preflight && preflight.leads === 0) return 'Add leads first.';
  if (preflight && preflight.sendable === 0) return 'Nobody to send to right now (see above).';
  return null;
}

function Rejected({ run }: { run: CampaignRun }) {
  return (
    <ErrorBanner
      tone="info"
      testId="run-rejected"
      title="Samples rejected: nothing was sent."
      message={`${run.approval ? `Rejected by ${run.approval.approvedBy}${run.approval.note ? `: “${run.approval.note}”` : ''}. ` : ''}Adjust the settings (tone, goal, step instructions) and run again for new samples.`}
    />
  );
}

type Problem = { name?: unknown; email?: unknown; reason?: unknown };

/** The pre-flight problems a 400 from launchCampaign carries in its details, in whatever shape. */
function problemsOf(details: unknown): Problem[] {
  if (Array.isArray(details)) return details as Problem[];
  if (details && typeof details === 'object') {
    const d = details as { problems?: unknown; preflight?: { problems?: unknown } };
    if (Array.isArray(d.problems)) return d.problems as Problem[];
    if (Array.isArray(d.preflight?.problems)) return d.preflight.problems as Problem[];
  }
  return [];
}

/** A failed "Run now", in words a person can act on. */
function LaunchError({ error, onDismiss }: { error: ApiError; onDismiss(): void }) {
  const problems = problemsOf(error.details).filter((p) => typeof p.reason === 'string');
  const keyMissing = /api key/i.test(error.message);
  const modelDown = error.status === 503 || error.status === 502 || error.status === 504;
  // The server's own message already says "API key not configured": no title on top of it.
  const title = keyMissing
    ? undefined
    : error.status === 400
      ? 'Nothing was sent.'
      : modelDown
        ? 'The AI model did not answer, so no drafts were written.'
        : 'Could not start the run.';
  return (
    <ErrorBanner
      title={title}
      testId="campaign-run-error"
      onDismiss={onDismiss}
      message={
        <>
          {error.message}
          {problems.length ? (
            <ul className="cmp-error-list">
              {problems.map((p, i) => (
                <li key={i}>
                  {typeof p.name === 'string' ? <strong>{p.name}: </strong> : null}
                  {String(p.reason)}
                </li>
              ))}
            </ul>
          ) : null}
          {keyMissing || modelDown ? (
            <>
              {' '}
              {keyMissing ? 'Set the key on the server, or ' : 'Try again in a moment, or '}
              <Link to={paths.modelSettings}>choose another model provider</Link>.
            </>
          ) : null}
        </>
      }
    />
  );
}
