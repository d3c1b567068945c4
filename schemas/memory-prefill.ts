import { z } from 'zod';
import { ToneSchema } from './email.js';
import { MemorySourceSchema, type KnownMemoryKey, type MemoryFact } from './memory.js';
import { PersonaFieldsSchema } from './persona.js';

// Which remembered fact fills which field of a new form, so nobody types their company twice
// (issue 18). A prefilled value is a starting point, never a person's input: it says where it came
// from until someone confirms or changes it.

/** The forms that start from memory, and for each field the fact that fills it. */
export const MEMORY_PREFILLS = {
  /** A persona's industry: the market the workspace sells into is where its buyers work. */
  personaWizard: { industry: { key: 'market', schema: PersonaFieldsSchema.shape.industry } },
  campaign: { tone: { key: 'email.tone', schema: ToneSchema } },
  emailDraft: { tone: { key: 'email.tone', schema: ToneSchema } },
} as const satisfies Record<string, Record<string, { key: KnownMemoryKey; schema: z.ZodType<string> }>>;

export type PrefillForm = keyof typeof MEMORY_PREFILLS;
export const PREFILL_FORMS = Object.keys(MEMORY_PREFILLS) as PrefillForm[];
export const PrefillFormSchema = z.enum(PREFILL_FORMS as [PrefillForm, ...PrefillForm[]], {
  errorMap: () => ({ message: `The forms that start from memory are ${PREFILL_FORMS.join(', ')}` }),
});

/** The fact a prefilled value came from, as the API and the "from memory" marker tell it. */
export const PrefilledFromSchema = z.object({
  key: z.string(),
  label: z.string(),
  source: MemorySourceSchema,
  confidence: z.number(),
  learnedFrom: z.string().nullable(),
});
export type PrefilledFrom = z.infer<typeof PrefilledFromSchema>;

export const PrefilledFieldSchema = z.object({ value: z.string(), from: PrefilledFromSchema });
export type PrefilledField = z.infer<typeof PrefilledFieldSchema>;

/** GET /api/memory/prefill/:form */
export const PrefillSchema = z.object({ form: PrefillFormSchema, fields: z.record(z.string(), PrefilledFieldSchema) });
export type Prefill = z.infer<typeof PrefillSchema>;

/** What a form needs to know of a fact: the live facts only (an expired one counts as absent). */
export type RecalledFact = Pick<MemoryFact, 'key' | 'label' | 'value' | 'source' | 'confidence' | 'learnedFrom'>;

/**
 * The fields of `form` that memory can fill, from the live facts given. A value the field does not
 * hold (too long, not a tone) is left out rather than cut or changed.
 */
export function prefillFrom(form: PrefillForm, facts: readonly RecalledFact[]): Record<string, PrefilledField> {
  const byKey = new Map(facts.map((f) => [f.key, f]));
  const out: Record<string, PrefilledField> = {};
  for (const [field, { key, schema }] of Object.entries(MEMORY_PREFILLS[form]) as Array<[string, { key: string; schema: z.ZodType<string> }]>) {
    const fact = byKey.get(key);
    if (!fact) continue;
    const value = schema.safeParse(fact.value);
    if (!value.success || value.data !== fact.value.trim()) continue;
    out[field] = {
      value: value.data,
      from: { key: fact.key, label: fact.label, source: fact.source, confidence: fact.confidence, learnedFrom: fact.learnedFrom },
    };
  }
  return out;
}
