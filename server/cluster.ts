import cluster, { type Worker } from 'node:cluster';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import type { Env } from '../env.js';
import { loggableMessage } from '../lib/loggable.js';

// WORKERS=n: one machine's cores. This process (the primary) serves no request itself: it opens
// the database (starting the embedded PostgreSQL when DATABASE_URL is unset), runs the migrations,
// and forks n server processes (server/main.ts again) that share the port (node:cluster hands
// them connections in turn) and the database, where pg-boss shares the job queues between them.
// Every server process is stateless and equal: see docs/deployment.md for what runs in each.

const STOP_GRACE_MS = 45_000;

/** Starts the server processes and supervises them until SIGTERM/SIGINT; never returns. */
export async function runCluster(env: Env): Promise<never> {
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, embedded: env.EMBEDDED_DB });
  } catch (err) {
    console.error(`personaflow could not start: ${loggableMessage(err)}`);
    process.exit(1);
  }
  const url = env.DATABASE_URL ?? handle.connectionUrl;
  if (!url) {
    await handle.close();
    console.error(
      `personaflow could not start: WORKERS=${env.WORKERS} needs PostgreSQL (DATABASE_URL, or the embedded PostgreSQL, the default): ` +
        `${handle.location} is PGlite, which only one process can open. Unset WORKERS, or unset EMBEDDED_DB=pglite.`,
    );
    process.exit(1);
  }
  try {
    // Once here, so the server processes start on a migrated database (each one's own run is then a no-op under the lock).
    await migrateDatabase(handle);
  } catch (err) {
    await handle.close();
    console.error(`personaflow could not start: ${loggableMessage(err)}`);
    process.exit(1);
  }

  // Genkit (imported by server/main.ts) installs SIGINT/SIGTERM handlers that exit at once; the
  // primary stops its own way (see server/main.ts for why only the visible listeners go).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) for (const listener of process.listeners(signal)) process.removeListener(signal, listener);

  let stopping = false;
  const ready = new Set<Worker>();
  const fork = () => cluster.fork({ DATABASE_URL: url });
  cluster.on('listening', (worker) => {
    if (ready.has(worker)) return;
    ready.add(worker);
    if (ready.size === env.WORKERS) console.log(`personaflow: ${env.WORKERS} server processes share port ${env.PORT} and ${handle.location}`);
  });
  cluster.on('exit', (worker, code, signal) => {
    const wasReady = ready.delete(worker);
    if (stopping) return;
    const how = signal ?? `exit code ${code}`;
    if (!wasReady) {
      // It never served: a setting or the port, which every other process would meet too.
      console.error(`personaflow: a server process stopped before it was ready (${how}); stopping the others`);
      void shutdown('a failed start', 1);
      return;
    }
    // Its jobs in flight are run again by the others once their heartbeat lapses; its sends are settled by the email log.
    console.error(`personaflow: server process ${worker.process.pid} stopped (${how}); starting another`);
    fork();
  });

  async function shutdown(why: string, exitCode = 0) {
    if (stopping) return;
    stopping = true;
    console.log(`personaflow: ${why}, stopping ${Object.keys(cluster.workers ?? {}).length} server processes`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            const timer = setTimeout(() => w.process.kill('SIGKILL'), STOP_GRACE_MS);
            w.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            // Each one stops as a single server does: no new requests, sends in flight finish.
            w.process.kill('SIGTERM');
          }),
      ),
    );
    await handle.close().catch((err: unknown) => console.error(`personaflow: closing the database: ${loggableMessage(err)}`));
    process.exit(exitCode);
  }
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  for (let i = 0; i < env.WORKERS; i++) fork();
  return new Promise<never>(() => {});
}
