// The labelled cases of eval/datasets/*.json: what each holds, checked when loaded so a typo in a
// dataset fails loudly instead of scoring nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { FieldLabel, ListLabel, TextLabel } from './match.js';

export const datasetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'datasets');
// Cases kept out of rule-writing: written from how people type, run as they are, never fitted to.
export const holdoutDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'holdout');

const TextLabelSchema: z.ZodType<TextLabel> = z.union([
  z.string(),
  z
    .object({
      any: z.array(z.string()).optional(),
      contains: z.array(z.string()).optional(),
      containsAny: z.array(z.array(z.string())).optional(),
      not: z.array(z.string()).optional(),
    })
    .strict(),
]);
const ListLabelSchema: z.ZodType<ListLabel> = z.object({ items: z.array(TextLabelSchema), allowExtra: z.boolean().optional() }).strict();
const FieldLabelSchema: z.ZodType<FieldLabel> = z.union([ListLabelSchema, TextLabelSchema, z.null()]);

const base = { id: z.string().min(1), note: z.string().default('') };

// (a) Persona wizard: one or more messages of a fresh session → the persona fields a careful reader takes.
export const PersonaWizardCaseSchema = z
  .object({
    ...base,
    messages: z.array(z.string().min(1)).min(1),
    expect: z.record(FieldLabelSchema),
    /** Patterns the last reply must not match (e.g. asking again for what was just said). */
    replyMustNot: z.array(z.string()).default([]),
    /** Patterns the last reply must match (e.g. acknowledging what it took). */
    replyMust: z.array(z.string()).default([]),
  })
  .strict();
export type PersonaWizardCase = z.infer<typeof PersonaWizardCaseSchema>;

const StageSetupSchema = z
  .object({
    stage_name: z.string(),
    buyer_actions: z.string().default(''),
    duration: z.string().default(''),
    key_influencers: z.string().default(''),
    seller_actions: z.string().default(''),
    content_type: z.string().default(''),
    key_message: z.string().default(''),
  })
  .strict();

// (b) Buying process: a map set up through the table (so the wizard asks a given stage and column), then one answer.
export const BuyingProcessCaseSchema = z
  .object({
    ...base,
    library: z.array(z.object({ personName: z.string(), title: z.string(), painPoints: z.array(z.string()), industry: z.string() }).strict()).default([]),
    setup: z
      .object({ persona_name: z.string().optional(), persona_pain_points: z.string().optional(), stages: z.array(StageSetupSchema).optional() })
      .strict()
      .default({}),
    /** What the wizard is asking when the answer comes, as a person reads it: "persona", "stage names", "<Stage>: <column>". */
    asking: z.string(),
    answer: z.string().min(1),
    /** Keys: persona_name, persona_pain_points, persona_link (the library persona's name), stage_names, "<Stage>.<column>". */
    expect: z.record(FieldLabelSchema),
  })
  .strict();
export type BuyingProcessCase = z.infer<typeof BuyingProcessCaseSchema>;

// (c) Meeting prep: a contact record with pasted text and notes → facts of the brief, and what must not be in it.
export const MeetingPrepCaseSchema = z
  .object({
    ...base,
    contact: z
      .object({
        name: z.string(),
        title: z.string().default(''),
        company: z.string().default(''),
        linkedinText: z.string().default(''),
        websiteText: z.string().default(''),
        notes: z.string().default(''),
      })
      .strict(),
    product: z
      .object({ name: z.string(), description: z.string(), valueProposition: z.string().default('') })
      .strict()
      .nullable()
      .default(null),
    expect: z
      .object({
        /** The industry the brief states; null: the data does not say, so the brief must not state one. */
        industry: TextLabelSchema.nullable().optional(),
        /** Pain statements in their text the brief's priorities name (other priorities are allowed). */
        pains: z.array(TextLabelSchema).default([]),
        /** Facts from the notes the brief uses (anywhere in it). */
        fromNotes: z.array(TextLabelSchema).default([]),
      })
      .strict(),
    /** Phrases that must not appear, in the whole brief or in the named brief fields. */
    mustNotAppear: z.array(z.object({ text: z.string(), in: z.array(z.string()).optional() }).strict()).default([]),
    /** Follow-up questions in the chat after the brief: the answer uses the brief / their text, or says what is unknown. */
    questions: z.array(z.object({ q: z.string(), expect: TextLabelSchema, mustNotAppear: z.array(z.string()).default([]) }).strict()).default([]),
  })
  .strict();
export type MeetingPrepCase = z.infer<typeof MeetingPrepCaseSchema>;

// (d) Emails: a lead with their persona and a step's instructions, in two tones → checks on each draft.
export const EmailCaseSchema = z
  .object({
    ...base,
    lead: z
      .object({
        name: z.string(),
        position: z.string().default(''),
        requirement: z.string().default(''),
        linkedinUrl: z.string().default(''),
        websiteUrl: z.string().default(''),
        email: z.string().default(''),
      })
      .strict(),
    persona: z
      .object({
        title: z.string(),
        industry: z.string(),
        painPoints: z.array(z.string()).min(1),
        priorities: z.array(z.string()).min(1),
        icebreakerHooks: z.array(z.string()).default([]),
        openingLines: z.array(z.string()).default([]),
        companyContext: z.string().default(''),
        keyTakeaways: z.string().default(''),
      })
      .strict(),
    product: z
      .object({ name: z.string(), description: z.string(), valueProposition: z.string().default(''), priceRange: z.string().default('') })
      .strict()
      .nullable()
      .default(null),
    company: z.object({ name: z.string(), whatItDoes: z.string(), market: z.string().default('') }).strict(),
    senderName: z.string().nullable().default(null),
    campaign: z
      .object({
        name: z.string(),
        goal: z.string().default(''),
        callToAction: z.string().default(''),
        stepName: z.string(),
        stepInstructions: z.string().default(''),
      })
      .strict()
      .nullable()
      .default(null),
    instructions: z.string().default(''),
    tones: z.array(z.string()).min(1).default(['friendly', 'direct']),
    expect: z
      .object({
        callMinutes: z.number().int().optional(),
        cta: z.string().optional(),
        mentions: z.array(z.string()).default([]),
        mustNotAppear: z.array(z.string()).default([]),
        maxWords: z.number().int().optional(),
      })
      .strict(),
  })
  .strict();
export type EmailCase = z.infer<typeof EmailCaseSchema>;

export const DATASETS = {
  'persona-wizard': PersonaWizardCaseSchema,
  'buying-process': BuyingProcessCaseSchema,
  'meeting-prep': MeetingPrepCaseSchema,
  email: EmailCaseSchema,
} as const;
export type DatasetName = keyof typeof DATASETS;
export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];

export type CaseOf<D extends DatasetName> = z.infer<(typeof DATASETS)[D]>;
export type AnyCase = { [D in DatasetName]: { dataset: D; case: CaseOf<D> } }[DatasetName];

export function loadDataset<D extends DatasetName>(name: D, dir = datasetsDir): CaseOf<D>[] {
  const file = path.join(dir, `${name}.json`);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const parsed = z.array(DATASETS[name] as z.ZodTypeAny).safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`${file} is not a valid ${name} dataset:\n${issues.join('\n')}`);
  }
  const cases = parsed.data as CaseOf<D>[];
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) throw new Error(`${file}: case id ${c.id} is used twice`);
    ids.add(c.id);
  }
  return cases;
}
