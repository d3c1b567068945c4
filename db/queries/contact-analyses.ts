import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { notFound } from '../../lib/errors.js';
import type { ContactAnalysis } from '../../schemas/contact-analysis.js';
import type { Database } from '../client.js';
import { contactAnalyses, contacts, wizardSessions } from '../schema.js';
import { reviseHead } from './wizard-sessions.js';

const toAnalysis = (r: typeof contactAnalyses.$inferSelect): ContactAnalysis => ({
  id: r.id,
  contactId: r.contactId,
  productId: r.productId,
  version: r.version,
  brief: r.brief,
  restoredFrom: r.restoredFrom,
  createdAt: r.createdAt.toISOString(),
});

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
      return rows.map(toAnalysis);
    },

    /**
     * "Restore this version": the contact's next brief version takes the old one's brief (nothing is
     * lost), and the contact's latest prep session is moved onto it, so the chat answers from it.
     */
    async restore({
      workspaceId,
      contactId,
      version,
      flow,
    }: {
      workspaceId: string;
      contactId: string;
      version: number;
      flow: string;
    }): Promise<ContactAnalysis> {
      return db.transaction(async (t) => {
        const tx = t as unknown as Database;
        // One restore or brief at a time per contact: the contact row is the lock.
        const [contact] = await tx
          .select({ id: contacts.id })
          .from(contacts)
          .where(and(eq(contacts.id, contactId), eq(contacts.workspaceId, workspaceId)))
          .for('update');
        if (!contact) throw notFound('Contact');
        const all = await tx
          .select()
          .from(contactAnalyses)
          .where(and(eq(contactAnalyses.workspaceId, workspaceId), eq(contactAnalyses.contactId, contactId)))
          .orderBy(desc(contactAnalyses.version));
        const old = all.find((a) => a.version === version);
        if (!old) throw notFound(`Version ${version} of this brief`);
        const [row] = await tx
          .insert(contactAnalyses)
          .values({ id: randomUUID(), workspaceId, contactId, productId: old.productId, version: all[0]!.version + 1, brief: old.brief, restoredFrom: version })
          .returning();
        const analysis = toAnalysis(row!);
        const [session] = await tx
          .select({ id: wizardSessions.id })
          .from(wizardSessions)
          .where(and(eq(wizardSessions.workspaceId, workspaceId), eq(wizardSessions.flow, flow), eq(wizardSessions.subjectId, contactId)))
          .orderBy(desc(wizardSessions.updatedAt))
          .limit(1);
        if (session) {
          await reviseHead(tx, { workspaceId, sessionId: session.id, revise: (state) => ({ ...(state as object), analysis, productId: old.productId }) });
        }
        return analysis;
      });
    },
  };
}
