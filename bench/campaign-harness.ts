// What the campaign bench and the crash-restart test share: the server (bench/campaign-server.ts)
// as a child process that can be killed and restarted on the same data, a throwaway Postgres
// database, and the HTTP calls a person's browser would make (import leads, create a campaign,
// Run now, approve, watch the run).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { CampaignRun } from '../schemas/campaign.js';
import type { Lead } from '../schemas/lead.js';

const root = path.resolve(import.meta.dirname, '..');

export type ServerOptions = {
  /** The embedded database's data folder (ignored when databaseUrl is set). */
  dataDir: string;
  databaseUrl?: string;
  /** EMBEDDED_DB: the embedded PostgreSQL (default) or PGlite. */
  embedded?: 'postgres' | 'pglite';
  smtpUrl: string;
  concurrency: number;
  modelLatencyMs: number;
  /** Keep Genkit's own SIGTERM/SIGINT handlers, which exit at once: how the server stopped before it removed them. */
  abruptSigterm?: boolean;
};

export type BenchServer = {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<string>;
  /** Milliseconds from the first spawn to the ready line, including refused starts (a data folder in use). */
  readyMs: number;
  /** Starts refused before this one succeeded. */
  refused: number;
  output: string[];
};

function spawnOnce(opts: ServerOptions): Promise<{ ok: true; server: Omit<BenchServer, 'readyMs' | 'refused'> } | { ok: false; reason: string }> {
  // One process, no launcher in between: a SIGKILL must reach the process that holds the jobs.
  // BENCH_CPU_PROF=<dir>: each server child writes a V8 CPU profile there when it exits (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(root, 'bench/campaign-server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: opts.dataDir,
      DATABASE_URL: opts.databaseUrl ?? '',
      EMBEDDED_DB: opts.embedded ?? '',
      SMTP_URL: opts.smtpUrl,
      SEND_CONCURRENCY: String(opts.concurrency),
      MODEL_LATENCY_MS: String(opts.modelLatencyMs),
      PUBLIC_URL: 'http://personaflow.bench',
      MAIL_FROM: 'Dana from Shipwise <dana@shipwise.bench>',
      GEMINI_API_KEY: '',
      GOOGLE_API_KEY: '',
      OPENAI_API_KEY: '',
      ANTHROPIC_API_KEY: '',
      LLM_BASE_URL: '',
      MODEL_PROVIDER: '',
      GENKIT_ENV: 'prod',
      BENCH_ABRUPT_SIGTERM: opts.abruptSigterm ? '1' : '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  return new Promise((resolve) => {
    const onData = (d: Buffer) => {
      const text = d.toString();
      output.push(text);
      const ready = /ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (ready) resolve({ ok: true, server: { url: ready[1]!, child, exited, output } });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    void exited.then((how) => resolve({ ok: false, reason: `${how}: ${output.join('').trim().slice(-2000)}` }));
  });
}

/**
 * Starts the server and waits for its ready line. A start refused because the data folder is in
 * use is retried, as a process supervisor would, and counted (`refused`). Since the lock names its
 * owner, a SIGKILLed server's lock is taken over at once and a restart is not refused; a lock from
 * another host still has to go stale (15 s).
 */
export async function startServer(opts: ServerOptions, { patienceMs = 60_000 } = {}): Promise<BenchServer> {
  const t0 = performance.now();
  let refused = 0;
  for (;;) {
    const attempt = await spawnOnce(opts);
    if (attempt.ok) return (latest = { ...attempt.server, readyMs: performance.now() - t0, refused });
    if (!/in use by another personaflow process/.test(attempt.reason) || performance.now() - t0 > patienceMs) {
      throw new Error(`the bench server did not start: ${attempt.reason}`);
    }
    refused++;
    await sleep(500);
  }
}

let latest: BenchServer | null = null;

/** What the most recently started server printed, and how it ended: for a post-mortem. */
export async function lastServerOutput(): Promise<string> {
  if (!latest) return '(no server started)';
  const how = await Promise.race([latest.exited, sleep(200).then(() => 'still running')]);
  return `${latest.output.join('').trim().slice(-4000)}\n(${how})`;
}

export async function stopServer(server: BenchServer, signal: 'SIGKILL' | 'SIGTERM'): Promise<string> {
  server.child.kill(signal);
  return server.exited;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A database of its own on the DATABASE_URL server, dropped by the returned function. */
export async function throwawayDatabase(adminUrl: string, prefix = 'pf_bench'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** GETs answered with a reset connection (and tried again): see `api`. */
export const resets = { count: 0 };

export async function api<T>(base: string, method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
  let res: Response;
  for (let attempt = 1; ; attempt++) {
    try {
      res = await fetch(`${base}${route}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      break;
    } catch (err) {
      // A server whose event loop is held for seconds can close an idle keep-alive connection just
      // as the next poll arrives on it. A GET is safe to repeat; the count is reported.
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (method !== 'GET' || attempt >= 3 || (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET')) throw err;
      resets.count++;
    }
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} → ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

export const leadEmail = (i: number) => `lead${String(i).padStart(5, '0')}@bench.example`;

/** Imports n leads from CSV (in files of 250, under the default body limit); returns their ids. */
export async function importLeads(base: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let from = 0; from < n; from += 250) {
    const rows = ['name,position,requirement,linkedin_url,website_url,email'];
    for (let i = from; i < Math.min(n, from + 250); i++) {
      rows.push(`Lead ${i},Head of Operations,Fewer carrier delays,https://www.linkedin.com/in/lead-${i},https://company-${i}.example,${leadEmail(i)}`);
    }
    const out = await api<{ imported: Lead[]; rejected: unknown[] }>(base, 'POST', '/api/leads/import', { csv: rows.join('\n') });
    if (out.rejected.length) throw new Error(`import rejected rows: ${JSON.stringify(out.rejected.slice(0, 3))}`);
    ids.push(...out.imported.map((l) => l.id));
  }
  return ids;
}

/** Waits until every lead's background persona is generated (or failed); returns how many are ready. */
export async function waitForPersonas(base: string, n: number, timeoutMs: number): Promise<number> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const { leads } = await api<{ leads: Lead[] }>(base, 'GET', '/api/leads');
    const ready = leads.filter((l) => l.personaStatus === 'ready').length;
    if (leads.length >= n && leads.every((l) => l.personaStatus !== 'pending')) return ready;
    if (performance.now() > until) throw new Error(`personas: ${ready}/${n} ready after ${timeoutMs} ms`);
    await sleep(500);
  }
}

/** A campaign over these leads with a send cap that does not hold the run back. */
export async function createCampaign(base: string, name: string, leadIds: string[]): Promise<string> {
  const { campaign } = await api<{ campaign: { id: string } }>(base, 'POST', '/api/campaigns', {
    data: { name, sendCapPerMinute: 10_000, promptContext: { tone: 'friendly', goal: 'book a 20-minute demo' } },
  });
  await api(base, 'POST', `/api/campaigns/${campaign.id}/leads`, { leadIds });
  return campaign.id;
}

type LaunchResult = { result: { status: string; run: CampaignRun } };

/** "Run now", then the approval of the sample drafts: the sends are enqueued when this returns. */
export async function runNowAndApprove(base: string, campaignId: string): Promise<{ runId: string; samplesMs: number }> {
  const t0 = performance.now();
  const first = await api<LaunchResult>(base, 'POST', '/api/flows/launchCampaign', { data: { campaignId } });
  if (first.result.status !== 'awaiting_approval') throw new Error(`Run now: expected awaiting_approval, got ${first.result.status}`);
  const samplesMs = performance.now() - t0;
  const runId = first.result.run.id;
  const second = await api<LaunchResult>(base, 'POST', '/api/flows/launchCampaign', {
    data: { campaignId, resume: { runId, approval: { approved: true } } },
  });
  if (second.result.status !== 'started') throw new Error(`approval: expected started, got ${second.result.status}`);
  return { runId, samplesMs };
}

export const getRun = async (base: string, campaignId: string, runId: string) =>
  (await api<{ run: CampaignRun }>(base, 'GET', `/api/campaigns/${campaignId}/runs/${runId}`)).run;

export async function waitForRun(base: string, campaignId: string, runId: string, timeoutMs: number, everyMs = 500): Promise<CampaignRun> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const run = await getRun(base, campaignId, runId);
    if (run.status === 'completed') return run;
    if (performance.now() > until) throw new Error(`run not completed after ${timeoutMs} ms: ${run.summary}, ${run.pending} pending`);
    await sleep(everyMs);
  }
}

export type Tally = {
  leads: number;
  /** Messages the SMTP peer accepted for these leads. */
  delivered: number;
  /** Leads the peer received more than one message for. */
  duplicates: number;
  /** Leads neither delivered nor reported failed, skipped or interrupted. */
  lost: number;
  /** Reported sent, but the peer has nothing for them (a subset of lost). */
  sentNotReceived: number;
  failed: number;
  skipped: number;
  interrupted: number;
  /** Interrupted sends the peer did in fact receive (delivered, outcome unknown to the server). */
  interruptedReceived: number;
  interruptedRetryable: number;
};

/** Compares what the run reports with what the SMTP peer received, lead by lead. */
export function tally(run: CampaignRun, receivedTo: string[]): Tally {
  const perAddress = new Map<string, number>();
  for (const to of receivedTo) perAddress.set(to.toLowerCase(), (perAddress.get(to.toLowerCase()) ?? 0) + 1);
  const t: Tally = {
    leads: run.results.length,
    delivered: 0,
    duplicates: 0,
    lost: 0,
    sentNotReceived: 0,
    failed: 0,
    skipped: 0,
    interrupted: 0,
    interruptedReceived: 0,
    interruptedRetryable: 0,
  };
  for (const r of run.results) {
    const got = perAddress.get(r.email.toLowerCase()) ?? 0;
    t.delivered += got;
    if (got > 1) t.duplicates++;
    if (r.status === 'failed') t.failed++;
    if (r.status === 'skipped') t.skipped++;
    if (r.status === 'interrupted') {
      t.interrupted++;
      if (got > 0) t.interruptedReceived++;
      if (r.retryable) t.interruptedRetryable++;
    }
    const reported = r.status === 'failed' || r.status === 'skipped' || r.status === 'interrupted';
    if (got === 0 && !reported) t.lost++;
    if (got === 0 && r.status === 'sent') t.sentNotReceived++;
  }
  return t;
}
