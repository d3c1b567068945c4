import { z } from 'zod';
import { EmailDraftSchema, ToneSchema } from './email.js';
import { ProjectedCostSchema, RunCostSchema } from './model-cost.js';

// Campaigns (source document 001): leads, a sequence of steps, and runs that draft and send.

export const SequenceStepInputSchema = z
  .object({
    id: z.string().uuid().optional().describe('Present for an existing step'),
    name: z.string().trim().min(1, 'Name the step, e.g. "First touch"').max(120),
    promptConfig: z
      .object({
        instructions: z.string().trim().max(2000).default('').describe('What this email should do, e.g. "short follow-up, one question"'),
        tone: ToneSchema.nullable().default(null).describe('Overrides the campaign tone'),
      })
      .strict()
      .default({}),
    delayDays: z.number().int('Whole days').min(0, 'At least 0 days').max(90, 'At most 90 days').default(0).describe('Days after the previous step'),
  })
  .strict();
export type SequenceStepInput = z.infer<typeof SequenceStepInputSchema>;

export const CampaignContextSchema = z
  .object({
    productId: z.string().uuid().nullable().default(null),
    tone: ToneSchema.default('friendly'),
    goal: z.string().trim().max(1000).default('').describe('What the campaign is for, e.g. "book a 20-minute demo"'),
    callToAction: z.string().trim().max(300).default(''),
    personaId: z.string().uuid().nullable().default(null).describe('A library persona whose buying-process stage applies'),
    stageName: z.string().trim().max(80).nullable().default(null).describe('The buying-process stage the leads are in'),
  })
  .strict();
export type CampaignContext = z.infer<typeof CampaignContextSchema>;

export const DEFAULT_SEND_CAP_PER_MINUTE = 30;

export const CampaignInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the campaign').max(160),
    promptContext: CampaignContextSchema.default({}),
    sendCapPerMinute: z
      .number()
      .int('A whole number')
      .min(1, 'At least 1 per minute')
      .max(10_000, 'At most 10,000 per minute')
      .default(DEFAULT_SEND_CAP_PER_MINUTE),
    steps: z
      .array(SequenceStepInputSchema)
      .min(1, 'A campaign needs at least one step')
      .max(10, 'At most 10 steps')
      .default([{ name: 'First touch', promptConfig: { instructions: '', tone: null }, delayDays: 0 }]),
  })
  .strict();
export type CampaignInput = z.infer<typeof CampaignInputSchema>;

export const SequenceStepSchema = SequenceStepInputSchema.required({ id: true }).extend({ position: z.number().int() });
export type SequenceStep = z.infer<typeof SequenceStepSchema>;

export const CampaignStatusSchema = z.enum(['draft', 'awaiting_approval', 'running', 'completed']);

export const CampaignSchema = z.object({
  id: z.string().uuid(),
  version: z.number().int(),
  name: z.string(),
  status: CampaignStatusSchema,
  promptContext: CampaignContextSchema,
  sendCapPerMinute: z.number().int(),
  steps: z.array(SequenceStepSchema),
  leadIds: z.array(z.string().uuid()),
  emailsSent: z.number().int(),
  lastRunAt: z.string().nullable(),
  approvedAt: z.string().nullable().describe('When a person first approved sample drafts'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Campaign = z.infer<typeof CampaignSchema>;
/** A campaign without its member list: what a send and a draft read (the list grows with the campaign). */
export type CampaignSettings = Omit<Campaign, 'leadIds'>;

export const CampaignLeadsInputSchema = z.object({ leadIds: z.array(z.string().uuid('Not a lead id')).min(1, 'Pick at least one lead').max(10_000) }).strict();

export const PreflightProblemCodeSchema = z.enum(['no_email', 'suppressed', 'unresolved_fields', 'already_sent', 'too_early']);
export const PreflightSchema = z.object({
  campaignId: z.string().uuid(),
  stepId: z.string().uuid(),
  stepName: z.string(),
  leads: z.number().int(),
  sendable: z.number().int(),
  problems: z.array(z.object({ leadId: z.string().uuid(), name: z.string(), email: z.string(), code: PreflightProblemCodeSchema, reason: z.string() })),
  sendCapPerMinute: z.number().int(),
  projectedMinutes: z.number().describe('Minutes the sends take at the cap'),
  needsApproval: z.boolean(),
  transport: z.enum(['smtp', 'outbox']),
  personasMissing: z.number().int().describe('Leads whose persona is generated during the run'),
  sender: z
    .object({
      from: z.string(),
      replyTo: z.string().describe('Empty: replies go to From'),
      source: z.enum(['profile', 'server']).describe("The workspace's sender profile, or the server's MAIL_FROM"),
      warnings: z.array(z.string()).describe('What to fix about the sender before emailing people'),
    })
    .describe('Who the emails come from'),
  /** What the run's drafts are likely to cost (GET /api/campaigns/:id/preflight adds it). */
  projectedCost: ProjectedCostSchema.optional(),
});
export type Preflight = z.infer<typeof PreflightSchema>;

export const ApprovalSchema = z
  .object({
    approved: z.boolean(),
    note: z.string().trim().max(1000).default(''),
    // Named only to refuse it with the reason: who approves is the signed-in person.
    approvedBy: z
      .never({ invalid_type_error: 'approvedBy is not an input: the approval is recorded under the signed-in person (or the API token’s owner)' })
      .optional(),
  })
  .strict();
export type Approval = z.infer<typeof ApprovalSchema>;
/** An approval as recorded: who decided is the signed-in person, never a field of the answer. */
export type RecordedApproval = Omit<Approval, 'approvedBy'> & { approvedBy: string };

export const LaunchCampaignInputSchema = z
  .object({
    campaignId: z.string().uuid('campaignId must be a campaign id'),
    stepId: z.string().uuid().nullable().default(null).describe('Defaults to the first step with leads still to send'),
    resume: z.object({ runId: z.string().uuid(), approval: ApprovalSchema }).strict().nullable().default(null),
  })
  .strict();
export type LaunchCampaignInput = z.infer<typeof LaunchCampaignInputSchema>;

export const LeadResultSchema = z.object({
  success: z.boolean(),
  leadId: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  status: z.enum(['pending', 'sending', 'sent', 'outbox', 'failed', 'skipped', 'interrupted']),
  error: z.string().nullable(),
  retryable: z.boolean(),
});
export type LeadResult = z.infer<typeof LeadResultSchema>;

export const RunStatusSchema = z.enum(['awaiting_approval', 'running', 'completed', 'rejected']);

export const CampaignRunSchema = z.object({
  id: z.string().uuid(),
  campaignId: z.string().uuid(),
  stepId: z.string().uuid(),
  stepName: z.string(),
  status: RunStatusSchema,
  total: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  summary: z.string().describe('e.g. "Sent 47/50"'),
  sendCapPerMinute: z.number().int(),
  transport: z.enum(['smtp', 'outbox']),
  approval: z.object({ approvedBy: z.string(), approvedAt: z.string(), note: z.string(), sampleLeadIds: z.array(z.string()) }).nullable(),
  samples: z.array(EmailDraftSchema),
  results: z.array(LeadResultSchema),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** What its drafts cost so far (GET /api/campaigns/:id/runs/:runId adds it). */
  cost: RunCostSchema.optional(),
});
export type CampaignRun = z.infer<typeof CampaignRunSchema>;

/**
 * What "Retry failed" (or "Send again") did. Without named leads only failed sends are queued
 * again; an interrupted send may already have arrived, so it is resent only when named.
 */
export const RetryOutcomeSchema = z.object({
  run: CampaignRunSchema,
  retried: z.object({ failed: z.number().int(), interrupted: z.number().int(), leadIds: z.array(z.string().uuid()) }),
  /** The run's failed or interrupted sends that were not queued again. */
  left: z.object({ failed: z.number().int(), interrupted: z.number().int(), leadIds: z.array(z.string().uuid()) }),
  message: z.string().describe('e.g. "Retrying 2 failed sends. 1 interrupted send was left: ..."'),
});
export type RetryOutcome = z.infer<typeof RetryOutcomeSchema>;

export const LaunchCampaignOutputSchema = z.object({
  status: z.enum(['awaiting_approval', 'started', 'rejected']),
  run: CampaignRunSchema,
  /** The Genkit interrupt the flow paused on (awaiting_approval): resume with `resume.approval`. */
  interrupt: z.record(z.unknown()).nullable(),
});
export type LaunchCampaignOutput = z.infer<typeof LaunchCampaignOutputSchema>;
