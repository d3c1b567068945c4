import { sql } from 'drizzle-orm';

import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { BuyingProcessState } from '../schemas/buying-process.js';
import type { CampaignContext, SequenceStep } from '../schemas/campaign.js';
import type { ContactBrief } from '../schemas/contact-analysis.js';
import type { EmailDraft } from '../schemas/email.js';
import type { LeadPersona } from '../schemas/lead.js';
import type { ResearchFailure, ResearchPage } from '../schemas/lead-research.js';
import type { Persona, PersonaEvidence } from '../schemas/persona.js';
import type { StateChange, TurnInputSummary } from '../schemas/transcript.js';
import type { FeedbackReason, NeedMore } from '../schemas/feedback.js';
import type { Demographics, MappingRules, MetricAverages } from '../schemas/persona-analytics.js';

/** The Postgres schema pg-boss keeps its tables in (pgboss.job: one row per job, with its state). */
export const JOB_SCHEMA = 'pgboss';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});
export type WorkspaceRow = typeof workspaces.$inferSelect;

// One conversation with one flow. `version` is the head snapshot's version and the
// optimistic-concurrency token: a turn commits only if it still matches.
export const wizardSessions = pgTable(
  'wizard_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    flow: text('flow').notNull(),
    version: integer('version').notNull(),
    headSnapshotId: uuid('head_snapshot_id'),
    title: text('title'),
    /** The record the session is about, e.g. the contact of a meeting-prep session. */
    subjectId: uuid('subject_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('wizard_sessions_workspace_flow_idx').on(t.workspaceId, t.flow, t.updatedAt),
    index('wizard_sessions_subject_idx').on(t.workspaceId, t.flow, t.subjectId),
  ],
);
export type WizardSessionRow = typeof wizardSessions.$inferSelect;

// Immutable: every turn adds one. parentId chains them; undo walks the chain.
export const wizardSnapshots = pgTable(
  'wizard_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => wizardSessions.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => wizardSnapshots.id, { onDelete: 'set null' }),
    version: integer('version').notNull(),
    phase: text('phase').notNull(),
    /** The state with its most recent messages only (the whole conversation is in session_messages). */
    state: jsonb('state').$type<unknown>().notNull(),
    /** How many messages the conversation has at this snapshot: where the next turn's messages go. */
    messageCount: integer('message_count').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('wizard_snapshots_session_version_uq').on(t.sessionId, t.version)],
);
export type WizardSnapshotRow = typeof wizardSnapshots.$inferSelect;

// One committed turn of a session: what the person did (a message, a form edit, an action), what it
// changed in the state, and (through model_calls.turn_id) the model calls that produced it.
export const sessionTurns = pgTable(
  'session_turns',
  {
    id: uuid('id').primaryKey(),
    /** No foreign key of its own: the session's cascades from the workspace, and every turn would check the one workspace row. */
    workspaceId: uuid('workspace_id').notNull(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => wizardSessions.id, { onDelete: 'cascade' }),
    /** The session version the turn committed. */
    version: integer('version').notNull(),
    input: jsonb('input').$type<TurnInputSummary>().notNull(),
    changes: jsonb('changes').$type<StateChange[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('session_turns_session_version_idx').on(t.sessionId, t.version)],
);
export type SessionTurnRow = typeof sessionTurns.$inferSelect;

// Every message of a conversation, in order (position). An undone turn's messages stay in the
// transcript, marked with the version that undid them; the conversation shows the rest.
export const sessionMessages = pgTable(
  'session_messages',
  {
    id: uuid('id').primaryKey(),
    /** No foreign key of its own: the session's cascades from the workspace, and every turn would check the one workspace row. */
    workspaceId: uuid('workspace_id').notNull(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => wizardSessions.id, { onDelete: 'cascade' }),
    /** null for messages written before turns were recorded. */
    turnId: uuid('turn_id').references(() => sessionTurns.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    role: text('role', { enum: ['user', 'assistant'] }).notNull(),
    text: text('text').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    undoneInVersion: integer('undone_in_version'),
  },
  (t) => [index('session_messages_session_position_idx').on(t.sessionId, t.position)],
);
export type SessionMessageRow = typeof sessionMessages.$inferSelect;

// The exact text of every prompt template that has run, by the hash of that text: any output can be
// traced to the prompt that wrote it. Recorded at startup; never changed.
export const promptVersions = pgTable(
  'prompt_versions',
  {
    prompt: text('prompt').notNull(),
    version: text('version').notNull(),
    template: text('template').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.prompt, t.version] })],
);

export const personas = pgTable(
  'personas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    personName: text('person_name').notNull(),
    data: jsonb('data').$type<Persona>().notNull(),
    evidence: jsonb('evidence').$type<PersonaEvidence>(),
    sourceSessionId: uuid('source_session_id').references(() => wizardSessions.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('personas_workspace_updated_idx').on(t.workspaceId, t.updatedAt)],
);
export type PersonaRow = typeof personas.$inferSelect;

export const personaVersions = pgTable(
  'persona_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    data: jsonb('data').$type<Persona>().notNull(),
    evidence: jsonb('evidence').$type<PersonaEvidence>(),
    source: text('source', { enum: ['wizard', 'edit', 'import', 'generator', 'restore'] }).notNull(),
    /** A restore: the version whose content this one brought back. */
    restoredFrom: integer('restored_from'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('persona_versions_persona_version_uq').on(t.personaId, t.version)],
);
export type PersonaVersionRow = typeof personaVersions.$inferSelect;

export const DEFAULT_WORKSPACE_SLUG = 'default';

// The buying-process map of one wizard session (id = the session's id), kept current on every
// turn so maps can be listed and their stages queried by persona (e.g. by email drafting).
export const buyingProcessMaps = pgTable(
  'buying_process_maps',
  {
    id: uuid('id')
      .primaryKey()
      .references(() => wizardSessions.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    personaId: uuid('persona_id').references(() => personas.id, { onDelete: 'set null' }),
    personaName: text('persona_name').notNull(),
    status: text('status', { enum: ['in_progress', 'completed'] }).notNull(),
    phase: text('phase').notNull(),
    stageCount: integer('stage_count').notNull(),
    data: jsonb('data').$type<BuyingProcessState>().notNull(),
    /** The map's own version: moves when its content changes (a wizard edit or a restore), not on every chat turn. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('buying_process_maps_workspace_updated_idx').on(t.workspaceId, t.updatedAt)],
);
export type BuyingProcessMapRow = typeof buyingProcessMaps.$inferSelect;

// Every version of a map's content, for its history and "Restore this version".
export const buyingProcessMapVersions = pgTable(
  'buying_process_map_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    mapId: uuid('map_id')
      .notNull()
      .references(() => buyingProcessMaps.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    data: jsonb('data').$type<BuyingProcessState>().notNull(),
    source: text('source', { enum: ['wizard', 'restore'] }).notNull(),
    restoredFrom: integer('restored_from'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('buying_process_map_versions_map_version_uq').on(t.mapId, t.version)],
);
export type BuyingProcessMapVersionRow = typeof buyingProcessMapVersions.$inferSelect;

export const buyingProcessStages = pgTable(
  'buying_process_stages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    mapId: uuid('map_id')
      .notNull()
      .references(() => buyingProcessMaps.id, { onDelete: 'cascade' }),
    personaId: uuid('persona_id').references(() => personas.id, { onDelete: 'set null' }),
    position: integer('position').notNull(),
    stageName: text('stage_name').notNull(),
    buyerActions: text('buyer_actions').notNull(),
    duration: text('duration').notNull(),
    keyInfluencers: text('key_influencers').notNull(),
    sellerActions: text('seller_actions').notNull(),
    contentType: text('content_type').notNull(),
    keyMessage: text('key_message').notNull(),
  },
  (t) => [
    uniqueIndex('buying_process_stages_map_position_uq').on(t.mapId, t.position),
    index('buying_process_stages_persona_idx').on(t.workspaceId, t.personaId),
  ],
);
export type BuyingProcessStageRow = typeof buyingProcessStages.$inferSelect;

export const companyProfiles = pgTable(
  'company_profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    version: integer('version').notNull().default(1),
    name: text('name').notNull(),
    whatItDoes: text('what_it_does').notNull(),
    market: text('market').notNull(),
    size: text('size').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('company_profiles_workspace_idx').on(t.workspaceId)],
);
export type CompanyProfileRow = typeof companyProfiles.$inferSelect;

// Who a workspace's campaign email comes from (schemas/sender-profile.ts): one row per workspace.
export const senderProfiles = pgTable('sender_profiles', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  version: integer('version').notNull().default(1),
  fromName: text('from_name').notNull(),
  fromEmail: text('from_email').notNull(),
  replyTo: text('reply_to').notNull().default(''),
  signature: text('signature').notNull().default(''),
  postalAddress: text('postal_address').notNull().default(''),
  updatedAt: updatedAt(),
});
export type SenderProfileRow = typeof senderProfiles.$inferSelect;

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    version: integer('version').notNull().default(1),
    name: text('name').notNull(),
    description: text('description').notNull(),
    valueProposition: text('value_proposition').notNull(),
    priceRange: text('price_range').notNull(),
    targetMarket: text('target_market').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('products_workspace_idx').on(t.workspaceId, t.updatedAt)],
);
export type ProductRow = typeof products.$inferSelect;

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    version: integer('version').notNull().default(1),
    name: text('name').notNull(),
    title: text('title').notNull(),
    company: text('company').notNull(),
    email: text('email').notNull(),
    linkedinText: text('linkedin_text').notNull(),
    websiteText: text('website_text').notNull(),
    enrichment: jsonb('enrichment').$type<Record<string, unknown>>(),
    notes: text('notes').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('contacts_workspace_idx').on(t.workspaceId, t.updatedAt)],
);
export type ContactRow = typeof contacts.$inferSelect;

export const productFits = pgTable(
  'product_fits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    valuePropToThem: text('value_prop_to_them').notNull(),
    alignmentReasoning: text('alignment_reasoning').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('product_fits_persona_product_uq').on(t.personaId, t.productId)],
);
export type ProductFitRow = typeof productFits.$inferSelect;

// Meeting-prep briefs for real contacts: every generation is kept (version per contact).
export const contactAnalyses = pgTable(
  'contact_analyses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
    version: integer('version').notNull(),
    brief: jsonb('brief').$type<ContactBrief>().notNull(),
    /** A restore: the version whose brief this one brought back. */
    restoredFrom: integer('restored_from'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('contact_analyses_contact_version_uq').on(t.contactId, t.version)],
);
export type ContactAnalysisRow = typeof contactAnalyses.$inferSelect;

// Every model call: what it cost in tokens and time, and whether it worked.
export const modelCalls = pgTable(
  'model_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    flow: text('flow').notNull(),
    prompt: text('prompt').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    tokensEstimated: boolean('tokens_estimated').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    success: boolean('success').notNull(),
    error: text('error'),
    /** The hash of the prompt template that made the call (prompt_versions). */
    promptVersion: text('prompt_version'),
    /** The wizard turn the call was part of (session_turns; no foreign key: calls are written behind, and a lost race leaves its calls). */
    turnId: uuid('turn_id'),
    /** The campaign run whose send made the call (campaign_runs; no foreign key, as turn_id). */
    runId: uuid('run_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('model_calls_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('model_calls_turn_idx')
      .on(t.turnId)
      .where(sql`turn_id is not null`),
    index('model_calls_run_idx')
      .on(t.runId)
      .where(sql`run_id is not null`),
    index('model_calls_workspace_prompt_idx').on(t.workspaceId, t.prompt, t.createdAt),
  ],
);
export type ModelCallRow = typeof modelCalls.$inferSelect;

// Leads (source document 001): people to email. The lead persona is generated once by a
// background job and reused for every email; persona_request counts explicit regenerations so a
// slow, superseded job never overwrites a newer persona.
export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    version: integer('version').notNull().default(1),
    name: text('name').notNull(),
    position: text('position').notNull(),
    requirement: text('requirement').notNull(),
    linkedinUrl: text('linkedin_url').notNull(),
    websiteUrl: text('website_url').notNull(),
    email: text('email').notNull(),
    // Pasted by a person: LinkedIn pages cannot be fetched without signing in.
    linkedinText: text('linkedin_text').notNull().default(''),
    personaInsights: jsonb('persona_insights').$type<LeadPersona>(),
    personaGeneratedAt: timestamp('persona_generated_at', { withTimezone: true, mode: 'date' }),
    personaStatus: text('persona_status', { enum: ['pending', 'ready', 'failed'] })
      .notNull()
      .default('pending'),
    personaError: text('persona_error'),
    personaRequest: integer('persona_request').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('leads_workspace_created_idx').on(t.workspaceId, t.createdAt),
    uniqueIndex('leads_workspace_email_uq')
      .on(t.workspaceId, t.email)
      .where(sql`${t.email} <> ''`),
  ],
);
export type LeadRow = typeof leads.$inferSelect;

// What the lead's website said when a person last asked (docs/research.md): one row per lead,
// replaced by each "Refresh"; the pages read and, for each page that could not be, why.
export const leadResearch = pgTable('lead_research', {
  leadId: uuid('lead_id')
    .primaryKey()
    .references(() => leads.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  sourceUrl: text('source_url').notNull(),
  pages: jsonb('pages').$type<ResearchPage[]>().notNull(),
  failures: jsonb('failures').$type<ResearchFailure[]>().notNull(),
  fetchedAt: timestamp('fetched_at', { withTimezone: true, mode: 'date' }).notNull(),
});
export type LeadResearchRow = typeof leadResearch.$inferSelect;

// A draft a person accepted for a lead (optionally for one campaign step): a campaign sending
// that step to that lead uses it instead of drafting a new one.
export const acceptedDrafts = pgTable(
  'accepted_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    stepId: uuid('step_id').references(() => sequenceSteps.id, { onDelete: 'cascade' }),
    tone: text('tone').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('accepted_drafts_lead_idx').on(t.leadId, t.createdAt)],
);
export type AcceptedDraftRow = typeof acceptedDrafts.$inferSelect;

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    version: integer('version').notNull().default(1),
    name: text('name').notNull(),
    status: text('status', { enum: ['draft', 'awaiting_approval', 'running', 'completed'] })
      .notNull()
      .default('draft'),
    promptJson: jsonb('prompt_json').$type<CampaignContext>().notNull(),
    sendCapPerMinute: integer('send_cap_per_minute').notNull(),
    emailsSent: integer('emails_sent').notNull().default(0),
    lastRunAt: timestamp('last_run_at', { withTimezone: true, mode: 'date' }),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('campaigns_workspace_created_idx').on(t.workspaceId, t.createdAt)],
);
export type CampaignRow = typeof campaigns.$inferSelect;

export const campaignLeads = pgTable(
  'campaign_leads',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.leadId] }), index('campaign_leads_lead_idx').on(t.leadId)],
);

// The campaign's sequence: step 1 first, each later step `delay_days` after the previous one.
export const sequenceSteps = pgTable(
  'sequences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    promptConfig: jsonb('prompt_config').$type<SequenceStep['promptConfig']>().notNull(),
    delayDays: integer('delay_days').notNull(),
  },
  (t) => [index('sequences_campaign_idx').on(t.campaignId, t.position)],
);
export type SequenceStepRow = typeof sequenceSteps.$inferSelect;

// One "Run now": a step sent to the campaign's leads, with the approval that let it start.
export const campaignRuns = pgTable(
  'campaign_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    stepId: uuid('step_id')
      .notNull()
      .references(() => sequenceSteps.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['awaiting_approval', 'running', 'completed', 'rejected'] }).notNull(),
    total: integer('total').notNull(),
    leadIds: jsonb('lead_ids').$type<string[]>().notNull(),
    sendCapPerMinute: integer('send_cap_per_minute').notNull(),
    transport: text('transport', { enum: ['smtp', 'outbox'] }).notNull(),
    samples: jsonb('samples').$type<EmailDraft[]>().notNull(),
    interrupt: jsonb('interrupt').$type<Record<string, unknown>>(),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    approvalNote: text('approval_note'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('campaign_runs_campaign_idx').on(t.campaignId, t.createdAt)],
);
export type CampaignRunRow = typeof campaignRuns.$inferSelect;

// The email log: at most one row per campaign × step × lead (the unique index is what makes a
// retried or restarted job unable to send twice). Outbox mode stores the raw message here.
export const emailLogs = pgTable(
  'email_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => campaignRuns.id, { onDelete: 'set null' }),
    stepId: uuid('sequence_id').references(() => sequenceSteps.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'set null' }),
    toEmail: text('to_email').notNull(),
    fromEmail: text('from_email').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    raw: text('raw'),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'outbox', 'failed', 'skipped', 'interrupted'] }).notNull(),
    transport: text('transport', { enum: ['smtp', 'outbox'] }),
    error: text('error'),
    retryable: boolean('retryable').notNull().default(false),
    providerMessageId: text('provider_message_id'),
    unsubscribeToken: text('unsubscribe_token').notNull().unique(),
    attempts: integer('attempts').notNull().default(0),
    /** When the last attempt claimed the send: the per-minute cap counts these. */
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('email_logs_campaign_step_lead_uq').on(t.campaignId, t.stepId, t.leadId),
    index('email_logs_run_idx').on(t.runId, t.status),
    index('email_logs_campaign_claimed_idx').on(t.campaignId, t.claimedAt),
    index('email_logs_workspace_created_idx').on(t.workspaceId, t.createdAt),
  ],
);
export type EmailLogRow = typeof emailLogs.$inferSelect;

// Addresses that must never be emailed again (unsubscribed, or added by hand). `source` says
// which: 'unsubscribe' (the recipient's own link or one-click) can never be removed by a user of
// the app, only 'manual' rows can.
export const suppressions = pgTable(
  'suppressions',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    reason: text('reason').notNull(),
    source: text('source', { enum: ['unsubscribe', 'manual'] })
      .notNull()
      .default('manual'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.email] })],
);
export type SuppressionRow = typeof suppressions.$inferSelect;

// ── Team mode: accounts, workspace membership, API tokens, the audit log ─────────────────────
// users, auth_sessions, auth_accounts and auth_verifications are better-auth's models
// (server/auth/auth.ts maps its names to them; the property names are the ones its Drizzle
// adapter expects). Membership, invitations and tokens are personaflow's own.

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    token: text('token').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    /** The workspace this sign-in works in (switched in the UI). */
    activeWorkspaceId: uuid('active_workspace_id').references(() => workspaces.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId)],
);

export const authAccounts = pgTable(
  'auth_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true, mode: 'date' }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true, mode: 'date' }),
    scope: text('scope'),
    /** The password hash (scrypt, by better-auth). */
    password: text('password'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('auth_accounts_user_idx').on(t.userId)],
);

export const authVerifications = pgTable('auth_verifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const workspaceMembers = pgTable(
  'workspace_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'member'] })
      .notNull()
      .default('member'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('workspace_members_workspace_user_uq').on(t.workspaceId, t.userId), index('workspace_members_user_idx').on(t.userId)],
);

export const workspaceInvitations = pgTable(
  'workspace_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: ['owner', 'member'] }).notNull(),
    status: text('status', { enum: ['pending', 'accepted', 'canceled'] })
      .notNull()
      .default('pending'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    inviterId: uuid('inviter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('workspace_invitations_workspace_idx').on(t.workspaceId, t.status),
    // One open invitation per address and workspace: a second would be a second link to the same seat.
    uniqueIndex('workspace_invitations_pending_uq')
      .on(t.workspaceId, t.email)
      .where(sql`status = 'pending'`),
  ],
);

// A token for scripts, the HTTP flow endpoints and the Genkit client: acts for the person who
// made it, in one workspace. Only its SHA-256 is stored; the token is shown once.
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The token's first characters, so a person can tell tokens apart. */
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('api_tokens_workspace_idx').on(t.workspaceId)],
);
export type ApiTokenRow = typeof apiTokens.$inferSelect;

// Who did what, when, to which record: approvals, sends, deletions, suppression changes,
// provider switches, member and token changes. The actor is the signed-in person, never input.
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorKind: text('actor_kind', { enum: ['person', 'token', 'local', 'system'] }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    summary: text('summary').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_events_workspace_at_idx').on(t.workspaceId, t.at)],
);
export type AuditEventRow = typeof auditEvents.$inferSelect;

// Secrets the server makes for itself once and shares among its replicas (the session signing secret).
export const instanceSecrets = pgTable('instance_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});

// ── Persona analytics (source document 003) ────────────────────────────────────────────────

// A persona's mapping rules as written (`rules`) and as the scoring statement reads them: every
// list lower-cased and trimmed, and the mask of the rules that are defined (schemas/persona-analytics.ts ATTRIBUTES).
export const personaRules = pgTable('persona_rules', {
  personaId: uuid('persona_id')
    .primaryKey()
    .references(() => personas.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  rules: jsonb('rules').$type<MappingRules>().notNull(),
  definedMask: smallint('defined_mask').notNull(),
  ruleCount: smallint('rule_count').notNull(),
  ageMin: integer('age_min'),
  ageMax: integer('age_max'),
  locationKeys: text('location_keys').array().notNull(),
  occupationKeys: text('occupation_keys').array().notNull(),
  genderKeys: text('gender_keys').array().notNull(),
  goalKeys: text('goal_keys').array().notNull(),
  frustrationKeys: text('frustration_keys').array().notNull(),
  autoSync: boolean('auto_sync').notNull().default(true),
  lastSyncedAt: timestamp('last_synced_at', { withTimezone: true, mode: 'date' }),
  updatedAt: updatedAt(),
});
export type PersonaRulesRow = typeof personaRules.$inferSelect;

// One real person's answers. The *_keys columns are the answers lower-cased and trimmed, as the
// scoring statement compares them with the rules' keys.
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    respondentEmail: text('respondent_email'),
    respondentName: text('respondent_name'),
    consent: boolean('consent').notNull().default(false),
    age: integer('age'),
    location: text('location'),
    occupation: text('occupation'),
    gender: text('gender'),
    goals: text('goals').array().notNull(),
    frustrations: text('frustrations').array().notNull(),
    locationKey: text('location_key'),
    occupationKey: text('occupation_key'),
    genderKey: text('gender_key'),
    goalKeys: text('goal_keys').array().notNull(),
    frustrationKeys: text('frustration_keys').array().notNull(),
    satisfaction: smallint('satisfaction'),
    nps: smallint('nps'),
    trust: smallint('trust'),
    effort: smallint('effort'),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    source: text('source', { enum: ['api', 'import', 'survey'] }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('survey_responses_workspace_idx').on(t.workspaceId, t.id), index('survey_responses_workspace_submitted_idx').on(t.workspaceId, t.submittedAt)],
);
export type SurveyResponseRow = typeof surveyResponses.$inferSelect;

// Persona × response: the score and which defined rules matched (bit masks, ATTRIBUTES order).
// Only pairs with at least one matched rule are rows: a score of 0 says nothing a count cannot
// (persona_match_stats counts every scored pair), and most pairs of a real survey are zeros.
export const personaMatches = pgTable(
  'persona_matches',
  {
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    // Only the persona's key is checked on every row written: a batch of a million pairs pays for
    // each check. A response's matches are deleted with it (db/queries/survey-responses.ts delete),
    // a workspace's with its personas; rows are only ever written from a persona and a response of
    // the same workspace.
    responseId: uuid('response_id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    score: real('score').notNull(),
    matchedMask: smallint('matched_mask').notNull(),
    definedMask: smallint('defined_mask').notNull(),
    /** The response's day of submission (UTC), so volume by day is read from this table's index alone. */
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personaId, t.responseId] }),
    // Top matches in their order (score, then the newest day, then the id: read off the index, no
    // sort), the counts by category, and the volume of matched responses by day.
    index('persona_matches_persona_score_idx').on(t.personaId, t.score, t.submittedOn, t.responseId),
    index('persona_matches_response_idx').on(t.responseId),
  ],
);
export type PersonaMatchRow = typeof personaMatches.$inferSelect;

// The counts the overview and KPI cards show, kept as scoring changes them rather than counted
// across every match on each read: a persona's categories and score sum; a workspace's responses,
// and how many of them have a moderate or strong match with any persona (`covered`).
export const personaMatchStats = pgTable('persona_match_stats', {
  personaId: uuid('persona_id')
    .primaryKey()
    .references(() => personas.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  /** Responses scored against its current rules (0-score ones included). */
  scored: integer('scored').notNull(),
  /** Of those, the ones with at least one matched rule: the rows in persona_matches, what top matches pages through. */
  listed: integer('listed').notNull(),
  strong: integer('strong').notNull(),
  moderate: integer('moderate').notNull(),
  weak: integer('weak').notNull(),
  scoreSum: doublePrecision('score_sum').notNull(),
});
export const responseStats = pgTable('response_stats', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  total: integer('total').notNull(),
  covered: integer('covered').notNull(),
});

// One per persona per day (UTC): the metrics, demographics and count of its matched responses.
export const personaSnapshots = pgTable(
  'persona_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    snapshotDate: date('snapshot_date', { mode: 'string' }).notNull(),
    metrics: jsonb('metrics').$type<MetricAverages>().notNull(),
    demographics: jsonb('demographics').$type<Demographics>().notNull(),
    responseCount: integer('response_count').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('persona_snapshots_persona_date_uq').on(t.personaId, t.snapshotDate)],
);
export type PersonaSnapshotRow = typeof personaSnapshots.$inferSelect;

// A rescoring or sync job's progress, readable while it runs (pg-boss holds the job itself).
export const analyticsJobs = pgTable(
  'analytics_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    personaId: uuid('persona_id').references(() => personas.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['rescore', 'sync'] }).notNull(),
    /** The rules version a rescoring job scores against. */
    rulesVersion: integer('rules_version'),
    status: text('status', { enum: ['queued', 'running', 'done', 'superseded', 'failed'] }).notNull(),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('analytics_jobs_persona_idx').on(t.personaId, t.createdAt)],
);
export type AnalyticsJobRow = typeof analyticsJobs.$inferSelect;

// The workspace's public survey page: its link carries `token`; a closed link takes no answers.
export const surveyLinks = pgTable('survey_links', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  token: text('token').notNull().unique(),
  open: boolean('open').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
export type SurveyLinkRow = typeof surveyLinks.$inferSelect;

// What the workspace has told personaflow (or it has learned) about the workspace's own business:
// one value per key. A person's word (USER_PROVIDED, INTAKE_FORM) is never overwritten by a guess
// (INFERRED): db/queries/memory.ts keeps that rule. created_by is who gave the current value.
export const workspaceMemory = pgTable(
  'workspace_memory',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
    source: text('source', { enum: ['USER_PROVIDED', 'INFERRED', 'INTAKE_FORM'] }).notNull(),
    confidence: real('confidence').notNull().default(1),
    visible: boolean('visible').notNull().default(true),
    editable: boolean('editable').notNull().default(true),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    learnedFrom: text('learned_from'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] }), check('workspace_memory_confidence_range', sql`${t.confidence} >= 0 and ${t.confidence} <= 1`)],
);
export type WorkspaceMemoryRow = typeof workspaceMemory.$inferSelect;

// Whether the workspace has answered or skipped the first-run intake (schemas/intake.ts): one row
// per workspace, none while it is new. The answers themselves are memory facts (INTAKE_FORM).
export const workspaceIntake = pgTable('workspace_intake', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['skipped', 'done'] }).notNull(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
export type WorkspaceIntakeRow = typeof workspaceIntake.$inferSelect;

// A person's feedback on something the product made (schemas/feedback.ts): one row per person per
// target, replaced when they change their mind. The target is polymorphic (no foreign key); a
// message's or session's feedback goes with its session. person_key is `user:<id>` or `local`.
export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    targetKind: text('target_kind', { enum: ['message', 'brief', 'draft', 'persona', 'session'] }).notNull(),
    targetId: uuid('target_id').notNull(),
    sessionId: uuid('session_id').references(() => wizardSessions.id, { onDelete: 'cascade' }),
    personKey: text('person_key').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    helpful: boolean('helpful'),
    reasons: jsonb('reasons').$type<FeedbackReason[]>().notNull().default([]),
    needMore: jsonb('need_more').$type<NeedMore[]>().notNull().default([]),
    text: text('text'),
    rating: smallint('rating'),
    goalAchieved: text('goal_achieved', { enum: ['yes', 'partly', 'no'] }),
    stillNeed: text('still_need'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('feedback_person_target_uq').on(t.workspaceId, t.targetKind, t.targetId, t.personKey),
    index('feedback_workspace_kind_idx').on(t.workspaceId, t.targetKind, t.updatedAt),
    check('feedback_rating_range', sql`${t.rating} is null or (${t.rating} >= 1 and ${t.rating} <= 5)`),
  ],
);
export type FeedbackRow = typeof feedback.$inferSelect;
