// Rule-based persona generation and product fitting for the offline model. Every value says
// which input it came from, so the builder can show what is grounded and what is a guess.
import type { PersonaField } from '../schemas/persona.js';
import type { EvidenceSource, GeneratedPersonaModel, ProductFitModel } from '../schemas/persona-generation.js';
import { extractPersonaFields, suggestPersonaFields } from './offline-persona.js';

type Json = Record<string, unknown>;
type Evidence = { field: string; source: string; quote?: string };

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const pick = (obj: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Json)[k] : undefined), obj);
const snippet = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);

export type GeneratorInputs = {
  company: Json | null;
  product: Json | null;
  contact: Json | null;
  enrichment: Json | null;
  description: string | null;
};

/** Fields an enrichment record (Apollo-style) states plainly: [value, the words it rests on]. */
function fromEnrichment(e: Json): Partial<Record<PersonaField, [string, string]>> {
  const employees = pick(e, 'organization', 'estimated_num_employees') ?? pick(e, 'employees');
  const same = (v: string | undefined): [string, string] | undefined => (v ? [v, v] : undefined);
  return {
    title: same(str(pick(e, 'title')) ?? str(pick(e, 'job_title'))),
    seniority: same(str(pick(e, 'seniority'))),
    industry: same(str(pick(e, 'organization', 'industry')) ?? str(pick(e, 'industry'))),
    companySize: typeof employees === 'number' ? [`${employees} employees`, String(employees)] : same(str(employees)),
    company: same(str(pick(e, 'organization', 'name')) ?? str(pick(e, 'company'))),
  };
}

export function generatePersonaOffline(inputs: GeneratorInputs): GeneratedPersonaModel {
  const values: Partial<Record<PersonaField, string | string[]>> = {};
  const evidence: Evidence[] = [];
  const set = (field: PersonaField, value: string | string[] | undefined, source: EvidenceSource, quote?: string, from?: string) => {
    if (value === undefined || (Array.isArray(value) && value.length === 0) || values[field] !== undefined) return;
    values[field] = value;
    // Quote only words that are really in the input (an extracted "300 employees" from "300-person" is not).
    const q = quote && (!from || from.toLowerCase().includes(quote.toLowerCase())) ? quote : undefined;
    evidence.push({ field, source, ...(q ? { quote: snippet(q) } : {}) });
  };

  // 1. What the person's own data states, most specific first.
  const contact = inputs.contact;
  if (contact) {
    set('title', str(contact.title), 'contact', str(contact.title));
    set('company', str(contact.company), 'contact', str(contact.company));
    for (const key of ['linkedinText', 'websiteText', 'notes'] as const) {
      const text = str(contact[key]);
      if (!text) continue;
      for (const [field, value] of Object.entries(extractPersonaFields(text, []))) {
        if (field === 'personName') continue;
        set(field as PersonaField, value, 'contact', Array.isArray(value) ? value[0] : value, text);
      }
    }
  }
  if (inputs.enrichment) {
    for (const [field, found] of Object.entries(fromEnrichment(inputs.enrichment))) {
      if (found) set(field as PersonaField, found[0], 'enrichment', found[1]);
    }
  }
  if (inputs.description) {
    for (const [field, value] of Object.entries(extractPersonaFields(inputs.description, []))) {
      if (field === 'personName') continue;
      set(field as PersonaField, value, 'description', Array.isArray(value) ? value[0] : value, inputs.description);
    }
  }

  // 2. With no person at all, the product's target market describes the best-fit buyer.
  const product = inputs.product;
  const market = str(product?.targetMarket) ?? str(inputs.company?.market);
  if (!contact && !inputs.enrichment && !inputs.description && market) {
    for (const [field, value] of Object.entries(extractPersonaFields(market, []))) {
      if (field === 'personName') continue;
      set(field as PersonaField, value, product?.targetMarket ? 'product' : 'company', Array.isArray(value) ? value[0] : value, market);
    }
  }

  // 3. What the product says they need from us.
  const productText = str(product?.valueProposition) ?? str(product?.description);
  if (productText) {
    const name = str(product?.name);
    set('needForOurProduct', `${name ? `${name}: ` : ''}${productText}`, 'product', productText);
  }

  // 4. The rest is inference from what is known, and is marked as such.
  const guessed = suggestPersonaFields(
    (
      [
        'personName',
        'title',
        'role',
        'seniority',
        'coreGoal',
        'painPoints',
        'needForOurProduct',
        'potentialPitch',
        'industry',
        'companySize',
        'company',
      ] as PersonaField[]
    ).filter((f) => values[f] === undefined),
    values as never,
  );
  for (const [field, value] of Object.entries(guessed)) set(field as PersonaField, value, 'inference');
  if (product && str(product.name) && typeof values.potentialPitch === 'string' && evidence.find((e) => e.field === 'potentialPitch')?.source === 'inference') {
    values.potentialPitch = `${values.potentialPitch} ${str(product.name)} is built for exactly that.`;
  }
  return { ...(values as GeneratedPersonaModel), evidence };
}

const STOP = new Set(
  'a an and are as at be by for from has have in into is it its of on or our that the their them they this to was we with who your you what when how more less without not can will'.split(
    ' ',
  ),
);
const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map((w) => w.replace(/(ies)$/, 'y').replace(/(es|s)$/, '')),
  );

/** Products whose words meet the persona's pains and needs, best first. */
export function fitProductsOffline(persona: Json, products: Json[]): ProductFitModel {
  const pains = Array.isArray(persona.painPoints) ? (persona.painPoints as string[]) : [];
  const personaWords = words([...pains, persona.needForOurProduct, persona.coreGoal, persona.role, persona.title, persona.industry].filter(Boolean).join(' '));
  const scored = products
    .map((p) => {
      const productWords = words([p.name, p.description, p.valueProposition, p.targetMarket].filter(Boolean).join(' '));
      const shared = [...productWords].filter((w) => personaWords.has(w));
      const pain = pains.find((x) => [...words(x)].some((w) => productWords.has(w)));
      return { p, shared, pain };
    })
    .filter((x) => x.shared.length >= 2)
    .sort((a, b) => b.shared.length - a.shared.length)
    .slice(0, 3);
  return {
    fits: scored.map(({ p, shared, pain }) => ({
      productId: String(p.id),
      valuePropToThem: `${str(p.valueProposition) ?? str(p.description) ?? String(p.name)}${persona.coreGoal ? ` — so they can ${String(persona.coreGoal).replace(/^./, (c) => c.toLowerCase())}` : ''}`,
      alignmentReasoning: `${pain ? `Meets their pain "${pain}". ` : ''}Shared ground: ${shared.slice(0, 6).join(', ')}.`,
    })),
  };
}
