import { z } from 'zod';
import { ExpectedVersionSchema } from './version.js';

// A persona is a thinking tool: who the buyer is, what they want from us, and where they work.
// Field names follow source document 000's refined structure.

const text = (max: number) => z.string().trim().min(1, 'Cannot be empty').max(max, `At most ${max} characters`);

export const PersonaFieldsSchema = z.object({
  personName: text(120).describe('Name or archetype of the persona, e.g. "Enterprise CMO"'),
  title: text(120).describe('Job title, e.g. "Chief Marketing Officer"'),
  role: text(200).describe('What they do / their function, e.g. "Owns brand and demand generation"'),
  seniority: text(60).describe('Seniority level, e.g. "C-level", "VP", "Director", "Manager", "Individual contributor"'),
  coreGoal: text(400).describe('The main thing they are trying to achieve in their job'),
  painPoints: z.array(text(300)).min(1, 'Add at least one pain point').max(12, 'At most 12 pain points').describe('Problems they have, one per item'),
  needForOurProduct: text(600).describe('What they want from our product specifically'),
  potentialPitch: text(600).describe('A one- or two-sentence pitch that would land with them'),
  industry: text(120).describe('Industry of their company, e.g. "Fintech"'),
  companySize: text(60).describe('Company size range, e.g. "200-1000 employees"'),
  company: text(200).describe('Company type or archetype, e.g. "Series B payments startup"'),
});
export type PersonaFields = z.infer<typeof PersonaFieldsSchema>;

export const PERSONA_FIELDS = PersonaFieldsSchema.keyof().options;
export type PersonaField = (typeof PERSONA_FIELDS)[number];

// A persona as it is being worked on: any field may still be missing.
export const PersonaDraftSchema = PersonaFieldsSchema.partial().strict();
export type PersonaDraft = z.infer<typeof PersonaDraftSchema>;

// What the model is asked to return: loose on purpose (models write "" or null for "unknown");
// flows clean it and then hold it to PersonaDraftSchema.
export const PersonaModelDraftSchema = z
  .object({
    personName: z
      .string()
      .optional()
      .describe(PersonaFieldsSchema.shape.personName.description ?? 'personName'),
    title: z
      .string()
      .optional()
      .describe(PersonaFieldsSchema.shape.title.description ?? 'title'),
    role: z
      .string()
      .optional()
      .describe(PersonaFieldsSchema.shape.role.description ?? 'role'),
    seniority: z
      .string()
      .optional()
      .describe(PersonaFieldsSchema.shape.seniority.description ?? 'seniority'),
    coreGoal: z
      .string()
      .optional()
      .describe(PersonaFieldsSchema.shape.coreGoal.description ?? 'coreGoal'),
    painPoints: z
      .array(z.string())
      .optional()
      .describe(PersonaFieldsSchema.shape.painPoints.description ?? 'painPoints'),
    needForOurProduct: z
      .string()
      .optional()
      .describe(PersonaFieldsSchema.shape.needForOurProduct.description ?? 'needForOurProduct'),
    potentialPitch: z
      .string()
      .optional()
      .describe(PersonaFieldsSchema.shape.potentialPitch.description ?? 'potentialPitch'),
    industry: z
      .string()
      .optional()
      .describe(PersonaFieldsSchema.shape.industry.description ?? 'industry'),
    companySize: z
      .string()
      .optional()
      .describe(PersonaFieldsSchema.shape.companySize.description ?? 'companySize'),
    company: z
      .string()
      .optional()
      .describe(PersonaFieldsSchema.shape.company.description ?? 'company'),
  })
  .describe('Persona fields; include only those you have a value for');

// A form edit: the fields a person typed; null clears a field.
export const PersonaPatchSchema = z
  .object(
    Object.fromEntries(Object.entries(PersonaFieldsSchema.shape).map(([k, v]) => [k, (v as z.ZodTypeAny).nullable().optional()])) as {
      [K in keyof PersonaFields]: z.ZodOptional<z.ZodNullable<(typeof PersonaFieldsSchema.shape)[K]>>;
    },
  )
  .strict();
export type PersonaPatch = z.infer<typeof PersonaPatchSchema>;

// What a saved persona must have; seniority, potentialPitch and company are welcome but optional.
export const PersonaSchema = PersonaFieldsSchema.partial({ seniority: true, potentialPitch: true, company: true }).strict();
export const REQUIRED_PERSONA_FIELDS: readonly PersonaField[] = PERSONA_FIELDS.filter((f) => !PersonaSchema.shape[f].isOptional());
export type Persona = z.infer<typeof PersonaSchema>;

export const PERSONA_FIELD_LABELS: Record<PersonaField, string> = {
  personName: 'Persona name',
  title: 'Title',
  role: 'Role',
  seniority: 'Seniority',
  coreGoal: 'Core goal',
  painPoints: 'Pain points',
  needForOurProduct: 'Need for our product',
  potentialPitch: 'Potential pitch',
  industry: 'Industry',
  companySize: 'Company size',
  company: 'Company',
};

export function isFilled(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'string' && value.trim().length > 0;
}

export function missingPersonaFields(draft: PersonaDraft, fields: readonly PersonaField[] = REQUIRED_PERSONA_FIELDS): PersonaField[] {
  return fields.filter((f) => !isFilled(draft[f]));
}

// What a generated field rests on (persona generation, source document 000).
export const EVIDENCE_SOURCES = ['contact', 'enrichment', 'description', 'product', 'company', 'inference'] as const;
export const EvidenceSourceSchema = z.enum(EVIDENCE_SOURCES);
export type EvidenceSource = z.infer<typeof EvidenceSourceSchema>;
/** The most characters of the input an evidence quote holds. */
export const EVIDENCE_QUOTE_MAX = 300;
export const FieldEvidenceSchema = z.object({
  source: EvidenceSourceSchema.describe("Which input the value rests on; 'inference' when it rests on the model's judgement alone"),
  quote: z.string().max(EVIDENCE_QUOTE_MAX).optional().describe('The words of the input it rests on, when there are any'),
  /** A guess ('inference') the person read and kept: set by the person saving, never by a model. */
  confirmed: z.literal(true).optional().describe('Only for a guess the person confirmed before saving'),
});
export type FieldEvidence = z.infer<typeof FieldEvidenceSchema>;
export const PersonaEvidenceSchema = z.record(z.enum(PERSONA_FIELDS), FieldEvidenceSchema);
export type PersonaEvidence = z.infer<typeof PersonaEvidenceSchema>;

/** The fields that are still the model's unconfirmed guesses: nothing saves until each is confirmed or edited (the wizard's rule too). */
export function unconfirmedGuesses(evidence: PersonaEvidence | null | undefined): PersonaField[] {
  return PERSONA_FIELDS.filter((f) => evidence?.[f]?.source === 'inference' && !evidence[f]!.confirmed);
}

/** Evidence a person saves with a persona: refused while it still holds unconfirmed guesses. */
export const SavedEvidenceSchema = PersonaEvidenceSchema.superRefine((evidence, ctx) => {
  for (const field of unconfirmedGuesses(evidence))
    ctx.addIssue({
      code: 'custom',
      path: [field],
      message: `${PERSONA_FIELD_LABELS[field]} is the model's guess: confirm it (set "confirmed": true) or edit the value before saving`,
    });
});

// A saved persona in the library.
export const SavedPersonaSchema = z.object({
  id: z.string().uuid(),
  version: z.number().int().positive(),
  data: PersonaSchema,
  /** What each field rests on: the generator's evidence (persona-generation.ts) or, for a wizard persona, where each answer came from; a field edited by hand loses its entry. */
  evidence: PersonaEvidenceSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedPersona = z.infer<typeof SavedPersonaSchema>;

export const PersonaVersionSchema = z.object({
  version: z.number().int().positive(),
  data: PersonaSchema,
  source: z.enum(['wizard', 'edit', 'import', 'generator', 'restore']),
  /** For a restore: the version whose content it brought back. */
  restoredFrom: z.number().int().positive().nullable().optional(),
  createdAt: z.string(),
});
export type PersonaVersion = z.infer<typeof PersonaVersionSchema>;

export const PersonaUpdateSchema = z
  .object({
    data: PersonaSchema,
    expectedVersion: ExpectedVersionSchema.describe('The version the editor started from'),
    /** From a regeneration in the builder; without it, changed fields lose their old evidence. */
    evidence: SavedEvidenceSchema.optional(),
  })
  .strict();

/** What saving a persona into the library carries, from the wizard, the builder or an editor. */
export type SavePersonaInput = {
  workspaceId: string;
  id: string;
  data: Persona;
  source: PersonaVersion['source'];
  /**
   * The library version this save was based on (the editor's, the builder's or the wizard session's).
   * If the library copy moved on since, nothing is written and a conflict carries the library's copy.
   * Omitted only by a first save that creates the persona; null: based on an unknown (older) version.
   */
  expectedVersion?: number | null;
  sourceSessionId?: string;
  /** What each generated field rests on; null when a person wrote the persona. */
  evidence?: PersonaEvidence | null;
  /** A restore: the version whose content is brought back. */
  restoredFrom?: number;
};

/** The most characters a field (a pain point: one item) holds; a longer answer is not taken, never cut. */
export const PERSONA_FIELD_LIMITS = Object.fromEntries(
  PERSONA_FIELDS.map((f) => {
    const shape = PersonaFieldsSchema.shape[f];
    const item = shape instanceof z.ZodArray ? (shape.element as z.ZodString) : (shape as z.ZodString);
    return [f, item.maxLength ?? Infinity];
  }),
) as Record<PersonaField, number>;
