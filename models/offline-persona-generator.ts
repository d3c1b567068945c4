// Rule-based persona generation and product fitting for the offline model. Every value says
// which input it came from, so the builder can show what is grounded and what is a guess. Facts
// about their company (industry, size, the company) come only from what was given; a field
// nothing grounds is left out, so the builder asks for it instead of showing a default as fact.
import { FUNCTION_OUTLINES, jobFunctionOf } from '../lib/job-title.js';
import type { PersonaField } from '../schemas/persona.js';
import type { EvidenceSource, GeneratedPersonaModel, ProductFitModel } from '../schemas/persona-generation.js';
import { extractPersonaFields } from './offline-persona.js';
import { capitalise, cleanValue, companySizeIn, industryIn, lowerFirst, painStatementsIn, seniorityIn, splitList, whole } from './offline-text.js';

type Json = Record<string, unknown>;
type Evidence = { field: string; source: string; quote?: string };

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const pick = (obj: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Json)[k] : undefined), obj);

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

/** The problem a product removes, in its own words: "No more spreadsheets to chase carriers" → "Spreadsheets to chase carriers". */
const painProductRemoves = (text: string) => {
  const m = /\b(?:no more|without|stop|end)\s+([^.;!?]+)/i.exec(text);
  return m ? whole(capitalise(cleanValue(m[1]!)), 120) : undefined;
};

export function generatePersonaOffline(inputs: GeneratorInputs): GeneratedPersonaModel {
  const values: Partial<Record<PersonaField, string | string[]>> = {};
  const evidence: Evidence[] = [];
  const set = (field: PersonaField, value: string | string[] | undefined, source: EvidenceSource, quote?: string, from?: string) => {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0) || values[field] !== undefined) return;
    values[field] = value;
    // Quote only words that are really in the input (an extracted "300 employees" from "300-person" is not), and only whole.
    const q = quote && (!from || from.toLowerCase().includes(quote.toLowerCase())) ? whole(quote, 300) : undefined;
    evidence.push({ field, source, ...(q && source !== 'inference' ? { quote: q } : {}) });
  };

  const contact = inputs.contact;
  const contactTexts = contact ? (['linkedinText', 'websiteText', 'notes'] as const).map((k) => str(contact[k])).filter((t): t is string => !!t) : [];
  const description = str(inputs.description);
  const enrichment = inputs.enrichment ? fromEnrichment(inputs.enrichment) : {};
  const aboutAPerson = Boolean(contact || inputs.enrichment || description);

  // 1. Structured facts first: the contact's own fields, then the enrichment record.
  if (contact) {
    set('title', str(contact.title), 'contact', str(contact.title));
    set('company', str(contact.company), 'contact', str(contact.company));
  }
  for (const [field, found] of Object.entries(enrichment)) if (found) set(field as PersonaField, found[0], 'enrichment', found[1]);
  // The seniority a title's own words state ("VP", "Director") rests on the same input as the title.
  const seniorityFromTitle = () => {
    const title = typeof values.title === 'string' ? values.title : undefined;
    const level = title ? seniorityIn(title) : undefined;
    if (level) set('seniority', level.seniority, evidence.find((e) => e.field === 'title')!.source as EvidenceSource, level.quote, title);
  };
  seniorityFromTitle();

  // 2. Their industry, size and problems, read from the words given (a word named with doubt,
  // "sceptical of SaaS", says nothing about what they are).
  const written: Array<[EvidenceSource, string]> = [
    ...(contact && str(contact.company) ? [['contact', str(contact.company)!] as [EvidenceSource, string]] : []),
    ...contactTexts.map((t) => ['contact', t] as [EvidenceSource, string]),
    ...(description ? [['description', description] as [EvidenceSource, string]] : []),
  ];
  const statements = new Set<string>(); // pains that are whole sentences, not phrases
  for (const [source, text] of written) {
    const hit = industryIn(text);
    if (hit) set('industry', hit.industry, source, hit.quote, text);
    const size = companySizeIn(text);
    if (size) set('companySize', size, source);
  }
  for (const [source, text] of written.filter(([, t]) => t !== str(contact?.company))) {
    const pains = painStatementsIn(text).flatMap((p) => (p.phrase ? splitList(p.phrase) : [capitalise(p.statement)]));
    for (const p of painStatementsIn(text)) if (!p.phrase) statements.add(capitalise(p.statement));
    const kept = pains.filter((p) => p.length <= 300).slice(0, 6);
    if (kept.length) set('painPoints', kept, source, kept[0], text);
  }

  // 3. The rest of what a description or their text says, read as the wizard reads a message.
  for (const [source, text] of [...contactTexts.map((t) => ['contact', t] as const), ...(description ? [['description', description] as const] : [])]) {
    const found = extractPersonaFields(text, []);
    set('title', found.title, source, found.title, text);
    seniorityFromTitle();
    for (const field of ['title', 'role', 'seniority', 'coreGoal', 'personName', 'needForOurProduct', 'potentialPitch', 'painPoints'] as const) {
      const v = found[field];
      if (field === 'personName' && source !== 'description') continue;
      set(field, v, source, Array.isArray(v) ? v[0] : v, text);
    }
    if (source === 'description' && found.company) set('company', found.company, source, found.company, text);
  }

  // 4. With no person at all, the product's target market (or the company's market) describes the best-fit buyer.
  const product = inputs.product;
  const market: [EvidenceSource, string | undefined] = str(product?.targetMarket)
    ? ['product', str(product?.targetMarket)]
    : ['company', str(inputs.company?.market)];
  if (!aboutAPerson && market[1]) {
    const text = market[1];
    const hit = industryIn(text);
    if (hit) set('industry', hit.industry, market[0], hit.quote, text);
    const size = companySizeIn(text);
    if (size) set('companySize', size, market[0]);
    const found = extractPersonaFields(text, []);
    set('title', found.title, market[0], found.title, text);
  }

  // 5. What the product says they need from us, and the problem it removes.
  const productName = str(product?.name);
  const productText = str(product?.valueProposition) ?? str(product?.description);
  if (productText) {
    set('needForOurProduct', `${productName ? `${productName}: ` : ''}${productText}`, 'product', productText);
    if (!aboutAPerson) {
      const pain = painProductRemoves(productText);
      if (pain)
        set(
          'painPoints',
          [pain],
          'product',
          pain.replace(/^./, (c) => c.toLowerCase()),
          productText.toLowerCase(),
        );
    }
  }

  // 6. What the known title implies, each marked as a guess except the seniority its words state.
  const title = typeof values.title === 'string' ? values.title : undefined;
  const fn = jobFunctionOf(`${title ?? ''} ${typeof values.role === 'string' ? values.role : ''}`);
  const outline = fn ? FUNCTION_OUTLINES[fn] : undefined;
  if (outline) {
    set('role', outline.role, 'inference');
    set('coreGoal', outline.goal, 'inference');
  }
  const industry = typeof values.industry === 'string' ? values.industry : undefined;
  if (title) set('personName', `${industry ? `${industry} ` : ''}${title}`, 'inference');
  const pain = Array.isArray(values.painPoints) ? values.painPoints[0] : undefined;
  // A pitch only from a pain said as a phrase, and not one the product's own words supplied.
  const painSource = evidence.find((e) => e.field === 'painPoints')?.source;
  if (productName && productText && pain && pain.length <= 80 && !statements.has(pain) && painSource !== 'product') {
    set('potentialPitch', `${capitalise(pain)}? ${productName}: ${lowerFirst(cleanValue(productText))}.`, 'inference');
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
