import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../lib/errors.js';
import { leadMergeValues, unresolvedInDraft } from '../lib/merge-fields.js';
import { senderWarnings } from '../mail/sender.js';
import type { Approval, Campaign, CampaignRun, LaunchCampaignOutput, Preflight, RecordedApproval, RetryOutcome, SequenceStep } from '../schemas/campaign.js';
import type { AuditLog } from '../lib/audit.js';
import type { Actor } from '../lib/scope.js';
import type { DraftEmailInput, EmailDraft } from '../schemas/email.js';
import type { Sender } from '../schemas/sender-profile.js';
import { chooseStep, computePreflight } from './preflight.js';
import type { CampaignRunRecord, CampaignStore, EmailLogStore, LeadStore } from './ports.js';
import { runView } from './run-view.js';
import { acceptedDraftForStep, stepDraftInput } from './step-draft.js';
import type { CampaignSendJob } from './send.js';

// Campaign runs: the pre-flight, "Run now" (samples, approval, then the sends as durable jobs),
// retries, and the run as a person reads it. The launchCampaign flow and the campaign routes
// parse their input and call these; the sends themselves are campaigns/send.ts, one job each.

const SAMPLE_COUNT = 3;

type Scoped = { workspaceId: string };

/** What a person is asked to approve before a campaign's first send. */
export type ApprovalRequest = {
  runId: string;
  campaign: string;
  step: string;
  recipients: number;
  samples: Array<{ to: string; subject: string; body: string }>;
};

export type CampaignRunsDeps = {
  campaigns: CampaignStore;
  leads: LeadStore;
  emailLog: EmailLogStore;
  draft(args: { workspaceId: string; input: DraftEmailInput }): Promise<EmailDraft>;
  /** Queues sends; `round` gives a lead whose earlier send job is spent a fresh job id. */
  enqueueSends(jobs: CampaignSendJob[], round: (job: CampaignSendJob) => number): Promise<void>;
  transport: 'smtp' | 'outbox';
  /** Who the workspace's email comes from (its sender profile, or the server's MAIL_FROM). */
  sender(args: Scoped): Promise<Sender>;
  /** Approvals, rejections and sends started are recorded with who did them. */
  audit: AuditLog;
};

export type CampaignRuns = ReturnType<typeof createCampaignRuns>;

const sends = (n: number, kind: string) => `${n} ${kind} send${n === 1 ? '' : 's'}`;

/** Why interrupted sends were not queued again by a retry that did not name them. */
const leftNote = (interrupted: number, named: boolean) =>
  interrupted === 0
    ? ''
    : named
      ? ` ${sends(interrupted, 'other interrupted')} ${interrupted === 1 ? 'was' : 'were'} left as ${interrupted === 1 ? 'it is' : 'they are'}.`
      : ` ${sends(interrupted, 'interrupted')} ${interrupted === 1 ? 'was' : 'were'} left alone: ${interrupted === 1 ? 'it' : 'they'} may already have arrived (the server stopped mid-send), so ${interrupted === 1 ? 'it is' : 'they are'} sent again only when you ask for ${interrupted === 1 ? 'it' : 'them'} by name.`;

const nothingToSend = (p: Preflight) =>
  new AppError(
    'invalid',
    p.leads === 0
      ? 'This campaign has no leads yet: add leads, then run it.'
      : `Nothing to send for "${p.stepName}": none of the ${p.leads} leads can receive it (see the pre-flight problems).`,
    { reason: 'nothing_to_send', problems: p.problems },
  );

export function createCampaignRuns(deps: CampaignRunsDeps) {
  /** The pre-flight for a campaign and step (the first step with someone to send to when none is named). */
  async function preflight({ workspaceId, campaignId, stepId }: Scoped & { campaignId: string; stepId: string | null }) {
    const campaign = await deps.campaigns.get({ workspaceId, id: campaignId });
    const [leads, logs, sender] = await Promise.all([
      deps.leads.getMany({ workspaceId, ids: campaign.leadIds }),
      deps.emailLog.forSteps({ workspaceId, campaignId, stepIds: campaign.steps.map((s) => s.id) }),
      deps.sender({ workspaceId }),
    ]);
    const senderCheck = { from: sender.from, replyTo: sender.replyTo, source: sender.source, warnings: senderWarnings(sender, deps.transport) };
    const check = (step: SequenceStep) => ({
      ...computePreflight({ campaign, step, leads, logs, transport: deps.transport, senderName: sender.signOff, senderCompany: sender.company }),
      sender: senderCheck,
    });
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

  /** A run as a person reads it; `campaign` saves loading it again when the caller has it. */
  async function view({ workspaceId, run, campaign: known }: Scoped & { run: CampaignRunRecord; campaign?: Campaign }): Promise<CampaignRun> {
    const [campaign, leads, logs] = await Promise.all([
      known ?? deps.campaigns.get({ workspaceId, id: run.campaignId }),
      deps.leads.getMany({ workspaceId, ids: run.leadIds }),
      deps.emailLog.forStep({ workspaceId, campaignId: run.campaignId, stepId: run.stepId }),
    ]);
    const stepName = campaign.steps.find((s) => s.id === run.stepId)?.name ?? '(removed step)';
    const inRun = new Set(run.leadIds);
    return runView(
      run,
      stepName,
      leads,
      logs.filter((l) => l.leadId && inRun.has(l.leadId)),
    );
  }

  /**
   * Opens the run's email log rows and queues its sends. The rows exist from the start: the
   * pre-flight shows these leads as in progress at once, so a second "Run now" (a double click)
   * finds nothing left to send.
   */
  async function startSends(workspaceId: string, run: CampaignRunRecord, reopenLeadIds: string[]) {
    const reopened = await deps.emailLog.reopen({ workspaceId, campaignId: run.campaignId, stepId: run.stepId, leadIds: reopenLeadIds, force: true });
    const rounds = new Map(reopened.map((r) => [r.leadId, r.attempts]));
    const [leads, sender] = await Promise.all([deps.leads.getMany({ workspaceId, ids: run.leadIds }), deps.sender({ workspaceId })]);
    await deps.emailLog.openMany({
      workspaceId,
      campaignId: run.campaignId,
      stepId: run.stepId,
      runId: run.id,
      from: sender.from,
      leads: leads.map((l) => ({ leadId: l.id, to: l.email })),
    });
    await deps.enqueueSends(
      run.leadIds.map((leadId) => ({ workspaceId, campaignId: run.campaignId, stepId: run.stepId, leadId, runId: run.id })),
      (job) => rounds.get(job.leadId) ?? 0,
    );
  }

  /** The approval of the campaign's first approved run, carried by every later run. */
  async function earlierApproval(workspaceId: string, campaignId: string): Promise<(RecordedApproval & { at: Date }) | null> {
    const runs = await deps.campaigns.listRuns({ workspaceId, campaignId });
    const approved = runs.filter((r) => r.approvedBy && r.status !== 'rejected' && r.status !== 'awaiting_approval').at(-1);
    if (!approved) return null;
    const day = approved.approvedAt!.toISOString().slice(0, 10);
    return {
      approved: true,
      approvedBy: approved.approvedBy!,
      note: `First approved on ${day}${approved.approvalNote ? `: ${approved.approvalNote}` : ''}`,
      at: approved.approvedAt!,
    };
  }

  async function samplesFor(workspaceId: string, campaign: Campaign, step: SequenceStep, leadIds: string[]): Promise<EmailDraft[]> {
    const leads = await deps.leads.getMany({ workspaceId, ids: leadIds.slice(0, SAMPLE_COUNT) });
    return Promise.all(
      leads.map(async (lead) => {
        const accepted = await acceptedDraftForStep(deps.leads, workspaceId, campaign, step, lead.id);
        if (accepted) {
          return {
            leadId: lead.id,
            tone: accepted.tone,
            subject: accepted.subject,
            body: accepted.body,
            personalDetails: [],
            unresolvedFields: [],
            warnings: ['A draft you accepted for this lead.'],
            stage: null,
          };
        }
        return deps.draft({ workspaceId, input: stepDraftInput(campaign, step, lead.id) });
      }),
    );
  }

  return {
    preflight,
    view,

    async get({ workspaceId, campaignId, runId }: Scoped & { campaignId: string; runId: string }): Promise<CampaignRun> {
      return view({ workspaceId, run: await deps.campaigns.getRun({ workspaceId, campaignId, runId }) });
    },

    async list({ workspaceId, campaignId }: Scoped & { campaignId: string }): Promise<CampaignRun[]> {
      const campaign = await deps.campaigns.get({ workspaceId, id: campaignId });
      const runs = await deps.campaigns.listRuns({ workspaceId, campaignId });
      return Promise.all(runs.map((run) => view({ workspaceId, run, campaign })));
    },

    /**
     * "Run now". A campaign's first run drafts sample emails and waits for a person: `askApproval`
     * raises the approval request (the flow's Genkit interrupt) and returns what the run keeps to
     * resume from. Later runs carry the first approval and start sending at once.
     */
    async start({
      workspaceId,
      campaignId,
      stepId,
      askApproval,
      actor,
      traceStep = (_name, fn) => fn(),
    }: Scoped & {
      campaignId: string;
      stepId: string | null;
      /** Who pressed Run now. */
      actor: Actor;
      askApproval(request: ApprovalRequest): Promise<Record<string, unknown>>;
      /** Runs a part of the start as a named step of the caller's trace (the flow's, in the Dev UI). */
      traceStep?: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
    }): Promise<LaunchCampaignOutput> {
      const { campaign, step, preflight: check } = await preflight({ workspaceId, campaignId, stepId });
      if (check.sendable === 0) throw nothingToSend(check);
      const base = {
        workspaceId,
        campaignId: campaign.id,
        stepId: step.id,
        leadIds: check.sendableLeadIds,
        sendCapPerMinute: campaign.sendCapPerMinute,
        transport: deps.transport,
      };

      const approval = campaign.approvedAt ? await earlierApproval(workspaceId, campaign.id) : null;
      if (approval) {
        const run = await deps.campaigns.createRun({ ...base, status: 'running', samples: [], approval });
        await startSends(workspaceId, run, check.reopenLeadIds);
        await deps.audit.record({
          workspaceId,
          actor,
          entry: {
            action: 'campaign.sends_started',
            subjectType: 'campaign_run',
            subjectId: run.id,
            summary: `Ran “${campaign.name}” (${step.name}): ${run.leadIds.length} email${run.leadIds.length === 1 ? '' : 's'} queued, under the approval of ${approval.approvedBy}`,
            details: { campaignId: campaign.id, stepId: step.id, recipients: run.leadIds.length },
          },
        });
        return { status: 'started', run: await view({ workspaceId, run }), interrupt: null };
      }

      const samples = await traceStep('draft-samples', () => samplesFor(workspaceId, campaign, step, check.sendableLeadIds));
      const sampleLeads = await deps.leads.getMany({ workspaceId, ids: samples.map((s) => s.leadId) });
      const runId = randomUUID();
      const interrupt = await askApproval({
        runId,
        campaign: campaign.name,
        step: step.name,
        recipients: check.sendable,
        samples: samples.map((s) => ({ to: sampleLeads.find((l) => l.id === s.leadId)?.email ?? '', subject: s.subject, body: s.body })),
      });
      const run = await deps.campaigns.createRun({ ...base, id: runId, status: 'awaiting_approval', samples, interrupt });
      return { status: 'awaiting_approval', run: await view({ workspaceId, run }), interrupt };
    },

    /**
     * A person's answer to a run waiting for approval. `checkAnswer` validates it against what the
     * run waits on (the interrupt's output schema); leads that unsubscribed or were removed while
     * the samples were read are left out.
     */
    async decide({
      workspaceId,
      campaignId,
      runId,
      approval,
      actor,
      checkAnswer,
    }: Scoped & {
      campaignId: string;
      runId: string;
      approval: Approval;
      /** Who decides: recorded on the run as the approver. */
      actor: Actor;
      checkAnswer(interrupt: Record<string, unknown>): void;
    }): Promise<LaunchCampaignOutput> {
      const pending = await deps.campaigns.getRun({ workspaceId, campaignId, runId });
      if (pending.status !== 'awaiting_approval' || !pending.interrupt) {
        throw new AppError('conflict', 'This run is no longer waiting for approval (it was already approved or rejected). Reload to see it.');
      }
      checkAnswer(pending.interrupt);
      const { preflight: check } = await preflight({ workspaceId, campaignId, stepId: pending.stepId });
      const leadIds = approval.approved ? check.sendableLeadIds : [];
      if (approval.approved && leadIds.length === 0) throw nothingToSend(check);
      const run = await deps.campaigns.decideRun({ workspaceId, runId: pending.id, approval: { ...approval, approvedBy: actor.name }, leadIds });
      if (approval.approved) await startSends(workspaceId, run, check.reopenLeadIds);
      const campaign = await deps.campaigns.get({ workspaceId, id: campaignId });
      await deps.audit.record({
        workspaceId,
        actor,
        entry: approval.approved
          ? {
              action: 'campaign.approved',
              subjectType: 'campaign_run',
              subjectId: run.id,
              summary: `Approved the samples of “${campaign.name}”: ${leadIds.length} email${leadIds.length === 1 ? '' : 's'} queued${approval.note ? ` (“${approval.note}”)` : ''}`,
              details: { campaignId, recipients: leadIds.length },
            }
          : {
              action: 'campaign.rejected',
              subjectType: 'campaign_run',
              subjectId: run.id,
              summary: `Rejected the samples of “${campaign.name}”${approval.note ? `: “${approval.note}”` : ''}`,
              details: { campaignId },
            },
      });
      return { status: approval.approved ? 'started' : 'rejected', run: await view({ workspaceId, run }), interrupt: null };
    },

    /**
     * "Retry failed": without `leadIds`, the run's retryable FAILED sends are queued again. An
     * interrupted send (the process died while handing it to the mail server) may already have
     * arrived, so it is queued again only when a person names it in `leadIds` ("Send again").
     */
    /**
     * A person fixes one sample before approving: the approval view shows the fix, and the send to
     * that lead uses it. Only while the run waits for approval; a placeholder the lead cannot fill
     * is refused, as anywhere a draft is accepted.
     */
    async editSample({
      workspaceId,
      campaignId,
      runId,
      leadId,
      subject,
      body,
      actor,
    }: Scoped & { campaignId: string; runId: string; leadId: string; subject: string; body: string; actor: Actor }): Promise<CampaignRun> {
      const pending = await deps.campaigns.getRun({ workspaceId, campaignId, runId });
      if (pending.status !== 'awaiting_approval')
        throw new AppError('conflict', 'This run is no longer waiting for approval, so its samples cannot change. Reload to see it.');
      const sample = pending.samples.find((s) => s.leadId === leadId);
      if (!sample) throw notFound('Sample of this run');
      const lead = await deps.leads.get({ workspaceId, id: leadId });
      const sender = await deps.sender({ workspaceId });
      const unresolved = unresolvedInDraft({ subject, body }, leadMergeValues(lead, sender.company));
      if (unresolved.length)
        throw new AppError('invalid', `Replace ${[...new Set(unresolved.map((u) => u.field))].join(', ')}: unresolved merge fields block sending.`, {
          fields: unresolved.map((u) => ({ path: u.path, message: `Unresolved merge field ${u.field}` })),
        });
      const revised: EmailDraft = {
        ...sample,
        subject,
        body,
        // The drafter's claims described its own words; the person's are their own.
        personalDetails: [],
        unresolvedFields: [],
        warnings: ['Edited by you before approval: this is the email this lead gets.'],
      };
      const run = await deps.campaigns.reviseRunSample({ workspaceId, runId, campaignId, stepId: pending.stepId, sample: revised });
      await deps.audit.record({
        workspaceId,
        actor,
        entry: {
          action: 'campaign.sample_edited',
          subjectType: 'campaign_run',
          subjectId: runId,
          summary: `Edited the sample to ${lead.email} before approval`,
          details: { campaignId, leadId },
        },
      });
      return view({ workspaceId, run });
    },

    async retry({ workspaceId, campaignId, runId, leadIds }: Scoped & { campaignId: string; runId: string; leadIds?: string[] }): Promise<RetryOutcome> {
      const run = await deps.campaigns.getRun({ workspaceId, campaignId, runId });
      if (run.status === 'awaiting_approval' || run.status === 'rejected') throw new AppError('conflict', 'This run has not sent anything to retry.');
      const named = Boolean(leadIds?.length);
      const wanted = named ? leadIds!.filter((l) => run.leadIds.includes(l)) : run.leadIds;
      const scope = { workspaceId, campaignId: run.campaignId, stepId: run.stepId, leadIds: wanted };
      // One statement per status, so the counts say exactly what was queued again.
      const failed = await deps.emailLog.reopen({ ...scope, statuses: ['failed'] });
      const interrupted = named ? await deps.emailLog.reopen({ ...scope, statuses: ['interrupted'] }) : [];
      const reopened = [...failed, ...interrupted];
      const queued = new Set(reopened.map((r) => r.leadId));
      const inRun = new Set(run.leadIds);
      const logs = (await deps.emailLog.forStep({ workspaceId, campaignId: run.campaignId, stepId: run.stepId })).filter(
        (l) => l.leadId && inRun.has(l.leadId) && !queued.has(l.leadId) && (l.status === 'failed' || l.status === 'interrupted'),
      );
      const left = {
        failed: logs.filter((l) => l.status === 'failed').length,
        interrupted: logs.filter((l) => l.status === 'interrupted').length,
        leadIds: logs.map((l) => l.leadId!),
      };
      if (reopened.length === 0) {
        throw new AppError('conflict', `Nothing to retry: no failed sends that can be retried in this run.${leftNote(left.interrupted, named)}`, {
          reason: 'nothing_to_retry',
          left,
        });
      }
      await deps.campaigns.reopenRun({ workspaceId, runId: run.id });
      const rounds = new Map(reopened.map((r) => [r.leadId, r.attempts]));
      await deps.enqueueSends(
        reopened.map((r) => ({ workspaceId, campaignId: run.campaignId, stepId: run.stepId, leadId: r.leadId, runId: run.id })),
        (job) => rounds.get(job.leadId) ?? 1,
      );
      const did = [
        failed.length ? `Retrying ${sends(failed.length, 'failed')}` : '',
        interrupted.length ? `${failed.length ? 'sending' : 'Sending'} ${sends(interrupted.length, 'interrupted')} again` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      const otherFailed = left.failed
        ? ` ${sends(left.failed, 'other failed')} not named ${left.failed === 1 ? 'was' : 'were'} left as ${left.failed === 1 ? 'it is' : 'they are'}.`
        : '';
      return {
        run: await view({ workspaceId, run: await deps.campaigns.getRun({ workspaceId, campaignId, runId }) }),
        retried: { failed: failed.length, interrupted: interrupted.length, leadIds: reopened.map((r) => r.leadId) },
        left,
        message: `${did}.${otherFailed}${leftNote(left.interrupted, named)}`,
      };
    },
  };
}
