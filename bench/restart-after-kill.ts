// Serving again after a kill -9, on the embedded databases (issue 13): the real server
// (bench/campaign-server.ts, as `npm start` runs it) on a new data folder with a few hundred
// leads, SIGKILLed and started again on the same folder, BENCH_RUNS times per option; the time
// from the SIGKILL to the ready line (one start: a start refused because the folder is in use
// would be counted), and for comparison a start after a graceful stop (SIGTERM).
//
//   npx tsx bench/restart-after-kill.ts
//   BENCH_OPTIONS=postgres,pglite   EMBEDDED_DB values to measure (default both)
//   BENCH_RUNS=5                    kills per option
//   BENCH_LEADS=250                 leads imported before the first kill
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { stopLeftoverPostgres } from '../db/embedded-postgres.js';
import { importLeads, startServer, stopServer, type BenchServer, type ServerOptions } from './campaign-harness.js';

const OPTIONS = (process.env.BENCH_OPTIONS ?? 'postgres,pglite').split(',').map((s) => s.trim()) as Array<'postgres' | 'pglite'>;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LEADS = Number(process.env.BENCH_LEADS ?? 250);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

console.error(
  `restart-after-kill bench: ${OPTIONS.join(', ')}; ${cpus().length} cores, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; ${RUNS} kills per option, ${LEADS} leads`,
);
const rows: string[] = [];
for (const embedded of OPTIONS) {
  const dir = mkdtempSync(path.join(tmpdir(), `pf-bench-restart-${embedded}-`));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the `postgres` user when the bench runs as root
  const opts: ServerOptions = { dataDir: path.join(dir, 'data'), embedded, smtpUrl: 'smtp://127.0.0.1:1', concurrency: 2, modelLatencyMs: 0 };
  let server: BenchServer | null = null;
  const afterKill: number[] = [];
  const afterStop: number[] = [];
  const orphanStop: number[] = [];
  let refused = 0;
  try {
    server = await startServer(opts);
    const fresh = server.readyMs;
    await importLeads(server.url, LEADS);
    for (let run = 0; run < RUNS; run++) {
      await stopServer(server, 'SIGKILL');
      server = await startServer(opts, { patienceMs: 0 });
      afterKill.push(server.readyMs);
      const stopped = /stopped the embedded PostgreSQL .* in (\d+) ms/.exec(server.output.join(''));
      if (stopped) orphanStop.push(Number(stopped[1]));
      refused += server.refused;
      const health = await fetch(`${server.url}/healthz`);
      if (health.status !== 200) throw new Error(`/healthz → ${health.status} after the restart`);
      await stopServer(server, 'SIGTERM');
      server = await startServer(opts, { patienceMs: 0 });
      afterStop.push(server.readyMs);
    }
    console.error(`  ${embedded}: after SIGKILL ${afterKill.map(Math.round).join(', ')} ms; after SIGTERM ${afterStop.map(Math.round).join(', ')} ms`);
    rows.push(
      `| ${embedded} | ${Math.round(fresh)} | ${Math.round(median(afterKill))} (${Math.round(Math.min(...afterKill))}–${Math.round(Math.max(...afterKill))}) | ${orphanStop.length ? Math.round(median(orphanStop)) : '–'} | ${Math.round(median(afterStop))} | ${refused} |`,
    );
  } finally {
    if (server) await stopServer(server, 'SIGTERM');
    await stopLeftoverPostgres(opts.dataDir);
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  `\n| EMBEDDED_DB | first start, new folder (ms) | ready after SIGKILL, median (range) (ms) | of which stopping the left postmaster (ms) | ready after SIGTERM, median (ms) | starts refused |`,
);
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
process.exit(0);
