import { PgBoss, fromPglite, type Job } from 'pg-boss';
import type { DatabaseHandle } from '../db/client.js';
import { withMigrationLock } from '../db/migrate.js';
import { JOB_SCHEMA } from '../db/schema.js';
import { sendJobId, personaJobId } from './job-ids.js';
import { CAMPAIGN_SEND_QUEUE, runCampaignSend, type CampaignSendDeps, type CampaignSendJob } from '../campaigns/send.js';
import { loggableMessage, loggableStack, loggableText } from '../lib/loggable.js';
import { RetryLater } from '../lib/retry-later.js';
import { startContinuousWorker, type ContinuousWorker, type JobOutcome } from './continuous-worker.js';
import { LEAD_PERSONA_QUEUE, runLeadPersonaJob, type LeadPersonaJob, type LeadPersonaJobDeps } from './lead-persona.js';
import {
  PERSONA_RESCORE_QUEUE,
  PERSONA_SYNC_QUEUE,
  runPersonaRescore,
  runPersonaSync,
  type PersonaAnalyticsJobDeps,
  type PersonaRescoreJob,
} from './persona-analytics.js';

// pg-boss on whichever database the app runs on: durable queues for campaign sends and lead
// personas. A job is the unit of work, its id is derived from the work, and everything a job
// needs to know about what already happened lives in the email log, not in memory.

const RETRY_LIMIT = 3;

export type JobRunner = {
  start(): Promise<void>;
  stop(opts?: { graceful?: boolean }): Promise<void>;
  enqueuePersonas(jobs: LeadPersonaJob[]): Promise<void>;
  /** `round` separates a person's explicit retry from the first attempt (a new job id). */
  enqueueSends(jobs: CampaignSendJob[], round?: (job: CampaignSendJob) => number): Promise<void>;
  /** Rescoring a persona's responses (its analytics_jobs row is the job's id and progress). */
  enqueueRescore(job: PersonaRescoreJob): Promise<void>;
  /** Runs the sweep now (also run at start and periodically); a no-op without one. */
  sweep(): Promise<void>;
  boss: PgBoss;
};

export type JobRunnerOptions = {
  handle: DatabaseHandle;
  /** Sends (and drafts) in flight at once in this process. */
  concurrency: number;
  persona: LeadPersonaJobDeps;
  send: CampaignSendDeps;
  /** Persona analytics: rescoring jobs, and the daily sync on a pg-boss schedule. */
  analytics?: PersonaAnalyticsJobDeps & {
    /** The sync's cron expression (PERSONA_SYNC_CRON, UTC); null switches the schedule off (ENABLE_PERSONA_SYNC=false). */
    syncCron: string | null;
  };
  /** Leads waiting for a persona, re-enqueued at start (their job ids make this idempotent). */
  pendingPersonas?: () => Promise<LeadPersonaJob[]>;
  /**
   * Settles send-log rows whose job is dead (campaigns/sweep.ts): run once at start, after the
   * workers, and then every `sweepIntervalSeconds` (default 60) until stop.
   */
  sweep?: () => Promise<unknown>;
  sweepIntervalSeconds?: number;
  /** Seconds between pg-boss heartbeats for active jobs: a job whose process died is retried after about twice this. */
  heartbeatSeconds?: number;
  log?: (message: string) => void;
};

/** pg-boss on the app's own connection (the PGlite, or the pool), its maintenance as often as its heartbeat. */
export function bossFor(handle: DatabaseHandle, heartbeatSeconds: number): PgBoss {
  // Schedules are checked as often as the heartbeat (at most every 30 s, pg-boss's default).
  const common = {
    superviseIntervalSeconds: heartbeatSeconds,
    monitorIntervalSeconds: heartbeatSeconds,
    cronMonitorIntervalSeconds: Math.min(30, heartbeatSeconds),
    schema: JOB_SCHEMA,
  };
  if (handle.pglite) return new PgBoss({ ...common, db: fromPglite(handle.pglite), backend: 'pglite' });
  const pool = handle.pg!;
  return new PgBoss({ ...common, db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) } });
}

export function createJobRunner(opts: JobRunnerOptions): JobRunner {
  const heartbeatSeconds = opts.heartbeatSeconds ?? 10;
  const boss = bossFor(opts.handle, heartbeatSeconds);
  // Every line this runner logs is masked (keys, SMTP and database passwords) and carries no SQL
  // parameters: errors from providers, SMTP and the database pass through lib/loggable.ts first.
  const sink = opts.log ?? ((m: string) => console.error(m));
  const log = (m: string) => sink(loggableText(m));
  boss.on('error', (err) => log(`jobs: ${loggableMessage(err)}`));
  const queueOptions = {
    retryLimit: RETRY_LIMIT,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 300,
    heartbeatSeconds,
    expireInSeconds: 900,
    deleteAfterSeconds: 7 * 86_400,
  };

  // The sweep runs on a timer of this process rather than as a pg-boss schedule: it must run at
  // start (a schedule fires at the next minute at the earliest), it is one guarded statement per
  // row so running it on every replica at once is harmless, and a sweep job could itself be the
  // kind of job that dies.
  let sweepTimer: NodeJS.Timeout | null = null;
  let sweeping: Promise<void> | null = null;
  const sweepOnce = () => {
    if (!opts.sweep || sweeping) return sweeping ?? Promise.resolve();
    sweeping = opts
      .sweep()
      .then(
        () => {},
        (err: unknown) => log(`jobs: the sweep of dead sends failed: ${loggableMessage(err)}`),
      )
      .finally(() => (sweeping = null));
    return sweeping;
  };

  /** One job's outcome for the queue: a failure is retried by it (RetryLater is the expected kind, not logged). */
  async function outcome<T extends object>(job: Job<T>, run: (job: Job<T>) => Promise<unknown>): Promise<JobOutcome> {
    try {
      return { ok: true, output: ((await run(job)) ?? {}) as object };
    } catch (err) {
      if (!(err instanceof RetryLater)) log(`jobs: ${job.name} ${job.id} failed: ${loggableStack(err)}`);
      // The output is stored in the job table and can reach a person (the sweep quotes it): the same rules.
      return { ok: false, output: { error: loggableMessage(err) } };
    }
  }
  const final = (job: Job<unknown>) => ((job as { retryCount?: number }).retryCount ?? 0) >= RETRY_LIMIT;
  const consume = <T extends object>(queue: string, run: (job: Job<T>) => Promise<unknown>, concurrency = opts.concurrency) =>
    startContinuousWorker<T>({
      boss,
      queue,
      concurrency,
      pollingIntervalMs: 500,
      heartbeatSeconds,
      handle: (job) => outcome(job, run),
      onError: (err) => log(`jobs: ${queue}: ${loggableMessage(err)}`),
    });
  let sendWorker: ContinuousWorker | null = null;
  let personaWorker: ContinuousWorker | null = null;
  let analyticsWorkers: ContinuousWorker[] = [];
  const analytics = opts.analytics;

  return {
    boss,
    async start() {
      // pg-boss creates (or upgrades) its schema on start without a lock of its own that covers
      // CREATE SCHEMA: replicas starting together on a fresh database collide there
      // (pg_namespace_nspname_index), so it starts under the migration lock.
      await withMigrationLock(opts.handle, async () => {
        await boss.start();
        for (const name of [LEAD_PERSONA_QUEUE, CAMPAIGN_SEND_QUEUE, PERSONA_RESCORE_QUEUE, PERSONA_SYNC_QUEUE]) {
          if (!(await boss.getQueue(name))) await boss.createQueue(name, queueOptions);
        }
        // Every replica may call this: pg-boss keeps one schedule per name, and one job per occurrence.
        if (analytics?.syncCron) await boss.schedule(PERSONA_SYNC_QUEUE, analytics.syncCron, {}, { tz: 'UTC' });
        else if (analytics) await boss.unschedule(PERSONA_SYNC_QUEUE);
      });
      if (analytics) {
        // Rescoring is set-based statements on the database: two at a time is plenty, more only queue there.
        analyticsWorkers = [
          consume<PersonaRescoreJob>(PERSONA_RESCORE_QUEUE, (job) => runPersonaRescore(job.data, { final: final(job) }, analytics), 2),
          consume<object>(PERSONA_SYNC_QUEUE, () => runPersonaSync({ ...analytics, log }), 1),
        ];
      }
      personaWorker = consume<LeadPersonaJob>(LEAD_PERSONA_QUEUE, (job) => runLeadPersonaJob(job.data, { final: final(job) }, opts.persona));
      sendWorker = consume<CampaignSendJob>(CAMPAIGN_SEND_QUEUE, (job) => runCampaignSend(job.data, { final: final(job) }, opts.send));
      if (opts.pendingPersonas) await this.enqueuePersonas(await opts.pendingPersonas());
      if (opts.sweep) {
        await sweepOnce();
        sweepTimer = setInterval(() => void sweepOnce(), (opts.sweepIntervalSeconds ?? 60) * 1000);
        sweepTimer.unref();
      }
    },
    async sweep() {
      await sweepOnce();
    },
    async stop({ graceful = true } = {}) {
      if (sweepTimer) clearInterval(sweepTimer);
      sweepTimer = null;
      await sweeping;
      // Sends in flight finish first (a graceful stop), then pg-boss stops; what is still running after
      // the grace is handed back to the queue.
      const workers = [personaWorker, sendWorker, ...analyticsWorkers];
      sendWorker = personaWorker = null;
      analyticsWorkers = [];
      await Promise.all(workers.map((w) => w?.stop(graceful ? 30_000 : 0)));
      await boss.stop({ graceful, timeout: 30_000, close: true } as never);
    },
    async enqueuePersonas(jobs) {
      if (jobs.length === 0) return;
      await boss.insert(
        LEAD_PERSONA_QUEUE,
        jobs.map((data) => ({ id: personaJobId(data), data })),
      );
      personaWorker?.wake();
    },
    async enqueueRescore(job) {
      await boss.send(PERSONA_RESCORE_QUEUE, job, { id: job.jobId });
      analyticsWorkers[0]?.wake();
    },
    async enqueueSends(jobs, round = () => 0) {
      for (let i = 0; i < jobs.length; i += 500) {
        const slice = jobs.slice(i, i + 500);
        await boss.insert(
          CAMPAIGN_SEND_QUEUE,
          slice.map((data) => ({ id: sendJobId(data, round(data)), data })),
        );
        sendWorker?.wake();
      }
    },
  };
}
