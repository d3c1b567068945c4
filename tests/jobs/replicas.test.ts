import { OutboxQuerySchema } from '../../schemas/outbox.js';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CAMPAIGN_SEND_QUEUE, type CampaignSendJob } from '../../campaigns/send.js';
import { sweepStrandedSends } from '../../campaigns/sweep.js';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { createQueries, type Queries } from '../../db/queries/index.js';
import { createMailer } from '../../mail/mailer.js';
import { wireOutreach, type Outreach } from '../../server/outreach.js';
import type { Campaign } from '../../schemas/campaign.js';
import type { Lead } from '../../schemas/lead.js';
import { offlineAi } from '../helpers/ai.js';
import { createOneStepCampaign, createRunningRun, seedLeadsWithPersonas } from '../helpers/campaign-seed.js';
import type { TestDb } from '../helpers/db.js';

// Several server processes on one PostgreSQL (WORKERS=n, or replicas on several machines): two
// replicas, each with its own pool, queries and job runner, as two processes have. What runs at
// every start runs on both at once on a fresh database; a run's sends are shared by both runners
// and each lead gets the step once; the sweep, which every replica runs, settles a row once.

const adminUrl = process.env.DATABASE_URL;

describe.skipIf(!adminUrl)('two replicas on one PostgreSQL', () => {
  const name = `pf_test_replicas_${randomBytes(6).toString('hex')}`;
  type Replica = { handle: DatabaseHandle; queries: Queries; outreach: Outreach };
  const replicas: Replica[] = [];
  let workspaceId: string;
  let leads: Lead[];
  let campaign: Campaign;

  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(q);
    await c.end();
  };

  /** What startServices does on the database: migrate, the default workspace, the job runner. */
  async function startReplica(url: string): Promise<Replica> {
    const handle = await openDatabase({ databaseUrl: url, dataDir: '' });
    await migrateDatabase(handle);
    const queries = createQueries(handle.db);
    const ws = await queries.workspaces.ensureDefault();
    const outreach = wireOutreach({
      ai: offlineAi(),
      handle,
      queries,
      localWorkspaceId: ws,
      mail: { mailer: createMailer({}), from: 'Dana <dana@shipwise.test>', publicUrl: 'http://p.test', concurrency: 3 },
    });
    await outreach.jobs.start();
    return { handle, queries, outreach };
  }

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    for (const r of replicas) {
      await r.outreach.jobs.stop();
      await r.handle.close();
    }
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  test('both start at once on a fresh database: migrations, the job queue schema and the default workspace once', async () => {
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    replicas.push(...(await Promise.all([startReplica(url.toString()), startReplica(url.toString())])));
    const [a, b] = replicas as [Replica, Replica];
    workspaceId = await a.queries.workspaces.ensureDefault();
    expect(await b.queries.workspaces.ensureDefault()).toBe(workspaceId);
    const queues = await a.handle.db.execute(sql`select name from pgboss.queue where name not like '\_\_pgboss%' order by name`);
    expect((queues as unknown as { rows: Array<{ name: string }> }).rows.map((r) => r.name)).toEqual([
      'campaign-send',
      'lead-persona',
      'persona-rescore',
      'persona-sync',
    ]);
    const seedDb = { handle: a.handle, queries: a.queries, workspaceId, label: 'postgres', close: async () => {} } satisfies TestDb;
    leads = await seedLeadsWithPersonas(seedDb, 12);
    campaign = await createOneStepCampaign(seedDb, 'Shared');
  }, 60_000);

  test('a run enqueued on one is sent by both runners, each lead once', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const run = await createRunningRun(a.queries, { workspaceId, campaign, leadIds: leads.map((l) => l.id) });
    const jobs: CampaignSendJob[] = leads.map((l) => ({ workspaceId, campaignId: campaign.id, stepId: run.stepId, leadId: l.id, runId: run.id }));
    await a.outreach.jobs.enqueueSends(jobs);
    // The same work enqueued again from the other replica (a double click that reached it): new job ids, nothing sent twice.
    await b.outreach.jobs.enqueueSends(jobs, () => 1);
    await expect
      .poll(async () => (await b.outreach.runs.get({ workspaceId, campaignId: campaign.id, runId: run.id })).status, { timeout: 30_000 })
      .toBe('completed');
    const { emails: outbox } = await b.queries.emailLogs.outboxPage({
      workspaceId,
      query: OutboxQuerySchema.parse({ campaignId: campaign.id }),
    });
    expect(outbox).toHaveLength(12);
    expect(new Set(outbox.map((e) => e.to)).size).toBe(12);
    expect((await a.queries.campaigns.get({ workspaceId, id: campaign.id })).emailsSent).toBe(12);
  }, 60_000);

  test('the sweep run by both at the same moment settles each stranded send once', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const other = await createOneStepCampaign({ handle: a.handle, queries: a.queries, workspaceId, label: 'postgres', close: async () => {} }, 'Stranded');
    const run = await createRunningRun(a.queries, { workspaceId, campaign: other, leadIds: leads.map((l) => l.id) });
    // Rows a run opened whose jobs never got queued (the process died in between), unchanged for 10 minutes.
    await a.queries.emailLogs.openMany({
      workspaceId,
      campaignId: other.id,
      stepId: run.stepId,
      runId: run.id,
      from: 'Dana <dana@shipwise.test>',
      leads: leads.map((l) => ({ leadId: l.id, to: l.email })),
    });
    await a.handle.db.execute(sql`update email_logs set updated_at = now() - interval '10 minutes' where run_id = ${run.id}`);
    const sweepOn = (r: Replica) => sweepStrandedSends({ emailLog: r.queries.emailLogs, campaigns: r.queries.campaigns, queue: CAMPAIGN_SEND_QUEUE });
    const [x, y] = await Promise.all([sweepOn(a), sweepOn(b)]);
    expect(x.failed + y.failed).toBe(12);
    expect(x.interrupted + y.interrupted).toBe(0);
    expect(x.runsCompleted + y.runsCompleted).toBe(1);
    const rows = await a.queries.emailLogs.forStep({ workspaceId, campaignId: other.id, stepId: run.stepId });
    expect(rows.map((r) => r.status)).toEqual(Array(12).fill('failed'));
  }, 60_000);
});
