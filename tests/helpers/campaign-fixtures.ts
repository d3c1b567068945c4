import type { Campaign, SequenceStep } from '../../schemas/campaign.js';
import type { Lead } from '../../schemas/lead.js';

// A campaign with one or two steps and its leads, for the pure campaign tests.

export const NOW = new Date('2026-03-10T12:00:00.000Z');
export const DAY = 86_400_000;
export const ids = {
  campaign: '00000000-0000-4000-8000-00000000c001',
  step1: '00000000-0000-4000-8000-000000000501',
  step2: '00000000-0000-4000-8000-000000000502',
};
export const leadId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function lead(n: number, over: Partial<Lead> = {}): Lead {
  return {
    id: leadId(n),
    version: 1,
    name: `Lead ${n}`,
    position: 'Head of Operations',
    requirement: '',
    linkedinUrl: 'https://www.linkedin.com/in/lead',
    websiteUrl: '',
    email: `lead${n}@example.com`,
    linkedinText: '',
    personaStatus: 'ready',
    persona: { title: 't', industry: 'i', painPoints: ['p'], priorities: ['q'], icebreakerHooks: [], openingLines: [], companyContext: '', keyTakeaways: '' },
    personaGeneratedAt: NOW.toISOString(),
    personaError: null,
    suppressed: false,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...over,
  };
}

export function campaign(over: { steps?: Array<Partial<SequenceStep>>; sendCapPerMinute?: number; approvedAt?: string | null; goal?: string } = {}): Campaign {
  const steps: SequenceStep[] = (over.steps ?? [{}]).map((s, i) => ({
    id: i === 0 ? ids.step1 : ids.step2,
    position: i + 1,
    name: i === 0 ? 'First touch' : 'Follow-up',
    promptConfig: { instructions: '', tone: null },
    delayDays: 0,
    ...s,
  }));
  return {
    id: ids.campaign,
    version: 1,
    name: 'Spring',
    status: 'draft',
    promptContext: { productId: null, tone: 'friendly', goal: over.goal ?? 'Book a demo', callToAction: '', personaId: null, stageName: null },
    sendCapPerMinute: over.sendCapPerMinute ?? 30,
    steps,
    leadIds: [],
    emailsSent: 0,
    lastRunAt: null,
    approvedAt: over.approvedAt === undefined ? null : over.approvedAt,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}
