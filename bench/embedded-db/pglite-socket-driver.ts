// Prototype driver (b): PGlite in a worker thread behind pglite-socket; the app uses DATABASE_URL
// (a `pg` Pool) against it. The data folder keeps the app's lock (db/data-dir-lock.ts), because two processes on one PGlite folder still lose writes.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { lockDataDir } from '../../db/data-dir-lock.js';

export type EmbeddedDatabase = { databaseUrl: string; location: string; close(): Promise<void>; timings: Record<string, number> };

export async function startPgliteWorker(dataDir: string, { maxConnections = 12 } = {}): Promise<EmbeddedDatabase> {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const { release } = await lockDataDir(dir);
  const t0 = performance.now();
  const worker = new Worker(new URL('./pglite-worker.ts', import.meta.url), { workerData: { dir: path.join(dir, 'pglite'), maxConnections } });
  try {
    const { port, openMs } = await new Promise<{ port: number; openMs: number }>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`PGlite worker exited with ${code}`)));
      worker.on('message', (m: { type: string; port: number; openMs: number }) => m.type === 'listening' && resolve(m));
    });
    return {
      databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
      location: `${path.join(dir, 'pglite')} (worker thread, port ${port})`,
      timings: { workerReadyMs: performance.now() - t0, pgliteOpenMs: openMs },
      close: async () => {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 10_000);
          worker.on('message', (m: { type: string }) => m.type === 'stopped' && (clearTimeout(timer), resolve()));
          worker.postMessage({ type: 'stop' });
        });
        await worker.terminate();
        await release();
      },
    };
  } catch (err) {
    await worker.terminate();
    await release();
    throw err;
  }
}
