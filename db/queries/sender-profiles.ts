import { and, eq, sql } from 'drizzle-orm';
import { staleVersion } from '../../lib/errors.js';
import type { SenderProfile, SenderProfileInput } from '../../schemas/sender-profile.js';
import type { Database } from '../client.js';
import { senderProfiles, type SenderProfileRow } from '../schema.js';

const toDto = (r: SenderProfileRow): SenderProfile => ({
  fromName: r.fromName,
  fromEmail: r.fromEmail,
  replyTo: r.replyTo,
  signature: r.signature,
  postalAddress: r.postalAddress,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
});

/** One sender profile per workspace, saved against the version the edit started from (0: none yet). */
export function senderProfileQueries(db: Database) {
  const get = async ({ workspaceId }: { workspaceId: string }): Promise<SenderProfile | null> => {
    const [row] = await db.select().from(senderProfiles).where(eq(senderProfiles.workspaceId, workspaceId));
    return row ? toDto(row) : null;
  };
  return {
    get,
    async save({ workspaceId, input, expectedVersion }: { workspaceId: string; input: SenderProfileInput; expectedVersion: number }): Promise<SenderProfile> {
      const values = { ...input, updatedAt: new Date() };
      const [row] =
        expectedVersion === 0
          ? await db
              .insert(senderProfiles)
              .values({ workspaceId, ...values })
              .onConflictDoNothing()
              .returning()
          : await db
              .update(senderProfiles)
              .set({ ...values, version: sql`${senderProfiles.version} + 1` })
              .where(and(eq(senderProfiles.workspaceId, workspaceId), eq(senderProfiles.version, expectedVersion)))
              .returning();
      if (row) return toDto(row);
      throw staleVersion(expectedVersion, (await get({ workspaceId }))?.version ?? 0);
    },
  };
}
