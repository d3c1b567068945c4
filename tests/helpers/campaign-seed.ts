import type { CampaignRunRecord, NewCampaignRun } from '../../campaigns/ports.js';
import type { Queries } from '../../db/queries/index.js';
import type { Campaign } from '../../schemas/campaign.js';
import type { Lead, LeadPersona } from '../../schemas/lead.js';
import type { TestDb } from './db.js';

// Leads with their persona already generated, a one-step campaign and a run of it: what the send
// and sweep tests start from on a real database.

export const READY_PERSONA: LeadPersona = {
  title: 'COO',
  industry: 'Retail',
  painPoints: ['Spreadsheets'],
  priorities: ['Speed'],
  icebreakerHooks: ['Their site'],
  openingLines: ['I was on your site.'],
  companyContext: '',
  keyTakeaways: '',
};

/** `prefix` names the leads and their addresses, so one database can be seeded more than once. */
export async function seedLeadsWithPersonas(db: TestDb, count: number, prefix = 'lead'): Promise<Lead[]> {
  const leads: Lead[] = [];
  for (let i = 0; i < count; i++) {
    const lead = await db.queries.leads.create({
      workspaceId: db.workspaceId,
      input: { name: `Lead ${i}`, position: 'COO', requirement: '', linkedinUrl: '', websiteUrl: `https://l${i}.test`, email: `${prefix}${i}@example.test` },
    });
    const ref = await db.queries.leads.requestPersona({ workspaceId: db.workspaceId, id: lead.id });
    await db.queries.leads.storePersona({ ...ref, persona: READY_PERSONA });
    leads.push(lead);
  }
  return leads;
}

export function createOneStepCampaign(db: TestDb, name: string): Promise<Campaign> {
  return db.queries.campaigns.create({
    workspaceId: db.workspaceId,
    input: {
      name,
      promptContext: { productId: null, tone: 'friendly', goal: '', callToAction: '', personaId: null, stageName: null },
      sendCapPerMinute: 10_000,
      steps: [{ name: 'First touch', promptConfig: { instructions: '', tone: null }, delayDays: 0 }],
    },
  });
}

/** A run of the campaign's first step to `leadIds`, running (as a launch leaves it), with no samples. */
export function createRunningRun(
  queries: Queries,
  {
    workspaceId,
    campaign,
    leadIds,
    sendCapPerMinute = 10_000,
    transport = 'outbox',
  }: { workspaceId: string; campaign: Pick<Campaign, 'id' | 'steps'>; leadIds: string[]; sendCapPerMinute?: number; transport?: NewCampaignRun['transport'] },
): Promise<CampaignRunRecord> {
  return queries.campaigns.createRun({
    workspaceId,
    campaignId: campaign.id,
    stepId: campaign.steps[0]!.id,
    leadIds,
    sendCapPerMinute,
    transport,
    status: 'running',
    samples: [],
  });
}
