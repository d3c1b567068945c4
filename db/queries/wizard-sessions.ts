import { and, desc, eq, sql } from 'drizzle-orm';
import type { Persona, PersonaVersion } from '../../schemas/persona.js';
import { notFound, staleVersion } from '../../lib/errors.js';
import type { Database } from '../client.js';
import { wizardSessions, wizardSnapshots, type WizardSnapshotRow } from '../schema.js';
import { savePersona } from './personas.js';

export type Snapshot = {
  id: string;
  sessionId: string;
  parentId: string | null;
  version: number;
  phase: string;
  state: unknown;
  createdAt: string;
};

export type SessionSummary = { id: string; flow: string; version: number; title: string | null; phase: string; updatedAt: string };

/** Writes that must land in the same transaction as the snapshot, or not at all. */
export type CommitEffect = {
  kind: 'savePersona';
  personaId: string;
  data: Persona;
  source: PersonaVersion['source'];
};

export type CommitInput = {
  workspaceId: string;
  sessionId: string;
  expectedVersion: number;
  parentId: string | null;
  phase: string;
  state: unknown;
  title?: string | null;
  effects?: CommitEffect[];
};

const toSnapshot = (row: WizardSnapshotRow): Snapshot => ({
  id: row.id,
  sessionId: row.sessionId,
  parentId: row.parentId,
  version: row.version,
  phase: row.phase,
  state: row.state,
  createdAt: row.createdAt.toISOString(),
});

export function wizardSessionQueries(db: Database) {
  return {
    async create({ workspaceId, flow, phase, state, title = null }: { workspaceId: string; flow: string; phase: string; state: unknown; title?: string | null }): Promise<Snapshot> {
      return db.transaction(async (tx) => {
        const [session] = await tx.insert(wizardSessions).values({ workspaceId, flow, version: 1, title }).returning();
        const [snap] = await tx
          .insert(wizardSnapshots)
          .values({ workspaceId, sessionId: session!.id, version: 1, phase, state })
          .returning();
        await tx.update(wizardSessions).set({ headSnapshotId: snap!.id }).where(eq(wizardSessions.id, session!.id));
        return toSnapshot(snap!);
      });
    },

    async head({ workspaceId, sessionId, flow }: { workspaceId: string; sessionId: string; flow: string }): Promise<Snapshot> {
      const [row] = await db
        .select({ snap: wizardSnapshots })
        .from(wizardSessions)
        .innerJoin(wizardSnapshots, eq(wizardSnapshots.id, wizardSessions.headSnapshotId))
        .where(and(eq(wizardSessions.id, sessionId), eq(wizardSessions.workspaceId, workspaceId), eq(wizardSessions.flow, flow)));
      if (!row) throw notFound(`Session ${sessionId}`);
      return toSnapshot(row.snap);
    },

    async snapshot({ workspaceId, snapshotId }: { workspaceId: string; snapshotId: string }): Promise<Snapshot> {
      const [row] = await db
        .select()
        .from(wizardSnapshots)
        .where(and(eq(wizardSnapshots.id, snapshotId), eq(wizardSnapshots.workspaceId, workspaceId)));
      if (!row) throw notFound(`Snapshot ${snapshotId}`);
      return toSnapshot(row);
    },

    /** Appends a snapshot if the session is still at expectedVersion; otherwise writes nothing. */
    async commit(input: CommitInput): Promise<Snapshot> {
      const { workspaceId, sessionId, expectedVersion } = input;
      return db.transaction(async (tx) => {
        const [bumped] = await tx
          .update(wizardSessions)
          .set({
            version: sql`${wizardSessions.version} + 1`,
            updatedAt: new Date(),
            ...(input.title !== undefined ? { title: input.title } : {}),
          })
          .where(and(eq(wizardSessions.id, sessionId), eq(wizardSessions.workspaceId, workspaceId), eq(wizardSessions.version, expectedVersion)))
          .returning({ version: wizardSessions.version });
        if (!bumped) {
          const [current] = await tx
            .select({ version: wizardSessions.version })
            .from(wizardSessions)
            .where(and(eq(wizardSessions.id, sessionId), eq(wizardSessions.workspaceId, workspaceId)));
          throw current ? staleVersion(expectedVersion, current.version) : notFound(`Session ${sessionId}`);
        }
        const [snap] = await tx
          .insert(wizardSnapshots)
          .values({ workspaceId, sessionId, parentId: input.parentId, version: bumped.version, phase: input.phase, state: input.state })
          .returning();
        await tx.update(wizardSessions).set({ headSnapshotId: snap!.id }).where(eq(wizardSessions.id, sessionId));
        for (const effect of input.effects ?? []) {
          await savePersona(tx as unknown as Database, {
            workspaceId,
            id: effect.personaId,
            data: effect.data,
            source: effect.source,
            sourceSessionId: sessionId,
          });
        }
        return toSnapshot(snap!);
      });
    },

    async list({ workspaceId, flow }: { workspaceId: string; flow: string }): Promise<SessionSummary[]> {
      const rows = await db
        .select({
          id: wizardSessions.id,
          flow: wizardSessions.flow,
          version: wizardSessions.version,
          title: wizardSessions.title,
          phase: wizardSnapshots.phase,
          updatedAt: wizardSessions.updatedAt,
        })
        .from(wizardSessions)
        .innerJoin(wizardSnapshots, eq(wizardSnapshots.id, wizardSessions.headSnapshotId))
        .where(and(eq(wizardSessions.workspaceId, workspaceId), eq(wizardSessions.flow, flow)))
        .orderBy(desc(wizardSessions.updatedAt))
        .limit(100);
      return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
    },

    async history({ workspaceId, sessionId }: { workspaceId: string; sessionId: string }): Promise<Omit<Snapshot, 'state'>[]> {
      const rows = await db
        .select({
          id: wizardSnapshots.id,
          sessionId: wizardSnapshots.sessionId,
          parentId: wizardSnapshots.parentId,
          version: wizardSnapshots.version,
          phase: wizardSnapshots.phase,
          createdAt: wizardSnapshots.createdAt,
        })
        .from(wizardSnapshots)
        .where(and(eq(wizardSnapshots.sessionId, sessionId), eq(wizardSnapshots.workspaceId, workspaceId)))
        .orderBy(desc(wizardSnapshots.version));
      if (rows.length === 0) throw notFound(`Session ${sessionId}`);
      return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
    },

    /** Deletes the session and, by cascade, every snapshot of it. */
    async delete({ workspaceId, sessionId }: { workspaceId: string; sessionId: string }): Promise<void> {
      const rows = await db
        .delete(wizardSessions)
        .where(and(eq(wizardSessions.id, sessionId), eq(wizardSessions.workspaceId, workspaceId)))
        .returning({ id: wizardSessions.id });
      if (rows.length === 0) throw notFound(`Session ${sessionId}`);
    },
  };
}
