import { z } from 'zod';
import { ExpectedVersionOrNoneSchema } from './version.js';

// Workspace memory (issue 18, source 004's User_Context): facts about the workspace's own company,
// product, market and habits, remembered across flows so nobody types their company twice.
// USER_PROVIDED: a person wrote or confirmed it; INTAKE_FORM: a person gave it in the intake;
// INFERRED: personaflow learned it from a flow, a guess until a person confirms it.

export const MEMORY_SOURCES = ['USER_PROVIDED', 'INFERRED', 'INTAKE_FORM'] as const;
export const MemorySourceSchema = z.enum(MEMORY_SOURCES);
export type MemorySource = z.infer<typeof MemorySourceSchema>;

/** The keys flows know about, with the name a person reads; any other key matching the pattern is a free key. */
export const KNOWN_MEMORY_KEYS = {
  'company.name': 'Company name',
  'company.description': 'What the company does',
  'company.industry': 'Industry',
  'product.name': 'Product name',
  'product.description': 'What the product does',
  market: 'Market',
  audience: 'Who you sell to',
  'email.tone': 'Tone of your emails',
} as const satisfies Record<string, string>;
export type KnownMemoryKey = keyof typeof KNOWN_MEMORY_KEYS;

export const MEMORY_KEY_PATTERN = /^[a-z][a-z0-9_.-]{0,79}$/;
export const MAX_MEMORY_VALUE = 2000;

/** The name a person reads for a key: the known label, or the key itself. */
export const memoryKeyLabel = (key: string): string => (KNOWN_MEMORY_KEYS as Record<string, string>)[key] ?? key;

export const MemoryKeySchema = z
  .string({ required_error: 'Give the fact a key, e.g. company.name', invalid_type_error: 'key must be text, e.g. company.name' })
  .trim()
  .min(1, 'Give the fact a key, e.g. company.name')
  .max(80, 'A key is at most 80 characters, e.g. company.name')
  .regex(MEMORY_KEY_PATTERN, 'A key starts with a lowercase letter and has only lowercase letters, digits, and . _ - (e.g. company.name or pricing.model)');

export const MemoryValueSchema = z
  .string({ required_error: 'Write the fact, e.g. "Shipwise"', invalid_type_error: 'value must be text' })
  .trim()
  .min(1, 'Write the fact, e.g. "Shipwise": an empty fact is not remembered (delete it instead)')
  .max(MAX_MEMORY_VALUE, `A fact is at most ${MAX_MEMORY_VALUE} characters: keep the essentials`);

export const MemoryConfidenceSchema = z
  .number({ invalid_type_error: 'confidence must be a number from 0 to 1' })
  .min(0, 'confidence must be from 0 (a wild guess) to 1 (certain)')
  .max(1, 'confidence must be from 0 (a wild guess) to 1 (certain)');

/** What the product itself remembers (db/queries/memory.ts remember): any source, with where it came from. */
export const RememberInputSchema = z
  .object({
    key: MemoryKeySchema,
    value: MemoryValueSchema,
    source: MemorySourceSchema,
    /** Required for an INFERRED fact (how sure the guess is); 1 for a person's word when left out. */
    confidence: MemoryConfidenceSchema.optional(),
    /** Which flow or record it came from, e.g. "the persona wizard", for the Memory page to say. */
    learnedFrom: z.string().trim().min(1).max(200, 'learnedFrom is at most 200 characters').optional(),
    expiresAt: z.date().nullable().optional(),
    visible: z.boolean().optional(),
    editable: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.source !== 'INFERRED' || r.confidence !== undefined, {
    path: ['confidence'],
    message: 'An INFERRED fact needs a confidence from 0 to 1: how sure the guess is',
  });
export type RememberInput = z.input<typeof RememberInputSchema>;

const HTTP_SOURCES = ['USER_PROVIDED', 'INTAKE_FORM'] as const;

/** A source a caller may send: a person's word. INFERRED is what personaflow learns itself. */
const CallerSourceSchema = z.enum(HTTP_SOURCES, {
  errorMap: (issue, ctx) => ({
    message:
      issue.code === 'invalid_enum_value' && issue.received === 'INFERRED'
        ? 'source cannot be INFERRED here: INFERRED marks what personaflow learns by itself. A fact you send is USER_PROVIDED (you wrote it) or INTAKE_FORM (from the intake form)'
        : issue.code === 'invalid_enum_value' || issue.code === 'invalid_type'
          ? 'source must be USER_PROVIDED (you wrote it) or INTAKE_FORM (from the intake form)'
          : ctx.defaultError,
  }),
});

/** PUT /api/memory/:key: a person's edit (or confirmation) of one fact. */
export const MemoryPutSchema = z
  .object({
    data: z.object({ value: MemoryValueSchema, source: CallerSourceSchema.optional() }).strict(),
    /** The version the edit started from (0: there was no such fact); left out, the write is unconditional. */
    expectedVersion: ExpectedVersionOrNoneSchema.optional(),
  })
  .strict();
export type MemoryPut = z.infer<typeof MemoryPutSchema>;

/** One remembered fact as the API returns it. */
export const MemoryFactSchema = z.object({
  key: z.string(),
  /** The name a person reads, e.g. "Company name"; the key itself for a free key. */
  label: z.string(),
  value: z.string(),
  source: MemorySourceSchema,
  confidence: z.number(),
  visible: z.boolean(),
  editable: z.boolean(),
  expiresAt: z.string().nullable(),
  /** Whether it has expired: an expired fact counts as absent (only listed when asked). */
  expired: z.boolean(),
  learnedFrom: z.string().nullable(),
  /** Who gave the current value: null for the local user or personaflow itself. */
  createdBy: z.object({ userId: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type MemoryFact = z.infer<typeof MemoryFactSchema>;
