import { z } from 'zod';
import { ExpectedVersionSchema } from './version.js';

// The turn contract every conversational flow shares (DESIGN.md, "The wizard turn").

export const MAX_MESSAGE_CHARS = 8000;

export const ChatMessageSchema = z.object({
  /** Given when the message is stored (session_messages); feedback names a message by it. */
  id: z.string().uuid().optional(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  at: z.string().describe('ISO timestamp'),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

// Where a field's current value came from. Model suggestions and values filled in from the
// workspace's memory stay unconfirmed until a person confirms or edits them: a persona resting on
// guesses should show it.
export const FieldOriginSchema = z.object({
  source: z.enum(['form', 'chat', 'model', 'memory']),
  confirmed: z.boolean(),
  at: z.string(),
  /** From the chat: the person's words the value was taken from (the state keeps only the latest messages). */
  quote: z.string().optional(),
  /** For a value from memory: the fact it came from, e.g. "market". */
  memoryKey: z.string().optional(),
});
export type FieldOrigin = z.infer<typeof FieldOriginSchema>;
export type FieldSource = FieldOrigin['source'];

export function turnInputSchema<P extends z.ZodTypeAny, A extends z.ZodTypeAny>(patch: P, action: A) {
  return z
    .object({
      sessionId: z.string().uuid('sessionId must be a UUID').optional(),
      message: z.string().max(MAX_MESSAGE_CHARS, `message is longer than ${MAX_MESSAGE_CHARS} characters`).optional(),
      patch: patch.optional(),
      action: action.optional(),
      expectedVersion: ExpectedVersionSchema.optional(),
    })
    .strict();
}

export function turnOutputSchema<S extends z.ZodTypeAny, Ph extends z.ZodTypeAny>(state: S, phase: Ph) {
  return z.object({
    sessionId: z.string().uuid(),
    version: z.number().int().positive(),
    phase,
    reply: z.string(),
    state,
    missing: z.array(z.string()),
    done: z.boolean(),
    canUndo: z.boolean(),
    /** The conversation's length; state.messages holds its latest messages, GET /api/sessions/:id/messages the rest. */
    messageCount: z.number().int().nonnegative(),
  });
}

export type TurnOutput<S, Ph extends string> = {
  sessionId: string;
  version: number;
  phase: Ph;
  reply: string;
  state: S;
  missing: string[];
  done: boolean;
  canUndo: boolean;
  messageCount: number;
};
