// Service time a persona generation adds around the model call: loading company, product and
// contact, fencing the inputs, rendering the prompt, checking output and evidence, and saving.
// The model here answers instantly with a fixed persona, so what is measured is ours alone.
import { mockModel } from 'genkit/testing';
import { defineGeneratePersonaFlow } from '../flows/generate-persona.js';
import { createAi } from '../genkit.config.js';
import { createTestDb } from '../tests/helpers/db.js';
import { summary } from './turn-latency.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const persona = {
  personName: 'Scaling Ops Lead',
  title: 'Head of Operations',
  role: 'Runs fulfilment',
  seniority: 'Head of department',
  coreGoal: 'Ship on time',
  painPoints: ['Carrier delays', 'Spreadsheets everywhere'],
  needForOurProduct: 'One view of shipments',
  potentialPitch: 'See every delay before your customers do.',
  industry: 'Retail',
  companySize: '300 employees',
  company: 'Online retailer',
  evidence: [
    { field: 'title', source: 'contact', quote: 'Head of Operations' },
    { field: 'industry', source: 'enrichment', quote: 'Retail' },
  ],
};

export async function benchGeneration(driver: 'pglite' | 'postgres') {
  const db = await createTestDb(driver);
  try {
    const ws = db.workspaceId;
    const ai = createAi({ provider: { kind: 'offline', model: 'personaflow' }, model: 'instant' });
    mockModel(ai, {
      name: 'instant',
      info: { supports: { systemRole: true, output: ['text', 'json'], constrained: 'all' } },
      respond: () => JSON.stringify(persona),
    });
    const q = db.queries;
    const flow = defineGeneratePersonaFlow(ai, {
      localWorkspaceId: ws,
      getCompany: q.companyProfiles.get,
      getProduct: q.products.get,
      getContact: q.contacts.get,
      savePersona: q.personas.save,
    });
    const companyId = (
      await q.companyProfiles.create({ workspaceId: ws, input: { name: 'Shipwise', whatItDoes: 'Shipment tracking', market: 'Retail', size: '12' } })
    ).id;
    const productId = (
      await q.products.create({
        workspaceId: ws,
        input: { name: 'Live', description: 'Live tracking', valueProposition: 'See delays', priceRange: '', targetMarket: 'Retail ops' },
      })
    ).id;
    const contactId = (
      await q.contacts.create({
        workspaceId: ws,
        input: {
          name: 'Dana',
          title: 'Head of Operations',
          company: 'Nordlys',
          email: '',
          linkedinText: 'x'.repeat(3000),
          websiteText: '',
          enrichment: { organization: { industry: 'Retail' } },
          notes: '',
        },
      })
    ).id;
    const result = {} as Record<'hydrate' | 'save', ReturnType<typeof summary>>;
    for (const mode of ['hydrate', 'save'] as const) {
      const times: number[] = [];
      for (let i = 0; i < 20 + RUNS; i++) {
        const t0 = performance.now();
        await flow({ companyId, productId, contactId, mode });
        if (i >= 20) times.push(performance.now() - t0);
      }
      result[mode] = summary(times);
    }
    return { driver, ...result };
  } finally {
    await db.close();
  }
}
