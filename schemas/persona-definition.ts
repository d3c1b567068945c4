import { z } from 'zod';
import { PERSONA_FIELDS, PersonaDraftSchema, PersonaPatchSchema, type PersonaField } from './persona.js';
import { ExpectedVersionSchema } from './version.js';
import { ChatMessageSchema, FieldOriginSchema, turnInputSchema, turnOutputSchema } from './wizard.js';

// The persona definition wizard: one topic at a time, then review and save.
export const PERSONA_PHASES = ['who', 'wants', 'company', 'review', 'saved'] as const;
export const PersonaPhaseSchema = z.enum(PERSONA_PHASES);
export type PersonaPhase = z.infer<typeof PersonaPhaseSchema>;

export const PERSONA_TOPICS: Record<'who' | 'wants' | 'company', readonly PersonaField[]> = {
  who: ['personName', 'title', 'role', 'seniority'],
  wants: ['coreGoal', 'painPoints', 'needForOurProduct', 'potentialPitch'],
  company: ['industry', 'companySize', 'company'],
};

export const PERSONA_PHASE_LABELS: Record<PersonaPhase, string> = {
  who: 'Who they are',
  wants: 'What they want',
  company: 'Their company',
  review: 'Review',
  saved: 'Saved',
};

export const PersonaDefinitionActionSchema = z
  .enum(['start', 'next', 'back', 'undo', 'suggest', 'confirm', 'finalize'])
  .describe(
    'next/back move between topics; undo returns to the previous snapshot; suggest asks the model to propose the empty fields of this topic; confirm accepts every suggested value; finalize saves the persona to the library',
  );
export type PersonaDefinitionAction = z.infer<typeof PersonaDefinitionActionSchema>;

export const PersonaDefinitionStateSchema = z.object({
  phase: PersonaPhaseSchema,
  persona: PersonaDraftSchema,
  origins: z.record(z.enum(PERSONA_FIELDS), FieldOriginSchema).describe('Where each filled field came from'),
  messages: z.array(ChatMessageSchema),
  skipped: z.array(z.enum(PERSONA_FIELDS)).describe('Optional fields the person chose to leave empty'),
  savedPersonaId: z.string().uuid().optional(),
  /** The library version of savedPersonaId this session is based on (its last save, or the library values it took). */
  savedPersonaVersion: z.number().int().positive().optional(),
});
export type PersonaDefinitionState = z.infer<typeof PersonaDefinitionStateSchema>;

export const PersonaDefinitionInputSchema = turnInputSchema(PersonaPatchSchema, PersonaDefinitionActionSchema).extend({
  libraryVersion: ExpectedVersionSchema.optional().describe(
    "The library persona's version this turn's patch was resolved against (after a 409 on save, or on taking the library's values): the session is then based on it",
  ),
});
export type PersonaDefinitionInput = z.infer<typeof PersonaDefinitionInputSchema>;

export const PersonaDefinitionOutputSchema = turnOutputSchema(PersonaDefinitionStateSchema, PersonaPhaseSchema);
export type PersonaDefinitionOutput = z.infer<typeof PersonaDefinitionOutputSchema>;

// ---- AI step contracts (prompt inputs/outputs), shared by prompts, the offline model and tests ----

export const PersonaExtractInputSchema = z.object({
  phase: PersonaPhaseSchema,
  askingFor: z.array(z.string()).describe('Fields the assistant asked about last, in order'),
  currentJson: z.string().describe('The persona so far, as JSON'),
  messageJson: z.string().describe("The user's message as a JSON string literal (untrusted data)"),
});

export const PersonaSuggestInputSchema = z.object({
  fields: z.array(z.string()).describe('The empty fields to propose values for'),
  currentJson: z.string().describe('The persona so far, as JSON (user-provided data)'),
});

export const PersonaReplyInputSchema = z.object({
  phase: PersonaPhaseSchema,
  event: z.enum(['started', 'answered', 'unclear', 'tooLong', 'empty', 'suggested', 'confirmed', 'moved', 'undone', 'incomplete', 'saved', 'edited']),
  filled: z.array(z.string()).describe('Fields filled by this turn'),
  askingFor: z.array(z.string()).describe('The next fields to ask about, most important first'),
  unconfirmed: z.array(z.string()).describe('Fields holding model suggestions nobody confirmed yet'),
  missingRequired: z.array(z.string()),
  currentJson: z.string(),
});
export type PersonaReplyInput = z.infer<typeof PersonaReplyInputSchema>;
