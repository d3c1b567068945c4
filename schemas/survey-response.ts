import { z } from 'zod';

// A survey response (source document 003): what one real customer said about themselves, the
// attributes personas' mapping rules are checked against, and the four metrics snapshots average.
// Everything here is untrusted text from outside the workspace.

const text = (max: number, what: string) => z.string().trim().min(1, `${what} cannot be empty`).max(max, `${what}: at most ${max} characters`);
const items = (what: string) => z.array(text(200, `Each of ${what}`)).max(20, `At most 20 ${what}`);
const metric = (min: number, max: number, what: string) =>
  z
    .number({ invalid_type_error: `${what} must be a number from ${min} to ${max}` })
    .int(`${what} must be a whole number from ${min} to ${max}`)
    .min(min, `${what} must be from ${min} to ${max}`)
    .max(max, `${what} must be from ${min} to ${max}`);

/** The four metrics, their ranges and what they measure (source 003: satisfaction, loyalty, trust, effort). */
export const METRICS = {
  satisfaction: { min: 1, max: 5, label: 'Satisfaction' },
  nps: { min: 0, max: 10, label: 'Likelihood to recommend (NPS)' },
  trust: { min: 1, max: 5, label: 'Trust' },
  effort: { min: 1, max: 7, label: 'Effort' },
} as const;
export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** Answers beyond the known fields, kept as given (bounded: a response is one person's answers). */
const ExtraAnswersSchema = z
  .record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(50)]))
  .refine((r) => Object.keys(r).length <= 50, 'At most 50 other answers');

export const RespondentSchema = z
  .object({
    email: z.string().trim().toLowerCase().email('Not a valid email address').max(254).optional(),
    name: text(160, 'The name').optional(),
    /** They agreed to be contacted: only then can they be added to a campaign as a lead. */
    consent: z.boolean({ invalid_type_error: 'consent must be true or false' }).default(false),
  })
  .strict();

export const SurveyResponseInputSchema = z
  .object({
    respondent: RespondentSchema.optional(),
    age: z
      .number({ invalid_type_error: 'age must be a number of years' })
      .int('age must be a whole number of years')
      .min(0, 'age cannot be negative')
      .max(120, 'age must be at most 120')
      .optional(),
    location: text(160, 'The location').optional(),
    occupation: text(160, 'The occupation').optional(),
    gender: text(60, 'The gender').optional(),
    goals: items('goals').default([]),
    frustrations: items('frustrations').default([]),
    satisfaction: metric(1, 5, 'satisfaction').optional(),
    nps: metric(0, 10, 'nps').optional(),
    trust: metric(1, 5, 'trust').optional(),
    effort: metric(1, 7, 'effort').optional(),
    submittedAt: z
      .string()
      .datetime({ offset: true, message: 'submittedAt must be an ISO date-time, e.g. 2026-11-30T14:05:00Z' })
      // What the database can store and a survey can have been answered in; an offset beyond ±14:00 is no place's.
      .refine((s) => !/[+-](1[5-9]|[2-9]\d):?\d\d$/.test(s), 'submittedAt has a time zone offset beyond ±14:00')
      .refine((s) => {
        const year = new Date(s).getUTCFullYear();
        return year >= 1900 && year <= 2999;
      }, 'submittedAt must be a date between the years 1900 and 2999')
      .optional(),
    answers: ExtraAnswersSchema.optional(),
  })
  .strict();
export type SurveyResponseInput = z.infer<typeof SurveyResponseInputSchema>;

export const SurveyResponseSourceSchema = z.enum(['api', 'import', 'survey']);
export type SurveyResponseSource = z.infer<typeof SurveyResponseSourceSchema>;

export type SurveyResponse = {
  id: string;
  respondent: { email: string | null; name: string | null; consent: boolean };
  age: number | null;
  location: string | null;
  occupation: string | null;
  gender: string | null;
  goals: string[];
  frustrations: string[];
  satisfaction: number | null;
  nps: number | null;
  trust: number | null;
  effort: number | null;
  answers: Record<string, unknown>;
  submittedAt: string;
  source: SurveyResponseSource;
  createdAt: string;
};

/** POST /api/responses/import: a CSV with a header row, or the rows as JSON objects. `firstLine` numbers a chunk's rows as lines of the whole file. */
export const ResponseImportInputSchema = z.union([
  z.object({ csv: z.string().min(1, 'The CSV is empty'), firstLine: z.number().int().min(1).optional() }).strict(),
  z.object({ json: z.array(z.unknown()).min(1, 'No rows to import').max(100_000, 'At most 100,000 rows at once') }).strict(),
]);
export type ResponseImportInput = z.infer<typeof ResponseImportInputSchema>;

/** A row an import refused, with what to fix: `line` is the CSV line (1 = the header) or the JSON row (1 = the first). */
export type RejectedResponseRow = { line: number; reason: string };
