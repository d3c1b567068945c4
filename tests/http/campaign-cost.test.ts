import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Campaign, CampaignRun, LaunchCampaignOutput, Preflight } from '../../schemas/campaign.js';
import type { Lead } from '../../schemas/lead.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { localCaller } from '../helpers/team-client.js';

// The pre-flight projects what a run's drafts will cost from the workspace's recent drafts (never
// from nothing), and a run shows what its drafts cost: its own model calls, priced.
const POLL = { timeout: 20_000, interval: 100 };
// A price for the offline model, so the figures are not all zero.
const PRICES = { personaflow: { input: 2, output: 10 } };

describe.each(drivers)('campaign model cost on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver, { recordUsage: true, prices: PRICES });
  });
  afterAll(() => server.close());
  const call = localCaller(() => server.url);

  const newLead = async (i: number) => {
    const res = await call('POST', '/api/leads', {
      data: {
        name: `Lead${i} Person`,
        position: 'Head of Operations',
        requirement: 'Fewer carrier delays',
        websiteUrl: `https://c${i}.example`,
        email: `l${i}@c${i}.example`,
      },
    });
    const lead = res.body!.lead as Lead;
    await expect.poll(async () => ((await call('GET', `/api/leads/${lead.id}`)).body!.lead as Lead).personaStatus, POLL).toBe('ready');
    return lead;
  };
  const preflight = async (id: string) => (await call('GET', `/api/campaigns/${id}/preflight`)).body as Preflight;

  test('no drafts yet: no projection, said so; after drafts: their average × the leads at the price; the run its own calls', async () => {
    const leads = [await newLead(1), await newLead(2), await newLead(3)];
    const created = await call('POST', '/api/campaigns', { data: { name: 'Costed', promptContext: { goal: 'Book a demo' } } });
    const campaign = created.body!.campaign as Campaign;
    await call('POST', `/api/campaigns/${campaign.id}/leads`, { leadIds: leads.map((l) => l.id) });

    const before = await preflight(campaign.id);
    expect(before.projectedCost).toMatchObject({ drafts: 3, basedOn: 0, perDraft: null, usd: null });
    expect(before.projectedCost!.note).toContain('nothing to project the model cost from');

    // One email preview drafted by hand: the projection rests on it.
    const drafted = await call('POST', '/api/flows/draftEmail', { data: { leadId: leads[0]!.id, tone: 'friendly' } });
    expect(drafted.status).toBe(200);
    const projected = (await preflight(campaign.id)).projectedCost!;
    expect(projected).toMatchObject({ drafts: 3, basedOn: 1, model: 'personaflow' });
    const { inputTokens, outputTokens } = projected.perDraft!;
    expect(inputTokens).toBeGreaterThan(100);
    expect(outputTokens).toBeGreaterThan(20);
    expect(projected.usd).toBeCloseTo((3 * (inputTokens * 2 + outputTokens * 10)) / 1_000_000, 10);
    expect(projected.note).toMatch(
      /^About \$0\.\d{4} for up to 3 drafts on the offline generator \([\d,]+ in \/ [\d,]+ out tokens each, estimated, the average of your last draft\)\.$/,
    );

    let out = (await call('POST', '/api/flows/launchCampaign', { data: { campaignId: campaign.id } })).body!.result as LaunchCampaignOutput;
    if (out.status === 'awaiting_approval')
      out = (
        await call('POST', '/api/flows/launchCampaign', { data: { campaignId: campaign.id, resume: { runId: out.run.id, approval: { approved: true } } } })
      ).body!.result as LaunchCampaignOutput;
    const getRun = async () => (await call('GET', `/api/campaigns/${campaign.id}/runs/${out.run.id}`)).body!.run as CampaignRun;
    await expect.poll(async () => (await getRun()).status, POLL).toBe('completed');
    const run = await getRun();
    expect(run.sent).toBe(3);
    // The sends' drafts (the approval samples are drafted before the run exists, and are not its cost).
    expect(run.cost!.calls).toBeGreaterThanOrEqual(3);
    expect(run.cost!.tokensEstimated).toBe(true);
    expect(run.cost!.usd).toBeCloseTo((run.cost!.inputTokens * 2 + run.cost!.outputTokens * 10) / 1_000_000, 10);
    expect(run.cost!.unpricedModels).toEqual([]);
  });
});
