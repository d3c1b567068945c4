import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AnalyticsJob } from '@schemas/persona-analytics.js';
import { queryKeys } from '../../../shared/api/query-keys';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { ProgressBar } from '../../../shared/components/ProgressBar';
import { isFinished, useAnalyticsJob } from '../api/analytics';

type Props = { job: AnalyticsJob; label: string; personaId: string; onDismiss: () => void; onFinished: (job: AnalyticsJob) => void };

/** A rescoring job in the background: its progress until done, then what it did; the figures refresh when it ends. */
export function JobProgress({ job: started, label, personaId, onDismiss, onFinished }: Props) {
  const qc = useQueryClient();
  const poll = useAnalyticsJob(started);
  const job = poll.data ?? started;
  const refreshed = useRef(false);

  useEffect(() => {
    if (!isFinished(job) || refreshed.current) return;
    refreshed.current = true;
    void qc.invalidateQueries({ queryKey: queryKeys.personaAnalytics(personaId) });
    void qc.invalidateQueries({ queryKey: queryKeys.analytics });
    onFinished(job);
  }, [job, personaId, qc, onFinished]);

  if (job.status === 'failed') {
    return (
      <ErrorBanner
        title={`${label} failed.`}
        message={job.error ?? 'The job stopped. Press Recalculate all to try again.'}
        onDismiss={onDismiss}
        testId="job-failed"
      />
    );
  }
  if (job.status === 'superseded') {
    return (
      <ErrorBanner
        tone="warning"
        testId="job-superseded"
        title={`${label}: stopped.`}
        message="The rules changed again while it ran; the rescoring of the newer rules replaces it. The figures below update when that one is done."
        onDismiss={onDismiss}
      />
    );
  }
  if (job.status === 'done') {
    return (
      <ErrorBanner
        tone="success"
        testId="job-done"
        message={`${label}: done — ${job.done.toLocaleString()} response${job.done === 1 ? '' : 's'} scored. The figures below are up to date.`}
        onDismiss={onDismiss}
      />
    );
  }
  return (
    <ProgressBar
      label={`${label} in the background — you can keep working.`}
      name={label}
      testId="job-progress"
      value={job.total ? { done: job.done, total: job.total } : undefined}
      status={job.status === 'queued' ? 'Waiting to start…' : job.total ? `${job.done.toLocaleString()} of ${job.total.toLocaleString()}` : undefined}
    >
      {poll.error ? <p className="field__error small">Cannot read its progress: {poll.error.message}</p> : null}
    </ProgressBar>
  );
}
