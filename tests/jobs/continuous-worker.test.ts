import type { Job, PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startContinuousWorker, type ContinuousWorker, type JobOutcome } from '../../jobs/continuous-worker.js';
import { bossFor } from '../../jobs/runner.js';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';

// The worker shape campaign sends and lead personas run on (jobs/continuous-worker.ts), on PGlite
// and real Postgres: a finished job's slot is filled at once (not when a batch's slowest job ends),
// two consumers of one queue (two server processes) share its jobs without running one twice, and
// a stop hands the jobs still running back to the queue.

type Item = { n: number };

/** A handler whose jobs finish only when the test says so. */
function heldHandler() {
  const started: Array<{ job: Job<Item>; finish: () => void }> = [];
  const handle = (job: Job<Item>) =>
    new Promise<JobOutcome>((resolve) => started.push({ job, finish: () => resolve({ ok: true, output: { n: job.data.n } }) }));
  return { started, handle };
}

describe.each(drivers)('continuous worker on %s', (driver) => {
  let db: TestDb;
  let boss: PgBoss;
  let queueNo = 0;
  const errors: unknown[] = [];

  beforeAll(async () => {
    db = await createTestDb(driver);
    boss = bossFor(db.handle, 10);
    boss.on('error', (err) => errors.push(err));
    await boss.start();
  }, 60_000);
  afterAll(async () => {
    await boss?.stop({ graceful: false, close: false } as never);
    await db?.close();
  });

  const newQueue = async (jobs: number) => {
    const name = `cw-test-${driver}-${++queueNo}`;
    await boss.createQueue(name, { retryLimit: 2, retryDelay: 0, heartbeatSeconds: 10 });
    await boss.insert(
      name,
      Array.from({ length: jobs }, (_, n) => ({ data: { n } })),
    );
    return name;
  };
  const worker = (b: PgBoss, queue: string, concurrency: number, handle: (job: Job<Item>) => Promise<JobOutcome>): ContinuousWorker =>
    startContinuousWorker<Item>({ boss: b, queue, concurrency, pollingIntervalMs: 500, heartbeatSeconds: 10, handle, onError: (e) => errors.push(e) });
  const states = async (queue: string) => (await boss.findJobs(queue)).map((j) => j.state).sort();

  test('keeps its slots full: one finished job is replaced while the others still run', async () => {
    const queue = await newQueue(8);
    const { started, handle } = heldHandler();
    const w = worker(boss, queue, 3, handle);
    try {
      await expect.poll(() => started.length).toBe(3);
      started[0]!.finish();
      // The other two are still running: a batch-shaped worker would wait for them before fetching.
      await expect.poll(() => started.length).toBe(4);
      expect(w.inFlight()).toBe(3);
      for (let i = 1; i < 8; i++) {
        await expect.poll(() => started.length).toBeGreaterThan(i);
        started[i]!.finish();
      }
      await expect.poll(() => states(queue)).toEqual(Array(8).fill('completed'));
      expect(new Set(started.map((s) => s.job.data.n)).size).toBe(8);
    } finally {
      await w.stop(0);
    }
  });

  test('two consumers of one queue (two processes) run every job once between them', async () => {
    const queue = await newQueue(24);
    const other = bossFor(db.handle, 10);
    other.on('error', (err) => errors.push(err));
    await other.start();
    const handled: Record<string, number[]> = { a: [], b: [] };
    const quick =
      (who: 'a' | 'b') =>
      async (job: Job<Item>): Promise<JobOutcome> => {
        handled[who]!.push(job.data.n);
        await new Promise((r) => setImmediate(r));
        return { ok: true, output: {} };
      };
    const a = worker(boss, queue, 4, quick('a'));
    const b = worker(other, queue, 4, quick('b'));
    try {
      await expect.poll(() => states(queue), { timeout: 20_000 }).toEqual(Array(24).fill('completed'));
      const all = [...handled.a!, ...handled.b!].sort((x, y) => x - y);
      expect(all).toEqual(Array.from({ length: 24 }, (_, n) => n));
    } finally {
      await Promise.all([a.stop(0), b.stop(0)]);
      await other.stop({ graceful: false, close: false } as never);
    }
  });

  test('a stop hands the jobs still running back to the queue, and the next consumer runs them', async () => {
    const queue = await newQueue(2);
    const first = heldHandler();
    const w = worker(boss, queue, 2, first.handle);
    await expect.poll(() => first.started.length).toBe(2);
    await w.stop(0);
    // Handed back for a retry, not completed (their handlers never finished) and not left active.
    expect(await states(queue)).toEqual(['retry', 'retry']);
    const retried: number[] = [];
    const next = worker(boss, queue, 2, async (job) => {
      retried.push((job as { retryCount?: number }).retryCount ?? -1);
      return { ok: true, output: {} };
    });
    try {
      await expect.poll(() => states(queue), { timeout: 20_000 }).toEqual(['completed', 'completed']);
      expect(retried).toEqual([1, 1]);
      // The first handlers finishing late settles nothing: their claim was given up.
      for (const s of first.started) s.finish();
      await new Promise((r) => setTimeout(r, 50));
      expect(await states(queue)).toEqual(['completed', 'completed']);
    } finally {
      await next.stop(0);
    }
  });

  test('a handler that throws fails its job, which the queue retries', async () => {
    const queue = await newQueue(1);
    let calls = 0;
    const w = worker(boss, queue, 1, async () => {
      if (++calls === 1) throw new Error('first attempt breaks');
      return { ok: true, output: {} };
    });
    try {
      await expect.poll(() => states(queue), { timeout: 20_000 }).toEqual(['completed']);
      expect(calls).toBe(2);
      expect(errors.some((e) => e instanceof Error && e.message === 'first attempt breaks')).toBe(true);
    } finally {
      await w.stop(0);
    }
  });
});
