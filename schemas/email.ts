import { z } from 'zod';

// Email drafting (source document 001's generate-email): lead + stored persona + tone +
// product/campaign context → subject and body.

export const SUGGESTED_TONES = ['friendly', 'formal', 'direct', 'playful'] as const;

/** A tone spelled like a suggested one ("Formal") as that one, so a tone picker shows it once; any other tone as it is. */
export const asSuggestedTone = (tone: string): string => SUGGESTED_TONES.find((t) => t === tone.trim().toLowerCase()) ?? tone;

export const ToneSchema = z
  .string()
  .trim()
  .min(1, 'Choose a tone, e.g. friendly')
  .max(40, 'A tone is a word or two, e.g. friendly')
  .regex(/^[\p{L} -]+$/u, 'A tone is a word or two, letters only, e.g. friendly');

export const DraftEmailInputSchema = z
  .object({
    leadId: z.string().uuid('leadId must be a lead id'),
    tone: ToneSchema.default('friendly'),
    productId: z.string().uuid().nullable().default(null).describe('Product to pitch; defaults to the campaign product'),
    campaignId: z.string().uuid().nullable().default(null),
    stepId: z.string().uuid().nullable().default(null).describe('Campaign sequence step whose instructions apply'),
    instructions: z.string().trim().max(1000).default('').describe('Extra guidance for this draft'),
  })
  .strict();
export type DraftEmailInput = z.infer<typeof DraftEmailInputSchema>;

/** A personal detail the draft states about the lead, and where in the lead's data it comes from. */
export const PersonalDetailSchema = z.object({ claim: z.string(), source: z.string(), grounded: z.boolean() });
export type PersonalDetail = z.infer<typeof PersonalDetailSchema>;

export const EmailDraftSchema = z.object({
  leadId: z.string().uuid(),
  tone: z.string(),
  subject: z.string(),
  body: z.string(),
  personalDetails: z.array(PersonalDetailSchema),
  /** Merge fields such as {{company}} left in the text: they block sending until replaced. */
  unresolvedFields: z.array(z.string()),
  warnings: z.array(z.string()),
  stage: z.object({ name: z.string(), keyMessage: z.string(), contentType: z.string() }).nullable(),
});
export type EmailDraft = z.infer<typeof EmailDraftSchema>;

/** What the model returns; the flow checks it before anyone sees it. */
export const EmailDraftModelSchema = z.object({
  subject: z.string(),
  body: z.string(),
  personalDetails: z.array(z.object({ claim: z.string(), source: z.string().describe('lead.<field> or persona.<field>'), quote: z.string() })).default([]),
});

/** A streamed piece of the draft as it is written. */
export const DraftChunkSchema = z.object({ subject: z.string().optional(), body: z.string().optional() });

export const AcceptDraftInputSchema = z
  .object({
    subject: z.string().trim().min(1, 'The subject is empty').max(200),
    body: z.string().trim().min(1, 'The body is empty').max(20_000),
    tone: ToneSchema,
    campaignId: z.string().uuid().nullable().default(null),
    stepId: z.string().uuid().nullable().default(null),
  })
  .strict();
export type AcceptDraftInput = z.infer<typeof AcceptDraftInputSchema>;

export const AcceptedDraftSchema = AcceptDraftInputSchema.extend({ id: z.string().uuid(), leadId: z.string().uuid(), acceptedAt: z.string() });
export type AcceptedDraft = z.infer<typeof AcceptedDraftSchema>;

export const EmailStatusSchema = z.enum(['pending', 'sending', 'sent', 'outbox', 'failed', 'skipped', 'interrupted']);
export type EmailStatus = z.infer<typeof EmailStatusSchema>;

/** One email_logs row: a lead × campaign × sequence step, at most one per triple. */
export const EmailLogSchema = z.object({
  id: z.string().uuid(),
  campaignId: z.string().uuid().nullable(),
  campaignName: z.string().nullable(),
  runId: z.string().uuid().nullable(),
  stepId: z.string().uuid().nullable(),
  leadId: z.string().uuid().nullable(),
  leadName: z.string().nullable(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  body: z.string(),
  headers: z.record(z.string()),
  status: EmailStatusSchema,
  transport: z.enum(['smtp', 'outbox']).nullable(),
  error: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type EmailLog = z.infer<typeof EmailLogSchema>;

/** Where a suppression came from: the recipient's own unsubscribe (link or one-click; never removable here), or added by hand. */
export const SuppressionSourceSchema = z.enum(['unsubscribe', 'manual']);
export type SuppressionSource = z.infer<typeof SuppressionSourceSchema>;
export const SuppressionSchema = z.object({ email: z.string(), reason: z.string(), source: SuppressionSourceSchema, createdAt: z.string() });
export type Suppression = z.infer<typeof SuppressionSchema>;
export const SuppressionInputSchema = z
  .object({ email: z.string().trim().toLowerCase().email('Not a valid email address'), reason: z.string().trim().max(200).default('added by hand') })
  .strict();

export const EmailDraftPromptInputSchema = z.object({
  tone: z.string(),
  senderName: z.string(),
  leadJson: z.string(),
  researchJson: z.string(),
  personaJson: z.string(),
  companyJson: z.string(),
  productJson: z.string(),
  campaignJson: z.string(),
  stageJson: z.string(),
  instructionsJson: z.string(),
});
