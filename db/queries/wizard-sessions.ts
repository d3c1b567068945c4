import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { notFound, staleVersion } from '../../lib/errors.js';
import type { Database } from '../client.js';
import { modelCalls, sessionMessages, sessionTurns, wizardSessions, wizardSnapshots, type WizardSnapshotRow } from '../schema.js';
import { saveBuyingProcessMap } from './buying-processes.js';
import { saveContactAnalysis } from './contact-analyses.js';
import { savePersona } from './personas.js';
import type { CommitEffect, CommitInput, CreateSessionInput, SessionSummary, Snapshot, TurnRecord } from '../../flows/wizard-store.js';

export type { CommitEffect, CommitInput, SessionSummary, Snapshot } from '../../flows/wizard-store.js';

const toSnapshot = (row: WizardSnapshotRow): Snapshot => ({
  id: row.id,
  sessionId: row.sessionId,
  parentId: row.parentId,
  version: row.version,
  phase: row.phase,
  state: row.state,
  messageCount: row.messageCount,
  createdAt: row.createdAt.toISOString(),
});

/** The turn's messages as jsonb_to_recordset reads them. */
const messageRows = (turn: TurnRecord) =>
  JSON.stringify(turn.messages.map((m, i) => ({ id: m.id, position: turn.messageCount - turn.messages.length + i, role: m.role, text: m.text, at: m.at })));

/**
 * One statement: bump the version only if it is still the expected one, move the head, insert the
 * snapshot and record the turn with its messages (an undo marks the messages it takes back). A turn
 * is the hot path; this keeps it to a single round trip and never holds PGlite's one connection in
 * an open transaction.
 */
async function appendSnapshot(db: Database, input: CommitInput): Promise<Snapshot> {
  const { workspaceId, sessionId, expectedVersion, turn } = input;
  const id = randomUUID();
  const title = input.title === undefined ? sql`${wizardSessions.title}` : sql`${input.title}`;
  const subject = input.subjectId ? sql`${input.subjectId}::uuid` : sql`${wizardSessions.subjectId}`;
  // Without a turn (a revision made elsewhere) the conversation stays as the head had it; every
  // part of the statement reads the rows as they were before it.
  const messageCount = turn
    ? sql`${turn.messageCount}`
    : sql`coalesce((select s.message_count from ${wizardSnapshots} s join ${wizardSessions} w on s.id = w.head_snapshot_id where w.id = ${sessionId}), 0)`;
  const recordsTurn = turn
    ? sql`,
    turn as (
      insert into ${sessionTurns} (id, workspace_id, session_id, version, input, changes)
      select ${turn.id}, ${workspaceId}, ${sessionId}, bumped.version, ${JSON.stringify(turn.input)}::jsonb, ${JSON.stringify(turn.changes)}::jsonb
        from bumped
      returning id
    ),
    added as (
      insert into ${sessionMessages} (id, workspace_id, session_id, turn_id, position, role, text, at)
      select m.id, ${workspaceId}, ${sessionId}, turn.id, m.position, m.role, m.text, m.at
        from turn, jsonb_to_recordset(${messageRows(turn)}::jsonb) as m(id uuid, position int, role text, text text, at timestamptz)
      returning 1
    ),
    undone as (
      update ${sessionMessages} set undone_in_version = bumped.version
        from bumped
       where session_id = ${sessionId} and undone_in_version is null and position >= ${turn.undoneFrom ?? null}::int
      returning 1
    )`
    : sql``;
  type Row = { id: string; parent_id: string | null; version: number; phase: string; state: unknown; message_count: number; created_at: string | Date };
  // Both drivers (pg and PGlite) return { rows }.
  const result = (await db.execute(sql`
    with bumped as (
      update ${wizardSessions}
         set version = version + 1, head_snapshot_id = ${id}, updated_at = now(), title = ${title}, subject_id = ${subject}
       where id = ${sessionId} and workspace_id = ${workspaceId} and version = ${expectedVersion}
       returning version
    )${recordsTurn}
    insert into ${wizardSnapshots} (id, workspace_id, session_id, parent_id, version, phase, state, message_count)
    select ${id}, ${workspaceId}, ${sessionId}, ${input.parentId}, bumped.version, ${input.phase}, ${JSON.stringify(input.state)}::jsonb, ${messageCount}
      from bumped
    returning id, parent_id, version, phase, state, message_count, created_at`)) as unknown as { rows: Row[] };
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
    messageCount: row.message_count,
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
    async create({ workspaceId, flow, phase, state, title = null, subjectId = null, effects = [], turn }: CreateSessionInput): Promise<Snapshot> {
      const messages = turn?.messages ?? [];
      return db.transaction(async (tx) => {
        const [session] = await tx.insert(wizardSessions).values({ workspaceId, flow, version: 1, title, subjectId }).returning();
        const sessionId = session!.id;
        const [snap] = await tx.insert(wizardSnapshots).values({ workspaceId, sessionId, version: 1, phase, state, messageCount: messages.length }).returning();
        await tx.update(wizardSessions).set({ headSnapshotId: snap!.id }).where(eq(wizardSessions.id, sessionId));
        if (turn) await tx.insert(sessionTurns).values({ id: turn.id, workspaceId, sessionId, version: 1, input: turn.input, changes: turn.changes });
        if (turn && messages.length)
          await tx
            .insert(sessionMessages)
            .values(
              messages.map((m, position) => ({ id: m.id, workspaceId, sessionId, turnId: turn.id, position, role: m.role, text: m.text, at: new Date(m.at) })),
            );
        for (const effect of effects) await applyEffect(tx as unknown as Database, { workspaceId, sessionId }, effect);
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
          messageCount: wizardSnapshots.messageCount,
          createdAt: wizardSnapshots.createdAt,
        })
        .from(wizardSnapshots)
        .where(and(eq(wizardSnapshots.sessionId, sessionId), eq(wizardSnapshots.workspaceId, workspaceId)))
        .orderBy(desc(wizardSnapshots.version));
      if (rows.length === 0) throw notFound(`Session ${sessionId}`);
      return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
    },

    /**
     * Deletes the session and, by cascade, every snapshot, turn and message of it. Its model calls
     * stay as usage (they hold no text) without the link to the deleted turns.
     */
    async delete({ workspaceId, sessionId }: { workspaceId: string; sessionId: string }): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .update(modelCalls)
          .set({ turnId: null })
          .where(
            inArray(
              modelCalls.turnId,
              tx
                .select({ id: sessionTurns.id })
                .from(sessionTurns)
                .where(and(eq(sessionTurns.sessionId, sessionId), eq(sessionTurns.workspaceId, workspaceId))),
            ),
          );
        const rows = await tx
          .delete(wizardSessions)
          .where(and(eq(wizardSessions.id, sessionId), eq(wizardSessions.workspaceId, workspaceId)))
          .returning({ id: wizardSessions.id });
        if (rows.length === 0) throw notFound(`Session ${sessionId}`);
      });
    },
  };
}
