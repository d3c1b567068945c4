import { randomUUID } from 'node:crypto';
import type { CommitEffect, CommitInput, CreateSessionInput, Snapshot, TurnRecord, WizardStore } from '../flows/wizard-store.js';
import { notFound, staleVersion } from './errors.js';

type Session = { id: string; workspaceId: string; flow: string; version: number; headId: string; title: string | null; subjectId: string | null };

/** An effect as the store received it, with the session it came with. */
export type RecordedEffect = { sessionId: string; effect: CommitEffect };

/** A message as session_messages keeps it. */
export type StoredMessage = TurnRecord['messages'][number] & { sessionId: string; turnId: string; position: number; undoneInVersion: number | null };

export type MemoryWizardStore = WizardStore & {
  /** Effects of successful creates and commits, in order; a refused commit records none. */
  readonly effects: RecordedEffect[];
  /** Turns of successful creates and commits, with the version each committed. */
  readonly turns: (TurnRecord & { sessionId: string; version: number })[];
  readonly messages: StoredMessage[];
};

/**
 * The wizard store in memory, for flow tests and the eval (eval/): versions, parent chains, workspace scoping and the
 * same not_found / conflict errors as the database, and effects recorded instead of applied.
 */
export function memoryWizardStore(): MemoryWizardStore {
  const sessions = new Map<string, Session>();
  const snapshots = new Map<string, Snapshot & { workspaceId: string }>();
  const effects: RecordedEffect[] = [];
  const turns: MemoryWizardStore['turns'] = [];
  const messages: StoredMessage[] = [];

  // Stored as JSON, as jsonb does: a caller's later mutation never reaches the store.
  function append(session: Session, parentId: string | null, phase: string, state: unknown, messageCount: number): Snapshot {
    const snap = {
      id: randomUUID(),
      workspaceId: session.workspaceId,
      sessionId: session.id,
      parentId,
      version: session.version,
      phase,
      state: JSON.parse(JSON.stringify(state)) as unknown,
      messageCount,
      createdAt: new Date().toISOString(),
    };
    snapshots.set(snap.id, snap);
    session.headId = snap.id;
    return view(snap);
  }
  const view = ({ workspaceId: _, ...snap }: Snapshot & { workspaceId: string }): Snapshot => ({ ...snap, state: JSON.parse(JSON.stringify(snap.state)) });
  const record = (sessionId: string, list: CommitEffect[] = []) => effects.push(...list.map((effect) => ({ sessionId, effect })));
  const recordTurn = (session: Session, turn: TurnRecord | undefined) => {
    if (!turn) return;
    turns.push({ ...turn, sessionId: session.id, version: session.version });
    for (const m of messages)
      if (m.sessionId === session.id && m.undoneInVersion === null && turn.undoneFrom !== undefined && m.position >= turn.undoneFrom)
        m.undoneInVersion = session.version;
    turn.messages.forEach((m, i) =>
      messages.push({ ...m, sessionId: session.id, turnId: turn.id, position: turn.messageCount - turn.messages.length + i, undoneInVersion: null }),
    );
  };

  return {
    effects,
    turns,
    messages,
    async create(input: CreateSessionInput) {
      const session: Session = {
        id: randomUUID(),
        workspaceId: input.workspaceId,
        flow: input.flow,
        version: 1,
        headId: '',
        title: input.title ?? null,
        subjectId: input.subjectId ?? null,
      };
      sessions.set(session.id, session);
      const snap = append(session, null, input.phase, input.state, input.turn?.messageCount ?? 0);
      record(session.id, input.effects);
      recordTurn(session, input.turn);
      return snap;
    },
    async head({ workspaceId, sessionId, flow }) {
      const session = sessions.get(sessionId);
      if (!session || session.workspaceId !== workspaceId || session.flow !== flow) throw notFound(`Session ${sessionId}`);
      return view(snapshots.get(session.headId)!);
    },
    async snapshot({ workspaceId, snapshotId }) {
      const snap = snapshots.get(snapshotId);
      if (!snap || snap.workspaceId !== workspaceId) throw notFound(`Snapshot ${snapshotId}`);
      return view(snap);
    },
    async commit(input: CommitInput) {
      const session = sessions.get(input.sessionId);
      if (!session || session.workspaceId !== input.workspaceId) throw notFound(`Session ${input.sessionId}`);
      if (session.version !== input.expectedVersion) throw staleVersion(input.expectedVersion, session.version);
      session.version += 1;
      if (input.title !== undefined) session.title = input.title;
      if (input.subjectId) session.subjectId = input.subjectId;
      const messageCount = input.turn?.messageCount ?? snapshots.get(session.headId)!.messageCount;
      const snap = append(session, input.parentId, input.phase, input.state, messageCount);
      record(session.id, input.effects);
      recordTurn(session, input.turn);
      return snap;
    },
  };
}
