// Persona-wizard turns over HTTP under many concurrent clients (issue 19): the real server
// (server/main.ts, offline model, usage recorded as in production) as one or two child processes,
// N clients that each drive their own wizard sessions turn after turn, then the same clients on
// GET /healthz on the same server(s) as the floor. With two processes (one Postgres at
// DATABASE_URL) each client sends its turns to the two in turn, so a session moves between them.
// Also the size of a turn's response at turns 1, 10, 30 and 60 of one session.
//
//   npx tsx bench/http-turns.ts [--clients 100] [--processes 1,2] [--seconds 15] [--drivers pglite,embedded,postgres]
//   BENCH_CLIENTS, BENCH_PROCESSES, BENCH_SECONDS, BENCH_WARMUP_SECONDS (3), BENCH_HEALTHZ_SECONDS (5),
//   BENCH_DRIVERS: the same settings as environment variables (the flags win).
//   BENCH_SERVER_ROOT=/path/to/checkout  runs that checkout's server (to compare two versions)
//   BENCH_JSON=path                      also writes the results as JSON
// Drivers: pglite (EMBEDDED_DB=pglite), embedded (the embedded PostgreSQL, the default), postgres
// (a throwaway database on the DATABASE_URL server; the only one two processes can share).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { throwawayDatabase } from './campaign-harness.js';

const DRIVERS = ['pglite', 'embedded', 'postgres'] as const;
export type HttpDriver = (typeof DRIVERS)[number];

export type HttpTurnsOptions = {
  driver: HttpDriver;
  processes: number;
  clients: number;
  seconds: number;
  warmupSeconds: number;
  healthzSeconds: number;
  /** The checkout whose server/main.ts runs (default: this one). */
  serverRoot: string;
};

export type Stats = { p50: number; p95: number; p99: number; n: number };

export type HttpTurnsResult = {
  driver: HttpDriver;
  processes: number;
  clients: number;
  seconds: number;
  turns: Stats;
  turnsPerS: number;
  errors: number;
  firstError?: string;
  healthz: Stats;
  healthzPerS: number;
  /** Each server process's CPU use while the turns ran, in % of one core. */
  serverCpuPercent: number[];
  responseBytes: ResponseSizes;
  load: { before: number[]; after: number[] };
};

const MESSAGES = ['Enterprise CMO', 'Chief Marketing Officer', 'Owns brand and demand generation', 'skip', 'Grow qualified pipeline'];
/** Turns per session before a client starts a new one: sessions of realistic length. */
const SESSION_TURNS = 25;
const here = path.resolve(import.meta.dirname, '..');

export function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN);
  return { p50: at(50), p95: at(95), p99: at(99), n: s.length };
}

// ---------- the server processes ----------

export type ServerProcess = { url: string; child: ChildProcess; exited: Promise<string>; output: string[] };

export function startServer(root: string, env: Record<string, string>): Promise<ServerProcess> {
  // One process, no launcher in between, as the campaign harness runs it.
  const child = spawn(path.join(root, 'node_modules/.bin/node'), ['--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      AUTH: 'off',
      // One client address sends every request here: the per-address limit would refuse most.
      RATE_LIMIT_FLOWS_PER_MINUTE: '0',
      GEMINI_API_KEY: '',
      GOOGLE_API_KEY: '',
      OPENAI_API_KEY: '',
      LLM_BASE_URL: '',
      MODEL_PROVIDER: '',
      SMTP_URL: '',
      GENKIT_ENV: 'prod',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const text = d.toString();
      output.push(text);
      const ready = /is ready at http:\/\/localhost:(\d+)/.exec(text);
      if (ready) resolve({ url: `http://127.0.0.1:${ready[1]}`, child, exited, output });
    });
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    void exited.then((how) => reject(new Error(`the server exited before it was ready (${how}): ${output.join('').trim().slice(-2000)}`)));
  });
}

export async function stopServer(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  const how = await Promise.race([server.exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 20_000))]);
  if (how === 'timeout') {
    server.child.kill('SIGKILL');
    await server.exited;
  }
}

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// ---------- the clients ----------

export type Reply = { status: number; bytes: number; body: string };

export function request(agent: http.Agent, url: string, method: 'GET' | 'POST', body?: unknown): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, agent, headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, bytes: buf.length, body: buf.toString() });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

type Turn = { sessionId: string; version: number };

class Wizard {
  errors = 0;
  firstError: string | undefined;
  constructor(
    private readonly agents: http.Agent[],
    private readonly urls: string[],
  ) {}

  /** One flow call on server `which`; the turn's result, or undefined (counted) when it failed. */
  async call(which: number, data: unknown): Promise<{ turn: Turn; bytes: number } | undefined> {
    const i = which % this.urls.length;
    try {
      const res = await request(this.agents[i]!, `${this.urls[i]}/api/flows/personaDefinition`, 'POST', { data });
      if (res.status === 200) {
        const { result } = JSON.parse(res.body) as { result: Turn };
        return { turn: { sessionId: result.sessionId, version: result.version }, bytes: res.bytes };
      }
      this.fail(`${res.status}: ${res.body.slice(0, 300)}`);
    } catch (err) {
      this.fail((err as Error).message);
    }
    return undefined;
  }

  private fail(what: string) {
    this.errors++;
    this.firstError ??= what;
  }
}

/** One client: sessions of SESSION_TURNS turns, one turn after another, its turns spread over the servers. */
async function driveClient(wizard: Wizard, id: number, window: { from: number; until: number }, latencies: number[]) {
  let next = id;
  let session: Turn | undefined;
  let inSession = 0;
  while (performance.now() < window.until) {
    if (!session || inSession >= SESSION_TURNS) {
      session = (await wizard.call(next++, {}))?.turn;
      inSession = 0;
      if (!session) continue;
    }
    const t0 = performance.now();
    const out = await wizard.call(next++, { sessionId: session.sessionId, message: MESSAGES[inSession % MESSAGES.length], expectedVersion: session.version });
    const t1 = performance.now();
    inSession++;
    if (!out) {
      session = undefined;
      continue;
    }
    session = out.turn;
    if (t0 >= window.from && t1 <= window.until) latencies.push(t1 - t0);
  }
}

async function driveHealthz(agents: http.Agent[], urls: string[], id: number, until: number, latencies: number[], errors: { n: number; first?: string }) {
  for (let next = id; performance.now() < until; next++) {
    const i = next % urls.length;
    const t0 = performance.now();
    const res = await request(agents[i]!, `${urls[i]}/healthz`, 'GET').catch((err: Error) => err);
    if (!(res instanceof Error) && res.status === 200) latencies.push(performance.now() - t0);
    else {
      errors.n++;
      errors.first ??= `/healthz: ${res instanceof Error ? res.message : `${res.status}: ${res.body.slice(0, 300)}`}`;
    }
  }
}

type ResponseSizes = { turn1: number; turn10: number; turn30: number; turn60: number };

/** The bytes of a turn's response at turns 1, 10, 30 and 60 of one session, one client alone. */
async function responseSizes(wizard: Wizard): Promise<ResponseSizes> {
  let session = (await wizard.call(0, {}))?.turn;
  const sizes: number[] = [];
  for (let i = 0; session && i < 60; i++) {
    const out = await wizard.call(0, { sessionId: session.sessionId, message: MESSAGES[i % MESSAGES.length], expectedVersion: session.version });
    session = out?.turn;
    if (out) sizes.push(out.bytes);
  }
  if (sizes.length < 60) throw new Error(`the response-size session failed after ${sizes.length} turns: ${wizard.firstError}`);
  return { turn1: sizes[0]!, turn10: sizes[9]!, turn30: sizes[29]!, turn60: sizes[59]! };
}

// ---------- one measurement ----------

export async function benchHttpTurns(opts: HttpTurnsOptions): Promise<HttpTurnsResult> {
  if (opts.processes > 1 && opts.driver !== 'postgres')
    throw new Error(`${opts.driver}: only one process can use an embedded database; two processes need --drivers postgres`);
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-http-turns-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the `postgres` user when the bench runs as root
  let database: Awaited<ReturnType<typeof throwawayDatabase>> | undefined;
  const servers: ServerProcess[] = [];
  try {
    const env: Record<string, string> = { DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', EMBEDDED_DB: opts.driver === 'pglite' ? 'pglite' : '' };
    if (opts.driver === 'postgres') {
      if (!process.env.DATABASE_URL) throw new Error('the postgres driver needs DATABASE_URL');
      database = await throwawayDatabase(process.env.DATABASE_URL, 'pf_bench_http');
      env.DATABASE_URL = database.url;
    }
    // One after the other: the second finds the database migrated.
    for (let p = 0; p < opts.processes; p++) servers.push(await startServer(opts.serverRoot, env));
    const urls = servers.map((s) => s.url);
    const agents = urls.map(() => new http.Agent({ keepAlive: true, maxSockets: opts.clients }));
    try {
      const loadBefore = loadavg();
      const wizard = new Wizard(agents, urls);
      const now = performance.now();
      const window = { from: now + opts.warmupSeconds * 1000, until: now + (opts.warmupSeconds + opts.seconds) * 1000 };
      const latencies: number[] = [];
      const cpu0: number[] = [];
      const cpuAt = setTimeout(() => servers.forEach((s, i) => (cpu0[i] = cpuSeconds(s.child.pid!))), opts.warmupSeconds * 1000);
      await Promise.all(Array.from({ length: opts.clients }, (_, id) => driveClient(wizard, id, window, latencies)));
      clearTimeout(cpuAt);
      const measured = (Math.min(performance.now(), window.until) - window.from) / 1000;
      const serverCpuPercent = servers.map((s, i) => Math.round(((cpuSeconds(s.child.pid!) - (cpu0[i] ?? 0)) / measured) * 100));

      const healthz: number[] = [];
      const healthzErrors: { n: number; first?: string } = { n: 0 };
      const healthzUntil = performance.now() + opts.healthzSeconds * 1000;
      await Promise.all(Array.from({ length: opts.clients }, (_, id) => driveHealthz(agents, urls, id, healthzUntil, healthz, healthzErrors)));

      const sizes = await responseSizes(new Wizard(agents, urls));
      return {
        driver: opts.driver,
        processes: opts.processes,
        clients: opts.clients,
        seconds: opts.seconds,
        turns: stats(latencies),
        turnsPerS: latencies.length / opts.seconds,
        errors: wizard.errors + healthzErrors.n,
        ...(wizard.firstError || healthzErrors.first ? { firstError: wizard.firstError ?? healthzErrors.first } : {}),
        healthz: stats(healthz),
        healthzPerS: healthz.length / opts.healthzSeconds,
        serverCpuPercent,
        responseBytes: sizes,
        load: { before: loadBefore, after: loadavg() },
      };
    } finally {
      for (const a of agents) a.destroy();
    }
  } finally {
    await Promise.all(servers.map(stopServer));
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');

export function printHttpTurns(results: HttpTurnsResult[]) {
  console.log('\n## Persona-wizard turns over HTTP, concurrent clients, offline model\n');
  console.log(
    '| database | processes | clients | turns/s | turn p50 / p95 / p99 (ms) | errors | /healthz req/s | /healthz p50 (ms) | server CPU % | response bytes, turn 1 / 10 / 30 / 60 | load 1 min before / after |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.driver} | ${r.processes} | ${r.clients} | ${f0(r.turnsPerS)} | ${f0(r.turns.p50)} / ${f0(r.turns.p95)} / ${f0(r.turns.p99)} | ${r.errors} | ${f0(r.healthzPerS)} | ${f0(r.healthz.p50)} | ${r.serverCpuPercent.join(' + ')} | ${f0(r.responseBytes.turn1)} / ${f0(r.responseBytes.turn10)} / ${f0(r.responseBytes.turn30)} / ${f0(r.responseBytes.turn60)} | ${r.load.before[0]!.toFixed(1)} / ${r.load.after[0]!.toFixed(1)} |`,
    );
  }
  for (const r of results) if (r.firstError) console.log(`\n${r.driver} × ${r.processes}: ${r.errors} failed requests, the first: ${r.firstError}`);
}

/** Every driver and process count the settings ask for, in order (two processes on postgres only). */
export function httpTurnsPlan(settings: { drivers: HttpDriver[]; processes: number[] }) {
  return settings.drivers.flatMap((driver) => settings.processes.filter((p) => p === 1 || driver === 'postgres').map((processes) => ({ driver, processes })));
}

export function httpTurnsSettings(argv: string[] = []) {
  const { values } = parseArgs({
    args: argv,
    options: { clients: { type: 'string' }, processes: { type: 'string' }, seconds: { type: 'string' }, drivers: { type: 'string' } },
    strict: true,
  });
  const e = process.env;
  const list = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const drivers = list(values.drivers ?? e.BENCH_DRIVERS ?? (e.DATABASE_URL ? 'pglite,embedded,postgres' : 'pglite,embedded')) as HttpDriver[];
  for (const d of drivers) if (!DRIVERS.includes(d)) throw new Error(`unknown driver ${d}; known: ${DRIVERS.join(', ')}`);
  const processes = list(values.processes ?? e.BENCH_PROCESSES ?? (e.DATABASE_URL ? '1,2' : '1')).map(Number);
  for (const p of processes) if (p !== 1 && p !== 2) throw new Error(`--processes takes 1, 2 or 1,2 (got ${p})`);
  const int = (s: string | undefined, fallback: number, what: string) => {
    const n = Number(s ?? fallback);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${what} must be a positive number (got ${s})`);
    return n;
  };
  return {
    drivers,
    processes,
    clients: int(values.clients ?? e.BENCH_CLIENTS, 100, '--clients'),
    seconds: int(values.seconds ?? e.BENCH_SECONDS, 15, '--seconds'),
    warmupSeconds: int(e.BENCH_WARMUP_SECONDS, 3, 'BENCH_WARMUP_SECONDS'),
    healthzSeconds: int(e.BENCH_HEALTHZ_SECONDS, 5, 'BENCH_HEALTHZ_SECONDS'),
    serverRoot: path.resolve(e.BENCH_SERVER_ROOT ?? here),
  };
}

export async function runHttpTurns(argv: string[] = []): Promise<HttpTurnsResult[]> {
  const s = httpTurnsSettings(argv);
  const results: HttpTurnsResult[] = [];
  for (const { driver, processes } of httpTurnsPlan(s)) {
    console.error(`http-turns: ${driver} × ${processes} process(es), ${s.clients} clients, ${s.seconds} s (server from ${s.serverRoot})`);
    results.push(await benchHttpTurns({ ...s, driver, processes }));
  }
  printHttpTurns(results);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await runHttpTurns(process.argv.slice(2));
  if (results.some((r) => r.errors > 0)) process.exitCode = 1;
}
