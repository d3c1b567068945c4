// Scale-out: two server processes (bench/campaign-server.ts, as in bench/campaign-send.ts) on one
// PostgreSQL (a throwaway database on DATABASE_URL), started together on the fresh database. A
// 1,000-lead campaign is started on the first; both processes' job runners take its sends from the
// shared pg-boss queue. Each process sends to an SMTP server of its own (both in this process, 100 ms
// per message), so the messages each process sent are counted apart. Runs: both processes to the
// end; then the second one killed (SIGKILL) once 40 % of the messages have arrived, the first
// finishing the run alone (the killed one's jobs in flight run again once their heartbeat lapses).
//
//   DATABASE_URL=postgres://… npx tsx bench/scale-out.ts
//   BENCH_LEADS=200 BENCH_CONCURRENCY=20 npx tsx bench/scale-out.ts   (drafts in flight per process)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSmtpPeer, type SmtpPeer } from '../tests/helpers/smtp-peer.js';
import {
  createCampaign,
  importLeads,
  lastServerOutput,
  runNowAndApprove,
  sleep,
  startServer,
  stopServer,
  tally,
  throwawayDatabase,
  waitForPersonas,
  waitForRun,
  type BenchServer,
  type ServerOptions,
  type Tally,
} from './campaign-harness.js';

const LEADS = Number(process.env.BENCH_LEADS ?? 1000);
const MODEL_MS = Number(process.env.BENCH_MODEL_MS ?? 1000);
const SMTP_MS = Number(process.env.BENCH_SMTP_MS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const KILL_AT = Number(process.env.BENCH_KILL_AT ?? 0.4);

export type ScaleOutRow = Tally & {
  run: 'both to the end' | 'second killed';
  concurrencyPerProcess: number;
  totalS: number;
  /** The physical limit: every lead's model call and SMTP hand-over, all slots of both processes busy (s). */
  limitS: number;
  /** Messages each process handed to its SMTP server. */
  sentByFirst: number;
  sentBySecond: number;
  /** Messages received when the second process was killed. */
  atKill?: number;
};

export type ScaleOutBench = { leads: number; startS: number; personasS: number; rows: ScaleOutRow[] };

const log = (m: string) => console.error(`[scale-out] ${m}`);
const secs = (ms: number) => Math.round(ms / 100) / 10;

export async function benchScaleOut(adminUrl: string): Promise<ScaleOutBench> {
  const peers: [SmtpPeer, SmtpPeer] = [await startSmtpPeer({ latencyMs: SMTP_MS }), await startSmtpPeer({ latencyMs: SMTP_MS })];
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-bench-scale-'));
  const pgdb = await throwawayDatabase(adminUrl, 'pf_bench_scale');
  const options = (i: 0 | 1): ServerOptions => ({
    dataDir: path.join(dir, `data-${i}`),
    databaseUrl: pgdb.url,
    smtpUrl: peers[i].url,
    modelLatencyMs: MODEL_MS,
    concurrency: CONCURRENCY,
  });
  const servers: Array<BenchServer | null> = [null, null];
  try {
    const t0 = performance.now();
    // Both at once on the fresh database: migrations and the job queue schema under the advisory lock.
    [servers[0], servers[1]] = await Promise.all([startServer(options(0)), startServer(options(1))]);
    const startS = secs(performance.now() - t0);
    log(`two servers ready in ${startS} s; importing ${LEADS} leads through the first`);
    const first = servers[0]!;
    const t1 = performance.now();
    const leadIds = await importLeads(first.url, LEADS);
    await waitForPersonas(first.url, LEADS, 30 * 60_000);
    const personasS = secs(performance.now() - t1);
    log(`${LEADS} personas in ${personasS} s (both processes generating)`);

    const rows: ScaleOutRow[] = [];
    for (const run of ['both to the end', 'second killed'] as const) {
      if (!servers[1]) servers[1] = await startServer(options(1));
      for (const p of peers) p.received.splice(0);
      const campaignId = await createCampaign(first.url, `scale-out ${run}`, leadIds);
      const { runId } = await runNowAndApprove(first.url, campaignId);
      const tRun = performance.now();
      const received = () => peers[0].received.length + peers[1].received.length;
      let atKill: number | undefined;
      if (run === 'second killed') {
        while (received() < KILL_AT * LEADS) await sleep(5);
        atKill = received();
        await stopServer(servers[1]!, 'SIGKILL');
        servers[1] = null;
        log(`${run}: second process killed at ${atKill} received`);
      }
      const result = await waitForRun(first.url, campaignId, runId, 30 * 60_000);
      const totalMs = performance.now() - tRun;
      const t = tally(
        result,
        peers.flatMap((p) => p.received.map((r) => r.to[0] ?? '')),
      );
      const row: ScaleOutRow = {
        ...t,
        run,
        concurrencyPerProcess: CONCURRENCY,
        totalS: secs(totalMs),
        limitS: Math.round(((LEADS / (2 * CONCURRENCY)) * (MODEL_MS + SMTP_MS)) / 100) / 10,
        sentByFirst: peers[0].received.length,
        sentBySecond: peers[1].received.length,
        ...(atKill === undefined ? {} : { atKill }),
      };
      log(
        `${run}: ${result.summary} in ${row.totalS} s; first sent ${row.sentByFirst}, second ${row.sentBySecond}; duplicates ${t.duplicates}, lost ${t.lost}, interrupted ${t.interrupted}`,
      );
      rows.push(row);
    }
    return { leads: LEADS, startS, personasS, rows };
  } catch (err) {
    log(`failed; the last server's output:\n${await lastServerOutput()}`);
    throw err;
  } finally {
    for (const s of servers) if (s) await stopServer(s, 'SIGTERM');
    for (const p of peers) await p.close();
    await pgdb.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printScaleOut(r: ScaleOutBench) {
  console.log(`\n## Scale-out: two server processes on one PostgreSQL, ${r.leads} leads, model ${MODEL_MS} ms per call, SMTP ${SMTP_MS} ms per send\n`);
  console.log(`- both started together on a fresh database in ${r.startS} s; ${r.leads} lead personas generated by both in ${r.personasS} s\n`);
  console.log(
    '| run | drafts in flight per process | total (s) | physical limit (s) | ratio | sent by first | sent by second | delivered | duplicates | lost | interrupted (received by peer) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of r.rows) {
    const run = row.atKill === undefined ? row.run : `${row.run} (SIGKILL at ${row.atKill}/${row.leads} delivered)`;
    console.log(
      `| ${run} | ${row.concurrencyPerProcess} | ${row.totalS} | ${row.limitS} | ${(row.totalS / row.limitS).toFixed(2)}× | ${row.sentByFirst} | ${row.sentBySecond} | ${row.delivered}/${row.leads} | ${row.duplicates} | ${row.lost} | ${row.interrupted} (${row.interruptedReceived}) |`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.env.DATABASE_URL) {
    console.error('scale-out: set DATABASE_URL to a PostgreSQL server (a throwaway database is created on it)');
    process.exit(2);
  }
  const result = await benchScaleOut(process.env.DATABASE_URL);
  printScaleOut(result);
  if (result.rows.some((r) => r.duplicates > 0 || r.lost > 0)) {
    console.error('scale-out: a run with duplicates or lost sends');
    process.exitCode = 1;
  }
}
