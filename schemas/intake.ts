import { z } from 'zod';
import { ExpectedVersionOrNoneSchema } from './version.js';
import type { KnownMemoryKey } from './memory.js';

// The first-run intake (issue 18, source 004's Intake_Question / Intake_Response): a few plain
// questions about the workspace's own business. Each answer is a memory fact (source INTAKE_FORM);
// the company profile is made from the first two when the workspace has none.

export const INTAKE_STATUSES = ['new', 'skipped', 'done'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

/** The questions in the order asked, each with the memory key its answer is kept under. */
export const INTAKE_QUESTIONS = [
  { id: 'companyName', memoryKey: 'company.name', question: "What is your company's name?", placeholder: 'e.g. Shipwise', maxLength: 120, multiline: false },
  {
    id: 'whatItDoes',
    memoryKey: 'company.description',
    question: 'What does your company do?',
    placeholder: 'e.g. Route planning software for independent couriers',
    maxLength: 1000,
    multiline: true,
  },
  { id: 'product', memoryKey: 'product.name', question: 'What is your main product?', placeholder: 'e.g. Shipwise Routes', maxLength: 200, multiline: false },
  { id: 'market', memoryKey: 'market', question: 'Which market are you in?', placeholder: 'e.g. UK last-mile delivery', maxLength: 300, multiline: false },
  {
    id: 'audience',
    memoryKey: 'audience',
    question: 'Who do you sell to?',
    placeholder: 'e.g. Owners of courier firms with 5–50 drivers',
    maxLength: 1000,
    multiline: true,
  },
] as const satisfies ReadonlyArray<{ id: string; memoryKey: KnownMemoryKey; question: string; placeholder: string; maxLength: number; multiline: boolean }>;

export type IntakeQuestion = (typeof INTAKE_QUESTIONS)[number];
export type IntakeAnswerId = IntakeQuestion['id'];
export type IntakeAnswers = Partial<Record<IntakeAnswerId, string>>;

// Limits match the company profile's (schemas/company.ts) so a valid intake always makes a valid profile.
const answer = (q: IntakeQuestion) =>
  z
    .string({ invalid_type_error: `${q.id} must be text` })
    .trim()
    .max(q.maxLength, `Keep this to ${q.maxLength} characters`)
    .optional();

export const IntakeAnswersSchema = z
  .object({
    companyName: answer(INTAKE_QUESTIONS[0]),
    whatItDoes: answer(INTAKE_QUESTIONS[1]),
    product: answer(INTAKE_QUESTIONS[2]),
    market: answer(INTAKE_QUESTIONS[3]),
    audience: answer(INTAKE_QUESTIONS[4]),
  })
  .strict();

/**
 * PUT /api/intake: the answers given (a blank or left-out answer leaves that fact as it is), or
 * `skip: true` to put the intake away unanswered.
 */
export const IntakePutSchema = z
  .object({
    data: z
      .object({
        answers: IntakeAnswersSchema.optional(),
        /** The version of each answer's memory fact when the form was opened (0: none yet): a fact changed since is a 409, nothing saved. */
        expectedVersions: z.record(z.enum(['companyName', 'whatItDoes', 'product', 'market', 'audience']), ExpectedVersionOrNoneSchema).optional(),
        skip: z.boolean({ invalid_type_error: 'skip must be true or false' }).optional(),
      })
      .strict()
      .superRefine((d, ctx) => {
        const answered = Object.values(d.answers ?? {}).some((v) => v);
        if (d.skip && answered) ctx.addIssue({ code: 'custom', path: ['skip'], message: 'Either answer the questions or skip them, not both' });
        if (!d.skip && !answered) ctx.addIssue({ code: 'custom', path: ['answers'], message: 'Answer at least one question, or skip the intake' });
      }),
  })
  .strict();
export type IntakePut = z.infer<typeof IntakePutSchema>;

/** GET /api/intake (and PUT's reply): the questions, the current answers from memory, the status. */
export type IntakeState = {
  questions: ReadonlyArray<IntakeQuestion>;
  answers: IntakeAnswers;
  /** Each answer's memory fact version (0: none yet), to send back as `expectedVersions`. */
  versions: Partial<Record<IntakeAnswerId, number>>;
  status: IntakeStatus;
};
