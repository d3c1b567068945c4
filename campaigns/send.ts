import { AppError } from '../lib/errors.js';
import { loggableMessage } from '../lib/loggable.js';
import { resolveMergeFields } from '../lib/merge-fields.js';
import { composeEmail } from '../mail/compose.js';
import { classifySendError, type Mailer } from '../mail/mailer.js';
import type { CampaignSettings, LeadResult } from '../schemas/campaign.js';
import type { DraftEmailInput, EmailDraft, EmailStatus } from '../schemas/email.js';
import type { Lead } from '../schemas/lead.js';
import type { Sender } from '../schemas/sender-profile.js';
import { RetryLater } from '../lib/retry-later.js';
import { acceptedDraftForStep, stepDraftInput } from './step-draft.js';
import type { CampaignStore, EmailLogStore, LeadStore, OutgoingMessage, SendKey } from './ports.js';

export const CAMPAIGN_SEND_QUEUE = 'campaign-send';

/** One email of a campaign run: a step to a lead. */
export type CampaignSendJob = SendKey & { workspaceId: string; runId: string };

export type CampaignSendDeps = {
  leads: Pick<LeadStore, 'get' | 'acceptedDraftFor'>;
  campaigns: Pick<CampaignStore, 'settings' | 'countSent' | 'completeRunIfDone'>;
  emailLog: EmailLogStore;
  /** `known`: the lead, campaign and sender this send already read, so the drafter does not read them again; `runId`: whose cost the draft is. */
  draft(args: {
    workspaceId: string;
    input: DraftEmailInput;
    known?: { lead: Lead; campaign: CampaignSettings; sender: Sender };
    runId?: string;
  }): Promise<EmailDraft>;
  mailer: Mailer;
  publicUrl: string;
  /** Who the workspace's email comes from (its sender profile, or the server's MAIL_FROM). */
  sender(args: { workspaceId: string }): Promise<Sender>;
  sleep?: (ms: number) => Promise<void>;
};

/** Why a send that was with the mail server when its process died is `interrupted`. */
export const INTERRUPTED =
  'The server stopped while this email was being handed to the mail server, so it may have been delivered. It was not sent again automatically; retry it if it did not arrive.';

const result = (job: CampaignSendJob, lead: Pick<Lead, 'name' | 'email'> | null, status: EmailStatus, error: string | null, retryable = false): LeadResult => ({
  success: status === 'sent' || status === 'outbox',
  leadId: job.leadId,
  name: lead?.name ?? '',
  email: lead?.email ?? '',
  status,
  error,
  retryable,
});

/**
 * Drafts and sends one campaign step to one lead, at most once. The email log row for
 * campaign × step × lead is looked up first; only a `pending` row can be claimed, and the claim
 * is one guarded statement, so a retried job, a second worker or a restarted server that reaches
 * the same lead finds the row taken or final and sends nothing.
 */
export async function runCampaignSend(job: CampaignSendJob, attempt: { final: boolean }, deps: CampaignSendDeps): Promise<LeadResult> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  let lead: Lead;
  try {
    lead = await deps.leads.get({ workspaceId: job.workspaceId, id: job.leadId });
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return result(job, null, 'skipped', 'The lead was deleted.');
    throw err;
  }
  const { workspaceId } = job;
  const sender = await deps.sender({ workspaceId });
  const log = await deps.emailLog.open({ ...job, to: lead.email, from: sender.from });
  const row = { workspaceId, id: log.id };
  const done = async (r: LeadResult) => {
    await deps.campaigns.completeRunIfDone({ workspaceId, runId: job.runId });
    return r;
  };
  switch (log.status) {
    case 'sent':
    case 'outbox':
      return done(result(job, lead, log.status, null));
    case 'sending':
      // A previous attempt claimed this send and never recorded the outcome: it died mid-send.
      await deps.emailLog.markInterrupted({ ...row, reason: INTERRUPTED });
      return done(result(job, lead, 'interrupted', INTERRUPTED, true));
    case 'failed':
    case 'skipped':
    case 'interrupted':
      return done(result(job, lead, log.status, log.error, log.retryable));
    case 'pending':
      break;
  }

  const skip = async (reason: string) => {
    await deps.emailLog.markSkipped({ ...row, reason });
    return done(result(job, lead, 'skipped', reason));
  };
  const fail = async (error: string, retryable: boolean) => {
    await deps.emailLog.markFailed({ ...row, error, retryable, final: true });
    return done(result(job, lead, 'failed', error, retryable));
  };
  if (!lead.email) return skip('No email address.');
  if (await deps.emailLog.isSuppressed({ workspaceId, email: lead.email })) return skip('Unsubscribed: on the suppression list.');
  if (await deps.emailLog.sentToAddress({ workspaceId, campaignId: job.campaignId, stepId: job.stepId, email: lead.email, exceptId: log.id })) {
    return skip('This address already received this step (under a lead that was since deleted or changed).');
  }

  const campaign = await deps.campaigns.settings({ workspaceId, id: job.campaignId });
  const step = campaign.steps.find((s) => s.id === job.stepId);
  if (!step) return skip('The campaign step was removed.');

  let subject: string;
  let body: string;
  try {
    const accepted = await acceptedDraftForStep(deps.leads, workspaceId, campaign, step, lead.id);
    if (accepted) {
      const values = {
        name: lead.name,
        position: lead.position,
        websiteUrl: lead.websiteUrl,
        linkedinUrl: lead.linkedinUrl,
        senderName: sender.signOff,
        senderCompany: sender.company,
      };
      const s = resolveMergeFields(accepted.subject, values);
      const b = resolveMergeFields(accepted.body, values);
      if (s.unresolved.length || b.unresolved.length)
        return fail(`The accepted draft still has ${[...s.unresolved, ...b.unresolved].join(', ')}: edit it on the lead page.`, true);
      subject = s.text;
      body = b.text;
    } else {
      const input = stepDraftInput(campaign, step, lead.id);
      const known = { lead, campaign, sender };
      let draft = await deps.draft({ workspaceId, input, known, runId: job.runId });
      // A draft that claims things about the lead its data does not back is redrafted once, then refused.
      if (draft.personalDetails.some((d) => !d.grounded)) draft = await deps.draft({ workspaceId, input, known, runId: job.runId });
      const ungrounded = draft.personalDetails.filter((d) => !d.grounded).map((d) => `"${d.claim}"`);
      if (ungrounded.length)
        return fail(`The draft said things about the lead that its record and persona do not back (${ungrounded.join('; ')}), so it was not sent.`, true);
      if (draft.unresolvedFields.length)
        return fail(`The draft still has ${draft.unresolvedFields.join(', ')}: fix the campaign text or accept a draft for this lead.`, true);
      subject = draft.subject;
      body = draft.body;
    }
  } catch (err) {
    // Stored on the send and shown to a person: masked, and no SQL parameters (lib/loggable.ts).
    const message = loggableMessage(err);
    const keyMissing = err instanceof AppError && (err.details as { reason?: string } | undefined)?.reason === 'api_key_missing';
    if (keyMissing || attempt.final) return fail(`Drafting failed: ${message}`, true);
    await deps.emailLog.markFailed({ ...row, error: `Drafting failed, retrying: ${message}`, retryable: true, final: false });
    throw new RetryLater(message);
  }

  const email = composeEmail({
    to: lead.email,
    from: sender.from,
    replyTo: sender.replyTo,
    signature: sender.signature,
    company: sender.company,
    postalAddress: sender.postalAddress,
    subject,
    body,
    publicUrl: deps.publicUrl,
    unsubscribeToken: log.unsubscribeToken,
    logId: log.id,
  });
  const message: OutgoingMessage = { to: email.to, subject: email.subject, body: email.body, headers: email.headers };
  const outbox = deps.mailer.mode === 'outbox' ? await deps.mailer.render(email) : null;
  for (;;) {
    const claim = await deps.emailLog.claim({
      ...row,
      campaignId: campaign.id,
      capPerMinute: campaign.sendCapPerMinute,
      message,
      ...(outbox ? { outbox: { raw: outbox.raw, messageId: outbox.providerMessageId } } : {}),
    });
    if (claim === 'taken') return result(job, lead, 'sending', null);
    if (claim === 'claimed') break;
    await sleep((await deps.emailLog.capWaitSeconds({ workspaceId, campaignId: campaign.id })) * 1000);
  }
  if (outbox) {
    await deps.campaigns.countSent({ workspaceId, campaignId: campaign.id });
    return done(result(job, lead, 'outbox', null));
  }
  try {
    const sent = await (deps.mailer as Extract<Mailer, { mode: 'smtp' }>).send(email);
    await deps.emailLog.markSent({ ...row, providerMessageId: sent.providerMessageId, raw: null });
    await deps.campaigns.countSent({ workspaceId, campaignId: campaign.id });
    return done(result(job, lead, 'sent', null));
  } catch (err) {
    const failure = classifySendError(err);
    if (failure.outcomeUnknown) {
      await deps.emailLog.markInterrupted({ ...row, reason: failure.message });
      return done(result(job, lead, 'interrupted', failure.message, true));
    }
    if (failure.retryable && !attempt.final) {
      await deps.emailLog.markFailed({ ...row, error: `${failure.message} (retrying)`, retryable: true, final: false });
      throw new RetryLater(failure.message);
    }
    return fail(failure.message, true);
  }
}
