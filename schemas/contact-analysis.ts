import { z } from 'zod';
import { ChatMessageSchema, turnInputSchema, turnOutputSchema } from './wizard.js';

// Meeting prep for a real contact (source document 000: BD intel moves off personas onto
// contacts). No scores for their own sake: every number shown is something to act on.

export const PersonaMatchSchema = z.object({
  personaId: z.string().uuid(),
  personaName: z.string(),
  matched: z
    .array(z.object({ rule: z.string().describe('e.g. "same industry"'), contact: z.string(), persona: z.string() }))
    .describe('The fields and rules that matched'),
  unmatched: z.array(z.string()).describe('What differs, so the link is not over-trusted'),
});
export type PersonaMatch = z.infer<typeof PersonaMatchSchema>;

export const BuyingStageGuessSchema = z.object({
  mapId: z.string().uuid(),
  stageName: z.string(),
  keyMessage: z.string(),
  contentType: z.string(),
  why: z.string(),
});

// What the model writes; persona matches and the buying stage are computed by rules and added.
export const ContactBriefModelSchema = z.object({
  whoTheyAre: z.string().describe('Who they are, from their data only'),
  likelyPriorities: z.array(z.string()).describe('What they likely care about right now'),
  tone: z.string().describe('How to speak with them'),
  wordsToUse: z.array(z.string()),
  wordsToAvoid: z.array(z.string()),
  openingLine: z.string(),
  talkTrack: z.array(z.string()).describe('3-5 short beats'),
  questionsToAsk: z.array(z.string()),
  objections: z.array(z.object({ objection: z.string(), response: z.string() })),
  nextStep: z.string(),
  gaps: z.array(z.string()).describe('What is thin or missing in their data, and what to find out'),
  stageName: z.string().optional().describe('If buying stages are given: the stage they are probably in'),
  stageWhy: z.string().optional(),
});
export type ContactBriefModel = z.infer<typeof ContactBriefModelSchema>;

export const ContactBriefSchema = ContactBriefModelSchema.omit({ stageName: true, stageWhy: true }).extend({
  personaMatches: z.array(PersonaMatchSchema),
  buyingStage: BuyingStageGuessSchema.nullable(),
});
export type ContactBrief = z.infer<typeof ContactBriefSchema>;

export const ContactAnalysisSchema = z.object({
  id: z.string().uuid(),
  contactId: z.string().uuid(),
  productId: z.string().uuid().nullable(),
  version: z.number().int(),
  brief: ContactBriefSchema,
  /** A restore: the version whose brief this one brought back. */
  restoredFrom: z.number().int().nullable().optional(),
  createdAt: z.string(),
});
export type ContactAnalysis = z.infer<typeof ContactAnalysisSchema>;

export const CONTACT_PHASES = ['setup', 'brief'] as const;
export const ContactPhaseSchema = z.enum(CONTACT_PHASES);

export const ContactSessionStateSchema = z.object({
  phase: ContactPhaseSchema,
  contactId: z.string().uuid().nullable(),
  contactName: z.string().nullable(),
  productId: z.string().uuid().nullable(),
  analysis: ContactAnalysisSchema.nullable(),
  messages: z.array(ChatMessageSchema),
});
export type ContactSessionState = z.infer<typeof ContactSessionStateSchema>;

export const ContactAnalysisPatchSchema = z
  .object({
    contactId: z.string().uuid('contactId must be the id of one of your contacts'),
    productId: z.string().uuid('productId must be the id of one of your products').nullable(),
  })
  .partial()
  .strict();

export const ContactAnalysisActionSchema = z
  .enum(['start', 'generate', 'undo'])
  .describe('generate writes a new brief (the previous ones are kept as history)');

export const ContactAnalysisInputSchema = turnInputSchema(ContactAnalysisPatchSchema, ContactAnalysisActionSchema);
export type ContactAnalysisInput = z.infer<typeof ContactAnalysisInputSchema>;
export const ContactAnalysisOutputSchema = turnOutputSchema(ContactSessionStateSchema, ContactPhaseSchema);
export type ContactAnalysisOutput = z.infer<typeof ContactAnalysisOutputSchema>;

export const ContactBriefPromptInputSchema = z.object({
  contactJson: z.string(),
  productJson: z.string(),
  companyJson: z.string(),
  matchesJson: z.string(),
  stagesJson: z.string(),
});

export const ContactChatPromptInputSchema = z.object({
  contactJson: z.string(),
  briefJson: z.string(),
  historyJson: z.string(),
  questionJson: z.string(),
});
