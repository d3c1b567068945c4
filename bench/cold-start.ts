// Cold start of the product as the README's start command runs it (`npm start`; UI and server
// already built): time until /healthz answers 200, time to the "ready" log line, and resident
// memory of the process tree (npm, the server, its embedded PostgreSQL), on a new and on an
// existing data folder. `npx tsx bench/cold-start.ts` alone, or as part of `npm run bench`.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { buildIfStale } from '../scripts/build-if-stale.js';
import { treeRssKb } from './process-tree.js';

const root = path.resolve(import.meta.dirname, '..');

export type ColdStart = { healthyMs: number; readyMs: number; rssMb: number; load: number };
export type RunningServer = { url: string; child: ChildProcess; healthyMs: number; readyMs: number; stop(): Promise<void> };

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** `npm start` on a data folder, in a process group of its own, followed until /healthz answers 200. */
export async function startProduct(dataDir: string): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    detached: true,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', GENKIT_ENV: 'prod' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let readyMs = NaN;
  child.stdout!.on('data', (d: Buffer) => {
    if (Number.isNaN(readyMs) && d.toString().includes('is ready at')) readyMs = performance.now() - t0;
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error('npm start exited before /healthz answered');
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const healthyMs = performance.now() - t0;
  const stop = async () => {
    if (exited) return;
    const gone = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM'); // npm, its shell and the server: the server stops its PostgreSQL itself
    await gone;
  };
  return { url, child, healthyMs, readyMs, stop };
}

async function startOnce(dataDir: string): Promise<ColdStart> {
  const load = loadavg()[0]!;
  const server = await startProduct(dataDir);
  await new Promise((r) => setTimeout(r, 1000));
  const rssMb = treeRssKb(server.child.pid!) / 1024;
  await server.stop();
  return { healthyMs: server.healthyMs, readyMs: server.readyMs, rssMb, load };
}

/** One start on a new data folder, then `existingRuns` on the folder it made. */
export async function benchColdStart(existingRuns = 2): Promise<{ fresh: ColdStart; existing: ColdStart[] }> {
  await buildIfStale(); // the figure is a start, not a build
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-bench-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the `postgres` user when the bench runs as root
  try {
    const fresh = await startOnce(path.join(dir, 'data'));
    const existing: ColdStart[] = [];
    for (let i = 0; i < existingRuns; i++) existing.push(await startOnce(path.join(dir, 'data')));
    return { fresh, existing };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printColdStart(r: { fresh: ColdStart; existing: ColdStart[] }) {
  console.log('\n## Cold start: `npm start` (UI and server built, embedded PostgreSQL, offline model)\n');
  console.log('| data folder | to /healthz 200 (ms) | to the ready line (ms) | RSS of the process tree (MB) | load average (1 min) |');
  console.log('|---|---|---|---|---|');
  const row = (what: string, s: ColdStart) =>
    console.log(`| ${what} | ${Math.round(s.healthyMs)} | ${Math.round(s.readyMs)} | ${Math.round(s.rssMb)} | ${s.load.toFixed(2)} |`);
  row('new (initdb + migrations)', r.fresh);
  r.existing.forEach((s, i) => row(`existing (run ${i + 1})`, s));
}

if (import.meta.filename === process.argv[1]) printColdStart(await benchColdStart());
