import { v5 as uuidv5 } from 'uuid';

// Job ids are derived from the work, so enqueueing the same work twice (a double click, a
// restart re-enqueueing what was pending) is a no-op in pg-boss rather than a second job.
/** The Postgres schema pg-boss keeps its tables in (pgboss.job: one row per job, with its state). */
export const JOB_SCHEMA = 'pgboss';

const NAMESPACE = '5f0c8a1e-2f4b-4d7e-9a51-7c3d2e9b6a10';

export const sendJobId = (k: { campaignId: string; stepId: string; leadId: string }, round = 0) =>
  uuidv5(`send:${k.campaignId}:${k.stepId}:${k.leadId}:${round}`, NAMESPACE);

export const personaJobId = (k: { leadId: string; request: number }) => uuidv5(`lead-persona:${k.leadId}:${k.request}`, NAMESPACE);
