import { and, asc, desc, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import { AppError, notFound, staleVersion } from '../../lib/errors.js';
import type { Lead, LeadInput, LeadListItem, LeadPersona } from '../../schemas/lead.js';
import type { AcceptDraftInput, AcceptedDraft } from '../../schemas/email.js';
import type { Database } from '../client.js';
import { chunks } from '../chunks.js';
import { acceptedDrafts, campaignLeads, campaigns, emailLogs, leads, suppressions, type AcceptedDraftRow, type LeadRow } from '../schema.js';

/** A lead row with whether its address is suppressed. */
type LeadWithSuppression = LeadRow & { suppressed: boolean };

export const toLead = (r: LeadWithSuppression): Lead => ({
  id: r.id,
  version: r.version,
  name: r.name,
  position: r.position,
  requirement: r.requirement,
  linkedinUrl: r.linkedinUrl,
  websiteUrl: r.websiteUrl,
  email: r.email,
  linkedinText: r.linkedinText,
  personaStatus: r.personaStatus,
  persona: r.personaInsights ?? null,
  personaGeneratedAt: r.personaGeneratedAt?.toISOString() ?? null,
  personaError: r.personaError,
  suppressed: r.suppressed,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const toDraft = (r: AcceptedDraftRow): AcceptedDraft => ({
  id: r.id,
  leadId: r.leadId,
  campaignId: r.campaignId,
  stepId: r.stepId,
  tone: r.tone,
  subject: r.subject,
  body: r.body,
  acceptedAt: r.createdAt.toISOString(),
});

/** A new or edited lead; code with no pasted LinkedIn text to give (seeds, survey respondents) may leave it out. */
export type LeadFields = Omit<LeadInput, 'linkedinText'> & { linkedinText?: string };

/** Rows per INSERT (a lead row binds about 15 values) and values per IN list, well inside Postgres's 65,535 parameters. */
const INSERT_ROWS_MAX = 2_000;
const IN_LIST_MAX = 10_000;

const values = (i: LeadFields) => ({
  name: i.name,
  position: i.position,
  requirement: i.requirement,
  linkedinUrl: i.linkedinUrl,
  websiteUrl: i.websiteUrl,
  email: i.email,
  linkedinText: i.linkedinText ?? '',
});

const duplicateEmail = (email: string) =>
  new AppError('conflict', `Another lead already has the email ${email}.`, {
    fields: [{ path: 'data.email', message: 'Another lead already has this email' }],
  });

const isUniqueViolation = (err: unknown) => {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === '23505') return true;
  return false;
};

export type PersonaJobRef = { workspaceId: string; leadId: string; request: number };

export function leadQueries(db: Database) {
  // Qualified by hand: inside the subquery drizzle would render the leads columns unqualified,
  // and they would then resolve to the suppressions row itself.
  const suppressed = sql<boolean>`exists (select 1 from ${suppressions} s where s.workspace_id = "leads"."workspace_id" and s.email = "leads"."email")`;
  const selectLeads = () => db.select({ lead: leads, suppressed }).from(leads);
  const flatten = (rows: Array<{ lead: LeadRow; suppressed: boolean }>) => rows.map((r) => toLead({ ...r.lead, suppressed: r.suppressed }));
  const scoped = (workspaceId: string, id: string) => and(eq(leads.id, id), eq(leads.workspaceId, workspaceId));

  // Prepared once (the SQL is built here, not per call): a campaign send reads its lead on every job.
  const byId = selectLeads()
    .where(and(eq(leads.id, sql.placeholder('id')), eq(leads.workspaceId, sql.placeholder('workspaceId'))))
    .prepare('leads_get');
  const acceptedDraftsOf = db
    .select()
    .from(acceptedDrafts)
    .where(
      and(
        eq(acceptedDrafts.workspaceId, sql.placeholder('workspaceId')),
        eq(acceptedDrafts.leadId, sql.placeholder('leadId')),
        sql`(${acceptedDrafts.campaignId} = ${sql.placeholder('campaignId')} or ${acceptedDrafts.campaignId} is null)`,
      ),
    )
    .orderBy(desc(acceptedDrafts.createdAt))
    .prepare('leads_accepted_drafts_for');

  async function get({ workspaceId, id }: { workspaceId: string; id: string }): Promise<Lead> {
    const [row] = flatten(await byId.execute({ workspaceId, id }));
    if (!row) throw notFound('Lead');
    return row;
  }

  return {
    get,
    async list({ workspaceId }: { workspaceId: string }): Promise<Lead[]> {
      return flatten(await selectLeads().where(eq(leads.workspaceId, workspaceId)).orderBy(desc(leads.createdAt), desc(leads.id)));
    },
    /** The list page's view: each lead with its campaigns (by name) and its last email sent or put in the outbox. */
    async listWithOutreach({ workspaceId }: { workspaceId: string }): Promise<LeadListItem[]> {
      const [all, memberships, contacts] = await Promise.all([
        this.list({ workspaceId }),
        db
          .select({ leadId: campaignLeads.leadId, id: campaigns.id, name: campaigns.name })
          .from(campaignLeads)
          .innerJoin(campaigns, eq(campaigns.id, campaignLeads.campaignId))
          .where(eq(campaigns.workspaceId, workspaceId))
          .orderBy(asc(campaigns.name), asc(campaigns.id)),
        db
          .select({ leadId: emailLogs.leadId, at: max(emailLogs.sentAt) })
          .from(emailLogs)
          .where(and(eq(emailLogs.workspaceId, workspaceId), inArray(emailLogs.status, ['sent', 'outbox']), isNotNull(emailLogs.leadId)))
          .groupBy(emailLogs.leadId),
      ]);
      const inCampaigns = new Map<string, Array<{ id: string; name: string }>>();
      for (const m of memberships) inCampaigns.set(m.leadId, [...(inCampaigns.get(m.leadId) ?? []), { id: m.id, name: m.name }]);
      const lastContact = new Map(contacts.map((c) => [c.leadId!, c.at]));
      return all.map((lead) => ({ ...lead, lastContactedAt: lastContact.get(lead.id)?.toISOString() ?? null, campaigns: inCampaigns.get(lead.id) ?? [] }));
    },
    async getMany({ workspaceId, ids }: { workspaceId: string; ids: string[] }): Promise<Lead[]> {
      const pieces = await Promise.all(
        chunks(ids, IN_LIST_MAX).map((part) => selectLeads().where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, part)))),
      );
      return flatten(pieces.flat());
    },
    async create({ workspaceId, input }: { workspaceId: string; input: LeadFields }): Promise<Lead> {
      try {
        const [row] = await db
          .insert(leads)
          .values({ workspaceId, ...values(input) })
          .returning();
        return get({ workspaceId, id: row!.id });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateEmail(input.email);
        throw err;
      }
    },
    /** Inserts many leads in one statement; rows whose email another lead already has are skipped and returned. */
    async createMany({ workspaceId, inputs }: { workspaceId: string; inputs: LeadFields[] }): Promise<{ created: Lead[]; duplicates: string[] }> {
      if (inputs.length === 0) return { created: [], duplicates: [] };
      const rows: Array<{ id: string; email: string }> = [];
      for (const part of chunks(inputs, INSERT_ROWS_MAX))
        rows.push(
          ...(await db
            .insert(leads)
            .values(part.map((i) => ({ workspaceId, ...values(i) })))
            .onConflictDoNothing()
            .returning({ id: leads.id, email: leads.email })),
        );
      const createdEmails = new Set(rows.map((r) => r.email));
      const duplicates = inputs.filter((i) => i.email && !createdEmails.has(i.email)).map((i) => i.email);
      const created = await this.getMany({ workspaceId, ids: rows.map((r) => r.id) });
      const order = new Map(rows.map((r, i) => [r.id, i]));
      return { created: created.sort((a, b) => order.get(a.id)! - order.get(b.id)!), duplicates };
    },
    /** The workspace's leads with these addresses: address → lead id. */
    async idsByEmail({ workspaceId, emails }: { workspaceId: string; emails: string[] }): Promise<Map<string, string>> {
      const pieces = await Promise.all(
        chunks(emails, IN_LIST_MAX).map((part) =>
          db
            .select({ email: leads.email, id: leads.id })
            .from(leads)
            .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.email, part))),
        ),
      );
      return new Map(pieces.flat().map((r) => [r.email, r.id]));
    },
    async update({ workspaceId, id, input, expectedVersion }: { workspaceId: string; id: string; input: LeadFields; expectedVersion: number }): Promise<Lead> {
      let rows: Array<{ id: string }>;
      try {
        rows = await db
          .update(leads)
          .set({ ...values(input), version: sql`${leads.version} + 1`, updatedAt: new Date() })
          .where(and(scoped(workspaceId, id), eq(leads.version, expectedVersion)))
          .returning({ id: leads.id });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateEmail(input.email);
        throw err;
      }
      if (rows.length) return get({ workspaceId, id });
      const [current] = await db.select({ version: leads.version }).from(leads).where(scoped(workspaceId, id));
      throw current ? staleVersion(expectedVersion, current.version) : notFound('Lead');
    },
    async delete({ workspaceId, id }: { workspaceId: string; id: string }): Promise<void> {
      const rows = await db.delete(leads).where(scoped(workspaceId, id)).returning({ id: leads.id });
      if (rows.length === 0) throw notFound('Lead');
    },
    /** "Regenerate": a new persona request supersedes any job still running for an older one. */
    async requestPersona({ workspaceId, id }: { workspaceId: string; id: string }): Promise<PersonaJobRef> {
      const [row] = await db
        .update(leads)
        .set({ personaStatus: 'pending', personaError: null, personaRequest: sql`${leads.personaRequest} + 1` })
        .where(scoped(workspaceId, id))
        .returning({ request: leads.personaRequest });
      if (!row) throw notFound('Lead');
      return { workspaceId, leadId: id, request: row.request };
    },
    /**
     * Leads still waiting for a persona in every workspace, for re-enqueueing at startup (ids make
     * the jobs idempotent); each job then runs in its lead's workspace.
     */
    async pendingPersonasInAllWorkspaces(): Promise<PersonaJobRef[]> {
      return db
        .select({ leadId: leads.id, request: leads.personaRequest, workspaceId: leads.workspaceId })
        .from(leads)
        .where(eq(leads.personaStatus, 'pending'));
    },
    /** Stores a persona only if it answers the latest request; returns whether it did. */
    async storePersona({ workspaceId, leadId, request, persona }: PersonaJobRef & { persona: LeadPersona }): Promise<boolean> {
      const rows = await db
        .update(leads)
        .set({ personaInsights: persona, personaGeneratedAt: new Date(), personaStatus: 'ready', personaError: null })
        .where(and(scoped(workspaceId, leadId), eq(leads.personaRequest, request)))
        .returning({ id: leads.id });
      return rows.length > 0;
    },
    async failPersona({ workspaceId, leadId, request, error }: PersonaJobRef & { error: string }): Promise<void> {
      await db
        .update(leads)
        .set({ personaStatus: 'failed', personaError: error })
        .where(and(scoped(workspaceId, leadId), eq(leads.personaRequest, request), sql`${leads.personaStatus} <> 'ready'`));
    },
    async acceptDraft({ workspaceId, leadId, input }: { workspaceId: string; leadId: string; input: AcceptDraftInput }): Promise<AcceptedDraft> {
      await get({ workspaceId, id: leadId });
      const [row] = await db
        .insert(acceptedDrafts)
        .values({ workspaceId, leadId, campaignId: input.campaignId, stepId: input.stepId, tone: input.tone, subject: input.subject, body: input.body })
        .returning();
      return toDraft(row!);
    },
    async drafts({ workspaceId, leadId }: { workspaceId: string; leadId: string }): Promise<AcceptedDraft[]> {
      const rows = await db
        .select()
        .from(acceptedDrafts)
        .where(and(eq(acceptedDrafts.workspaceId, workspaceId), eq(acceptedDrafts.leadId, leadId)))
        .orderBy(desc(acceptedDrafts.createdAt));
      return rows.map(toDraft);
    },
    /**
     * The draft a person accepted that a campaign send should use: one for this step, else one for
     * this campaign, else (first step only) one accepted for the lead in general; newest wins.
     */
    async acceptedDraftFor({
      workspaceId,
      leadId,
      campaignId,
      stepId,
      firstStep,
    }: {
      workspaceId: string;
      leadId: string;
      campaignId: string;
      stepId: string;
      firstStep: boolean;
    }): Promise<AcceptedDraft | null> {
      const rows = await acceptedDraftsOf.execute({ workspaceId, leadId, campaignId });
      const rank = (r: AcceptedDraftRow) =>
        r.campaignId === campaignId && r.stepId === stepId
          ? 0
          : r.campaignId === campaignId && r.stepId === null
            ? 1
            : r.campaignId === null && firstStep
              ? 2
              : 3;
      const best = rows.filter((r) => rank(r) < 3).sort((a, b) => rank(a) - rank(b))[0];
      return best ? toDraft(best) : null;
    },
  };
}
