// The store a wizard needs (the port): db/queries/wizard-sessions.ts implements it on Postgres or
// PGlite, tests/helpers/memory-wizard-store.ts in memory. Flows see only this.
import type { BuyingPhase, BuyingProcessState } from '../schemas/buying-process.js';
import type { ContactAnalysis } from '../schemas/contact-analysis.js';
import type { Persona, PersonaEvidence, PersonaVersion } from '../schemas/persona.js';
import type { StateChange, TurnInputSummary } from '../schemas/transcript.js';
import type { ChatMessage } from '../schemas/wizard.js';

/** One saved state of a session; snapshots chain by parentId (undo continues from an older one). */
export type Snapshot = {
  id: string;
  sessionId: string;
  parentId: string | null;
  version: number;
  phase: string;
  state: unknown;
  /** How many messages the conversation has at this snapshot (the state holds only the latest). */
  messageCount: number;
  createdAt: string;
};

/**
 * The turn a commit records beside its snapshot: its id (the model calls it made carry it), what the
 * person did, what it changed, and the messages it added to the conversation at positions
 * messageCount - messages.length onwards. An undo adds none and takes the messages from undoneFrom
 * on out of the conversation (they stay in the transcript).
 */
export type TurnRecord = {
  id: string;
  input: TurnInputSummary;
  changes: StateChange[];
  messages: (ChatMessage & { id: string })[];
  messageCount: number;
  undoneFrom?: number;
};

/** A session as a list shows it: its head's phase and version. */
export type SessionSummary = { id: string; flow: string; version: number; title: string | null; phase: string; updatedAt: string };

/** Writes that must land in the same transaction as the snapshot, or not at all. */
export type CommitEffect =
  /** baseVersion: the library version the session is based on; undefined for a persona the session creates, null when unknown. */
  | { kind: 'savePersona'; personaId: string; data: Persona; source: PersonaVersion['source']; baseVersion?: number | null; evidence?: PersonaEvidence }
  /** baseVersion: the map version the session is based on (undefined: the first turn creates it); changed: the turn changed the map's content. */
  | { kind: 'saveBuyingProcessMap'; phase: BuyingPhase; map: BuyingProcessState; baseVersion?: number; changed?: boolean }
  | { kind: 'saveContactAnalysis'; analysis: Omit<ContactAnalysis, 'createdAt'> };

export type CreateSessionInput = {
  workspaceId: string;
  flow: string;
  phase: string;
  state: unknown;
  title?: string | null;
  subjectId?: string | null;
  effects?: CommitEffect[];
  /** The wizard engine always records the turn; a write without one keeps the conversation as it was. */
  turn?: TurnRecord;
};

export type CommitInput = {
  workspaceId: string;
  sessionId: string;
  /** The version the turn started from; if the session moved on since, nothing is written. */
  expectedVersion: number;
  parentId: string | null;
  phase: string;
  state: unknown;
  /** undefined keeps the session's title. */
  title?: string | null;
  /** null or undefined keeps the session's subject. */
  subjectId?: string | null;
  effects?: CommitEffect[];
  /** The wizard engine always records the turn; a write without one keeps the conversation as it was. */
  turn?: TurnRecord;
};

export interface WizardStore {
  /** A new session at version 1 with its first snapshot, and its effects, at once. */
  create(input: CreateSessionInput): Promise<Snapshot>;
  /** The session's latest snapshot; not_found for another workspace's or another flow's session. */
  head(args: { workspaceId: string; sessionId: string; flow: string }): Promise<Snapshot>;
  snapshot(args: { workspaceId: string; snapshotId: string }): Promise<Snapshot>;
  /** Appends a snapshot (version + 1) and its effects if the session is still at expectedVersion; otherwise a conflict, nothing written. */
  commit(input: CommitInput): Promise<Snapshot>;
}
