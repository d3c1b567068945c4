import { resolveMergeFields } from '../lib/merge-fields.js';
import type { Campaign, Preflight, SequenceStep } from '../schemas/campaign.js';
import type { Lead } from '../schemas/lead.js';
import type { EmailLogRecord } from './ports.js';

// The check a person sees before "Run now": who gets the step, who does not and why, and how
// long the sends take at the campaign's cap. The run sends to exactly the leads it lists.

/** What the pre-flight reads of an email log row. */
export type StepLog = Pick<EmailLogRecord, 'leadId' | 'stepId' | 'status' | 'sentAt'> & Partial<Pick<EmailLogRecord, 'toEmail'>>;

const DAY_MS = 86_400_000;

export function computePreflight(args: {
  campaign: Campaign;
  step: SequenceStep;
  leads: Lead[];
  /** Email log rows of this campaign for this step and the one before it. */
  logs: StepLog[];
  transport: 'smtp' | 'outbox';
  senderName: string;
  /** The company profile's name ({{senderCompany}}); empty when there is none. */
  senderCompany: string;
  now?: Date;
}): Omit<Preflight, 'sender'> & { sendableLeadIds: string[]; reopenLeadIds: string[] } {
  const { campaign, step, leads, logs, transport } = args;
  const now = args.now ?? new Date();
  const previous = campaign.steps.find((s) => s.position === step.position - 1) ?? null;
  const problems: Preflight['problems'] = [];
  const sendable: string[] = [];
  const reopen: string[] = [];
  const templates = [campaign.promptContext.goal, campaign.promptContext.callToAction, step.promptConfig.instructions].join('\n');

  for (const lead of leads) {
    const problem = (code: Preflight['problems'][number]['code'], reason: string) =>
      problems.push({ leadId: lead.id, name: lead.name, email: lead.email, code, reason });
    const log = logs.find((l) => l.leadId === lead.id && l.stepId === step.id);
    if (!lead.email) {
      problem('no_email', 'No email address: add one on the lead.');
      continue;
    }
    if (lead.suppressed) {
      problem('suppressed', 'Unsubscribed (on the suppression list): never emailed again.');
      continue;
    }
    if (log && (log.status === 'sent' || log.status === 'outbox')) {
      problem('already_sent', `Already received "${step.name}".`);
      continue;
    }
    if (log && (log.status === 'pending' || log.status === 'sending')) {
      problem('already_sent', `"${step.name}" is being sent to them by a run in progress.`);
      continue;
    }
    const toAddress = logs.find(
      (l) => l.stepId === step.id && l.leadId !== lead.id && l.toEmail === lead.email && ['sending', 'sent', 'outbox', 'interrupted'].includes(l.status),
    );
    if (!log && toAddress) {
      problem('already_sent', `This address already received "${step.name}" (under a lead since deleted or changed).`);
      continue;
    }
    if (log?.status === 'interrupted') {
      problem('already_sent', 'The last attempt was cut off and may have been delivered: retry it from that run if it did not arrive.');
      continue;
    }
    if (previous) {
      const before = logs.find((l) => l.leadId === lead.id && l.stepId === previous.id && (l.status === 'sent' || l.status === 'outbox'));
      if (!before?.sentAt) {
        problem('too_early', `Has not received "${previous.name}" yet.`);
        continue;
      }
      const due = new Date(before.sentAt.getTime() + step.delayDays * DAY_MS);
      if (due > now) {
        problem('too_early', `Due on ${due.toISOString().slice(0, 10)} (${step.delayDays} days after "${previous.name}").`);
        continue;
      }
    }
    const { unresolved } = resolveMergeFields(templates, {
      name: lead.name,
      position: lead.position,
      websiteUrl: lead.websiteUrl,
      linkedinUrl: lead.linkedinUrl,
      senderName: args.senderName,
      senderCompany: args.senderCompany,
    });
    if (unresolved.length) {
      problem('unresolved_fields', `The campaign text uses ${unresolved.join(', ')}, which this lead has no value for.`);
      continue;
    }
    if (log && (log.status === 'failed' || log.status === 'skipped')) reopen.push(lead.id);
    sendable.push(lead.id);
  }
  const cap = campaign.sendCapPerMinute;
  return {
    campaignId: campaign.id,
    stepId: step.id,
    stepName: step.name,
    leads: leads.length,
    sendable: sendable.length,
    problems,
    sendCapPerMinute: cap,
    projectedMinutes: Math.ceil((sendable.length / cap) * 10) / 10,
    needsApproval: campaign.approvedAt === null,
    transport,
    personasMissing: leads.filter((l) => sendable.includes(l.id) && !l.persona).length,
    sendableLeadIds: sendable,
    reopenLeadIds: reopen,
  };
}

/**
 * The step "Run now" sends when none is named: the first one with someone to send to; else the
 * first one still waiting for someone (not due yet); else the first step.
 */
export function chooseStep(campaign: Campaign, check: (step: SequenceStep) => Pick<Preflight, 'sendable' | 'problems'>): SequenceStep {
  const checks = campaign.steps.map((step) => ({ step, preflight: check(step) }));
  return (
    checks.find((c) => c.preflight.sendable > 0)?.step ??
    checks.find((c) => c.preflight.problems.some((p) => p.code === 'too_early'))?.step ??
    campaign.steps[0]!
  );
}
