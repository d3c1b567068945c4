import { ToolInterruptError } from 'genkit';
import type { GenkitBeta } from 'genkit/beta';
import { z } from 'zod';
import type { ApprovalRequest, CampaignRuns } from '../campaigns/runs.js';
import { withCallContext } from '../lib/call-context.js';
import { loggableText } from '../lib/loggable.js';
import { ApprovalSchema, LaunchCampaignInputSchema, LaunchCampaignOutputSchema, type LaunchCampaignOutput } from '../schemas/campaign.js';
import { callScope, parseFlowInput, toUserFacing } from './flow-steps.js';
import type { LearnEmailTone } from './tone-habit.js';

export const LAUNCH_CAMPAIGN_FLOW = 'launchCampaign';
export const APPROVE_SAMPLES_INTERRUPT = 'approveCampaignSamples';

export type LaunchCampaignDeps = {
  localWorkspaceId?: string;
  runs: CampaignRuns;
  /** An approval is a person choosing the campaign's tone: memory learns the habit from it. */
  learnEmailTone?: LearnEmailTone;
};

/**
 * "Run now" (campaigns/runs.ts does the work). The first run of a campaign pauses on a Genkit
 * interrupt: the samples are drafted, approveCampaignSamples is raised and returned with them;
 * the person's answer resumes the flow (input.resume), is checked against the interrupt's output
 * schema and recorded on the run, and only then are the sends queued as durable jobs.
 */
export function defineLaunchCampaignFlow(ai: GenkitBeta, deps: LaunchCampaignDeps) {
  const { runs } = deps;
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

  /** Raises the interrupt and returns what the run keeps to be resumed from. */
  async function askApproval(request: ApprovalRequest): Promise<Record<string, unknown>> {
    try {
      await approveSamples(request);
    } catch (err) {
      if (!(err instanceof ToolInterruptError)) throw err;
      const { samples: _shownToThePerson, ...input } = request;
      return { toolRequest: { name: APPROVE_SAMPLES_INTERRUPT, ref: request.runId, input }, metadata: { interrupt: err.metadata ?? true } };
    }
    throw new Error('the approval interrupt did not interrupt');
  }

  /** Runs after the approval was recorded: a failure to remember the tone never undoes it. */
  async function learnTone(learn: LearnEmailTone, workspaceId: string): Promise<void> {
    try {
      await ai.run('learn-email-tone', () => learn({ workspaceId }));
    } catch (err) {
      console.error(loggableText(`launch campaign: could not remember the email tone (${err instanceof Error ? err.message : String(err)})`));
    }
  }

  return ai.defineFlow(
    { name: LAUNCH_CAMPAIGN_FLOW, inputSchema: LaunchCampaignInputSchema, outputSchema: LaunchCampaignOutputSchema },
    async (raw, { context }) => {
      const input = parseFlowInput(LaunchCampaignInputSchema, raw);
      const { workspaceId, actor } = callScope(context, deps.localWorkspaceId);
      return withCallContext({ flow: LAUNCH_CAMPAIGN_FLOW, workspaceId }, async (): Promise<LaunchCampaignOutput> => {
        try {
          if (input.resume) {
            const { approval, runId } = input.resume;
            const decided = await runs.decide({
              workspaceId,
              campaignId: input.campaignId,
              runId,
              approval,
              actor,
              // Validates the answer against the interrupt's output schema, as a resumed generate would.
              checkAnswer: (interrupt) => approveSamples.respond(interrupt as Parameters<typeof approveSamples.respond>[0], approval),
            });
            if (decided.status === 'started' && deps.learnEmailTone) await learnTone(deps.learnEmailTone, workspaceId);
            return decided;
          }
          return await runs.start({
            workspaceId,
            campaignId: input.campaignId,
            stepId: input.stepId,
            actor,
            askApproval,
            traceStep: (name, fn) => ai.run(name, fn),
          });
        } catch (err) {
          throw toUserFacing(err);
        }
      });
    },
  );
}
