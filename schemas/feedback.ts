import { z } from 'zod';

// Feedback (issue 18): a person says whether a reply, a brief, a draft, a persona or a whole
// session helped, why not, and what they still need. One per person per target; a second answer
// replaces the first. The person is whoever the server says is calling, never a field.

export const FEEDBACK_KINDS = ['message', 'brief', 'draft', 'persona', 'session'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const FEEDBACK_REASONS = ['too_vague', 'wrong', 'invented_facts', 'missing_examples', 'confusing'] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

export const NEED_MORE = ['examples', 'steps', 'script'] as const;
export type NeedMore = (typeof NEED_MORE)[number];

export const GOAL_ACHIEVED = ['yes', 'partly', 'no'] as const;
export type GoalAchieved = (typeof GOAL_ACHIEVED)[number];

export const MAX_FEEDBACK_TEXT = 2000;

const Uuid = z
  .string({ required_error: 'target.id is required', invalid_type_error: 'target.id must be text' })
  .uuid('target.id must be the id of the record (a uuid)');

export const FeedbackTargetSchema = z
  .object({
    kind: z.enum(FEEDBACK_KINDS, { errorMap: () => ({ message: `target.kind is one of ${FEEDBACK_KINDS.join(', ')}` }) }),
    id: Uuid,
  })
  .strict();
export type FeedbackTarget = z.infer<typeof FeedbackTargetSchema>;

/** `kind:id`, as the GET's ?target= carries it. */
export const FeedbackTargetParamSchema = z.string({ required_error: 'target is required: kind:id, e.g. message:<message id>' }).transform((s, ctx) => {
  const at = s.indexOf(':');
  const parsed = FeedbackTargetSchema.safeParse(at < 0 ? { kind: s, id: '' } : { kind: s.slice(0, at), id: s.slice(at + 1) });
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: `target is kind:id (kind one of ${FEEDBACK_KINDS.join(', ')}, id a uuid): ${parsed.error.issues[0]!.message}` });
    return z.NEVER;
  }
  return parsed.data;
});

const listOf = <T extends readonly [string, ...string[]]>(values: T, field: string) =>
  z
    .array(z.enum(values, { errorMap: () => ({ message: `${field} are some of ${values.join(', ')}` }) }), {
      invalid_type_error: `${field} is a list, some of ${values.join(', ')}`,
    })
    .max(values.length)
    .transform((xs) => [...new Set(xs)]);

const freeText = (field: string) =>
  z
    .string({ invalid_type_error: `${field} must be text` })
    .trim()
    .max(MAX_FEEDBACK_TEXT, `${field} is at most ${MAX_FEEDBACK_TEXT} characters`)
    .transform((s) => (s === '' ? null : s));

export const FeedbackInputSchema = z
  .object({
    target: FeedbackTargetSchema,
    helpful: z.boolean({ invalid_type_error: 'helpful is true or false' }).optional(),
    reasons: listOf(FEEDBACK_REASONS, 'reasons').optional(),
    needMore: listOf(NEED_MORE, 'needMore').optional(),
    text: freeText('text').optional(),
    rating: z
      .number({ invalid_type_error: 'rating is a whole number from 1 to 5' })
      .int('rating is a whole number from 1 to 5')
      .min(1, 'rating is from 1 to 5')
      .max(5, 'rating is from 1 to 5')
      .optional(),
    goalAchieved: z.enum(GOAL_ACHIEVED, { errorMap: () => ({ message: 'goalAchieved is yes, partly or no' }) }).optional(),
    stillNeed: freeText('stillNeed').optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const isSession = f.target.kind === 'session';
    if (!isSession && f.helpful === undefined) ctx.addIssue({ code: 'custom', path: ['helpful'], message: 'helpful is required: true or false' });
    if (isSession && f.rating === undefined && f.helpful === undefined)
      ctx.addIssue({ code: 'custom', path: ['rating'], message: 'Rate the session from 1 to 5 (or say whether it was helpful)' });
    if (f.helpful === true && f.reasons?.length)
      ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'reasons say what was wrong: send them with helpful false' });
    if (!isSession)
      for (const field of ['rating', 'goalAchieved', 'stillNeed'] as const)
        if (f[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `${field} is for a session's rating only (target.kind session)` });
  });
export type FeedbackInput = z.infer<typeof FeedbackInputSchema>;

export const FeedbackPostSchema = z.object({ data: FeedbackInputSchema }).strict();

/** One person's feedback on one target, as stored. */
export type Feedback = {
  target: FeedbackTarget;
  helpful: boolean | null;
  reasons: FeedbackReason[];
  needMore: NeedMore[];
  text: string | null;
  rating: number | null;
  goalAchieved: GoalAchieved | null;
  stillNeed: string | null;
  createdAt: string;
  updatedAt: string;
};
