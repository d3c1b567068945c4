import { randomUUID } from 'node:crypto';
import { UserFacingError, type Genkit } from 'genkit';
import type { SavePersonaInput } from '../schemas/persona.js';
import { AppError } from '../lib/errors.js';
import { asDataLiteral } from '../lib/untrusted.js';
import { fieldErrors } from '../lib/validation.js';
import type { CompanyProfile } from '../schemas/company.js';
import type { Contact } from '../schemas/contact.js';
import {
  PERSONA_FIELD_LABELS,
  PERSONA_FIELDS,
  PersonaDraftSchema,
  PersonaSchema,
  REQUIRED_PERSONA_FIELDS,
  type PersonaDraft,
  type SavedPersona,
} from '../schemas/persona.js';
import {
  EvidenceSourceSchema,
  GeneratedPersonaModelSchema,
  GeneratePersonaInputSchema,
  GeneratePersonaOutputSchema,
  type GeneratePersonaOutput,
  type PersonaEvidence,
} from '../schemas/persona-generation.js';
import type { Product } from '../schemas/product.js';
import { withCallContext } from '../lib/call-context.js';
import { flatText } from '../lib/flat-text.js';
import { aiStep, parseFlowInput, scoped, toUserFacing, type Unscoped } from './flow-steps.js';

export const GENERATE_PERSONA_FLOW = 'generatePersona';

type Scoped<T> = (args: { workspaceId: string; id: string }) => Promise<T>;

export type GeneratePersonaDeps = {
  workspaceId: string;
  getCompany: Scoped<CompanyProfile>;
  getProduct: Scoped<Product>;
  getContact: Scoped<Contact>;
  savePersona(input: SavePersonaInput): Promise<SavedPersona>;
};

const OPTIONAL_FIELDS = PERSONA_FIELDS.filter((f) => !REQUIRED_PERSONA_FIELDS.includes(f));
const normalise = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const listOf = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * Keeps the model's word on what a field rests on only when it holds up: the quote must be in
 * that input, and the input must have been given. Anything else counts as inference.
 */
function checkEvidence(raw: unknown, persona: PersonaDraft, inputs: Record<string, string | null>): PersonaEvidence {
  const entries = Array.isArray(raw) ? raw : [];
  const evidence: PersonaEvidence = {};
  for (const field of PERSONA_FIELDS) {
    if (persona[field] === undefined) continue;
    const claim = entries.find((e) => e && typeof e === 'object' && (e as { field?: unknown }).field === field) as
      { source?: unknown; quote?: unknown } | undefined;
    const source = EvidenceSourceSchema.safeParse(claim?.source);
    const quote = typeof claim?.quote === 'string' ? claim.quote.trim().slice(0, 300) : undefined;
    const haystack = source.success && source.data !== 'inference' ? inputs[source.data] : null;
    const grounded = haystack && (!quote || normalise(haystack).includes(normalise(quote.replace(/…$/, ''))));
    evidence[field] = grounded ? { source: source.data!, ...(quote ? { quote } : {}) } : { source: 'inference' };
  }
  return evidence;
}

export function defineGeneratePersonaFlow(ai: Genkit, wired: Unscoped<GeneratePersonaDeps>) {
  return ai.defineFlow(
    {
      name: GENERATE_PERSONA_FLOW,
      inputSchema: GeneratePersonaInputSchema,
      outputSchema: GeneratePersonaOutputSchema,
    },
    async (rawInput, { context }): Promise<GeneratePersonaOutput> => {
      const input = parseFlowInput(GeneratePersonaInputSchema, rawInput);
      const { deps } = scoped(wired, context);
      const { workspaceId } = deps;
      return withCallContext({ flow: GENERATE_PERSONA_FLOW, workspaceId }, async () => {
        try {
          if (!input.companyId) {
            throw new UserFacingError('FAILED_PRECONDITION', 'Company context required: set up your company profile first, then generate.', {
              reason: 'company_required',
            });
          }
          if (!input.productId && !input.productDescription) {
            throw new UserFacingError('FAILED_PRECONDITION', 'Product required. Create a product, or describe your product in a few sentences.', {
              reason: 'product_required',
              options: ['create_product', 'describe_product'],
            });
          }
          const [company, product, contact] = await ai.run('load-context', () =>
            Promise.all([
              deps.getCompany({ workspaceId, id: input.companyId! }),
              input.productId ? deps.getProduct({ workspaceId, id: input.productId }) : null,
              input.contactId ? deps.getContact({ workspaceId, id: input.contactId }) : null,
            ]),
          );
          const productContext = product
            ? {
                name: product.name,
                description: product.description,
                valueProposition: product.valueProposition,
                targetMarket: product.targetMarket,
                priceRange: product.priceRange,
              }
            : { description: input.productDescription };
          const companyContext = { name: company.name, whatItDoes: company.whatItDoes, market: company.market, size: company.size };
          const contactContext = contact
            ? {
                name: contact.name,
                title: contact.title,
                company: contact.company,
                linkedinText: contact.linkedinText,
                websiteText: contact.websiteText,
                notes: contact.notes,
              }
            : null;
          const enrichment = input.enrichment ?? contact?.enrichment ?? null;

          const { output } = await aiStep('generate', () =>
            ai.prompt('persona/generate')({
              companyJson: asDataLiteral(companyContext),
              productJson: asDataLiteral(productContext),
              contactJson: asDataLiteral(contactContext),
              enrichmentJson: asDataLiteral(enrichment),
              descriptionJson: asDataLiteral(input.description ?? null),
            }),
          );

          const model = GeneratedPersonaModelSchema.safeParse(output ?? {});
          const draft: Record<string, unknown> = {};
          if (model.success) {
            for (const field of PERSONA_FIELDS) {
              const v = model.data[field];
              const value = Array.isArray(v) ? v.map((x) => x.trim()).filter(Boolean) : v?.trim();
              if (value && value.length) draft[field] = value;
            }
          }
          const persona = PersonaDraftSchema.safeParse(draft);
          if (!persona.success) {
            const fields = fieldErrors(persona.error);
            throw new AppError(
              'model_output_invalid',
              `The model's persona is invalid (${fields.map((f) => f.path).join(', ')}), so nothing was saved. Try again.`,
              {
                reason: 'model_output_invalid',
                fields,
              },
            );
          }
          // What nothing given states stays empty for the person to fill in, rather than a default shown as fact.
          const missing = REQUIRED_PERSONA_FIELDS.filter((f) => persona.data[f] === undefined);
          const label = (f: (typeof PERSONA_FIELDS)[number]) => PERSONA_FIELD_LABELS[f].toLowerCase();
          const warnings = [
            ...(missing.length
              ? [`Nothing you gave states their ${listOf(missing.map(label))}: fill ${missing.length === 1 ? 'it' : 'them'} in before saving.`]
              : []),
            ...OPTIONAL_FIELDS.filter((f) => persona.data[f] === undefined).map((f) => `No ${label(f)} was suggested: add one if you know it.`),
          ];
          const evidence = checkEvidence(model.success ? model.data.evidence : [], persona.data, {
            contact: contactContext ? flatText(contactContext) : null,
            enrichment: enrichment ? flatText(enrichment) : null,
            description: input.description ?? null,
            product: flatText(productContext),
            company: flatText(companyContext),
          });

          if (input.mode !== 'save') return { persona: persona.data, missing, evidence, warnings };
          const complete = PersonaSchema.safeParse(persona.data);
          if (!complete.success) {
            throw new AppError(
              'invalid',
              `The generated persona has no ${listOf(missing.map(label))}, so it was not saved: generate it without saving, fill ${missing.length === 1 ? 'it' : 'them'} in, then save.`,
              {
                reason: 'persona_incomplete',
                fields: missing.map((f) => ({ path: f, message: 'Not stated in anything you gave' })),
              },
            );
          }
          const saved = await ai.run('save-persona', () =>
            deps.savePersona({ workspaceId, id: randomUUID(), data: complete.data, evidence, source: 'generator' }),
          );
          return { persona: persona.data, missing, evidence, warnings, saved: { id: saved.id, version: saved.version } };
        } catch (err) {
          throw toUserFacing(err);
        }
      });
    },
  );
}
