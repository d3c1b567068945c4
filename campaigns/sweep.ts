import type { CampaignStore, Settlement, StrandedSend, SweepStore } from './ports.js';

export type { Settlement, StrandedSend, SweepStore } from './ports.js';
import { loggableText } from '../lib/loggable.js';
import { INTERRUPTED } from './send.js';

// The sweep: email log rows left open by a send job that is dead. A job whose process dies on every
// attempt is eventually failed by the queue (its retry limit), or a job can be gone altogether
// (deleted after its retention, or never enqueued because the process died between opening the
// run's rows and queueing its jobs). Its row then stays `pending` or `sending` and the run never
// completes. The sweep settles such rows and completes their runs; it never sends anything:
// - `sending` (handed to the mail server, outcome unknown) → `interrupted`: may have been
//   delivered, offered for Retry, never resent automatically;
// - `pending` (never handed over) → `failed`, retryable by a person, with the reason.
// Only rows with no live job (queued, active or waiting to retry) for their campaign × step × lead
// are touched, and only once they have not changed for a grace period (a run's rows are opened a
// moment before its jobs are queued, and a person's retry reopens a row before queueing it).

/** What a stranded row becomes, and why. Pure. */
export function settlementFor(row: StrandedSend): Settlement {
  if (row.status === 'sending') return { status: 'interrupted', reason: INTERRUPTED, retryable: true };
  const job = row.job;
  const why = !job
    ? 'its send job is no longer in the queue (the server stopped before it finished)'
    : job.state === 'failed'
      ? `its send job gave up after ${job.retryCount + 1} attempt${job.retryCount ? 's' : ''}${job.error ? ` (last: ${loggableText(job.error)})` : ' (the server stopped or crashed during each)'}`
      : job.state === 'cancelled'
        ? 'its send job was cancelled'
        : 'its send job finished without sending it';
  return { status: 'failed', reason: `Not sent: ${why}. Nothing was handed to the mail server; retry it.`, retryable: true };
}

export type SweepDeps = {
  emailLog: SweepStore;
  campaigns: Pick<CampaignStore, 'completeRunIfDone'>;
  queue: string;
  /** Seconds a row must be unchanged before it is swept (default 120). */
  graceSeconds?: number;
  log?: (message: string) => void;
};

export type SweepResult = { interrupted: number; failed: number; runsCompleted: number };

/** Settles every stranded row (in batches), then completes the runs they belonged to if nothing else is open. */
export async function sweepStrandedSends(deps: SweepDeps): Promise<SweepResult> {
  const graceSeconds = deps.graceSeconds ?? 120;
  const result: SweepResult = { interrupted: 0, failed: 0, runsCompleted: 0 };
  const runs = new Map<string, { workspaceId: string; runId: string }>();
  const seen = new Set<string>();
  for (;;) {
    const batch = (await deps.emailLog.strandedSends({ queue: deps.queue, graceSeconds, limit: 500 })).filter((r) => !seen.has(r.id));
    if (batch.length === 0) break;
    for (const row of batch) {
      seen.add(row.id);
      const settlement = settlementFor(row);
      const done = await deps.emailLog.settleStranded({
        workspaceId: row.workspaceId,
        id: row.id,
        from: row.status,
        queue: deps.queue,
        graceSeconds,
        ...settlement,
      });
      if (!done) continue;
      result[settlement.status]++;
      if (row.runId) runs.set(row.runId, { workspaceId: row.workspaceId, runId: row.runId });
    }
  }
  for (const run of runs.values()) if (await deps.campaigns.completeRunIfDone(run)) result.runsCompleted++;
  if (result.interrupted || result.failed) {
    deps.log?.(
      loggableText(
        `jobs: sweep settled ${result.interrupted} interrupted and ${result.failed} failed sends whose jobs had died; ${result.runsCompleted} runs completed`,
      ),
    );
  }
  return result;
}
