import { and, desc, eq } from 'drizzle-orm';
import type { ContactAnalysis } from '../../schemas/contact-analysis.js';
import type { Database } from '../client.js';
import { contactAnalyses } from '../schema.js';

export type NewAnalysis = Omit<ContactAnalysis, 'createdAt'>;

/** Inserts the next version of a contact's brief; runs inside the turn's transaction. */
export async function saveContactAnalysis(db: Database, { workspaceId, analysis: a }: { workspaceId: string; analysis: NewAnalysis }): Promise<void> {
  await db.insert(contactAnalyses).values({
    id: a.id,
    workspaceId,
    contactId: a.contactId,
    productId: a.productId,
    version: a.version,
    brief: a.brief,
  });
}

export function contactAnalysisQueries(db: Database) {
  return {
    async latestVersion({ workspaceId, contactId }: { workspaceId: string; contactId: string }): Promise<number> {
      const [row] = await db
        .select({ version: contactAnalyses.version })
        .from(contactAnalyses)
        .where(and(eq(contactAnalyses.workspaceId, workspaceId), eq(contactAnalyses.contactId, contactId)))
        .orderBy(desc(contactAnalyses.version))
        .limit(1);
      return row?.version ?? 0;
    },

    /** Every brief of a contact, newest first. */
    async history({ workspaceId, contactId }: { workspaceId: string; contactId: string }): Promise<ContactAnalysis[]> {
      const rows = await db
        .select()
        .from(contactAnalyses)
        .where(and(eq(contactAnalyses.workspaceId, workspaceId), eq(contactAnalyses.contactId, contactId)))
        .orderBy(desc(contactAnalyses.version));
      return rows.map((r) => ({
        id: r.id,
        contactId: r.contactId,
        productId: r.productId,
        version: r.version,
        brief: r.brief,
        createdAt: r.createdAt.toISOString(),
      }));
    },
  };
}
