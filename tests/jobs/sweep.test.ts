import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CAMPAIGN_SEND_QUEUE, type CampaignSendJob } from '../../campaigns/send.js';
import { settlementFor, sweepStrandedSends } from '../../campaigns/sweep.js';
import { JOB_SCHEMA } from '../../db/schema.js';
import { sendJobId } from '../../jobs/job-ids.js';
import { createMailer } from '../../mail/mailer.js';
import { wireOutreach, type Outreach } from '../../server/outreach.js';
import type { Campaign } from '../../schemas/campaign.js';
import type { Lead } from '../../schemas/lead.js';
import { offlineAi } from '../helpers/ai.js';
import { createOneStepCampaign, createRunningRun, seedLeadsWithPersonas } from '../helpers/campaign-seed.js';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';

// The sweep of sends whose job is dead (issue 13), on PGlite and real Postgres. A send job whose
// process dies on every attempt ends failed in pg-boss (or its job is gone) while its send-log row
// stays pending/sending: simulated here by writing the row and the job's state directly. The sweep
// settles those rows (sending → interrupted, pending → failed, both retryable, nothing resent) and
// completes their run; a row whose job is still queued, running or waiting to retry is left alone.

const HOUR = 3_600_000;

describe.each(drivers)('sweep of sends whose job died (%s)', (driver) => {
  let db: TestDb;
  let outreach: Outreach;
  let leads: Lead[];
  let campaign: Campaign;
  const ws = () => db.workspaceId;
  const stepId = () => campaign.steps[0]!.id;
  const key = (lead: Lead) => ({ campaignId: campaign.id, stepId: stepId(), leadId: lead.id });
  const exec = (q: ReturnType<typeof sql>) => db.handle.db.execute(q);

  /** The row as a run opens it, then put in `status` and (unless `fresh`) last changed 10 minutes ago. */
  async function row(lead: Lead, runId: string, status: 'pending' | 'sending', { fresh = false } = {}) {
    const log = await db.queries.emailLogs.open({ ...key(lead), workspaceId: ws(), runId, to: lead.email, from: 'Dana <dana@shipwise.test>' });
    await exec(
      sql`update email_logs set status = ${status}, claimed_at = ${status === 'sending' ? sql`now()` : null}, updated_at = now() - make_interval(mins => ${fresh ? 0 : 10}) where id = ${log.id}`,
    );
    return log.id;
  }
  /** A send job for the lead, inserted as the runner does, then put in `state` (it never becomes due here). */
  async function job(
    lead: Lead,
    runId: string,
    state: 'created' | 'retry' | 'active' | 'completed' | 'failed',
    { round = 0, error = null as string | null } = {},
  ) {
    const data: CampaignSendJob = { workspaceId: ws(), ...key(lead), runId };
    const id = sendJobId(data, round);
    await outreach.jobs.boss.insert(CAMPAIGN_SEND_QUEUE, [{ id, data, startAfter: new Date(Date.now() + HOUR) }]);
    const output = error ? JSON.stringify({ error }) : null;
    await exec(
      sql`update ${sql.identifier(JOB_SCHEMA)}.job set state = ${state}, retry_count = ${state === 'failed' ? 3 : 0}, output = ${output}::jsonb where id = ${id}`,
    );
    return id;
  }
  const logOf = async (lead: Lead) => (await db.queries.emailLogs.find({ workspaceId: ws(), ...key(lead) }))!;
  const runStatus = async (runId: string) => (await db.queries.campaigns.getRun({ workspaceId: ws(), campaignId: campaign.id, runId })).status;
  const newRun = async (of: Lead[]) => (await createRunningRun(db.queries, { workspaceId: ws(), campaign, leadIds: of.map((l) => l.id) })).id;
  const sweep = () => sweepStrandedSends({ emailLog: db.queries.emailLogs, campaigns: db.queries.campaigns, queue: CAMPAIGN_SEND_QUEUE });

  beforeAll(async () => {
    db = await createTestDb(driver);
    leads = await seedLeadsWithPersonas(db, 9);
    campaign = await createOneStepCampaign(db, 'Sweep');
    outreach = wireOutreach({
      ai: offlineAi(),
      handle: db.handle,
      queries: db.queries,
      localWorkspaceId: ws(),
      mail: { mailer: createMailer({}), from: 'Dana <dana@shipwise.test>', publicUrl: 'http://p.test', concurrency: 2 },
    });
    // pg-boss's tables and the send queue, without workers: the jobs below stay as they are put.
    await outreach.jobs.boss.start();
    await outreach.jobs.boss.createQueue(CAMPAIGN_SEND_QUEUE, { retryLimit: 3 });
  }, 60_000);
  afterAll(async () => {
    await outreach?.jobs.stop();
    await db?.close();
  });

  test('dead jobs: sending → interrupted, pending → failed, the run completes; live jobs and fresh rows are left alone', async () => {
    const [l0, l1, l2, l3, l4, l5, l6, l7] = leads as [Lead, Lead, Lead, Lead, Lead, Lead, Lead, Lead];
    const dead = await newRun([l0, l1, l2]);
    await row(l0, dead, 'sending');
    await job(l0, dead, 'failed'); // died mid-send on every attempt
    await row(l1, dead, 'pending');
    await job(l1, dead, 'failed', { error: 'Drafting failed: the model timed out' });
    await row(l2, dead, 'pending'); // its job is gone

    const live = await newRun([l3, l4, l5, l6, l7]);
    await row(l3, live, 'pending');
    await job(l3, live, 'created'); // queued
    await row(l4, live, 'sending');
    await job(l4, live, 'active'); // being sent now
    await row(l5, live, 'pending');
    await job(l5, live, 'retry'); // waiting to retry
    await row(l6, live, 'pending', { fresh: true }); // just opened: its job is about to be queued
    await row(l7, live, 'sending');
    await job(l7, live, 'failed'); // an earlier round died...
    await job(l7, live, 'created', { round: 1 }); // ...and a person's retry is queued

    const result = await sweep();
    expect(result).toEqual({ interrupted: 1, failed: 2, runsCompleted: 1 });

    expect(await logOf(l0)).toMatchObject({ status: 'interrupted', retryable: true, error: expect.stringMatching(/may have been delivered/) });
    expect(await logOf(l1)).toMatchObject({
      status: 'failed',
      retryable: true,
      error: expect.stringMatching(/gave up after 4 attempts \(last: Drafting failed: the model timed out\).*retry it/),
    });
    expect(await logOf(l2)).toMatchObject({
      status: 'failed',
      retryable: true,
      error: expect.stringMatching(/no longer in the queue.*Nothing was handed to the mail server/),
    });
    expect(await runStatus(dead)).toBe('completed');
    const view = await outreach.runs.get({ workspaceId: ws(), campaignId: campaign.id, runId: dead });
    expect(view.results.map((r) => [r.status, r.retryable])).toEqual([
      ['interrupted', true],
      ['failed', true],
      ['failed', true],
    ]);

    for (const [lead, status] of [
      [l3, 'pending'],
      [l4, 'sending'],
      [l5, 'pending'],
      [l6, 'pending'],
      [l7, 'sending'],
    ] as const) {
      expect((await logOf(lead)).status, lead.name).toBe(status);
    }
    expect(await runStatus(live)).toBe('running');

    // Sweeping again changes nothing.
    expect(await sweep()).toEqual({ interrupted: 0, failed: 0, runsCompleted: 0 });

    // A person retries a failed one: it is pending again with a queued job, and the sweep leaves it.
    await outreach.runs.retry({ workspaceId: ws(), campaignId: campaign.id, runId: dead, leadIds: [l1.id] });
    expect((await logOf(l1)).status).toBe('pending');
    await exec(sql`update email_logs set updated_at = now() - interval '10 minutes' where id = ${(await logOf(l1)).id}`);
    expect(await sweep()).toEqual({ interrupted: 0, failed: 0, runsCompleted: 0 });
    expect((await logOf(l1)).status).toBe('pending');
  }, 60_000);

  test('wired: the job runner sweeps at start', async () => {
    const l8 = leads[8]!;
    const runId = await newRun([l8]);
    await row(l8, runId, 'sending');
    await job(l8, runId, 'failed');
    // No worker should send here: the retry queued by the test above is dropped, so its row (pending, old) is swept as failed too.
    await exec(sql`delete from ${sql.identifier(JOB_SCHEMA)}.job where name = ${CAMPAIGN_SEND_QUEUE} and state = 'created' and start_after <= now()`);
    await outreach.jobs.start();
    expect(await logOf(l8)).toMatchObject({ status: 'interrupted', retryable: true });
    expect(await runStatus(runId)).toBe('completed');
  }, 60_000);
});

describe('settlementFor', () => {
  const base = { workspaceId: 'w', id: 'r', runId: 'run' };
  test('sending is interrupted whatever became of its job; pending is failed with why', () => {
    expect(settlementFor({ ...base, status: 'sending', job: null })).toMatchObject({ status: 'interrupted', retryable: true });
    expect(settlementFor({ ...base, status: 'pending', job: null }).reason).toMatch(/no longer in the queue/);
    expect(settlementFor({ ...base, status: 'pending', job: { state: 'failed', retryCount: 0, error: null } }).reason).toMatch(
      /gave up after 1 attempt \(the server stopped or crashed during each\)/,
    );
    expect(settlementFor({ ...base, status: 'pending', job: { state: 'cancelled', retryCount: 0, error: null } }).reason).toMatch(/cancelled/);
    expect(settlementFor({ ...base, status: 'pending', job: { state: 'completed', retryCount: 0, error: null } })).toMatchObject({
      status: 'failed',
      retryable: true,
    });
  });
});
