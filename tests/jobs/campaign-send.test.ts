import { OutboxQuerySchema } from '../../schemas/outbox.js';
import { resolveSender } from '../../mail/sender.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCampaignSend, type CampaignSendDeps, type CampaignSendJob } from '../../campaigns/send.js';
import { RetryLater } from '../../lib/retry-later.js';
import { createMailer, type Mailer } from '../../mail/mailer.js';
import { wireOutreach, type Outreach } from '../../server/outreach.js';
import type { Campaign } from '../../schemas/campaign.js';
import type { Lead } from '../../schemas/lead.js';
import { offlineAi } from '../helpers/ai.js';
import { createOneStepCampaign, createRunningRun, seedLeadsWithPersonas } from '../helpers/campaign-seed.js';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';

// The at-most-once guarantee of campaign sends, on PGlite and real Postgres: duplicate jobs,
// two workers, a send cut off mid-way, SMTP answers, and the per-minute cap.

describe.each(drivers)('campaign sends on %s', (driver) => {
  let db: TestDb;
  let leads: Lead[];
  let campaign: Campaign;
  const ws = () => db.workspaceId;

  beforeAll(async () => {
    db = await createTestDb(driver);
    leads = await seedLeadsWithPersonas(db, 12);
    campaign = await createOneStepCampaign(db, 'Sends');
  }, 60_000);
  afterAll(() => db?.close());

  const outreach = (mailer: Mailer): Outreach =>
    wireOutreach({
      ai: offlineAi(),
      handle: db.handle,
      queries: db.queries,
      localWorkspaceId: ws(),
      mail: { mailer, from: 'Dana <dana@shipwise.test>', publicUrl: 'http://p.test', concurrency: 4 },
    });

  test('duplicate jobs and two workers: every lead gets the step exactly once', async () => {
    const a = outreach(createMailer({}));
    const b = outreach(createMailer({}));
    const run = await createRunningRun(db.queries, { workspaceId: ws(), campaign, leadIds: leads.map((l) => l.id) });
    const jobs: CampaignSendJob[] = leads.map((l) => ({ workspaceId: ws(), campaignId: campaign.id, stepId: run.stepId, leadId: l.id, runId: run.id }));
    await a.jobs.start();
    await b.jobs.start();
    try {
      await a.jobs.enqueueSends(jobs);
      await b.jobs.enqueueSends(jobs); // same ids: ignored by pg-boss
      await b.jobs.enqueueSends(jobs, () => 7); // new ids for the same work: the email log stops them
      await expect
        .poll(async () => (await a.runs.get({ workspaceId: ws(), campaignId: campaign.id, runId: run.id })).summary, { timeout: 30_000 })
        .toBe('Stored 12/12 in the outbox — not sent');
      const { emails: outbox } = await db.queries.emailLogs.outboxPage({
        workspaceId: ws(),
        query: OutboxQuerySchema.parse({ campaignId: campaign.id }),
      });
      expect(outbox).toHaveLength(12);
      expect(new Set(outbox.map((e) => e.to)).size).toBe(12);
      expect(outbox.every((e) => e.headers['List-Unsubscribe-Post'] === 'List-Unsubscribe=One-Click')).toBe(true);
      expect((await db.queries.campaigns.get({ workspaceId: ws(), id: campaign.id })).emailsSent).toBe(12);
      expect((await db.queries.campaigns.getRun({ workspaceId: ws(), campaignId: campaign.id, runId: run.id })).status).toBe('completed');
    } finally {
      await a.jobs.stop();
      await b.jobs.stop();
    }
  }, 60_000);

  describe('one send, step by step', () => {
    let step2: Campaign;
    let deps: CampaignSendDeps;
    const sent: string[] = [];
    let answer: () => Promise<{ providerMessageId: string }>;
    const smtp: Mailer = {
      mode: 'smtp',
      send: async (email) => {
        const r = await answer();
        sent.push(email.to);
        return r;
      },
      close: () => {},
    };
    const job = (lead: Lead, runId: string): CampaignSendJob => ({
      workspaceId: ws(),
      campaignId: step2.id,
      stepId: step2.steps[0]!.id,
      leadId: lead.id,
      runId,
    });
    let runId: string;

    beforeAll(async () => {
      step2 = await db.queries.campaigns.create({
        workspaceId: ws(),
        input: {
          name: 'Unit',
          promptContext: { productId: null, tone: 'direct', goal: '', callToAction: '', personaId: null, stageName: null },
          sendCapPerMinute: 2,
          steps: [{ name: 'Only', promptConfig: { instructions: '', tone: null }, delayDays: 0 }],
        },
      });
      runId = (
        await createRunningRun(db.queries, { workspaceId: ws(), campaign: step2, leadIds: leads.map((l) => l.id), sendCapPerMinute: 2, transport: 'smtp' })
      ).id;
      deps = sendDeps(outreach(smtp));
    });
    // The real dependencies the runner uses, with the SMTP mailer above.
    const sendDeps = (o: Outreach): CampaignSendDeps => ({
      leads: db.queries.leads,
      campaigns: db.queries.campaigns,
      emailLog: db.queries.emailLogs,
      draft: (input) => o.draft(input),
      mailer: smtp,
      publicUrl: 'http://p.test',
      sender: async () => resolveSender({ profile: null, server: { from: 'Dana <dana@shipwise.test>', signAsCompany: false }, companyName: '' }),
    });

    test('delivered once; the same job again sends nothing', async () => {
      answer = async () => ({ providerMessageId: '250 OK queued as A1' });
      expect(await runCampaignSend(job(leads[0]!, runId), { final: false }, deps)).toMatchObject({ success: true, status: 'sent' });
      expect(await runCampaignSend(job(leads[0]!, runId), { final: false }, deps)).toMatchObject({ success: true, status: 'sent' });
      expect(sent.filter((t) => t === leads[0]!.email)).toHaveLength(1);
      expect(
        (await db.queries.emailLogs.find({ workspaceId: ws(), campaignId: step2.id, stepId: step2.steps[0]!.id, leadId: leads[0]!.id }))!.providerMessageId,
      ).toBe('250 OK queued as A1');
    });

    test('a send found mid-way (the process died after claiming it) is marked interrupted, never resent', async () => {
      const key = { campaignId: step2.id, stepId: step2.steps[0]!.id, leadId: leads[1]!.id };
      const log = await db.queries.emailLogs.open({ ...key, workspaceId: ws(), runId, to: leads[1]!.email, from: 'x' });
      await db.handle.db.execute(sql`update email_logs set status = 'sending', claimed_at = now() - interval '2 minutes' where id = ${log.id}`);
      const before = sent.length;
      const result = await runCampaignSend(job(leads[1]!, runId), { final: false }, deps);
      expect(result).toMatchObject({ success: false, status: 'interrupted', retryable: true });
      expect(result.error).toMatch(/may have been delivered/);
      expect(sent.length).toBe(before);
    });

    test('4xx: retried by the queue (row back to pending); 5xx: failed with the server message; a dropped line: interrupted', async () => {
      answer = async () => {
        throw Object.assign(new Error('Message failed: 451 Try again later'), { responseCode: 451 });
      };
      await expect(runCampaignSend(job(leads[2]!, runId), { final: false }, deps)).rejects.toBeInstanceOf(RetryLater);
      const key = { workspaceId: ws(), campaignId: step2.id, stepId: step2.steps[0]!.id, leadId: leads[2]!.id };
      expect((await db.queries.emailLogs.find(key))!.status).toBe('pending');
      await db.handle.db.execute(sql`update email_logs set claimed_at = now() - interval '2 minutes'`);
      answer = async () => {
        throw Object.assign(new Error('Message failed: 550 Mailbox unavailable'), { responseCode: 550 });
      };
      expect(await runCampaignSend(job(leads[2]!, runId), { final: false }, deps)).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/refused the message: Message failed: 550/),
      });
      await db.handle.db.execute(sql`update email_logs set claimed_at = now() - interval '2 minutes'`);
      answer = async () => {
        throw Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION', command: 'CONN' });
      };
      expect(await runCampaignSend(job(leads[3]!, runId), { final: false }, deps)).toMatchObject({ status: 'interrupted', retryable: true });
    });

    test('the per-minute cap holds the third send until the window moves', async () => {
      await db.handle.db.execute(sql`update email_logs set claimed_at = now() - interval '2 minutes'`);
      answer = async () => ({ providerMessageId: '250 OK' });
      const waits: number[] = [];
      const capped = {
        ...deps,
        // Waiting is simulated: the claims in the window are moved back a minute, as time would.
        sleep: async (ms: number) => {
          waits.push(ms);
          await db.handle.db.execute(sql`update email_logs set claimed_at = claimed_at - interval '61 seconds' where campaign_id = ${step2.id}`);
        },
      };
      for (const lead of leads.slice(4, 7)) expect(await runCampaignSend(job(lead, runId), { final: false }, capped)).toMatchObject({ status: 'sent' });
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThan(1000);
    });

    test('suppressed and email-less leads are skipped, not sent', async () => {
      await db.queries.emailLogs.suppress({ workspaceId: ws(), email: leads[7]!.email, reason: 'unsubscribed', source: 'unsubscribe' });
      const before = sent.length;
      expect(await runCampaignSend(job(leads[7]!, runId), { final: false }, deps)).toMatchObject({
        status: 'skipped',
        error: 'Unsubscribed: on the suppression list.',
      });
      expect(sent.length).toBe(before);
      const all = await db.queries.leads.list({ workspaceId: ws() });
      expect(all.filter((l) => l.suppressed).map((l) => l.email)).toEqual([leads[7]!.email]);
    });
  });
});
