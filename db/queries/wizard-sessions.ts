import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { notFound, staleVersion } from '../../lib/errors.js';
import type { Database } from '../client.js';
import { wizardSessions, wizardSnapshots, type WizardSnapshotRow } from '../schema.js';
import { saveBuyingProcessMap } from './buying-processes.js';
import { saveContactAnalysis } from './contact-analyses.js';
import { savePersona } from './personas.js';
import type { CommitEffect, CommitInput, CreateSessionInput, SessionSummary, Snapshot } from '../../flows/wizard-store.js';

export type { CommitEffect, CommitInput, SessionSummary, Snapshot } from '../../flows/wizard-store.js';

const toSnapshot = (row: WizardSnapshotRow): Snapshot => ({
  id: row.id,
  sessionId: row.sessionId,
  parentId: row.parentId,
  version: row.version,
  phase: row.phase,
  state: row.state,
  createdAt: row.createdAt.toISOString(),
});

/**
 * One statement: bump the version only if it is still the expected one, move the head, and
 * insert the snapshot. A turn is the hot path; this keeps it to a single round trip and never
 * holds PGlite's one connection in an open transaction.
 */
async function appendSnapshot(db: Database, input: CommitInput): Promise<Snapshot> {
  const { workspaceId, sessionId, expectedVersion } = input;
  const id = randomUUID();
  const title = input.title === undefined ? sql`${wizardSessions.title}` : sql`${input.title}`;
  const subject = input.subjectId ? sql`${input.subjectId}::uuid` : sql`${wizardSessions.subjectId}`;
  type Row = { id: string; parent_id: string | null; version: number; phase: string; state: unknown; created_at: string | Date };
  // Both drivers (pg and PGlite) return { rows }.
  const result = (await db.execute(sql`
    with bumped as (
      update ${wizardSessions}
         set version = version + 1, head_snapshot_id = ${id}, updated_at = now(), title = ${title}, subject_id = ${subject}
       where id = ${sessionId} and workspace_id = ${workspaceId} and version = ${expectedVersion}
       returning version
    )
    insert into ${wizardSnapshots} (id, workspace_id, session_id, parent_id, version, phase, state)
    select ${id}, ${workspaceId}, ${sessionId}, ${input.parentId}, bumped.version, ${input.phase}, ${JSON.stringify(input.state)}::jsonb
      from bumped
    returning id, parent_id, version, phase, state, created_at`)) as unknown as { rows: Row[] };
  const row = result.rows[0];
  if (!row) {
    const [current] = await db
      .select({ version: wizardSessions.version })
      .from(wizardSessions)
      .where(and(eq(wizardSessions.id, sessionId), eq(wizardSessions.workspaceId, workspaceId)));
    throw current ? staleVersion(expectedVersion, current.version) : notFound(`Session ${sessionId}`);
  }
  return {
    id: row.id,
    sessionId,
    parentId: row.parent_id,
    version: row.version,
    phase: row.phase,
    state: typeof row.state === 'string' ? JSON.parse(row.state) : row.state,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * A write made outside the wizard that the session must follow (e.g. a restored brief becoming the
 * contact's current one): a new head snapshot with the state revised, in the caller's transaction.
 */
export async function reviseHead(
  db: Database,
  { workspaceId, sessionId, revise }: { workspaceId: string; sessionId: string; revise: (state: unknown) => unknown },
): Promise<Snapshot> {
  const [row] = await db
    .select({ snap: wizardSnapshots, version: wizardSessions.version })
    .from(wizardSessions)
    .innerJoin(wizardSnapshots, eq(wizardSnapshots.id, wizardSessions.headSnapshotId))
    .where(and(eq(wizardSessions.id, sessionId), eq(wizardSessions.workspaceId, workspaceId)))
    .for('update', { of: wizardSessions });
  if (!row) throw notFound(`Session ${sessionId}`);
  return appendSnapshot(db, {
    workspaceId,
    sessionId,
    expectedVersion: row.version,
    parentId: row.snap.id,
    phase: row.snap.phase,
    state: revise(row.snap.state),
  });
}

async function applyEffect(db: Database, input: { workspaceId: string; sessionId: string }, effect: CommitEffect): Promise<void> {
  switch (effect.kind) {
    case 'savePersona':
      await savePersona(db, {
        workspaceId: input.workspaceId,
        id: effect.personaId,
        data: effect.data,
        source: effect.source,
        sourceSessionId: input.sessionId,
        ...(effect.evidence ? { evidence: effect.evidence } : {}),
        ...(effect.baseVersion !== undefined ? { expectedVersion: effect.baseVersion } : {}),
      });
      return;
    case 'saveBuyingProcessMap':
      await saveBuyingProcessMap(db, {
        workspaceId: input.workspaceId,
        sessionId: input.sessionId,
        phase: effect.phase,
        map: effect.map,
        ...(effect.baseVersion !== undefined ? { baseVersion: effect.baseVersion } : {}),
        ...(effect.changed !== undefined ? { changed: effect.changed } : {}),
      });
      return;
    case 'saveContactAnalysis':
      await saveContactAnalysis(db, { workspaceId: input.workspaceId, analysis: effect.analysis });
      return;
  }
}

export function wizardSessionQueries(db: Database) {
  return {
    async create({ workspaceId, flow, phase, state, title = null, subjectId = null, effects = [] }: CreateSessionInput): Promise<Snapshot> {
      return db.transaction(async (tx) => {
        const [session] = await tx.insert(wizardSessions).values({ workspaceId, flow, version: 1, title, subjectId }).returning();
        const [snap] = await tx.insert(wizardSnapshots).values({ workspaceId, sessionId: session!.id, version: 1, phase, state }).returning();
        await tx.update(wizardSessions).set({ headSnapshotId: snap!.id }).where(eq(wizardSessions.id, session!.id));
        for (const effect of effects) await applyEffect(tx as unknown as Database, { workspaceId, sessionId: session!.id }, effect);
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
      const effects = input.effects ?? [];
      if (effects.length === 0) return appendSnapshot(db, input);
      return db.transaction(async (tx) => {
        const snap = await appendSnapshot(tx as unknown as Database, input);
        for (const effect of effects) await applyEffect(tx as unknown as Database, input, effect);
        return snap;
      });
    },

    /** The most recent session of a flow about a record (e.g. the meeting prep of a contact). */
    async latestFor({ workspaceId, flow, subjectId }: { workspaceId: string; flow: string; subjectId: string }): Promise<string | null> {
      const [row] = await db
        .select({ id: wizardSessions.id })
        .from(wizardSessions)
        .where(and(eq(wizardSessions.workspaceId, workspaceId), eq(wizardSessions.flow, flow), eq(wizardSessions.subjectId, subjectId)))
        .orderBy(desc(wizardSessions.updatedAt))
        .limit(1);
      return row?.id ?? null;
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
