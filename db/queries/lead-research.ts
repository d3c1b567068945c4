import { and, eq } from 'drizzle-orm';
import { notFound } from '../../lib/errors.js';
import type { LeadResearch, ResearchFailure, ResearchPage } from '../../schemas/lead-research.js';
import type { Database } from '../client.js';
import { leadResearch, leads, type LeadResearchRow } from '../schema.js';

const toResearch = (r: LeadResearchRow): LeadResearch => ({
  leadId: r.leadId,
  sourceUrl: r.sourceUrl,
  fetchedAt: r.fetchedAt.toISOString(),
  pages: r.pages,
  failures: r.failures,
});

/** A lead's website research: the latest reading only (each refresh replaces it). */
export function leadResearchQueries(db: Database) {
  return {
    /** The lead's research, or null if nobody asked for it yet. */
    async get({ workspaceId, leadId }: { workspaceId: string; leadId: string }): Promise<LeadResearch | null> {
      const [row] = await db
        .select()
        .from(leadResearch)
        .where(and(eq(leadResearch.leadId, leadId), eq(leadResearch.workspaceId, workspaceId)));
      return row ? toResearch(row) : null;
    },
    /** Replaces the lead's research; a lead deleted (or in another workspace) meanwhile is a 404. */
    async store({
      workspaceId,
      leadId,
      research,
    }: {
      workspaceId: string;
      leadId: string;
      research: { sourceUrl: string; pages: ResearchPage[]; failures: ResearchFailure[] };
    }): Promise<LeadResearch> {
      const [lead] = await db
        .select({ id: leads.id })
        .from(leads)
        .where(and(eq(leads.id, leadId), eq(leads.workspaceId, workspaceId)));
      if (!lead) throw notFound('Lead');
      const values = { ...research, fetchedAt: new Date() };
      try {
        const [row] = await db
          .insert(leadResearch)
          .values({ leadId, workspaceId, ...values })
          .onConflictDoUpdate({ target: leadResearch.leadId, set: values })
          .returning();
        return toResearch(row!);
      } catch (err) {
        // The lead was deleted between the check and the write.
        for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === '23503') throw notFound('Lead');
        throw err;
      }
    },
  };
}
