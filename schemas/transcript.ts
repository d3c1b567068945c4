import { z } from 'zod';
import { ChatMessageSchema } from './wizard.js';

// A session's conversation as stored turn by turn (issue 18, "Conversations and messages,
// traceable"): what each turn changed, and which prompt, model and tokens wrote each reply.

/** One field a turn changed; a path like "persona.title" or "stages.awareness.questions". from/to are absent when there was no value. */
export const StateChangeSchema = z.object({
  field: z.string(),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
});
export type StateChange = z.infer<typeof StateChangeSchema>;

/** What the person did in a turn (the text of a message is in its message). */
export const TurnInputSummarySchema = z.object({
  kind: z.enum(['start', 'message', 'form', 'action']),
  action: z.string().optional(),
  /** The form fields a form edit sent. */
  fields: z.array(z.string()).optional(),
});
export type TurnInputSummary = z.infer<typeof TurnInputSummarySchema>;

/** One model call of a turn: the prompt and the exact version of its template, the model, the cost. */
export const TurnModelCallSchema = z.object({
  prompt: z.string(),
  promptVersion: z.string().nullable(),
  provider: z.string(),
  model: z.string(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  tokensEstimated: z.boolean(),
  latencyMs: z.number().int(),
  success: z.boolean(),
  at: z.string(),
});
export type TurnModelCall = z.infer<typeof TurnModelCallSchema>;

export const TranscriptMessageSchema = ChatMessageSchema.extend({
  id: z.string().uuid(),
  position: z.number().int(),
  /** The session version whose undo took this message back out of the conversation. */
  undoneInVersion: z.number().int().nullable(),
  /** For the assistant's messages: the model call that wrote it (the turn's last successful call). */
  writtenBy: TurnModelCallSchema.nullable(),
});
export type TranscriptMessage = z.infer<typeof TranscriptMessageSchema>;

export const TranscriptTurnSchema = z.object({
  id: z.string().uuid(),
  version: z.number().int(),
  at: z.string(),
  input: TurnInputSummarySchema,
  changes: z.array(StateChangeSchema),
  messages: z.array(TranscriptMessageSchema),
  calls: z.array(TurnModelCallSchema),
});
export type TranscriptTurn = z.infer<typeof TranscriptTurnSchema>;

export const TranscriptSchema = z.object({
  session: z.object({
    id: z.string().uuid(),
    flow: z.string(),
    title: z.string().nullable(),
    /** The record the session is about (a meeting prep's contact). */
    subjectId: z.string().uuid().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  /** Messages from before turns were recorded (no turn, no provenance). */
  earlier: z.array(TranscriptMessageSchema),
  turns: z.array(TranscriptTurnSchema),
});
export type Transcript = z.infer<typeof TranscriptSchema>;

/** A prompt template as it ran, by the hash of its text (models/prompt-versions.ts). */
export type PromptVersion = { prompt: string; version: string; template: string };

/** A page of the conversation as it stands (undone messages left out), oldest first. */
export type MessagePage = { messages: (z.infer<typeof ChatMessageSchema> & { id: string; position: number })[]; hasEarlier: boolean };
