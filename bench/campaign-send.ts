// A 1,000-lead campaign through the real server (bench/campaign-server.ts, a child process) with a
// model that takes 1 s per call and an SMTP peer (in this process) that takes 100 ms per send:
// total time, sends/s, duplicates and lost sends; then the same run with the server killed
// (SIGKILL, and SIGTERM) at ~40 % and restarted on the same data.
// BENCH_SCENARIOS=normal,SIGKILL,SIGTERM,SIGTERM-abrupt adds a SIGTERM as the server handled it
// before it removed Genkit's own signal handlers (they exit at once, cutting off sends in flight).
//
//   npx tsx bench/campaign-send.ts          (PGlite; and Postgres too when DATABASE_URL is set)
//   BENCH_LEADS=200 BENCH_CONCURRENCY=20 npx tsx bench/campaign-send.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSmtpPeer, type SmtpPeer } from '../tests/helpers/smtp-peer.js';
import {
  createCampaign,
  importLeads,
  lastServerOutput,
  resets,
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
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '20,50').split(',').map(Number);
const KILL_AT = Number(process.env.BENCH_KILL_AT ?? 0.4);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'normal,SIGKILL,SIGTERM').split(',');

/**
 * SIGTERM: a graceful stop, as server/main.ts handles it (sends in flight finish first);
 * SIGTERM-abrupt: with Genkit's own handler left in place, which exits at once.
 */
export type Scenario = 'normal' | 'SIGKILL' | 'SIGTERM' | 'SIGTERM-abrupt';

export type CampaignRow = Tally & {
  database: 'pglite' | 'postgres';
  scenario: Scenario;
  concurrency: number;
  /** Approval → run completed, including any downtime (s). */
  totalS: number;
  sendsPerS: number;
  /** Run now → sample drafts ready for approval (s). */
  samplesS: number;
  /** Messages the peer had received when the server was stopped. */
  atStop?: number;
  /** SIGTERM: how long the stop took (a graceful one lets sends in flight finish) (s). */
  stopS?: number;
  /** Stop → restarted server ready (s), and starts refused meanwhile (stale PGlite lock). */
  restartS?: number;
  refusedStarts?: number;
  /** Restarted server ready → run completed (s). */
  afterRestartS?: number;
};

export type CampaignBench = { database: 'pglite' | 'postgres'; leads: number; personasS: number; personasReady: number; rows: CampaignRow[] };

const log = (m: string) => console.error(`[campaign-send] ${m}`);
const secs = (ms: number) => Math.round(ms / 100) / 10;

async function oneRun(
  ctx: { database: 'pglite' | 'postgres'; peer: SmtpPeer; leadIds: string[]; opts: ServerOptions },
  server: BenchServer,
  scenario: Scenario,
  label: string,
): Promise<{ row: CampaignRow; server: BenchServer }> {
  const { peer, leadIds, opts } = ctx;
  peer.received.splice(0);
  const campaignId = await createCampaign(server.url, label, leadIds);
  const { runId, samplesMs } = await runNowAndApprove(server.url, campaignId);
  const t0 = performance.now();
  const extra: Partial<CampaignRow> = {};
  if (scenario !== 'normal') {
    while (peer.received.length < KILL_AT * leadIds.length) await sleep(5);
    extra.atStop = peer.received.length;
    const tStop = performance.now();
    const how = await stopServer(server, scenario === 'SIGKILL' ? 'SIGKILL' : 'SIGTERM');
    if (scenario !== 'SIGKILL') extra.stopS = secs(performance.now() - tStop);
    log(`${label}: ${scenario} at ${extra.atStop} received (${how}); restarting`);
    server = await startServer(opts);
    extra.restartS = secs(performance.now() - tStop);
    extra.refusedStarts = server.refused;
    const tReady = performance.now();
    const run = await waitForRun(server.url, campaignId, runId, 30 * 60_000);
    extra.afterRestartS = secs(performance.now() - tReady);
    return { server, row: finish(run) };
  }
  return { server, row: finish(await waitForRun(server.url, campaignId, runId, 30 * 60_000)) };

  function finish(run: Parameters<typeof tally>[0]): CampaignRow {
    const totalMs = performance.now() - t0;
    const t = tally(
      run,
      peer.received.map((r) => r.to[0] ?? ''),
    );
    const row: CampaignRow = {
      ...t,
      ...extra,
      database: ctx.database,
      scenario,
      concurrency: opts.concurrency,
      totalS: secs(totalMs),
      sendsPerS: Math.round((t.delivered / (totalMs / 1000)) * 10) / 10,
      samplesS: secs(samplesMs),
    };
    log(
      `${label}: ${run.summary} in ${row.totalS} s, ${row.sendsPerS}/s, duplicates ${t.duplicates}, lost ${t.lost}, interrupted ${t.interrupted} (${t.interruptedReceived} received)`,
    );
    return row;
  }
}

export async function benchCampaignSends(database: 'pglite' | 'postgres'): Promise<CampaignBench> {
  const peer = await startSmtpPeer({ latencyMs: SMTP_MS });
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-bench-campaign-'));
  const pgdb = database === 'postgres' ? await throwawayDatabase(process.env.DATABASE_URL!) : null;
  // 'pglite' is PGlite itself (EMBEDDED_DB=pglite), as in README's table; the embedded PostgreSQL is measured by bench/embedded-db.ts.
  const base = {
    dataDir: path.join(dir, 'data'),
    databaseUrl: pgdb?.url,
    embedded: database === 'pglite' ? ('pglite' as const) : undefined,
    smtpUrl: peer.url,
    modelLatencyMs: MODEL_MS,
  };
  let server: BenchServer | null = null;
  try {
    let opts: ServerOptions = { ...base, concurrency: CONCURRENCY[0]! };
    server = await startServer(opts);
    log(`${database}: server ready in ${Math.round(server.readyMs)} ms; importing ${LEADS} leads`);
    const t0 = performance.now();
    const leadIds = await importLeads(server.url, LEADS);
    const personasReady = await waitForPersonas(server.url, LEADS, 30 * 60_000);
    const personasS = secs(performance.now() - t0);
    log(`${database}: ${personasReady}/${LEADS} personas in ${personasS} s`);

    const rows: CampaignRow[] = [];
    const restartWith = async (concurrency: number, abruptSigterm = false) => {
      if (opts.concurrency === concurrency && Boolean(opts.abruptSigterm) === abruptSigterm) return;
      await stopServer(server!, 'SIGTERM');
      opts = { ...base, concurrency, abruptSigterm };
      server = await startServer(opts);
    };
    let n = 0;
    if (SCENARIOS.includes('normal')) {
      for (const concurrency of CONCURRENCY) {
        await restartWith(concurrency);
        const r = await oneRun({ database, peer, leadIds, opts }, server, 'normal', `${database} run ${++n} (concurrency ${concurrency})`);
        server = r.server;
        rows.push(r.row);
      }
    }
    for (const signal of ['SIGKILL', 'SIGTERM', 'SIGTERM-abrupt'] as const) {
      if (!SCENARIOS.includes(signal)) continue;
      await restartWith(CONCURRENCY[0]!, signal === 'SIGTERM-abrupt');
      const r = await oneRun({ database, peer, leadIds, opts }, server, signal, `${database} run ${++n} (${signal}, concurrency ${opts.concurrency})`);
      server = r.server;
      rows.push(r.row);
    }
    return { database, leads: LEADS, personasS, personasReady, rows };
  } catch (err) {
    log(`${database}: failed; the server's last output:\n${await lastServerOutput()}`);
    throw err;
  } finally {
    if (server) await stopServer(server, 'SIGTERM');
    await peer.close();
    await pgdb?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every lead's model call and SMTP hand-over with all `concurrency` slots busy all the time (s). */
export const physicalLimitS = (concurrency: number) => (Math.ceil(LEADS / concurrency) * (MODEL_MS + SMTP_MS)) / 1000;

export function printCampaignBench(results: CampaignBench[]) {
  if (resets.count) console.error(`[campaign-send] ${resets.count} GETs met a reset keep-alive connection and were repeated`);
  const sequential = [1.5, 2.5].map((s) => Math.round((s * LEADS) / 60));
  console.log(`\n## Campaign sends: ${LEADS} leads, model ${MODEL_MS} ms per call, SMTP ${SMTP_MS} ms per send\n`);
  for (const r of results)
    console.log(`- ${r.database}: ${r.personasReady}/${r.leads} lead personas generated in the background in ${r.personasS} s after the import`);
  console.log(`- the source, one lead after another at 1.5–2.5 s each: ${sequential[0]}–${sequential[1]} min`);
  console.log(`- physical limit: ${LEADS} leads / drafts in flight × (${MODEL_MS} + ${SMTP_MS}) ms\n`);
  console.log(
    '| database | run | drafts in flight | total (s) | × physical limit | sends/s | delivered | duplicates | lost | failed | interrupted (received by peer) | stop → ready again (s) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { rows } of results) {
    for (const r of rows) {
      const what = { normal: '', SIGKILL: 'SIGKILL', SIGTERM: 'SIGTERM', 'SIGTERM-abrupt': 'SIGTERM, Genkit handler kept (exits at once)' }[r.scenario];
      const run = r.scenario === 'normal' ? 'uninterrupted' : `${what} at ${r.atStop}/${r.leads} delivered, restart`;
      const restart =
        r.restartS === undefined
          ? '–'
          : `${r.restartS}${r.stopS !== undefined ? ` (stop ${r.stopS})` : ''}${r.refusedStarts ? `, ${r.refusedStarts} refused starts` : ''}`;
      console.log(
        `| ${r.database} | ${run} | ${r.concurrency} | ${r.totalS} | ${(r.totalS / physicalLimitS(r.concurrency)).toFixed(2)} | ${r.sendsPerS} | ${r.delivered}/${r.leads} | ${r.duplicates} | ${r.lost} | ${r.failed} | ${r.interrupted} (${r.interruptedReceived}) | ${restart} |`,
      );
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // BENCH_DRIVERS=postgres measures one driver only.
  const drivers = (process.env.BENCH_DRIVERS?.split(',') ?? (process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'])) as Array<'pglite' | 'postgres'>;
  const results: CampaignBench[] = [];
  for (const d of drivers) results.push(await benchCampaignSends(d));
  printCampaignBench(results);
  const bad = results.flatMap((r) => r.rows).filter((r) => r.duplicates > 0 || r.lost > 0);
  if (bad.length) {
    console.error(`campaign-send: ${bad.length} run(s) with duplicates or lost sends`);
    process.exitCode = 1;
  }
}
