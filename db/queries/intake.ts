import { eq, sql } from 'drizzle-orm';
import type { CompanyProfileInput } from '../../schemas/company.js';
import type { Actor } from '../../lib/scope.js';
import type { IntakeStatus } from '../../schemas/intake.js';
import type { Database } from '../client.js';
import { companyProfiles, workspaceIntake, workspaces } from '../schema.js';

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

    /**
     * The company profile from the intake, only if the workspace has none: the workspace row is
     * locked while looking, so two saves at once make one profile. Returns the profile's id.
     */
    async createCompanyProfileIfNone({ workspaceId, input }: { workspaceId: string; input: CompanyProfileInput }): Promise<{ created: boolean; id: string }> {
      return db.transaction(async (tx) => {
        await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
        const [existing] = await tx.select({ id: companyProfiles.id }).from(companyProfiles).where(eq(companyProfiles.workspaceId, workspaceId)).limit(1);
        if (existing) return { created: false, id: existing.id };
        const [made] = await tx
          .insert(companyProfiles)
          .values({ workspaceId, name: input.name, whatItDoes: input.whatItDoes, market: input.market, size: input.size })
          .returning({ id: companyProfiles.id });
        return { created: true, id: made!.id };
      });
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
