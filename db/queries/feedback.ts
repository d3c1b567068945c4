import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../lib/scope.js';
import type { Feedback, FeedbackInput, FeedbackKind, FeedbackTarget } from '../../schemas/feedback.js';
import type { Database } from '../client.js';
import { acceptedDrafts, contactAnalyses, emailLogs, feedback, personas, sessionMessages, wizardSessions, type FeedbackRow } from '../schema.js';

/** Who the feedback is from: the person behind a session or token, or the one person of local mode. */
export const personKeyOf = (actor: Actor): string => (actor.userId ? `user:${actor.userId}` : actor.kind);

const TARGET_NAMES: Record<FeedbackKind, string> = {
  message: 'Message',
  brief: 'Brief',
  draft: 'Draft',
  persona: 'Persona',
  session: 'Session',
};

const toFeedback = (row: FeedbackRow): Feedback => ({
  target: { kind: row.targetKind, id: row.targetId },
  helpful: row.helpful,
  reasons: row.reasons,
  needMore: row.needMore,
  text: row.text,
  rating: row.rating,
  goalAchieved: row.goalAchieved,
  stillNeed: row.stillNeed,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export function feedbackQueries(db: Database) {
  /** The target in this workspace, with the session it belongs to (message, session); a 404 when it is not there. */
  async function resolve(workspaceId: string, target: FeedbackTarget): Promise<{ sessionId: string | null }> {
    const missing = () => notFound(`${TARGET_NAMES[target.kind]} ${target.id}`);
    switch (target.kind) {
      case 'message': {
        const [m] = await db
          .select({ role: sessionMessages.role, sessionId: sessionMessages.sessionId })
          .from(sessionMessages)
          .where(and(eq(sessionMessages.id, target.id), eq(sessionMessages.workspaceId, workspaceId)));
        if (!m) throw missing();
        if (m.role !== 'assistant')
          throw new AppError('invalid', 'Feedback is on what personaflow wrote: this message is your own.', {
            fields: [{ path: 'data.target.id', message: 'this is your own message: give feedback on a reply from personaflow' }],
          });
        return { sessionId: m.sessionId };
      }
      case 'session': {
        const [s] = await db
          .select({ id: wizardSessions.id })
          .from(wizardSessions)
          .where(and(eq(wizardSessions.id, target.id), eq(wizardSessions.workspaceId, workspaceId)));
        if (!s) throw missing();
        return { sessionId: s.id };
      }
      case 'brief': {
        const [b] = await db
          .select({ id: contactAnalyses.id })
          .from(contactAnalyses)
          .where(and(eq(contactAnalyses.id, target.id), eq(contactAnalyses.workspaceId, workspaceId)));
        if (!b) throw missing();
        return { sessionId: null };
      }
      case 'persona': {
        const [p] = await db
          .select({ id: personas.id })
          .from(personas)
          .where(and(eq(personas.id, target.id), eq(personas.workspaceId, workspaceId)));
        if (!p) throw missing();
        return { sessionId: null };
      }
      case 'draft': {
        // A draft is an accepted draft or a drafted email in the log (sent, in the outbox or not yet).
        const [accepted] = await db
          .select({ id: acceptedDrafts.id })
          .from(acceptedDrafts)
          .where(and(eq(acceptedDrafts.id, target.id), eq(acceptedDrafts.workspaceId, workspaceId)));
        if (accepted) return { sessionId: null };
        const [logged] = await db
          .select({ id: emailLogs.id })
          .from(emailLogs)
          .where(and(eq(emailLogs.id, target.id), eq(emailLogs.workspaceId, workspaceId)));
        if (!logged) throw missing();
        return { sessionId: null };
      }
    }
  }

  const mineWhere = (workspaceId: string, actor: Actor) => and(eq(feedback.workspaceId, workspaceId), eq(feedback.personKey, personKeyOf(actor)));

  return {
    /** Stores the person's feedback on the target, replacing theirs if they gave some: `created` says which. */
    async give({ workspaceId, actor, input }: { workspaceId: string; actor: Actor; input: FeedbackInput }): Promise<{ feedback: Feedback; created: boolean }> {
      const { sessionId } = await resolve(workspaceId, input.target);
      const values = {
        helpful: input.helpful ?? null,
        reasons: input.reasons ?? [],
        needMore: input.needMore ?? [],
        text: input.text ?? null,
        rating: input.rating ?? null,
        goalAchieved: input.goalAchieved ?? null,
        stillNeed: input.stillNeed ?? null,
      };
      const [row] = await db
        .insert(feedback)
        .values({
          workspaceId,
          targetKind: input.target.kind,
          targetId: input.target.id,
          sessionId,
          personKey: personKeyOf(actor),
          userId: actor.userId,
          ...values,
        })
        .onConflictDoUpdate({
          target: [feedback.workspaceId, feedback.targetKind, feedback.targetId, feedback.personKey],
          set: { ...values, userId: actor.userId, updatedAt: sql`now()` },
        })
        .returning({ ...getTableColumns(feedback), created: sql<boolean>`(xmax = 0)` });
      const { created, ...stored } = row!;
      return { feedback: toFeedback(stored), created };
    },

    /** The person's feedback on one target (null when none); a 404 when the target is not in the workspace. */
    async mine({ workspaceId, actor, target }: { workspaceId: string; actor: Actor; target: FeedbackTarget }): Promise<Feedback | null> {
      await resolve(workspaceId, target);
      const [row] = await db
        .select()
        .from(feedback)
        .where(and(mineWhere(workspaceId, actor), eq(feedback.targetKind, target.kind), eq(feedback.targetId, target.id)));
      return row ? toFeedback(row) : null;
    },

    /** The person's feedback on a session and on its replies, for the chat to show what they chose. */
    async mineInSession({ workspaceId, actor, sessionId }: { workspaceId: string; actor: Actor; sessionId: string }): Promise<Feedback[]> {
      await resolve(workspaceId, { kind: 'session', id: sessionId });
      const rows = await db
        .select()
        .from(feedback)
        .where(and(mineWhere(workspaceId, actor), eq(feedback.sessionId, sessionId), inArray(feedback.targetKind, ['message', 'session'])));
      return rows.map(toFeedback);
    },
  };
}
