// The size of every prompt as rendered for a typical call, and what a call would cost on the
// default models (tokens estimated as characters / 4; providers count exactly and usage records that).
import type { Genkit } from 'genkit';
import { createAi } from '../genkit.config.js';
import { asDataLiteral } from '../lib/untrusted.js';
import { DEFAULT_PRICES, estimateCostUsd } from '../lib/model-prices.js';

const persona = { personName: 'Scaling Ops Lead', title: 'Head of Operations', role: 'Runs fulfilment', coreGoal: 'Ship on time', painPoints: ['Carrier delays', 'Spreadsheets'], needForOurProduct: 'One view of shipments', industry: 'Retail', companySize: '200-500 employees' };
const stage = { stage_name: 'Consideration', buyer_actions: 'Shortlists vendors and books demos', duration: '3 weeks', key_influencers: 'Finance and the COO', seller_actions: 'Offer a tailored demo', content_type: 'Case study', key_message: 'Teams like yours ship on time' };
const contact = { name: 'Dana Ruiz', title: 'Head of Operations', company: 'Nordlys Retail', linkedinText: 'Head of Operations at Nordlys Retail, a 300-person online retailer. '.repeat(8), websiteText: '', notes: '' };

const inputs: Record<string, unknown> = {
  'persona/extract': { phase: 'who', askingFor: 'title,role,seniority', currentJson: asDataLiteral({ personName: 'Scaling Ops Lead' }), messageJson: asDataLiteral("She's the Head of Operations at a 300-person online retailer") },
  'persona/suggest': { fields: 'coreGoal,painPoints,needForOurProduct,potentialPitch', currentJson: asDataLiteral(persona) },
  'persona/reply': { phase: 'wants', event: 'answered', filled: 'role', askingFor: 'coreGoal,painPoints', unconfirmed: '', missingRequired: 'coreGoal,painPoints', currentJson: asDataLiteral(persona) },
  'persona/generate': {
    companyJson: asDataLiteral({ name: 'Shipwise', whatItDoes: 'Shipment tracking software for online retailers' }),
    productJson: asDataLiteral({ name: 'Shipwise Live', description: 'A live view of every shipment and carrier delay', valueProposition: 'No more spreadsheets' }),
    contactJson: asDataLiteral(contact), enrichmentJson: 'null', descriptionJson: 'null',
  },
  'persona/product-fit': { personaJson: asDataLiteral(persona), productsJson: asDataLiteral([{ id: 'p1', name: 'Shipwise Live', description: 'Live tracking' }, { id: 'p2', name: 'Payroll', description: 'Payroll' }]) },
  'buying-process/extract': { phase: 'stages', asking: 'buyer_actions,duration', stageName: 'Awareness', mapJson: asDataLiteral({ buying_stages: [stage, stage, stage] }), messageJson: asDataLiteral('They read blogs for two weeks') },
  'buying-process/reply': { phase: 'stages', event: 'answered', filled: 'buyer_actions', asking: 'duration', stageName: 'Awareness', stageNumber: '1', stageCount: '3', problems: '', mapJson: asDataLiteral({ buying_stages: [stage, stage, stage] }) },
  'buying-process/summary': { journeyJson: asDataLiteral({ persona_name: 'Scaling Ops Lead', persona_pain_points: 'Carrier delays', buying_stages: [stage, stage, stage] }) },
  'contact/brief': { contactJson: asDataLiteral(contact), productJson: asDataLiteral({ name: 'Shipwise Live' }), companyJson: 'null', matchesJson: '[]', stagesJson: asDataLiteral([stage]) },
  'contact/chat': { contactJson: asDataLiteral({ name: 'Dana' }), briefJson: asDataLiteral({ openingLine: 'Hi', objections: [{ objection: 'Budget', response: 'ROI' }] }), historyJson: '[]', questionJson: asDataLiteral('How do I open?') },
};

async function renderedChars(ai: Genkit, name: string): Promise<number> {
  const req = await ai.prompt(name).render(inputs[name] as never);
  const schema = req.output?.jsonSchema ? JSON.stringify(req.output.jsonSchema).length : 0;
  return JSON.stringify(req.messages).length + schema;
}

export async function benchPromptSizes() {
  const ai = createAi({ provider: { kind: 'offline', model: 'personaflow' } });
  const rows = [];
  for (const name of Object.keys(inputs)) {
    const chars = await renderedChars(ai, name);
    const inputTokens = Math.ceil(chars / 4);
    const outputTokens = name.endsWith('generate') ? 450 : name.endsWith('summary') || name.endsWith('brief') ? 600 : 120;
    rows.push({
      name, chars, inputTokens, outputTokens,
      gemini: estimateCostUsd(DEFAULT_PRICES, 'gemini-2.5-flash', inputTokens, outputTokens)!,
      openai: estimateCostUsd(DEFAULT_PRICES, 'gpt-4o-mini', inputTokens, outputTokens)!,
    });
  }
  return rows;
}
