import { z } from 'zod';
import { PersonaDraftSchema, PersonaEvidenceSchema, PersonaFieldsSchema, PersonaModelDraftSchema } from './persona.js';

// The single persona generator (source document 000): company + product (+ a person) → persona.

export { EVIDENCE_SOURCES, EvidenceSourceSchema, FieldEvidenceSchema, PersonaEvidenceSchema } from './persona.js';
export type { EvidenceSource, FieldEvidence, PersonaEvidence } from './persona.js';

export const GeneratePersonaInputSchema = z
  .object({
    companyId: z.string().uuid('companyId must be the id of your company profile').optional(),
    productId: z.string().uuid('productId must be the id of one of your products').optional(),
    productDescription: z.string().trim().max(4000).optional().describe('Used when there is no product yet'),
    contactId: z.string().uuid('contactId must be the id of one of your contacts').optional(),
    enrichment: z.record(z.unknown()).optional().describe('An enrichment record for the person, e.g. Apollo-style JSON'),
    description: z.string().trim().max(8000).optional().describe('A free description of the person or the buyer you have in mind'),
    mode: z.enum(['hydrate', 'save']).optional().describe('hydrate (the default) returns the persona without saving; save stores it'),
  })
  .strict();
export type GeneratePersonaInput = z.input<typeof GeneratePersonaInputSchema>;

export const GeneratePersonaOutputSchema = z.object({
  /** Every field something grounds; a required field nothing given states is left out and listed in `missing`. */
  persona: PersonaDraftSchema,
  missing: z.array(PersonaFieldsSchema.keyof()).describe('Required fields nothing you gave states: fill them in before saving'),
  evidence: PersonaEvidenceSchema,
  warnings: z.array(z.string()),
  saved: z.object({ id: z.string().uuid(), version: z.number().int() }).optional(),
});
export type GeneratePersonaOutput = z.infer<typeof GeneratePersonaOutputSchema>;

// What the model returns: the persona fields plus one evidence entry per field it filled.
export const GeneratedPersonaModelSchema = PersonaModelDraftSchema.extend({
  evidence: z
    .array(z.object({ field: z.string(), source: z.string(), quote: z.string().optional() }))
    .optional()
    .describe('For each field you filled: which input it rests on (contact, enrichment, description, product, company or inference) and a short quote'),
});
export type GeneratedPersonaModel = z.infer<typeof GeneratedPersonaModelSchema>;

export const PersonaGenerateInputSchema = z.object({
  companyJson: z.string(),
  productJson: z.string(),
  contactJson: z.string().describe('The contact record and its pasted text, or "null"'),
  enrichmentJson: z.string().describe('The enrichment record, or "null"'),
  descriptionJson: z.string().describe('The free description, or "null"'),
});

// ---- Product fits ----
export const ProductFitModelSchema = z.object({
  fits: z
    .array(
      z.object({
        productId: z.string(),
        valuePropToThem: z.string().describe('What this product does for this persona, in their terms'),
        alignmentReasoning: z.string().describe('Why it fits: which of their pains or needs it meets'),
      }),
    )
    .describe('Only the products that genuinely fit, best first; none if nothing fits'),
});
export type ProductFitModel = z.infer<typeof ProductFitModelSchema>;

export const ProductFitPromptInputSchema = z.object({
  personaJson: z.string(),
  productsJson: z.string(),
});

// ---- Import of the old persona format ----
export const LegacyPersonaSchema = z
  .object({
    persona_name: z.string().trim().min(1),
    ideal_roles: z.array(z.string()).default([]),
    core_goals: z.array(z.string()).default([]),
    pain_points: z.array(z.string()).default([]),
    value_prop: z.string().default(''),
    impact_statement: z.string().default(''),
  })
  .passthrough();
export type LegacyPersona = z.infer<typeof LegacyPersonaSchema>;
