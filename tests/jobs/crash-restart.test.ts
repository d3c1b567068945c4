import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  api,
  createCampaign,
  getRun,
  importLeads,
  runNowAndApprove,
  sleep,
  startServer,
  stopServer,
  tally,
  throwawayDatabase,
  waitForPersonas,
  waitForRun,
  type BenchServer,
} from '../../bench/campaign-harness.js';
import type { CampaignRun } from '../../schemas/campaign.js';
import { stopLeftoverPostgres } from '../../db/embedded-postgres.js';
import { drivers } from '../helpers/db.js';
import { startSmtpPeer } from '../helpers/smtp-peer.js';

// The crash-restart no-duplicate test (issue 6). The real server runs as a child process
// (bench/campaign-server.ts: startServices + createApp, a model that takes 200 ms per call) and
// sends a 40-lead campaign to a real SMTP peer in this process (250 ms per message). It is
// SIGKILLed part-way through the sends and started again on the same data. After the restart
// the run must complete with every lead accounted for: delivered, or reported failed, skipped or
// interrupted, and no lead given two messages. A send that was with the mail server when the
// process died is "interrupted" (outcome unknown): reported, retryable, never resent by itself.
// Retrying the interrupted ones the peer never got then delivers each exactly once.

const LEADS = 40;

const received = (to: string[]) => {
  const n = new Map<string, number>();
  for (const t of to) n.set(t.toLowerCase(), (n.get(t.toLowerCase()) ?? 0) + 1);
  return n;
};

// Without DATABASE_URL the server runs on the embedded default (a PostgreSQL in DATA_DIR/postgres).
const targets = drivers.map((d) => (d === 'pglite' ? 'embedded' : 'postgres'));

describe.each(targets)('campaign run killed mid-send (%s)', (driver) => {
  test('restart completes the run: no lead gets two messages, none is lost, interrupted sends are retryable', async () => {
    const peer = await startSmtpPeer({ latencyMs: 250 });
    const dir = mkdtempSync(path.join(tmpdir(), 'pf-crash-'));
    chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the `postgres` user when the tests run as root
    const pgdb = driver === 'postgres' ? await throwawayDatabase(process.env.DATABASE_URL!, 'pf_test') : null;
    const opts = { dataDir: path.join(dir, 'data'), databaseUrl: pgdb?.url, smtpUrl: peer.url, concurrency: 4, modelLatencyMs: 200 };
    let server: BenchServer | null = null;
    try {
      server = await startServer(opts);
      const leadIds = await importLeads(server.url, LEADS);
      expect(leadIds).toHaveLength(LEADS);
      expect(await waitForPersonas(server.url, LEADS, 30_000)).toBe(LEADS);
      const campaignId = await createCampaign(server.url, 'Crash test', leadIds);
      const { runId } = await runNowAndApprove(server.url, campaignId);

      // Killed part-way, as soon as the run shows a send handed to the mail server (which holds
      // each message 250 ms before taking it), so the kill most likely lands mid-send.
      while (peer.received.length < 12) await sleep(5);
      for (let i = 0; i < 200; i++) {
        const view = await getRun(server.url, campaignId, runId);
        if (view.results.some((r) => r.status === 'sending')) break;
        await sleep(10);
      }
      expect(await stopServer(server, 'SIGKILL')).toBe('SIGKILL');
      const atKill = peer.received.length;
      expect(atKill).toBeLessThan(LEADS);

      // One start, at once: the dead process's lock is taken over (its owner is gone), and the
      // postmaster it left running on the embedded database is stopped before a new one starts.
      server = await startServer(opts, { patienceMs: 0 });
      expect(server.refused).toBe(0);
      console.log(`${driver}: serving again ${Math.round(server.readyMs)} ms after the SIGKILL`);
      const run: CampaignRun = await waitForRun(server.url, campaignId, runId, 90_000, 250);
      const t = tally(
        run,
        peer.received.map((r) => r.to[0] ?? ''),
      );
      console.log(
        `${driver}: killed at ${atKill}/${LEADS} delivered; after restart ${run.summary}, interrupted ${t.interrupted} (${t.interruptedReceived} of them had been delivered)`,
      );

      expect(run.status).toBe('completed');
      expect(run.total).toBe(LEADS);
      expect(run.pending).toBe(0);
      expect(t.duplicates).toBe(0);
      expect(t.lost).toBe(0);
      expect(t.sentNotReceived).toBe(0);
      expect(t.failed + t.skipped).toBe(0);
      expect(run.sent + t.interrupted).toBe(LEADS);
      const interrupted = run.results.filter((r) => r.status === 'interrupted');
      for (const r of interrupted) {
        expect(r.retryable).toBe(true);
        expect(r.error).toMatch(/may have been delivered|may or may not have been delivered/);
      }
      // Every address the peer got mail for is a lead of the run, reported sent or interrupted.
      const byAddress = received(peer.received.map((r) => r.to[0] ?? ''));
      for (const [address] of byAddress) {
        const result = run.results.find((r) => r.email.toLowerCase() === address);
        expect(result?.status, address).toMatch(/^(sent|interrupted)$/);
      }

      // A person retries the interrupted sends that did not arrive: each then arrives exactly once.
      const missing = interrupted.filter((r) => !byAddress.has(r.email.toLowerCase()));
      if (missing.length) {
        await api(server.url, 'POST', `/api/campaigns/${campaignId}/runs/${runId}/retry`, { leadIds: missing.map((r) => r.leadId) });
        const again = await waitForRun(server.url, campaignId, runId, 30_000, 250);
        expect(again.status).toBe('completed');
        for (const r of missing) expect(again.results.find((x) => x.leadId === r.leadId)?.status).toBe('sent');
        console.log(`${driver}: retried ${missing.length} interrupted sends that had not arrived: ${again.summary}`);
      }
      const final = received(peer.received.map((r) => r.to[0] ?? ''));
      expect([...final.values()].every((n) => n === 1)).toBe(true);
      expect(final.size).toBe(LEADS);
    } finally {
      if (server) await stopServer(server, 'SIGTERM');
      await peer.close();
      await pgdb?.drop();
      await stopLeftoverPostgres(opts.dataDir);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
