import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOneStepCampaign, createRunningRun, seedLeadsWithPersonas } from '../helpers/campaign-seed.js';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';

// The leads list shows each lead's campaigns and when it was last emailed (issue 15).
describe.each(drivers)('leads.listWithOutreach on %s', (driver) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(driver);
  });
  afterAll(() => db.close());

  test('campaigns by name, the last send or outbox delivery; pending and failed sends do not count', async () => {
    const q = db.queries;
    const workspaceId = db.workspaceId;
    const [ana, bo, cleo] = await seedLeadsWithPersonas(db, 3, 'outreach');
    const spring = await createOneStepCampaign(db, 'Spring');
    const autumn = await createOneStepCampaign(db, 'Autumn');
    await q.campaigns.addLeads({ workspaceId, id: spring.id, leadIds: [ana!.id, bo!.id] });
    await q.campaigns.addLeads({ workspaceId, id: autumn.id, leadIds: [ana!.id] });
    const run = await createRunningRun(q, { workspaceId, campaign: spring, leadIds: [ana!.id, bo!.id], sendCapPerMinute: 60 });
    const open = (leadId: string, to: string) =>
      q.emailLogs.open({ workspaceId, campaignId: spring.id, stepId: spring.steps[0]!.id, leadId, runId: run.id, to, from: 'Dana <d@x.test>' });
    const sent = await open(ana!.id, ana!.email);
    const before = Date.now();
    await q.emailLogs.markSent({ workspaceId, id: sent.id, providerMessageId: 'm1', raw: null });
    const failed = await open(bo!.id, bo!.email);
    await q.emailLogs.markFailed({ workspaceId, id: failed.id, error: 'refused', retryable: false, final: true });

    const list = await q.leads.listWithOutreach({ workspaceId });
    const byId = new Map(list.map((l) => [l.id, l]));
    expect(byId.get(ana!.id)!.campaigns.map((c) => c.name)).toEqual(['Autumn', 'Spring']);
    expect(Date.parse(byId.get(ana!.id)!.lastContactedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(byId.get(bo!.id)).toMatchObject({ campaigns: [{ id: spring.id, name: 'Spring' }], lastContactedAt: null });
    expect(byId.get(cleo!.id)).toMatchObject({ campaigns: [], lastContactedAt: null, name: cleo!.name });
  });

  test('another workspace sees none of it', async () => {
    const other = await db.queries.workspaces.create({ slug: 'other-list', name: 'Other' });
    expect(await db.queries.leads.listWithOutreach({ workspaceId: other })).toEqual([]);
  });
});
