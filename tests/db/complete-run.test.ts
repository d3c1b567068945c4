import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Campaign } from '../../schemas/campaign.js';
import type { Lead } from '../../schemas/lead.js';
import { createOneStepCampaign, createRunningRun, seedLeadsWithPersonas } from '../helpers/campaign-seed.js';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';

// completeRunIfDone runs after every send and returns early while the run still has a pending or
// sending row: a run completes with its last outcome, not before, also when another run of the
// same step (started twice at once) opened the rows and sends them.

describe.each(drivers)('completing a campaign run on %s', (driver) => {
  let db: TestDb;
  let leads: Lead[];
  let campaign: Campaign;
  const ws = () => db.workspaceId;

  beforeAll(async () => {
    db = await createTestDb(driver);
    leads = await seedLeadsWithPersonas(db, 3, 'complete');
    campaign = await createOneStepCampaign(db, 'Complete');
  }, 60_000);
  afterAll(() => db?.close());

  const startRun = async () => {
    const run = await createRunningRun(db.queries, { workspaceId: ws(), campaign, leadIds: leads.map((l) => l.id), sendCapPerMinute: 60, transport: 'smtp' });
    await db.queries.emailLogs.openMany({
      workspaceId: ws(),
      campaignId: campaign.id,
      stepId: campaign.steps[0]!.id,
      runId: run.id,
      from: 'dana@shipwise.test',
      leads: leads.map((l) => ({ leadId: l.id, to: l.email })),
    });
    return run;
  };
  const rowOf = async (lead: Lead) =>
    (await db.queries.emailLogs.find({ workspaceId: ws(), campaignId: campaign.id, stepId: campaign.steps[0]!.id, leadId: lead.id }))!;
  const statusOf = async (runId: string) => (await db.queries.campaigns.getRun({ workspaceId: ws(), campaignId: campaign.id, runId })).status;

  test('running until the last lead has an outcome; the run that did not open the rows completes with the one that did', async () => {
    const first = await startRun();
    // Started again at once: its rows are the first run's (openMany leaves existing rows alone).
    const second = await startRun();
    for (const lead of leads.slice(0, 2)) await db.queries.emailLogs.markSkipped({ workspaceId: ws(), id: (await rowOf(lead)).id, reason: 'test' });

    expect(await db.queries.campaigns.completeRunIfDone({ workspaceId: ws(), runId: first.id })).toBe(false);
    expect(await db.queries.campaigns.completeRunIfDone({ workspaceId: ws(), runId: second.id })).toBe(false);
    expect(await statusOf(first.id)).toBe('running');

    await db.queries.emailLogs.markSkipped({ workspaceId: ws(), id: (await rowOf(leads[2]!)).id, reason: 'test' });
    expect(await db.queries.campaigns.completeRunIfDone({ workspaceId: ws(), runId: second.id })).toBe(true);
    expect([await statusOf(first.id), await statusOf(second.id)]).toEqual(['completed', 'completed']);
    expect((await db.queries.campaigns.get({ workspaceId: ws(), id: campaign.id })).status).toBe('completed');
    // Once completed, a late call changes nothing.
    expect(await db.queries.campaigns.completeRunIfDone({ workspaceId: ws(), runId: first.id })).toBe(false);
  });
});
