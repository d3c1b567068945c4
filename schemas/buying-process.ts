import { ExpectedVersionSchema } from './version.js';
import { z } from 'zod';
import { ChatMessageSchema, turnInputSchema, turnOutputSchema } from './wizard.js';

// Source document 002's BuyingProcessStateSchema, field names as written there. One deliberate
// difference: persona_id is null while the persona is typed in rather than picked from the library.

const stageText = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

/** The most characters the persona's name and pain points hold in a map. */
export const PERSONA_NAME_MAX = 120;
export const PERSONA_PAINS_MAX = 2000;

/** The most characters each stage cell holds: a longer answer is not taken, never cut. */
export const STAGE_FIELD_LIMITS = {
  stage_name: 80,
  buyer_actions: 1000,
  duration: 120,
  key_influencers: 500,
  seller_actions: 1000,
  content_type: 200,
  key_message: 600,
} as const;

export const BuyingStageSchema = z.object({
  stage_name: stageText(STAGE_FIELD_LIMITS.stage_name).min(1, 'Give the stage a name').describe('e.g. Awareness'),
  buyer_actions: stageText(STAGE_FIELD_LIMITS.buyer_actions).describe('What the buyer does in this stage'),
  duration: stageText(STAGE_FIELD_LIMITS.duration).describe('How long the stage usually takes, e.g. "2-4 weeks"'),
  key_influencers: stageText(STAGE_FIELD_LIMITS.key_influencers).describe('Who influences the decision in this stage'),
  seller_actions: stageText(STAGE_FIELD_LIMITS.seller_actions).describe('What the seller should do in this stage'),
  content_type: stageText(STAGE_FIELD_LIMITS.content_type).describe('The content that helps here, e.g. "Case study"'),
  key_message: stageText(STAGE_FIELD_LIMITS.key_message).describe('The one message the buyer should hear in this stage'),
});
export type BuyingStage = z.infer<typeof BuyingStageSchema>;

export const STAGE_FIELDS = BuyingStageSchema.keyof().options;
export type StageField = (typeof STAGE_FIELDS)[number];
export const BUYER_FIELDS = ['buyer_actions', 'duration', 'key_influencers'] as const satisfies readonly StageField[];
export const SELLER_FIELDS = ['seller_actions', 'content_type', 'key_message'] as const satisfies readonly StageField[];

export const STAGE_FIELD_LABELS: Record<StageField, string> = {
  stage_name: 'Stage',
  buyer_actions: 'Buyer actions',
  duration: 'Duration',
  key_influencers: 'Key influencers',
  seller_actions: 'Seller actions',
  content_type: 'Content type',
  key_message: 'Key message',
};

export const STANDARD_STAGES = ['Awareness', 'Consideration', 'Decision'] as const;
export const OPTIONAL_STAGES = ['Retention', 'Advocacy'] as const;

export const MAX_STAGES = 12;

/** Stage names must be unique (case-insensitive): they are how a person and the chat refer to a stage. */
export const BuyingStagesSchema = z
  .array(BuyingStageSchema)
  .max(MAX_STAGES, `At most ${MAX_STAGES} stages`)
  .superRefine((stages, ctx) => {
    const seen = new Map<string, number>();
    stages.forEach((s, i) => {
      const key = s.stage_name.trim().toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [i, 'stage_name'],
          message: `Stage names must be unique: "${s.stage_name}" is already stage ${seen.get(key)! + 1}`,
        });
      } else seen.set(key, i);
    });
  });

export const BuyingProcessStateSchema = z.object({
  persona_id: z.string().uuid().nullable(),
  persona_name: z.string().max(PERSONA_NAME_MAX),
  persona_pain_points: z.string().max(PERSONA_PAINS_MAX),
  buying_stages: z.array(BuyingStageSchema),
  ai_generated_summary: z.string().optional(),
  status: z.enum(['in_progress', 'completed']),
  last_updated_at: z.string().datetime(),
});
export type BuyingProcessState = z.infer<typeof BuyingProcessStateSchema>;

export const BUYING_PHASES = ['intro', 'persona', 'stages', 'alignment', 'summary', 'review'] as const;
export const BuyingPhaseSchema = z.enum(BUYING_PHASES);
export type BuyingPhase = z.infer<typeof BuyingPhaseSchema>;

export const BUYING_PHASE_LABELS: Record<BuyingPhase, string> = {
  intro: 'Introduction',
  persona: 'Buyer persona',
  stages: 'Buying stages',
  alignment: 'Seller alignment',
  summary: 'AI summary',
  review: 'Review',
};

// The wizard session around the map: the map itself, plus where the conversation is.
export const BuyingProcessSessionStateSchema = z.object({
  phase: BuyingPhaseSchema,
  map: BuyingProcessStateSchema,
  messages: z.array(ChatMessageSchema),
  /** The map version (its content's, in the library) this session is based on; absent means 1. */
  mapVersion: z.number().int().positive().optional(),
});
export type BuyingProcessSessionState = z.infer<typeof BuyingProcessSessionStateSchema>;

export const BuyingProcessPatchSchema = z
  .object({
    persona_id: z.string().uuid('persona_id must be the id of a persona in your library').nullable(),
    persona_name: z.string().trim().max(PERSONA_NAME_MAX),
    persona_pain_points: z.string().trim().max(PERSONA_PAINS_MAX),
    buying_stages: BuyingStagesSchema.describe('The whole table: add, remove, rename and reorder by sending it back'),
    ai_generated_summary: z.string().trim().max(8000).describe('The summary, e.g. the library copy kept when resolving a conflict'),
  })
  .partial()
  .strict();
export type BuyingProcessPatch = z.infer<typeof BuyingProcessPatchSchema>;

export const BuyingProcessActionSchema = z
  .enum(['start', 'next', 'back', 'undo', 'standard_stages', 'summarize', 'finalize', 'reopen'])
  .describe(
    'standard_stages starts the table from Awareness, Consideration, Decision; summarize asks the AI summary tool for a summary; finalize completes the map; reopen makes a completed map editable again',
  );
export type BuyingProcessAction = z.infer<typeof BuyingProcessActionSchema>;

export const BuyingProcessInputSchema = turnInputSchema(BuyingProcessPatchSchema, BuyingProcessActionSchema).extend({
  libraryVersion: ExpectedVersionSchema.optional().describe(
    "The map's library version this turn's patch was resolved against (after a 409): the session is then based on it",
  ),
});
export type BuyingProcessInput = z.infer<typeof BuyingProcessInputSchema>;
export const BuyingProcessOutputSchema = turnOutputSchema(BuyingProcessSessionStateSchema, BuyingPhaseSchema);
export type BuyingProcessOutput = z.infer<typeof BuyingProcessOutputSchema>;

// ---- AI step contracts ----

export const BuyingProcessExtractInputSchema = z.object({
  phase: BuyingPhaseSchema,
  asking: z.string().describe('What the assistant asked last: persona, stage_choice, or stage fields such as buyer_actions'),
  stageName: z.string().describe('The stage being discussed, if any'),
  mapJson: z.string().describe('The map so far, as JSON (user data)'),
  messageJson: z.string().describe("The user's message as a JSON string literal (untrusted data)"),
});

// Loose on purpose, like PersonaModelDraft: flows clean and validate it.
export const BuyingProcessModelExtractSchema = z
  .object({
    persona_name: z.string().optional(),
    persona_pain_points: z.string().optional(),
    stage_choice: z.enum(['standard', 'custom']).optional().describe('Whether the user wants the standard stages or their own'),
    stage_names: z.array(z.string()).optional().describe('Custom stage names in order, when the user lists them'),
    optional_stages: z.array(z.string()).optional().describe('Retention and/or Advocacy, if the user wants them added'),
    stage: z
      .object({
        buyer_actions: z.string().optional(),
        duration: z.string().optional(),
        key_influencers: z.string().optional(),
        seller_actions: z.string().optional(),
        content_type: z.string().optional(),
        key_message: z.string().optional(),
      })
      .optional()
      .describe('Details of the stage being discussed that the message states'),
    wants_summary: z.boolean().optional().describe('True if the user asks for (or agrees to) the AI summary'),
  })
  .describe('Only what the message states; omit everything else');
export type BuyingProcessModelExtract = z.infer<typeof BuyingProcessModelExtractSchema>;

export const BuyingProcessReplyInputSchema = z.object({
  phase: BuyingPhaseSchema,
  event: z.enum([
    'started',
    'answered',
    'linked',
    'not_in_library',
    'unclear',
    'tooLong',
    'empty',
    'edited',
    'moved',
    'undone',
    'summarized',
    'incomplete',
    'completed',
    'reopened',
  ]),
  filled: z.string().describe('Comma-separated fields filled by this turn'),
  asking: z.string().describe('What to ask next: persona, stage_choice, stage fields, summary, review'),
  stageName: z.string(),
  stageNumber: z.string(),
  stageCount: z.string(),
  problems: z.string().describe('What blocks completion, if anything'),
  personaName: z.string().describe("The map's persona, e.g. the one just linked from the library"),
  library: z.string().describe('The names of the personas in the library, separated by "; " (for not_in_library)'),
  mapJson: z.string(),
});
export type BuyingProcessReplyInput = z.infer<typeof BuyingProcessReplyInputSchema>;

// ---- Library ----

export const BuyingProcessMapSummarySchema = z.object({
  id: z.string().uuid(),
  persona_id: z.string().uuid().nullable(),
  persona_name: z.string(),
  status: z.enum(['in_progress', 'completed']),
  stageCount: z.number().int(),
  phase: BuyingPhaseSchema,
  updatedAt: z.string(),
});
export type BuyingProcessMapSummary = z.infer<typeof BuyingProcessMapSummarySchema>;

/** One stage of a buying-process map, as email drafting and meeting prep read it for a persona. */
export type PersonaStage = {
  mapId: string;
  status: BuyingProcessState['status'];
  position: number;
  stage_name: string;
  content_type: string;
  key_message: string;
  buyer_actions: string;
  seller_actions: string;
};
