import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../lib/scope.js';
import type { IntakeStatus } from '../../schemas/intake.js';
import type { Database } from '../client.js';
import { workspaceIntake } from '../schema.js';

/** Whether a workspace has answered or skipped the first-run intake; 'new' while it has done neither. */
export function intakeQueries(db: Database) {
  return {
    async status({ workspaceId }: { workspaceId: string }): Promise<IntakeStatus> {
      const [row] = await db.select({ status: workspaceIntake.status }).from(workspaceIntake).where(eq(workspaceIntake.workspaceId, workspaceId));
      return row?.status ?? 'new';
    },

    /** Answered: done, whatever it was before. */
    async markDone({ workspaceId, actor }: { workspaceId: string; actor: Actor }): Promise<void> {
      const now = new Date();
      await db
        .insert(workspaceIntake)
        .values({ workspaceId, status: 'done', updatedBy: actor.userId, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: workspaceIntake.workspaceId, set: { status: 'done', updatedBy: actor.userId, updatedAt: now } });
    },

    /** Skipped: only a new intake becomes skipped; one already answered stays done. Returns the status after. */
    async markSkipped({ workspaceId, actor }: { workspaceId: string; actor: Actor }): Promise<IntakeStatus> {
      const [row] = await db
        .insert(workspaceIntake)
        .values({ workspaceId, status: 'skipped', updatedBy: actor.userId })
        .onConflictDoUpdate({ target: workspaceIntake.workspaceId, set: { status: sql`${workspaceIntake.status}` } })
        .returning({ status: workspaceIntake.status });
      return row!.status;
    },
  };
}
