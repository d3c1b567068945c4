import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { INTERRUPTED } from '../../campaigns/send.js';
import type { CampaignRun, LaunchCampaignOutput, RetryOutcome } from '../../schemas/campaign.js';
import type { Lead } from '../../schemas/lead.js';
import { createOneStepCampaign, seedLeadsWithPersonas } from '../helpers/campaign-seed.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { localCaller } from '../helpers/team-client.js';

// "Retry failed" (issue 12): a retry that names no leads queues the run's FAILED sends only. An
// interrupted send (the server died while handing it to the mail server) may already have arrived,
// so it is queued again only when a person names it; the answer says what was retried and what left.

const POLL = { timeout: 20_000, interval: 100 };

describe.each(drivers)('retrying a run over HTTP on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(() => server.close());

  const call = localCaller(() => server.url);
  const getRun = async (campaignId: string, runId: string) => (await call('GET', `/api/campaigns/${campaignId}/runs/${runId}`)).body.run as CampaignRun;
  const statusOf = async (campaignId: string, runId: string, lead: Lead) => (await getRun(campaignId, runId)).results.find((r) => r.leadId === lead.id)!.status;

  /** A completed run of three leads in outbox mode, then: the first failed, the second interrupted, the third delivered. */
  async function runWithFailedAndInterrupted(name: string, prefix: string) {
    const leads = await seedLeadsWithPersonas(server.db, 3, prefix);
    const campaign = await createOneStepCampaign(server.db, name);
    expect((await call('POST', `/api/campaigns/${campaign.id}/leads`, { leadIds: leads.map((l) => l.id) })).status).toBe(200);
    let out = (await call('POST', '/api/flows/launchCampaign', { data: { campaignId: campaign.id } })).body.result as LaunchCampaignOutput;
    if (out.status === 'awaiting_approval') {
      out = (
        await call('POST', '/api/flows/launchCampaign', {
          data: { campaignId: campaign.id, resume: { runId: out.run.id, approval: { approved: true, note: '' } } },
        })
      ).body.result as LaunchCampaignOutput;
    }
    const runId = out.run.id;
    await expect.poll(async () => (await getRun(campaign.id, runId)).summary, POLL).toBe('Stored 3/3 in the outbox — not sent');
    const [failed, interrupted, delivered] = leads as [Lead, Lead, Lead];
    const set = (lead: Lead, status: string, error: string) =>
      server.db.handle.db.execute(
        sql`update email_logs set status = ${status}, error = ${error}, retryable = true where lead_id = ${lead.id} and campaign_id = ${campaign.id}`,
      );
    await set(failed, 'failed', '550 Mailbox unavailable');
    await set(interrupted, 'interrupted', INTERRUPTED);
    return { campaignId: campaign.id, runId, failed, interrupted, delivered };
  }

  test('no body retries the failed send only; the interrupted one is left and said so; naming it sends it again', async () => {
    const { campaignId, runId, failed, interrupted, delivered } = await runWithFailedAndInterrupted('Retry: failed only', 'only');
    const before = await getRun(campaignId, runId);
    expect(before.results.map((r) => [r.leadId, r.status, r.retryable])).toEqual([
      [failed.id, 'failed', true],
      [interrupted.id, 'interrupted', true],
      [delivered.id, 'outbox', false],
    ]);

    // No body at all (what a bare curl -X POST sends).
    const retried = await call('POST', `/api/campaigns/${campaignId}/runs/${runId}/retry`);
    expect(retried.status).toBe(200);
    const outcome = retried.body as RetryOutcome;
    expect(outcome.retried).toEqual({ failed: 1, interrupted: 0, leadIds: [failed.id] });
    expect(outcome.left).toEqual({ failed: 0, interrupted: 1, leadIds: [interrupted.id] });
    expect(outcome.message).toMatch(/^Retrying 1 failed send\. 1 interrupted send was left alone: it may already have arrived/);
    expect(outcome.run).toMatchObject({ id: runId, status: 'running' });
    expect(outcome.run.results.find((r) => r.leadId === interrupted.id)?.status).toBe('interrupted');

    await expect.poll(() => statusOf(campaignId, runId, failed), POLL).toBe('outbox');
    await expect.poll(async () => (await getRun(campaignId, runId)).status, POLL).toBe('completed');
    expect(await statusOf(campaignId, runId, interrupted)).toBe('interrupted');

    // An empty body ({}) and an empty list are the same as no body: nothing failed is left, so 409, saying why.
    for (const body of [{}, { leadIds: [] }]) {
      const again = await call('POST', `/api/campaigns/${campaignId}/runs/${runId}/retry`, body);
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/^Nothing to retry: .* 1 interrupted send was left alone: it may already have arrived .* by name\.$/);
      expect(again.body.details).toMatchObject({ reason: 'nothing_to_retry', left: { failed: 0, interrupted: 1, leadIds: [interrupted.id] } });
    }
    expect(await statusOf(campaignId, runId, interrupted)).toBe('interrupted');

    // Named explicitly ("Send again"): the interrupted send is queued again.
    const named = await call('POST', `/api/campaigns/${campaignId}/runs/${runId}/retry`, { leadIds: [interrupted.id] });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({
      retried: { failed: 0, interrupted: 1, leadIds: [interrupted.id] },
      left: { failed: 0, interrupted: 0, leadIds: [] },
      message: 'Sending 1 interrupted send again.',
    });
    await expect.poll(() => statusOf(campaignId, runId, interrupted), POLL).toBe('outbox');
    await expect.poll(async () => (await getRun(campaignId, runId)).summary, POLL).toBe('Stored 3/3 in the outbox — not sent');

    // A delivered lead, named, is not sent again.
    expect((await call('POST', `/api/campaigns/${campaignId}/runs/${runId}/retry`, { leadIds: [delivered.id] })).status).toBe(409);
    const outbox = (await call('GET', `/api/outbox?campaignId=${campaignId}`)).body.emails as Array<{ leadId: string; status: string }>;
    expect(outbox.map((e) => e.status).sort()).toEqual(['outbox', 'outbox', 'outbox']);
  });

  test('naming both a failed and an interrupted send retries both; naming one failed leaves the interrupted one', async () => {
    const { campaignId, runId, failed, interrupted } = await runWithFailedAndInterrupted('Retry: named', 'named');
    const onlyFailed = await call('POST', `/api/campaigns/${campaignId}/runs/${runId}/retry`, { leadIds: [failed.id] });
    expect(onlyFailed.status).toBe(200);
    expect(onlyFailed.body).toMatchObject({
      retried: { failed: 1, interrupted: 0, leadIds: [failed.id] },
      left: { failed: 0, interrupted: 1, leadIds: [interrupted.id] },
      message: 'Retrying 1 failed send. 1 other interrupted send was left as it is.',
    });
    await expect.poll(async () => (await getRun(campaignId, runId)).status, POLL).toBe('completed');

    // Fail it again, then name both.
    await server.db.handle.db.execute(
      sql`update email_logs set status = 'failed', error = 'again', retryable = true where lead_id = ${failed.id} and campaign_id = ${campaignId}`,
    );
    const both = await call('POST', `/api/campaigns/${campaignId}/runs/${runId}/retry`, { leadIds: [interrupted.id, failed.id] });
    expect(both.status).toBe(200);
    expect(both.body.retried).toMatchObject({ failed: 1, interrupted: 1 });
    expect([...both.body.retried.leadIds].sort()).toEqual([failed.id, interrupted.id].sort());
    expect(both.body.left).toEqual({ failed: 0, interrupted: 0, leadIds: [] });
    expect(both.body.message).toBe('Retrying 1 failed send and sending 1 interrupted send again.');
    await expect.poll(async () => (await getRun(campaignId, runId)).summary, POLL).toBe('Stored 3/3 in the outbox — not sent');
  });
});
