import { and, desc, eq, sql } from 'drizzle-orm';
import type { AuditEntry, AuditLog } from '../../lib/audit.js';
import type { Actor } from '../../lib/scope.js';
import type { Database } from '../client.js';
import { auditEvents } from '../schema.js';
export type AuditEvent = AuditEntry & { id: string; at: string; actor: { kind: Actor['kind']; userId: string | null; name: string } };

export function auditQueries(db: Database) {
  return {
    async record({ workspaceId, actor, entry }: Parameters<AuditLog['record']>[0]): Promise<void> {
      await db.insert(auditEvents).values({
        workspaceId,
        actorKind: actor.kind,
        actorUserId: actor.userId,
        actorName: actor.tokenName ? `${actor.name} (token “${actor.tokenName}”)` : actor.name,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId ?? null,
        summary: entry.summary,
        details: entry.details ?? null,
      });
    },

    /** Newest first; `before` (the id of the last event shown) pages back, exactly even when events share a time. */
    async list({ workspaceId, limit, before }: { workspaceId: string; limit: number; before?: string }): Promise<AuditEvent[]> {
      const cursor = before
        ? sql`(${auditEvents.at}, ${auditEvents.id}) < (select e.at, e.id from ${auditEvents} e where e.id = ${before} and e.workspace_id = ${workspaceId})`
        : undefined;
      const rows = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, workspaceId), cursor))
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(limit);
      return rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actor: { kind: r.actorKind, userId: r.actorUserId, name: r.actorName },
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        summary: r.summary,
        details: r.details,
      }));
    },
  };
}
