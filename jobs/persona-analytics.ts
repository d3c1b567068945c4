import type { PersonaAnalyticsQueries } from '../db/queries/persona-analytics.js';
import { loggableMessage } from '../lib/loggable.js';

// Background work of persona analytics: rescoring a persona's responses after its rules changed
// (or on "Recalculate all"), slice by slice with its progress in analytics_jobs, and the daily
// sync that snapshots every persona whose auto-sync is on.

export const PERSONA_RESCORE_QUEUE = 'persona-rescore';
export const PERSONA_SYNC_QUEUE = 'persona-sync';

/** Responses scored per statement: big enough to be set-based, small enough to show progress and let others in between. */
export const RESCORE_SLICE = 20_000;

export type PersonaRescoreJob = { jobId: string; workspaceId: string; personaId: string; rulesVersion: number };

export type PersonaAnalyticsJobDeps = {
  analytics: Pick<PersonaAnalyticsQueries, 'rescore' | 'recount' | 'updateJob' | 'snapshot' | 'autoSyncTargets'>;
  log?: (message: string) => void;
};

export async function runPersonaRescore(job: PersonaRescoreJob, { final }: { final: boolean }, deps: PersonaAnalyticsJobDeps): Promise<{ scored: number }> {
  const { analytics } = deps;
  const { jobId, workspaceId, personaId, rulesVersion } = job;
  try {
    await analytics.updateJob({ id: jobId, status: 'running', done: 0, error: null });
    const { scored, superseded } = await analytics.rescore({
      workspaceId,
      personaId,
      rulesVersion,
      size: RESCORE_SLICE,
      onProgress: (done) => analytics.updateJob({ id: jobId, done }),
    });
    if (superseded) {
      // The rules changed again (or the persona is gone): the newer job scores them all.
      await analytics.updateJob({
        id: jobId,
        status: 'superseded',
        error: 'The rules changed again while this ran: a newer job scores them all',
        finished: true,
      });
      return { scored };
    }
    await analytics.recount({ workspaceId, personaId });
    await analytics.updateJob({ id: jobId, status: 'done', done: scored, total: scored, finished: true });
    return { scored };
  } catch (err) {
    if (final) await analytics.updateJob({ id: jobId, status: 'failed', error: loggableMessage(err), finished: true }).catch(() => {});
    throw err;
  }
}

/** The daily sync: today's snapshot of every persona with rules and auto-sync on, in every workspace. */
export async function runPersonaSync(deps: PersonaAnalyticsJobDeps): Promise<{ synced: number; failed: number }> {
  const targets = await deps.analytics.autoSyncTargets();
  let failed = 0;
  for (const target of targets) {
    try {
      await deps.analytics.snapshot(target);
    } catch (err) {
      // One persona that cannot be snapshotted does not stop the others; the next run tries it again.
      failed++;
      deps.log?.(`jobs: the daily snapshot of persona ${target.personaId} failed: ${loggableMessage(err)}`);
    }
  }
  deps.log?.(`jobs: persona sync snapshotted ${targets.length - failed} of ${targets.length} personas`);
  return { synced: targets.length - failed, failed };
}
