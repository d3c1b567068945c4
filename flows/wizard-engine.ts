// The wizard turn every conversational flow shares (DESIGN.md, "The wizard turn"):
// load the head snapshot → run the flow's turn (patch, AI steps, reducers) → commit a new
// snapshot with optimistic versioning → reply. Nothing is written until the turn succeeded.
import type { Genkit } from 'genkit';
import type { z } from 'zod';
import { withCallContext } from '../lib/call-context.js';
import { AppError } from '../lib/errors.js';
import type { TurnOutput } from '../schemas/wizard.js';
import { toUserFacing } from './flow-steps.js';
import type { CommitEffect, Snapshot, WizardStore } from './wizard-store.js';

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

function staleSession(expected: number, current: number) {
  return new AppError(
    'conflict',
    `This session changed elsewhere (you had version ${expected}, the latest is ${current}). Reload to see the latest, then try again.`,
    { expectedVersion: expected, currentVersion: current },
  );
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
  return withCallContext({ flow: spec.flow, workspaceId: deps.workspaceId }, () => wizardTurn(ai, spec, deps, input, sendChunk));
}

async function wizardTurn<S, Ph extends string, I extends TurnInputBase>(
  ai: Genkit,
  spec: WizardSpec<S, Ph, I>,
  deps: WizardDeps,
  input: I,
  sendChunk: (text: string) => void,
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
  });

  try {
    if (!input.sessionId) {
      const result = await spec.turn({ ai, state: spec.initial(), input, at, isNew: true, previous: async () => null, sendChunk });
      const snap = await ai.run('save-snapshot', () =>
        store.create({
          workspaceId,
          flow: spec.flow,
          phase: spec.phase(result.state),
          state: result.state,
          title: spec.title(result.state),
          subjectId: spec.subject?.(result.state) ?? null,
          effects: result.effects,
        }),
      );
      return output(snap, result.state, result.reply);
    }

    const sessionId = input.sessionId;
    const head = await ai.run('load-snapshot', () => store.head({ workspaceId, sessionId, flow: spec.flow }));
    if (input.expectedVersion !== undefined && input.expectedVersion !== head.version) throw staleSession(input.expectedVersion, head.version);
    const state = spec.stateSchema.parse(head.state);
    const isResume = input.message === undefined && input.patch === undefined && input.action === undefined;
    if (isResume) return output(head, state, lastAssistantText((state as { messages?: { role: string; text: string }[] }).messages ?? []));

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
        const prev = await store.snapshot({ workspaceId, snapshotId: head.parentId });
        return { state: spec.stateSchema.parse(prev.state), parentId: prev.parentId };
      },
    });
    const snap = await ai.run('save-snapshot', () =>
      store.commit({
        workspaceId,
        sessionId,
        expectedVersion: head.version,
        parentId: result.parentId !== undefined ? result.parentId : head.id,
        phase: spec.phase(result.state),
        state: result.state,
        title: spec.title(result.state),
        subjectId: spec.subject?.(result.state) ?? null,
        effects: result.effects,
      }),
    );
    return output(snap, result.state, result.reply);
  } catch (err) {
    throw toUserFacing(err);
  }
}
