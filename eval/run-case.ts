// Runs eval cases through the real flows (persona wizard, buying process, meeting prep, email
// drafting) on whatever model the `ai` instance is configured with, over in-memory storage.
import { resolveSender } from '../mail/sender.js';
import { randomUUID } from 'node:crypto';
import type { Genkit } from 'genkit';
import { defineAnalyzeContactFlow } from '../flows/analyze-contact.js';
import { defineBuyingProcessFlow } from '../flows/buying-process.js';
import { asking } from '../flows/buying-process-reducers.js';
import { createEmailDrafter } from '../flows/draft-email.js';
import { definePersonaDefinitionFlow } from '../flows/persona-definition.js';
import { notFound } from '../lib/errors.js';
import { memoryWizardStore } from '../lib/memory-wizard-store.js';
import type { BuyingProcessOutput, BuyingProcessSessionState } from '../schemas/buying-process.js';
import type { Campaign } from '../schemas/campaign.js';
import type { CompanyProfile } from '../schemas/company.js';
import type { ContactBrief } from '../schemas/contact-analysis.js';
import type { Contact } from '../schemas/contact.js';
import type { Lead } from '../schemas/lead.js';
import type { PersonaDraft, SavedPersona } from '../schemas/persona.js';
import type { Product } from '../schemas/product.js';
import type { FieldOrigin } from '../schemas/wizard.js';
import type { BuyingProcessCase, DatasetName, EmailCase, MeetingPrepCase, PersonaWizardCase } from './cases.js';

const WORKSPACE = 'eval-workspace';
const AT = '2026-01-01T00:00:00.000Z';

export type PersonaWizardOutput = { persona: PersonaDraft; origins: Partial<Record<string, FieldOrigin>>; replies: string[] };
export type BuyingProcessOutputView = {
  map: BuyingProcessSessionState['map'];
  /** What the wizard was asking when the answer came. */
  askedBefore: string;
  /** The library persona the map is linked to, by name. */
  linkedPersona: string;
  reply: string;
};
export type MeetingPrepOutput = { brief: ContactBrief; answers: Array<{ q: string; a: string }> };
export type EmailOutput = {
  drafts: Array<{ tone: string; subject: string; body: string; warnings: string[]; ungrounded: string[]; unresolvedFields: string[] }>;
};

export type OutputOf<D extends DatasetName> = {
  'persona-wizard': PersonaWizardOutput;
  'buying-process': BuyingProcessOutputView;
  'meeting-prep': MeetingPrepOutput;
  email: EmailOutput;
}[D];

/** A case's result: what the flows produced, or the error that stopped them. */
export type Produced<D extends DatasetName> = { ok: true; output: OutputOf<D> } | { ok: false; error: string };

function table<T extends { id: string }>(what: string) {
  const rows = new Map<string, T>();
  return {
    add(row: T) {
      rows.set(row.id, row);
      return row;
    },
    get: async ({ id }: { workspaceId: string; id: string }) => {
      const row = rows.get(id);
      if (!row) throw notFound(`${what} ${id}`);
      return row;
    },
    list: () => [...rows.values()],
  };
}

/** Human-readable "what is being asked" of a buying-process session, as cases name it. */
export function askedOf(state: BuyingProcessSessionState): string {
  const a = asking(state);
  if (a.kind === 'stage') return `${state.map.buying_stages[a.index]?.stage_name ?? '?'}: ${a.fields.join(', ')}`;
  return {
    persona_name: 'persona',
    persona_pain_points: 'pain points',
    persona_done: 'persona',
    stage_choice: 'stage names',
    summary: 'summary',
    review: 'review',
  }[a.kind];
}

/**
 * Defines the flows on `ai` (use an instance of its own: flow names are the app's) with in-memory
 * storage, and returns one runner per dataset.
 */
export function evalRunners(ai: Genkit) {
  const store = memoryWizardStore();
  const personas = table<SavedPersona>('Persona');
  const contacts = table<Contact>('Contact');
  const products = table<Product>('Product');
  const leads = table<Lead>('Lead');
  const campaigns = table<Campaign>('Campaign');
  let companies: CompanyProfile[] = [];
  const wizard = { store, localWorkspaceId: WORKSPACE };

  const personaDefinition = definePersonaDefinitionFlow(ai, wizard);
  const personaLibrary = {
    getPersona: personas.get,
    // A flow that links a map to a library persona by name finds it among these.
    listPersonas: async () => personas.list(),
  };
  const buyingProcess = defineBuyingProcessFlow(ai, { ...wizard, ...personaLibrary });
  const analyzeContact = defineAnalyzeContactFlow(ai, {
    ...wizard,
    getContact: contacts.get,
    getProduct: products.get,
    listPersonas: async () => [],
    listCompanies: async () => [],
    stagesForPersona: async () => [],
    latestAnalysisVersion: async () => 0,
  });
  let senderName: string | null = null;
  const draftEmail = createEmailDrafter(ai, {
    sender: async () =>
      resolveSender({
        profile: null,
        server: { from: `${senderName ?? 'personaflow'} <outreach@eval.test>`, signAsCompany: senderName === null },
        companyName: companies[0]?.name ?? '',
      }),
    getLead: leads.get,
    // The eval's cases are drafted from the record and persona alone.
    getResearch: async () => null,
    getProduct: products.get,
    getCampaign: campaigns.get,
    listCompanies: async () => companies,
    stagesForPersona: async () => [],
    ensurePersona: async ({ lead }) => {
      if (!lead.persona) throw new Error('eval leads carry their persona');
      return lead.persona;
    },
  });

  const stamp = { version: 1, createdAt: AT, updatedAt: AT };

  async function personaWizard(c: PersonaWizardCase): Promise<PersonaWizardOutput> {
    let out = await personaDefinition({});
    const replies: string[] = [];
    for (const message of c.messages) {
      out = await personaDefinition({ sessionId: out.sessionId, message, expectedVersion: out.version });
      replies.push(out.reply);
    }
    return { persona: out.state.persona, origins: out.state.origins, replies };
  }

  async function buying(c: BuyingProcessCase): Promise<BuyingProcessOutputView> {
    const library = c.library.map((p) =>
      personas.add({
        id: randomUUID(),
        data: {
          personName: p.personName,
          title: p.title,
          painPoints: p.painPoints,
          industry: p.industry,
          role: p.title,
          coreGoal: '-',
          needForOurProduct: '-',
          companySize: '-',
        },
        evidence: null,
        ...stamp,
      }),
    );
    let out: BuyingProcessOutput = await buyingProcess({});
    const { persona_name, persona_pain_points, stages } = c.setup;
    if (persona_name !== undefined || persona_pain_points !== undefined || stages) {
      out = await buyingProcess({
        sessionId: out.sessionId,
        expectedVersion: out.version,
        patch: {
          ...(persona_name !== undefined ? { persona_name } : {}),
          ...(persona_pain_points !== undefined ? { persona_pain_points } : {}),
          ...(stages ? { buying_stages: stages } : {}),
        },
      });
    }
    const askedBefore = askedOf(out.state);
    out = await buyingProcess({ sessionId: out.sessionId, message: c.answer, expectedVersion: out.version });
    const linked = library.find((p) => p.id === out.state.map.persona_id);
    return { map: out.state.map, askedBefore, linkedPersona: linked?.data.personName ?? '', reply: out.reply };
  }

  async function meetingPrep(c: MeetingPrepCase): Promise<MeetingPrepOutput> {
    const contact = contacts.add({ id: randomUUID(), email: '', enrichment: null, ...c.contact, ...stamp });
    const product = c.product ? products.add({ id: randomUUID(), priceRange: '', targetMarket: '', ...c.product, ...stamp }) : null;
    let out = await analyzeContact({ patch: { contactId: contact.id, productId: product?.id ?? null } });
    const brief = out.state.analysis?.brief;
    if (!brief) throw new Error('the flow returned no brief');
    const answers: MeetingPrepOutput['answers'] = [];
    for (const { q } of c.questions) {
      out = await analyzeContact({ sessionId: out.sessionId, message: q, expectedVersion: out.version });
      answers.push({ q, a: out.reply });
    }
    return { brief, answers };
  }

  async function email(c: EmailCase): Promise<EmailOutput> {
    senderName = c.senderName;
    companies = [{ id: randomUUID(), size: '', ...c.company, version: 1, updatedAt: AT }];
    const lead = leads.add({
      id: randomUUID(),
      linkedinText: '',
      ...c.lead,
      personaStatus: 'ready',
      persona: c.persona,
      personaGeneratedAt: AT,
      personaError: null,
      suppressed: false,
      ...stamp,
    });
    const product = c.product ? products.add({ id: randomUUID(), targetMarket: '', ...c.product, ...stamp }) : null;
    const stepId = randomUUID();
    const campaign = c.campaign
      ? campaigns.add({
          id: randomUUID(),
          version: 1,
          name: c.campaign.name,
          status: 'draft',
          promptContext: {
            productId: product?.id ?? null,
            tone: c.tones[0]!,
            goal: c.campaign.goal,
            callToAction: c.campaign.callToAction,
            personaId: null,
            stageName: null,
          },
          sendCapPerMinute: 30,
          steps: [
            { id: stepId, name: c.campaign.stepName, promptConfig: { instructions: c.campaign.stepInstructions, tone: null }, delayDays: 0, position: 0 },
          ],
          leadIds: [lead.id],
          emailsSent: 0,
          lastRunAt: null,
          approvedAt: null,
          createdAt: AT,
          updatedAt: AT,
        })
      : null;
    const drafts: EmailOutput['drafts'] = [];
    for (const tone of c.tones) {
      const d = await draftEmail({
        workspaceId: WORKSPACE,
        input: {
          leadId: lead.id,
          tone,
          productId: product?.id ?? null,
          campaignId: campaign?.id ?? null,
          stepId: campaign ? stepId : null,
          instructions: c.instructions,
        },
      });
      drafts.push({
        tone,
        subject: d.subject,
        body: d.body,
        warnings: d.warnings,
        ungrounded: d.personalDetails.filter((p) => !p.grounded).map((p) => p.claim),
        unresolvedFields: d.unresolvedFields,
      });
    }
    return { drafts };
  }

  const runners = { 'persona-wizard': personaWizard, 'buying-process': buying, 'meeting-prep': meetingPrep, email } as const;

  return async function run<D extends DatasetName>(dataset: D, c: Parameters<(typeof runners)[D]>[0]): Promise<Produced<D>> {
    try {
      const output = await (runners[dataset] as (c: unknown) => Promise<OutputOf<D>>)(c);
      return { ok: true, output };
    } catch (err) {
      // Genkit's schema errors quote the whole output after "Provided data:"; the reason is before it.
      const message = (err instanceof Error ? err.message : String(err)).split(/\n\s*Provided data:/)[0]!;
      return { ok: false, error: message.replace(/\s+/g, ' ').trim() };
    }
  };
}
