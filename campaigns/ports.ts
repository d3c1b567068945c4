// What campaign runs need from storage, declared here and implemented by db/queries (campaigns,
// email-logs, leads), so the campaign logic never imports the database layer. Every call names
// its workspace.
import type { Campaign, CampaignSettings, RecordedApproval } from '../schemas/campaign.js';
import type { CompanyProfile } from '../schemas/company.js';
import type { AcceptedDraft, EmailDraft, EmailStatus } from '../schemas/email.js';
import type { Lead } from '../schemas/lead.js';

type Scoped = { workspaceId: string };
type RowRef = Scoped & { id: string };

/** One "Run now": a step sent to a campaign's leads, with the approval that let it start. */
export type CampaignRunRecord = {
  id: string;
  workspaceId: string;
  campaignId: string;
  stepId: string;
  status: 'awaiting_approval' | 'running' | 'completed' | 'rejected';
  total: number;
  leadIds: string[];
  sendCapPerMinute: number;
  transport: 'smtp' | 'outbox';
  samples: EmailDraft[];
  /** The Genkit interrupt the run waits on for approval (its tool request and metadata). */
  interrupt: Record<string, unknown> | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  approvalNote: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

/** The email log row's key: at most one row, so at most one email, per campaign × step × lead. */
export type SendKey = { campaignId: string; stepId: string; leadId: string };

export type EmailLogRecord = {
  id: string;
  workspaceId: string;
  runId: string | null;
  leadId: string | null;
  campaignId: string | null;
  stepId: string | null;
  toEmail: string;
  fromEmail: string;
  status: EmailStatus;
  error: string | null;
  retryable: boolean;
  attempts: number;
  unsubscribeToken: string;
  sentAt: Date | null;
};

export type OutgoingMessage = { to: string; subject: string; body: string; headers: Record<string, string> };

/** A run as "Run now" creates it: waiting for approval, or running under an earlier approval. */
export type NewCampaignRun = Scoped & {
  id?: string;
  campaignId: string;
  stepId: string;
  leadIds: string[];
  sendCapPerMinute: number;
  transport: 'smtp' | 'outbox';
  status: 'awaiting_approval' | 'running';
  samples: EmailDraft[];
  interrupt?: Record<string, unknown>;
  approval?: RecordedApproval & { at: Date };
};

export type CampaignStore = {
  get(args: RowRef): Promise<Campaign>;
  /** The campaign and its steps without the member list, read by every send and draft. */
  settings(args: RowRef): Promise<CampaignSettings>;
  createRun(args: NewCampaignRun): Promise<CampaignRunRecord>;
  getRun(args: Scoped & { campaignId: string; runId: string }): Promise<CampaignRunRecord>;
  listRuns(args: Scoped & { campaignId: string }): Promise<CampaignRunRecord[]>;
  /** Records the decision on a run waiting for approval, once; a second decision is a conflict. */
  decideRun(args: Scoped & { runId: string; approval: RecordedApproval; leadIds: string[] }): Promise<CampaignRunRecord>;
  reopenRun(args: Scoped & { runId: string }): Promise<void>;
  /**
   * A person's fix to one sample of a run waiting for approval: the sample shows it, and it is kept
   * as the lead's accepted draft for this step (so the send uses it), both or neither; a run no
   * longer waiting is a conflict.
   */
  reviseRunSample(args: Scoped & { runId: string; sample: EmailDraft; stepId: string; campaignId: string }): Promise<CampaignRunRecord>;
  completeRunIfDone(args: Scoped & { runId: string }): Promise<boolean>;
  countSent(args: Scoped & { campaignId: string }): Promise<void>;
};

export type LeadStore = {
  get(args: RowRef): Promise<Lead>;
  getMany(args: Scoped & { ids: string[] }): Promise<Lead[]>;
  acceptedDraftFor(args: Scoped & { leadId: string; campaignId: string; stepId: string; firstStep: boolean }): Promise<AcceptedDraft | null>;
};

export type EmailLogStore = {
  open(args: SendKey & Scoped & { runId: string; to: string; from: string }): Promise<EmailLogRecord>;
  openMany(args: Scoped & { campaignId: string; stepId: string; runId: string; from: string; leads: Array<{ leadId: string; to: string }> }): Promise<void>;
  forStep(args: Scoped & { campaignId: string; stepId: string }): Promise<EmailLogRecord[]>;
  forSteps(args: Scoped & { campaignId: string; stepIds: string[] }): Promise<EmailLogRecord[]>;
  /**
   * A person's retry: retryable rows in `statuses` (default failed and interrupted) go back to
   * pending; when forced (a new run), failed and skipped rows whatever their retryable flag.
   */
  reopen(
    args: Scoped & { campaignId: string; stepId: string; leadIds: string[]; force?: boolean; statuses?: Array<'failed' | 'interrupted'> },
  ): Promise<Array<{ leadId: string; attempts: number }>>;
  sentToAddress(args: Scoped & { campaignId: string; stepId: string; email: string; exceptId: string }): Promise<boolean>;
  claim(
    args: RowRef & { campaignId: string; capPerMinute: number; message: OutgoingMessage; outbox?: { raw: string; messageId: string } },
  ): Promise<'claimed' | 'throttled' | 'taken'>;
  capWaitSeconds(args: Scoped & { campaignId: string }): Promise<number>;
  markSent(args: RowRef & { providerMessageId: string; raw: string | null }): Promise<void>;
  markFailed(args: RowRef & { error: string; retryable: boolean; final: boolean }): Promise<void>;
  markSkipped(args: RowRef & { reason: string }): Promise<void>;
  markInterrupted(args: RowRef & { reason: string }): Promise<void>;
  isSuppressed(args: Scoped & { email: string }): Promise<boolean>;
};

export type CompanyStore = { list(args: Scoped): Promise<CompanyProfile[]> };

/** A row still open whose send job is no longer live: as the store finds it. */
export type StrandedSend = {
  workspaceId: string;
  id: string;
  runId: string | null;
  status: 'pending' | 'sending';
  /** The newest job for the row's campaign × step × lead; null when the queue has none any more. */
  job: { state: 'completed' | 'cancelled' | 'failed'; retryCount: number; error: string | null } | null;
};

export type Settlement = { status: 'interrupted' | 'failed'; reason: string; retryable: true };

export type SweepStore = {
  /** Open rows (all workspaces) unchanged for `graceSeconds` with no live job in `queue`, oldest first. */
  strandedSends(args: { queue: string; graceSeconds: number; limit: number }): Promise<StrandedSend[]>;
  /**
   * Settles one row, in its workspace, only if it is still `from`, still unchanged for the grace
   * period and still has no live job (re-checked in the same statement); whether it did.
   */
  settleStranded(args: { workspaceId: string; id: string; from: 'pending' | 'sending'; queue: string; graceSeconds: number } & Settlement): Promise<boolean>;
};
