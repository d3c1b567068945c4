import type { GenkitBeta } from 'genkit/beta';
import type { DatabaseHandle } from '../db/client.js';
import type { Queries } from '../db/queries/index.js';
import type { RunRecord } from '../db/queries/campaigns.js';
import { createEmailDrafter, defineDraftEmailFlow, DRAFT_EMAIL_FLOW, type DraftEmailDeps } from '../flows/draft-email.js';
import { defineLaunchCampaignFlow, LAUNCH_CAMPAIGN_FLOW, type LaunchCampaignDeps } from '../flows/launch-campaign.js';
import { createLeadPersonaGenerator, defineGenerateLeadPersonaFlow, GENERATE_LEAD_PERSONA_FLOW } from '../flows/lead-persona.js';
import { withCallContext } from '../lib/call-context.js';
import { runView } from '../lib/run-view.js';
import { createJobRunner, type JobRunner } from '../jobs/runner.js';
import type { Mailer } from '../mail/mailer.js';
import { LaunchCampaignInputSchema } from '../schemas/campaign.js';
import { DraftEmailInputSchema } from '../schemas/email.js';
import { z } from 'zod';
import type { FlowRoute } from './routes/flows.js';

export type MailSettings = {
  mailer: Mailer;
  /** The From of every campaign email, e.g. "Dana from Shipwise <dana@shipwise.io>". */
  from: string;
  /** Where recipients reach this server: unsubscribe links point here. */
  publicUrl: string;
  concurrency: number;
  /** No MAIL_FROM was configured: emails are signed "The <company> team" rather than with the placeholder From name. */
  signAsCompany?: boolean;
  /** Seconds between job heartbeats (tests and the crash bench use a short one). */
  heartbeatSeconds?: number;
};

export type Outreach = {
  flows: Record<string, FlowRoute>;
  jobs: JobRunner;
  launch: LaunchCampaignDeps;
  mail: MailSettings;
  viewRun(run: RunRecord): ReturnType<LaunchCampaignDeps['viewRun']>;
};

const senderNameOf = (from: string) => from.replace(/<[^>]*>/, '').replace(/"/g, '').trim() || from.replace(/[<>]/g, '');

/** Leads, email drafting and campaigns: their flows, the drafter they share and the job runner. */
export function wireOutreach(args: { ai: GenkitBeta; handle: DatabaseHandle; queries: Queries; workspaceId: string; mail: MailSettings }): Outreach {
  const { ai, queries: q, workspaceId, mail } = args;
  const senderName = mail.signAsCompany ? null : senderNameOf(mail.from);
  const generateLeadPersona = createLeadPersonaGenerator(ai, { workspaceId, listCompanies: q.companyProfiles.list });
  const draftDeps: DraftEmailDeps = {
    workspaceId,
    senderName,
    getLead: q.leads.get,
    getProduct: q.products.get,
    getCampaign: q.campaigns.get,
    listCompanies: q.companyProfiles.list,
    stagesForPersona: q.buyingProcesses.stagesForPersona,
    ensurePersona: async (lead) => {
      const persona = await generateLeadPersona(lead);
      const ref = await q.leads.requestPersona({ workspaceId, id: lead.id });
      await q.leads.storePersona({ ...ref, persona });
      return persona;
    },
  };
  const draft = createEmailDrafter(ai, draftDeps);

  async function viewRun(run: RunRecord) {
    const campaign = await q.campaigns.get({ workspaceId, id: run.campaignId });
    const ids = run.leadIds as string[];
    const [leads, logs] = await Promise.all([q.leads.getMany({ workspaceId, ids }), q.emailLogs.forStep({ campaignId: run.campaignId, stepId: run.stepId })]);
    return runView(run, campaign.steps.find((s) => s.id === run.stepId)?.name ?? '(removed step)', leads, logs.filter((l) => l.leadId && ids.includes(l.leadId)));
  }

  let jobs: JobRunner;
  const launch: LaunchCampaignDeps = {
    workspaceId,
    transport: mail.mailer.mode,
    senderName,
    getCampaign: q.campaigns.get,
    leadsOf: q.leads.getMany,
    logsFor: async (a) => (await q.emailLogs.forSteps(a)).map((l) => ({ leadId: l.leadId, stepId: l.sequenceId, status: l.status, sentAt: l.sentAt, to: l.toEmail })),
    draft,
    acceptedDraftFor: q.leads.acceptedDraftFor,
    createRun: q.campaigns.createRun,
    getRun: q.campaigns.getRun,
    listRuns: q.campaigns.listRuns,
    decideRun: q.campaigns.decideRun,
    reopen: (a) => q.emailLogs.reopen({ ...a, force: true }),
    listCompanies: q.companyProfiles.list,
    startSends: async (run, rounds) => {
      const leadIds = run.leadIds as string[];
      // The send-log rows exist from the start: the pre-flight shows these leads as in progress
      // at once, so a second "Run now" (a double click) finds nothing left to send.
      const leads = await q.leads.getMany({ workspaceId, ids: leadIds });
      await q.emailLogs.openMany({ workspaceId, campaignId: run.campaignId, stepId: run.stepId, runId: run.id, from: mail.from, leads: leads.map((l) => ({ leadId: l.id, to: l.email })) });
      await jobs.enqueueSends(
        leadIds.map((leadId) => ({ workspaceId, campaignId: run.campaignId, stepId: run.stepId, leadId, runId: run.id })),
        (job) => rounds.get(job.leadId) ?? 0,
      );
    },
    viewRun,
  };

  jobs = createJobRunner({
    handle: args.handle,
    concurrency: mail.concurrency,
    heartbeatSeconds: mail.heartbeatSeconds,
    pendingPersonas: async () => (await q.leads.pendingPersonas()).map((p) => ({ workspaceId: p.workspaceId, leadId: p.leadId, request: p.request })),
    persona: {
      getLead: q.leads.get,
      generate: (lead, ws) => withCallContext({ flow: 'leadPersonaJob', workspaceId: ws }, () => generateLeadPersona(lead)),
      storePersona: q.leads.storePersona,
      failPersona: q.leads.failPersona,
    },
    send: {
      getLead: q.leads.get,
      getCampaign: q.campaigns.get,
      acceptedDraftFor: q.leads.acceptedDraftFor,
      draft: (input) => withCallContext({ flow: 'campaignSend', workspaceId }, () => draft(input)),
      isSuppressed: q.emailLogs.isSuppressed,
      log: q.emailLogs,
      countSent: q.campaigns.countSent,
      completeRunIfDone: q.campaigns.completeRunIfDone,
      mailer: mail.mailer,
      from: mail.from,
      publicUrl: mail.publicUrl,
      senderName: senderName ?? '',
      companyName: async () => (await q.companyProfiles.list({ workspaceId }))[0]?.name ?? '',
    },
  });

  const LeadIdInput = z.object({ leadId: z.string().uuid('leadId must be a lead id') }).strict();
  return {
    jobs,
    launch,
    mail,
    viewRun,
    flows: {
      [DRAFT_EMAIL_FLOW]: { flow: defineDraftEmailFlow(ai, draftDeps), inputSchema: DraftEmailInputSchema },
      [LAUNCH_CAMPAIGN_FLOW]: { flow: defineLaunchCampaignFlow(ai, launch), inputSchema: LaunchCampaignInputSchema },
      [GENERATE_LEAD_PERSONA_FLOW]: {
        flow: defineGenerateLeadPersonaFlow(ai, { workspaceId, listCompanies: q.companyProfiles.list, getLead: q.leads.get, requestPersona: q.leads.requestPersona, storePersona: q.leads.storePersona }),
        inputSchema: LeadIdInput,
      },
    },
  };
}
