import type { CampaignRun, LeadResult } from '../schemas/campaign.js';
import type { EmailStatus } from '../schemas/email.js';
import type { CampaignRunRecord } from './ports.js';

// A run as a person reads it: progress, "Sent 47/50", and one result per lead.

export type RunLog = { leadId: string | null; status: EmailStatus; error: string | null; retryable: boolean; toEmail: string };

export function runView(run: CampaignRunRecord, stepName: string, leads: Array<{ id: string; name: string; email: string }>, logs: RunLog[]): CampaignRun {
  const leadIds = run.leadIds;
  const byLead = new Map(logs.map((l) => [l.leadId, l]));
  const results: LeadResult[] = leadIds.map((leadId) => {
    const lead = leads.find((l) => l.id === leadId);
    const log = byLead.get(leadId);
    const status = log?.status ?? 'pending';
    return {
      success: status === 'sent' || status === 'outbox',
      leadId,
      name: lead?.name ?? '(deleted lead)',
      email: log?.toEmail || lead?.email || '',
      status,
      error: log?.error ?? null,
      retryable: (status === 'failed' || status === 'interrupted') && Boolean(log?.retryable),
    };
  });
  const sent = results.filter((r) => r.success).length;
  const failed = results.filter((r) => ['failed', 'skipped', 'interrupted'].includes(r.status)).length;
  const pending = results.length - sent - failed;
  const summary =
    run.status === 'awaiting_approval'
      ? `Waiting for approval to send to ${run.total}`
      : run.status === 'rejected'
        ? 'Rejected: nothing was sent'
        : // Outbox mode stores each email and sends nothing: say so, never "Sent".
          run.transport === 'outbox'
          ? `Stored ${sent}/${run.total} in the outbox — not sent`
          : `Sent ${sent}/${run.total}`;
  return {
    id: run.id,
    campaignId: run.campaignId,
    stepId: run.stepId,
    stepName,
    status: run.status,
    total: run.total,
    sent,
    failed,
    pending,
    summary,
    sendCapPerMinute: run.sendCapPerMinute,
    transport: run.transport,
    approval:
      run.approvedBy && run.approvedAt
        ? {
            approvedBy: run.approvedBy,
            approvedAt: run.approvedAt.toISOString(),
            note: run.approvalNote ?? '',
            sampleLeadIds: run.samples.map((s) => s.leadId),
          }
        : null,
    samples: run.samples,
    results,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
