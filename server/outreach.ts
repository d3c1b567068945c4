import type { GenkitBeta } from 'genkit/beta';
import { z } from 'zod';
import { createCampaignRuns, type CampaignRuns } from '../campaigns/runs.js';
import { CAMPAIGN_SEND_QUEUE } from '../campaigns/send.js';
import { sweepStrandedSends } from '../campaigns/sweep.js';
import type { DatabaseHandle } from '../db/client.js';
import type { Queries } from '../db/queries/index.js';
import { createEmailDrafter, defineDraftEmailFlow, DRAFT_EMAIL_FLOW, type DraftEmailDeps } from '../flows/draft-email.js';
import { defineLaunchCampaignFlow, LAUNCH_CAMPAIGN_FLOW } from '../flows/launch-campaign.js';
import { createToneLearner, type LearnEmailTone } from '../flows/tone-habit.js';
import { workspaceMemory } from './workspace-memory.js';
import { createLeadPersonaGenerator, defineGenerateLeadPersonaFlow, GENERATE_LEAD_PERSONA_FLOW } from '../flows/lead-persona.js';
import { createJobRunner, type JobRunner } from '../jobs/runner.js';
import { withCallContext } from '../lib/call-context.js';
import { loggableText } from '../lib/loggable.js';
import type { Mailer } from '../mail/mailer.js';
import { resolveSender } from '../mail/sender.js';
import { LaunchCampaignInputSchema } from '../schemas/campaign.js';
import { DraftEmailInputSchema } from '../schemas/email.js';
import type { Sender, SenderProfile } from '../schemas/sender-profile.js';
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
  /** Seconds between sweeps of sends whose job died (also swept at start); default 60. */
  sweepIntervalSeconds?: number;
};

/** Leads, email drafting and campaigns, wired: their flows, the campaign runs and the job runner. */
export type Outreach = {
  flows: Record<string, FlowRoute>;
  jobs: JobRunner;
  runs: CampaignRuns;
  /** The email drafter the lead page, the approval samples and campaign sends share. */
  draft: ReturnType<typeof createEmailDrafter>;
  /** Remembers the tone a workspace keeps choosing (after a draft is accepted or a campaign approved). */
  learnEmailTone: LearnEmailTone;
  /** Who a workspace's email comes from now: its sender profile, or MAIL_FROM. */
  sender(args: { workspaceId: string }): Promise<Sender>;
  /** The saved profile (null without one) and the sender it makes, from one read of each. */
  senderSettings(args: { workspaceId: string }): Promise<{ profile: SenderProfile | null; sender: Sender }>;
  mail: MailSettings;
};

/** `localWorkspaceId`: local mode's one workspace, for flow calls that carry none (flows/flow-steps.ts Unscoped). */
export function wireOutreach(args: {
  ai: GenkitBeta;
  handle: DatabaseHandle;
  queries: Queries;
  localWorkspaceId?: string;
  mail: MailSettings;
  /** The daily persona sync's cron (UTC), or null for none. */
  personaSyncCron?: string | null;
}): Outreach {
  const { ai, queries: q, localWorkspaceId, mail } = args;
  // Read per use, so a change in Settings → Sender applies to the next draft and send.
  const senderSettings = async ({ workspaceId }: { workspaceId: string }) => {
    const [profile, companies] = await Promise.all([q.senderProfiles.get({ workspaceId }), q.companyProfiles.list({ workspaceId })]);
    const sender = resolveSender({ profile, server: { from: mail.from, signAsCompany: mail.signAsCompany ?? false }, companyName: companies[0]?.name ?? '' });
    return { profile, sender };
  };
  const sender = async (scope: { workspaceId: string }) => (await senderSettings(scope)).sender;
  const generateLeadPersona = createLeadPersonaGenerator(ai, { listCompanies: q.companyProfiles.list, getResearch: q.leadResearch.get });
  const draftDeps: DraftEmailDeps = {
    sender,
    getLead: q.leads.get,
    getResearch: q.leadResearch.get,
    getProduct: q.products.get,
    getCampaign: q.campaigns.settings,
    listCompanies: q.companyProfiles.list,
    stagesForPersona: q.buyingProcesses.stagesForPersona,
    ensurePersona: async ({ workspaceId, lead }) => {
      const persona = await generateLeadPersona({ workspaceId, lead });
      const ref = await q.leads.requestPersona({ workspaceId, id: lead.id });
      await q.leads.storePersona({ ...ref, persona });
      return persona;
    },
  };
  const draft = createEmailDrafter(ai, draftDeps);

  const jobs: JobRunner = createJobRunner({
    handle: args.handle,
    concurrency: mail.concurrency,
    heartbeatSeconds: mail.heartbeatSeconds,
    pendingPersonas: q.leads.pendingPersonasInAllWorkspaces,
    // Rows whose send job is dead (failed by the queue, or gone) are settled and their runs completed; nothing is resent.
    sweep: () => sweepStrandedSends({ emailLog: q.emailLogs, campaigns: q.campaigns, queue: CAMPAIGN_SEND_QUEUE, log: (m) => console.error(loggableText(m)) }),
    sweepIntervalSeconds: mail.sweepIntervalSeconds,
    persona: {
      getLead: q.leads.get,
      generate: (lead, ws) => withCallContext({ flow: 'leadPersonaJob', workspaceId: ws }, () => generateLeadPersona({ workspaceId: ws, lead })),
      storePersona: q.leads.storePersona,
      failPersona: q.leads.failPersona,
    },
    analytics: { analytics: q.personaAnalytics, syncCron: args.personaSyncCron ?? null },
    send: {
      leads: q.leads,
      campaigns: q.campaigns,
      emailLog: q.emailLogs,
      draft: (args) => withCallContext({ flow: 'campaignSend', workspaceId: args.workspaceId }, () => draft(args)),
      mailer: mail.mailer,
      publicUrl: mail.publicUrl,
      sender,
    },
  });

  const runs = createCampaignRuns({
    campaigns: q.campaigns,
    leads: q.leads,
    emailLog: q.emailLogs,
    draft,
    enqueueSends: (sends, round) => jobs.enqueueSends(sends, round),
    transport: mail.mailer.mode,
    sender,
    audit: q.audit,
  });

  const learnEmailTone = createToneLearner({ memory: workspaceMemory(q.memory), recentTones: q.toneChoices.recent });

  const LeadIdInput = z.object({ leadId: z.string().uuid('leadId must be a lead id') }).strict();
  return {
    jobs,
    runs,
    draft,
    learnEmailTone,
    sender,
    senderSettings,
    mail,
    flows: {
      [DRAFT_EMAIL_FLOW]: { flow: defineDraftEmailFlow(ai, { ...draftDeps, localWorkspaceId }), inputSchema: DraftEmailInputSchema },
      [LAUNCH_CAMPAIGN_FLOW]: { flow: defineLaunchCampaignFlow(ai, { localWorkspaceId, runs, learnEmailTone }), inputSchema: LaunchCampaignInputSchema },
      [GENERATE_LEAD_PERSONA_FLOW]: {
        flow: defineGenerateLeadPersonaFlow(ai, {
          localWorkspaceId,
          listCompanies: q.companyProfiles.list,
          getResearch: q.leadResearch.get,
          getLead: q.leads.get,
          requestPersona: q.leads.requestPersona,
          storePersona: q.leads.storePersona,
        }),
        inputSchema: LeadIdInput,
      },
    },
  };
}
