import { randomUUID } from 'node:crypto';
import { ToolInterruptError } from 'genkit';
import type { GenkitBeta } from 'genkit/beta';
import type { RunRecord } from '../db/queries/campaigns.js';
import { AppError } from '../lib/errors.js';
import { withCallContext } from '../lib/call-context.js';
import { chooseStep, computePreflight, type StepLog } from '../lib/preflight.js';
import {
  ApprovalSchema,
  LaunchCampaignInputSchema,
  LaunchCampaignOutputSchema,
  type Approval,
  type Campaign,
  type LaunchCampaignOutput,
  type Preflight,
  type SequenceStep,
} from '../schemas/campaign.js';
import type { DraftEmailInput, EmailDraft } from '../schemas/email.js';
import type { Lead } from '../schemas/lead.js';
import { z } from 'zod';
import { parseFlowInput, toUserFacing } from './flow-steps.js';
import { signOff } from '../lib/sign-off.js';

export const LAUNCH_CAMPAIGN_FLOW = 'launchCampaign';
export const APPROVE_SAMPLES_INTERRUPT = 'approveCampaignSamples';
const SAMPLE_COUNT = 3;

type Scoped<T> = (args: { workspaceId: string; id: string }) => Promise<T>;

export type CampaignRunView = LaunchCampaignOutput['run'];

export type LaunchCampaignDeps = {
  workspaceId: string;
  transport: 'smtp' | 'outbox';
  senderName: string | null;
  getCampaign: Scoped<Campaign>;
  leadsOf(args: { workspaceId: string; ids: string[] }): Promise<Lead[]>;
  logsFor(args: { campaignId: string; stepIds: string[] }): Promise<StepLog[]>;
  draft(input: DraftEmailInput): Promise<EmailDraft>;
  acceptedDraftFor(args: { leadId: string; campaignId: string; stepId: string; firstStep: boolean }): Promise<{ subject: string; body: string; tone: string } | null>;
  createRun(args: {
    id?: string; workspaceId: string; campaignId: string; stepId: string; leadIds: string[]; sendCapPerMinute: number; transport: 'smtp' | 'outbox';
    status: 'awaiting_approval' | 'running'; samples: EmailDraft[]; interrupt?: unknown; approval?: Approval & { at: Date };
  }): Promise<RunRecord>;
  getRun(args: { workspaceId: string; campaignId: string; runId: string }): Promise<RunRecord>;
  listRuns(args: { workspaceId: string; campaignId: string }): Promise<RunRecord[]>;
  decideRun(args: { runId: string; approval: Approval; leadIds: string[] }): Promise<RunRecord>;
  /** Failed sends a new run includes go back to pending (a person pressing Run now decided so). */
  reopen(args: { campaignId: string; stepId: string; leadIds: string[] }): Promise<Array<{ leadId: string; attempts: number }>>;
  /** Queues the run's sends; `rounds` gives reopened leads a fresh job id (their first job is spent). */
  startSends(run: RunRecord, rounds: Map<string, number>): Promise<void>;
  listCompanies(args: { workspaceId: string }): Promise<Array<{ name: string }>>;
  viewRun(run: RunRecord): Promise<CampaignRunView>;
};

/** The pre-flight for a campaign and step (the first step with someone to send to when none is named). */
export async function preflightFor(deps: LaunchCampaignDeps, campaignId: string, stepId: string | null) {
  const campaign = await deps.getCampaign({ workspaceId: deps.workspaceId, id: campaignId });
  const leads = await deps.leadsOf({ workspaceId: deps.workspaceId, ids: campaign.leadIds });
  const logs = await deps.logsFor({ campaignId, stepIds: campaign.steps.map((s) => s.id) });
  const [company] = await deps.listCompanies({ workspaceId: deps.workspaceId });
  const senderName = signOff(deps.senderName, company?.name);
  const check = (step: SequenceStep) => computePreflight({ campaign, step, leads, logs, transport: deps.transport, senderName, senderCompany: company?.name ?? '' });
  let step: SequenceStep;
  if (stepId) {
    const found = campaign.steps.find((s) => s.id === stepId);
    if (!found) throw new AppError('not_found', 'Step not found in this campaign');
    step = found;
  } else {
    step = chooseStep(campaign, check);
  }
  return { campaign, step, preflight: check(step) };
}

const nothingToSend = (p: Preflight) =>
  new AppError(
    'invalid',
    p.leads === 0
      ? 'This campaign has no leads yet: add leads, then run it.'
      : `Nothing to send for "${p.stepName}": none of the ${p.leads} leads can receive it (see the pre-flight problems).`,
    { reason: 'nothing_to_send', problems: p.problems },
  );

/**
 * "Run now". The first run of a campaign pauses on a Genkit interrupt: the flow drafts sample
 * emails, raises the approveCampaignSamples interrupt and returns it with the samples; the
 * person's approval resumes the flow (input.resume), is checked against the interrupt's output
 * schema, recorded on the run, and only then are the sends enqueued as durable jobs.
 */
export function defineLaunchCampaignFlow(ai: GenkitBeta, deps: LaunchCampaignDeps) {
  const { workspaceId } = deps;
  const SamplesForApproval = z.object({
    runId: z.string(),
    campaign: z.string(),
    step: z.string(),
    recipients: z.number().int(),
    samples: z.array(z.object({ to: z.string(), subject: z.string(), body: z.string() })),
  });
  const approveSamples = ai.defineInterrupt({
    name: APPROVE_SAMPLES_INTERRUPT,
    description: 'Asks a person to review sample drafts and approve the campaign before its first send.',
    inputSchema: SamplesForApproval,
    outputSchema: ApprovalSchema,
    requestMetadata: (request) => ({ reason: 'approval_required', runId: request.runId, recipients: request.recipients }),
  });

  async function firstApproval(campaignId: string): Promise<(Approval & { at: Date }) | null> {
    const runs = await deps.listRuns({ workspaceId, campaignId });
    const approved = runs.filter((r) => r.approvedBy && r.status !== 'rejected' && r.status !== 'awaiting_approval').at(-1);
    return approved ? { approved: true, approvedBy: approved.approvedBy!, note: `First approved on ${approved.approvedAt!.toISOString().slice(0, 10)}${approved.approvalNote ? `: ${approved.approvalNote}` : ''}`, at: approved.approvedAt! } : null;
  }

  async function samplesFor(campaign: Campaign, step: SequenceStep, leadIds: string[]): Promise<EmailDraft[]> {
    const leads = await deps.leadsOf({ workspaceId, ids: leadIds.slice(0, SAMPLE_COUNT) });
    return Promise.all(
      leads.map(async (lead) => {
        const accepted = await deps.acceptedDraftFor({ leadId: lead.id, campaignId: campaign.id, stepId: step.id, firstStep: step.position === 1 });
        if (accepted) return { leadId: lead.id, tone: accepted.tone, subject: accepted.subject, body: accepted.body, personalDetails: [], unresolvedFields: [], warnings: ['A draft you accepted for this lead.'], stage: null };
        return deps.draft({ leadId: lead.id, tone: step.promptConfig.tone ?? campaign.promptContext.tone, productId: null, campaignId: campaign.id, stepId: step.id, instructions: '' });
      }),
    );
  }

  return ai.defineFlow({ name: LAUNCH_CAMPAIGN_FLOW, inputSchema: LaunchCampaignInputSchema, outputSchema: LaunchCampaignOutputSchema }, async (raw) => {
    const input = parseFlowInput(LaunchCampaignInputSchema, raw);
    return withCallContext({ flow: LAUNCH_CAMPAIGN_FLOW, workspaceId }, async (): Promise<LaunchCampaignOutput> => {
      try {
        if (input.resume) {
          const pending = await deps.getRun({ workspaceId, campaignId: input.campaignId, runId: input.resume.runId });
          if (pending.status !== 'awaiting_approval' || !pending.interrupt) {
            throw new AppError('conflict', 'This run is no longer waiting for approval (it was already approved or rejected). Reload to see it.');
          }
          // Validates the answer against the interrupt's output schema, as a resumed generate would.
          approveSamples.respond(pending.interrupt as Parameters<typeof approveSamples.respond>[0], input.resume.approval);
          const approval = input.resume.approval;
          // Leads may have unsubscribed or been removed while the samples were being read.
          const { preflight } = await preflightFor(deps, input.campaignId, pending.stepId);
          const leadIds = approval.approved ? preflight.sendableLeadIds : [];
          if (approval.approved && leadIds.length === 0) throw nothingToSend(preflight);
          const run = await deps.decideRun({ runId: pending.id, approval, leadIds });
          if (approval.approved) {
            const reopened = await deps.reopen({ campaignId: run.campaignId, stepId: run.stepId, leadIds: preflight.reopenLeadIds });
            await deps.startSends(run, new Map(reopened.map((r) => [r.leadId, r.attempts])));
          }
          return { status: approval.approved ? 'started' : 'rejected', run: await deps.viewRun(run), interrupt: null };
        }

        const { campaign, step, preflight } = await preflightFor(deps, input.campaignId, input.stepId);
        if (preflight.sendable === 0) throw nothingToSend(preflight);
        const base = { workspaceId, campaignId: campaign.id, stepId: step.id, leadIds: preflight.sendableLeadIds, sendCapPerMinute: campaign.sendCapPerMinute, transport: deps.transport };

        const approval = campaign.approvedAt ? await firstApproval(campaign.id) : null;
        if (approval) {
          const run = await deps.createRun({ ...base, status: 'running', samples: [], approval });
          const reopened = await deps.reopen({ campaignId: campaign.id, stepId: step.id, leadIds: preflight.reopenLeadIds });
          await deps.startSends(run, new Map(reopened.map((r) => [r.leadId, r.attempts])));
          return { status: 'started', run: await deps.viewRun(run), interrupt: null };
        }

        const samples = await ai.run('draft-samples', () => samplesFor(campaign, step, preflight.sendableLeadIds));
        const leads = await deps.leadsOf({ workspaceId, ids: samples.map((s) => s.leadId) });
        const runId = randomUUID();
        let interrupt: Record<string, unknown> | null = null;
        try {
          await approveSamples({
            runId,
            campaign: campaign.name,
            step: step.name,
            recipients: preflight.sendable,
            samples: samples.map((s) => ({ to: leads.find((l) => l.id === s.leadId)?.email ?? '', subject: s.subject, body: s.body })),
          });
        } catch (err) {
          if (!(err instanceof ToolInterruptError)) throw err;
          interrupt = {
            toolRequest: { name: APPROVE_SAMPLES_INTERRUPT, ref: runId, input: { runId, campaign: campaign.name, step: step.name, recipients: preflight.sendable } },
            metadata: { interrupt: err.metadata ?? true },
          };
        }
        if (!interrupt) throw new Error('the approval interrupt did not interrupt');
        const run = await deps.createRun({ ...base, id: runId, status: 'awaiting_approval', samples, interrupt });
        return { status: 'awaiting_approval', run: await deps.viewRun(run), interrupt };
      } catch (err) {
        throw toUserFacing(err);
      }
    });
  });
}
