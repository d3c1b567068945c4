import type { Job, PgBoss } from 'pg-boss';

// A pg-boss consumer that keeps `concurrency` jobs of one queue in flight at all times: it fetches
// as many jobs as it has free slots and fetches again as soon as one finishes. pg-boss's own
// work() hands out batches and waits for a batch's slowest job before fetching again (a batch of
// 10 sends took as long as its slowest draft), and with batches of one it spreads a queue over one
// polling loop per slot (at 50 slots, 100 idle fetches a second per queue). Here one loop per queue
// fetches when a slot frees, and polls only when the queue was found empty.
//
// Each job is fetched (claimed) by pg-boss in one statement, settled with complete() or fail()
// fenced to the attempt that was fetched, and kept alive by one heartbeat for all the jobs in
// flight: a job whose process dies is retried by pg-boss once its heartbeat lapses, as with work().

export type JobOutcome = { ok: true; output: object } | { ok: false; output: object };

export type ContinuousWorkerOptions<T extends object> = {
  boss: PgBoss;
  queue: string;
  /** Jobs in flight at once in this process. */
  concurrency: number;
  /** How long to wait before looking again when the queue had nothing to hand out (ms). */
  pollingIntervalMs: number;
  /** The queue's heartbeat (s): the jobs in flight are touched every half of it. */
  heartbeatSeconds: number;
  /** Runs one job; it must not throw (a throw is logged and the job failed, so the queue retries it). */
  handle(job: Job<T>): Promise<JobOutcome>;
  onError(err: unknown): void;
};

export type ContinuousWorker = {
  /** Fetch now rather than at the next poll (this process just enqueued work). */
  wake(): void;
  /** Jobs being handled right now. */
  inFlight(): number;
  /**
   * Stops fetching; with `graceMs` > 0 waits that long for the jobs in flight, then fails the ones
   * still running so the queue retries them (their email log rows say what happened to each send).
   */
  stop(graceMs: number): Promise<void>;
};

const STOPPED_MID_JOB = 'The server stopped before this job finished; the queue will run it again.';

export function startContinuousWorker<T extends object>(opts: ContinuousWorkerOptions<T>): ContinuousWorker {
  const { boss, queue, concurrency } = opts;
  const running = new Map<string, { job: Job<T>; done: Promise<void> }>();
  let stopping = false;
  let wakeLoop: (() => void) | null = null;
  let wakeRequested = false;

  const wake = () => {
    wakeRequested = true;
    wakeLoop?.();
  };
  /** Resolves when woken, or after `ms` when given. */
  const pause = (ms: number | null) =>
    new Promise<void>((resolve) => {
      if (wakeRequested || stopping) return resolve();
      const timer = ms === null ? null : setTimeout(done, ms);
      function done() {
        if (timer) clearTimeout(timer);
        wakeLoop = null;
        resolve();
      }
      wakeLoop = done;
    });

  async function settle(job: Job<T>, outcome: JobOutcome) {
    try {
      if (outcome.ok) await boss.complete(queue, job, outcome.output);
      else await boss.fail(queue, job, outcome.output);
    } catch (err) {
      // The claim stays active and lapses with its heartbeat: the queue runs the job again, and the
      // email log makes that second run find the send done.
      opts.onError(err);
    }
  }

  function begin(job: Job<T>) {
    const done = opts
      .handle(job)
      .catch((err: unknown): JobOutcome => {
        opts.onError(err);
        return { ok: false, output: { error: err instanceof Error ? err.message : String(err) } };
      })
      .then((outcome) => (stopping && !running.has(job.id) ? undefined : settle(job, outcome)))
      .finally(() => {
        running.delete(job.id);
        wake();
      });
    running.set(job.id, { job, done });
  }

  const heartbeat = setInterval(
    () => {
      const held = [...running.values()].map((r) => r.job);
      if (held.length) boss.touch(queue, held).catch(opts.onError);
    },
    Math.max(1, opts.heartbeatSeconds / 2) * 1000,
  );
  heartbeat.unref();

  const loop = (async () => {
    while (!stopping) {
      wakeRequested = false;
      const free = concurrency - running.size;
      if (free <= 0) {
        await pause(null);
        continue;
      }
      let fetched: Job<T>[];
      try {
        fetched = await boss.fetch<T>(queue, { batchSize: free });
      } catch (err) {
        if (stopping) break;
        opts.onError(err);
        await pause(opts.pollingIntervalMs);
        continue;
      }
      if (stopping) {
        // Claimed just as the stop began: handed back at once so another process (or the next start) runs them.
        if (fetched.length) await boss.fail(queue, fetched, { error: STOPPED_MID_JOB }).catch(opts.onError);
        break;
      }
      for (const job of fetched) begin(job);
      // Fewer than asked: the queue is empty for now, so look again after the polling interval (or
      // when this process enqueues). Otherwise every slot is taken: fetch again when one frees.
      if (fetched.length < free) await pause(opts.pollingIntervalMs);
    }
  })();

  return {
    wake,
    inFlight: () => running.size,
    async stop(graceMs) {
      stopping = true;
      wakeLoop?.();
      await loop;
      if (graceMs > 0 && running.size) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.all([...running.values()].map((r) => r.done)), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
        clearTimeout(timer);
      }
      clearInterval(heartbeat);
      const left = [...running.values()].map((r) => r.job);
      running.clear();
      if (left.length) await boss.fail(queue, left, { error: STOPPED_MID_JOB }).catch(opts.onError);
    },
  };
}
