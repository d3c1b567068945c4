// The wizard turn every conversational flow shares (DESIGN.md, "The wizard turn"):
// load the head snapshot → run the flow's turn (patch, AI steps, reducers) → commit a new
// snapshot with optimistic versioning → reply. Nothing is written until the turn succeeded.
import { randomUUID } from 'node:crypto';
import type { Genkit } from 'genkit';
import type { z } from 'zod';
import { withCallContext } from '../lib/call-context.js';
import { AppError } from '../lib/errors.js';
import type { TurnInputSummary } from '../schemas/transcript.js';
import type { ChatMessage, TurnOutput } from '../schemas/wizard.js';
import { toUserFacing } from './flow-steps.js';
import { stateChanges } from './state-changes.js';
import type { CommitEffect, Snapshot, TurnRecord, WizardStore } from './wizard-store.js';

export type WizardDeps = {
  store: WizardStore;
  workspaceId: string;
  now?: () => Date;
};

export type TurnInputBase = {
  sessionId?: string;
  message?: string;
  patch?: unknown;
  action?: string;
  expectedVersion?: number;
};

export type TurnContext<S, I> = {
  ai: Genkit;
  state: S;
  input: I;
  at: string;
  isNew: boolean;
  /** The snapshot before the head, for undo; null when there is none. */
  previous(): Promise<{ state: S; parentId: string | null } | null>;
  sendChunk(text: string): void;
  sessionId?: string;
};

export type TurnResult<S> = {
  state: S;
  reply: string;
  effects?: CommitEffect[];
  /** Set by undo: the new snapshot continues the chain from an older snapshot. */
  parentId?: string | null;
};

export type WizardSpec<S, Ph extends string, I extends TurnInputBase> = {
  flow: string;
  stateSchema: z.ZodType<S, z.ZodTypeDef, unknown>;
  initial(): S;
  phase(state: S): Ph;
  missing(state: S): string[];
  done(state: S): boolean;
  title(state: S): string | null;
  /** The record the session is about, if any (sessions can be found by it). */
  subject?(state: S): string | null;
  turn(ctx: TurnContext<S, I>): Promise<TurnResult<S>>;
};

/**
 * How many of the latest messages a snapshot keeps in its state (and a turn returns): enough for
 * every prompt's history. The whole conversation is stored message by message, paged at
 * GET /api/sessions/:id/messages, so a turn costs the same at message 500 as at message 5.
 */
export const RECENT_MESSAGES = 20;

const messagesOf = (state: unknown): ChatMessage[] | undefined => (state as { messages?: ChatMessage[] }).messages;

function inputSummary(input: TurnInputBase): TurnInputSummary {
  const fields = input.patch && typeof input.patch === 'object' ? Object.keys(input.patch) : [];
  const sent = fields.length ? { fields } : {};
  if (input.message !== undefined) return { kind: 'message', ...sent };
  if (input.action) return { kind: 'action', action: input.action, ...sent };
  return fields.length ? { kind: 'form', fields } : { kind: 'start' };
}

/**
 * The turn to record and the state to store: the messages the turn added get ids, the state keeps
 * only the latest RECENT_MESSAGES. An undo (restored: the snapshot it went back to) adds none and
 * takes the newer messages out of the conversation.
 */
function recordTurn<S>(
  id: string,
  input: TurnInputBase,
  before: { state: unknown; messageCount: number },
  after: S,
  restored?: Snapshot,
): { state: S; turn: TurnRecord } {
  const changes = stateChanges(before.state, after);
  const summary = inputSummary(input);
  if (restored)
    return { state: after, turn: { id, input: summary, changes, messages: [], messageCount: restored.messageCount, undoneFrom: restored.messageCount } };
  const had = messagesOf(before.state) ?? [];
  const has = messagesOf(after);
  if (!has) return { state: after, turn: { id, input: summary, changes, messages: [], messageCount: before.messageCount } };
  const added = has.slice(had.length).map((m) => ({ ...m, id: m.id ?? randomUUID() }));
  const messages = [...has.slice(0, had.length), ...added].slice(-RECENT_MESSAGES);
  return { state: { ...after, messages }, turn: { id, input: summary, changes, messages: added, messageCount: before.messageCount + added.length } };
}

export function lastAssistantText(messages: readonly { role: string; text: string }[]): string {
  return [...messages].reverse().find((m) => m.role === 'assistant')?.text ?? '';
}

/** Undo: the new snapshot takes the previous snapshot's state, words included, and its place in the chain. */
export async function undoTurn<S extends { messages: { role: string; text: string }[] }, I>(
  ctx: TurnContext<S, I>,
  effects?: (state: S) => TurnResult<S>['effects'],
): Promise<TurnResult<S>> {
  const previous = await ctx.previous();
  if (!previous) throw new AppError('invalid', 'Nothing to undo: this is the first step of the session.');
  return { state: previous.state, reply: lastAssistantText(previous.state.messages), parentId: previous.parentId, effects: effects?.(previous.state) };
}

/** The actions every phased wizard shares; the engine carries them out. */
export type SharedAction = 'start' | 'next' | 'back' | 'undo';

/** The events the shared steps report; every phased wizard's reply prompt knows them. */
export type SharedEvent = 'started' | 'moved' | 'edited' | 'empty' | 'answered';

/** A turn so far, handed from step to step: what changed, which fields it filled, what to write with it. */
export type TurnDraft<S, E extends string> = { state: S; event?: E; filled: string[]; effects?: CommitEffect[] };

/**
 * The hooks of a wizard that moves through phases. phasedTurn runs them in the order every such
 * wizard shares: patch → action → message → settle → reply.
 */
export type PhasedSteps<S, Ph extends string, I extends TurnInputBase, E extends string> = {
  phase(state: S): Ph;
  nextPhase(phase: Ph): Ph;
  previousPhase(phase: Ph): Ph;
  moveTo(state: S, phase: Ph): S;
  /** What the assistant asks next, compared by value before and after a form-only edit. */
  askingNext(state: S): unknown;
  /** Runs before anything else, e.g. leaving an introduction once the person answers. */
  begin?(ctx: TurnContext<S, I>, state: S): S;
  /** The form's patch (already validated); the engine marks the turn 'edited'. */
  applyPatch(ctx: TurnContext<S, I>, draft: TurnDraft<S, E | SharedEvent>, patch: NonNullable<I['patch']>): Promise<TurnDraft<S, E | SharedEvent>>;
  /** The flow's own verbs; must set the event. */
  action(
    ctx: TurnContext<S, I>,
    draft: TurnDraft<S, E | SharedEvent>,
    action: Exclude<NonNullable<I['action']>, SharedAction>,
  ): Promise<TurnDraft<S, E | SharedEvent>>;
  /** A non-empty, trimmed chat message; must set the event. */
  message(ctx: TurnContext<S, I>, draft: TurnDraft<S, E | SharedEvent>, message: string): Promise<TurnDraft<S, E | SharedEvent>>;
  /** The state after the turn's event, e.g. moving past topics that are now complete. */
  settle(state: S, event: E | SharedEvent | undefined): S;
  /** Writes (and streams) the reply, and returns the state with it. */
  reply(ctx: TurnContext<S, I>, draft: TurnDraft<S, E | SharedEvent> & { event: E | SharedEvent }): Promise<{ state: S; reply: string }>;
  /** What every commit of this flow writes beside the snapshot (undo's too), when the turn's steps set nothing. */
  effects?(state: S): CommitEffect[];
};

/** The turn of a phased wizard: start, next, back, undo and the empty message are the engine's, the rest the flow's hooks. */
export function phasedTurn<S extends { messages: { role: string; text: string }[] }, Ph extends string, I extends TurnInputBase, E extends string>(
  steps: PhasedSteps<S, Ph, I, E>,
): (ctx: TurnContext<S, I>) => Promise<TurnResult<S>> {
  return async (ctx) => {
    const { input } = ctx;
    const phaseBefore = steps.phase(ctx.state);
    const askingBefore = JSON.stringify(steps.askingNext(ctx.state));
    let d: TurnDraft<S, E | SharedEvent> = { state: steps.begin ? steps.begin(ctx, ctx.state) : ctx.state, filled: [] };

    if (input.patch) d = { ...(await steps.applyPatch(ctx, d, input.patch as NonNullable<I['patch']>)), event: 'edited' };

    switch (input.action) {
      case undefined:
        break;
      case 'start':
        d = { ...d, event: 'started' };
        break;
      case 'next':
        d = { ...d, state: steps.moveTo(d.state, steps.nextPhase(steps.phase(d.state))), event: 'moved' };
        break;
      case 'back':
        d = { ...d, state: steps.moveTo(d.state, steps.previousPhase(steps.phase(d.state))), event: 'moved' };
        break;
      case 'undo':
        return undoTurn(ctx, steps.effects);
      default:
        // TypeScript does not narrow a generic union through a switch; the cases above are SharedAction.
        d = await steps.action(ctx, d, input.action as Exclude<NonNullable<I['action']>, SharedAction>);
    }

    if (input.message !== undefined) {
      const message = input.message.trim();
      d = message ? await steps.message(ctx, d, message) : { ...d, event: 'empty' };
    }

    d = { ...d, state: steps.settle(d.state, d.event) };
    if (ctx.isNew && !d.event) d = { ...d, event: 'started' };
    const effects = (state: S) => d.effects ?? steps.effects?.(state);

    // A form edit only earns a chat reply when it changes what the assistant should ask next.
    const formOnly = d.event === 'edited' && input.message === undefined && input.action === undefined;
    if (formOnly && steps.phase(d.state) === phaseBefore && JSON.stringify(steps.askingNext(d.state)) === askingBefore) {
      return { state: d.state, reply: '', effects: effects(d.state) };
    }

    const { state, reply } = await steps.reply(ctx, { ...d, event: d.event ?? 'answered' });
    return { state, reply, effects: effects(state) };
  };
}

function staleSession(expected: number, current: number) {
  return new AppError(
    'conflict',
    `This session changed elsewhere (you had version ${expected}, the latest is ${current}). Reload to see the latest, then try again.`,
    { expectedVersion: expected, currentVersion: current },
  );
}

/** A version race lost by a turn that sent no expectedVersion (another process committed first). */
const isVersionRace = (err: unknown) =>
  err instanceof AppError && err.code === 'conflict' && (err.details as { reason?: string } | undefined)?.reason !== 'library_changed';

/** How often a turn without expectedVersion is run again on the latest version after losing a race to another process. */
const RACE_RETRIES = 3;

// Turns on one session run one after another in this process: a turn starts from the head the
// previous one committed. Across processes (several servers on one PostgreSQL) the commit's version
// check still decides, and a turn without expectedVersion then runs again on the latest version.
const sessionQueues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
  const before = sessionQueues.get(key) ?? Promise.resolve();
  const mine = before.then(run, run);
  const tail = mine.catch(() => undefined);
  sessionQueues.set(key, tail);
  void tail.then(() => {
    if (sessionQueues.get(key) === tail) sessionQueues.delete(key);
  });
  return mine;
}

/** The cheap part of a turn's checks, for callers that must fail before streaming starts. */
export async function checkTurnTarget(deps: WizardDeps, flow: string, input: TurnInputBase): Promise<void> {
  if (!input.sessionId) return;
  const head = await deps.store.head({ workspaceId: deps.workspaceId, sessionId: input.sessionId, flow });
  if (input.expectedVersion !== undefined && input.expectedVersion !== head.version) throw staleSession(input.expectedVersion, head.version);
}

export function runWizardTurn<S, Ph extends string, I extends TurnInputBase>(
  ai: Genkit,
  spec: WizardSpec<S, Ph, I>,
  deps: WizardDeps,
  input: I,
  sendChunk: (text: string) => void,
): Promise<TurnOutput<S, Ph>> {
  // One id for the turn, however often it runs again after a lost race: its model calls carry it.
  const turnId = randomUUID();
  return withCallContext({ flow: spec.flow, workspaceId: deps.workspaceId, turnId }, () => wizardTurn(ai, spec, deps, input, sendChunk, turnId));
}

async function wizardTurn<S, Ph extends string, I extends TurnInputBase>(
  ai: Genkit,
  spec: WizardSpec<S, Ph, I>,
  deps: WizardDeps,
  input: I,
  sendChunk: (text: string) => void,
  turnId: string,
): Promise<TurnOutput<S, Ph>> {
  const { store, workspaceId } = deps;
  const at = (deps.now?.() ?? new Date()).toISOString();
  const output = (snap: Snapshot, state: S, reply: string): TurnOutput<S, Ph> => ({
    sessionId: snap.sessionId,
    version: snap.version,
    phase: spec.phase(state),
    reply,
    state,
    missing: spec.missing(state),
    done: spec.done(state),
    canUndo: snap.parentId !== null,
    messageCount: snap.messageCount,
  });

  try {
    if (!input.sessionId) {
      const initial = spec.initial();
      const result = await spec.turn({ ai, state: initial, input, at, isNew: true, previous: async () => null, sendChunk });
      const { state, turn } = recordTurn(turnId, input, { state: initial, messageCount: 0 }, result.state);
      const snap = await ai.run('save-snapshot', () =>
        store.create({
          workspaceId,
          flow: spec.flow,
          phase: spec.phase(state),
          state,
          title: spec.title(state),
          subjectId: spec.subject?.(state) ?? null,
          effects: result.effects,
          turn,
        }),
      );
      return output(snap, state, result.reply);
    }

    const sessionId = input.sessionId;
    // Reading the current state waits for nothing.
    if (input.message === undefined && input.patch === undefined && input.action === undefined) return await turnOnHead(sessionId, sendChunk);
    return await oneAtATime(`${workspaceId}:${sessionId}`, async () => {
      let streamed = false;
      const send = (text: string) => {
        streamed = true;
        sendChunk(text);
      };
      for (let attempt = 0; ; attempt++) {
        try {
          return await turnOnHead(sessionId, send);
        } catch (err) {
          // A turn with expectedVersion reports the race (the client said which version it meant);
          // one without applies to the latest version, so it runs again unless its reply already streamed.
          if (input.expectedVersion !== undefined || !isVersionRace(err)) throw err;
          if (streamed || attempt >= RACE_RETRIES) {
            throw new AppError('conflict', 'This session changed while your turn was being answered. Nothing was written; send it again.');
          }
        }
      }
    });
  } catch (err) {
    throw toUserFacing(err);
  }

  async function turnOnHead(sessionId: string, sendChunk: (text: string) => void): Promise<TurnOutput<S, Ph>> {
    const head = await ai.run('load-snapshot', () => store.head({ workspaceId, sessionId, flow: spec.flow }));
    if (input.expectedVersion !== undefined && input.expectedVersion !== head.version) throw staleSession(input.expectedVersion, head.version);
    const state = spec.stateSchema.parse(head.state);
    const isResume = input.message === undefined && input.patch === undefined && input.action === undefined;
    if (isResume) return output(head, state, lastAssistantText((state as { messages?: { role: string; text: string }[] }).messages ?? []));

    let previous: Snapshot | undefined;
    const result = await spec.turn({
      ai,
      state,
      input,
      at,
      isNew: false,
      sessionId,
      sendChunk,
      previous: async () => {
        if (!head.parentId) return null;
        previous = await store.snapshot({ workspaceId, snapshotId: head.parentId });
        return { state: spec.stateSchema.parse(previous.state), parentId: previous.parentId };
      },
    });
    const restored = result.parentId !== undefined ? previous : undefined;
    const recorded = recordTurn(turnId, input, { state, messageCount: head.messageCount }, result.state, restored);
    const snap = await ai.run('save-snapshot', () =>
      store.commit({
        workspaceId,
        sessionId,
        expectedVersion: head.version,
        parentId: result.parentId !== undefined ? result.parentId : head.id,
        phase: spec.phase(recorded.state),
        state: recorded.state,
        title: spec.title(recorded.state),
        subjectId: spec.subject?.(recorded.state) ?? null,
        effects: result.effects,
        turn: recorded.turn,
      }),
    );
    return output(snap, recorded.state, result.reply);
  }
}
