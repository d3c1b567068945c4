// The wizard turn every conversational flow shares (DESIGN.md, "The wizard turn"):
// load the head snapshot → run the flow's turn (patch, AI steps, reducers) → commit a new
// snapshot with optimistic versioning → reply. Nothing is written until the turn succeeded.
import { GenkitError, UserFacingError, type Genkit } from 'genkit';
import type { z } from 'zod';
import type { CommitEffect, Queries, Snapshot } from '../db/queries/index.js';
import { withCallContext } from '../lib/call-context.js';
import { AppError } from '../lib/errors.js';
import { describeFieldErrors, fieldErrors } from '../lib/validation.js';
import type { TurnOutput } from '../schemas/wizard.js';

export type WizardStore = Pick<Queries['wizardSessions'], 'create' | 'head' | 'snapshot' | 'commit'>;

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

/** Zod-validates a flow's input (Genkit checks only the JSON schema): a 400 naming each field. */
export function parseFlowInput<T extends z.ZodTypeAny>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error);
  throw new UserFacingError('INVALID_ARGUMENT', describeFieldErrors(fields), { fields });
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

/** Runs a text prompt, streaming its chunks to the caller; an empty reply is an error. */
export function streamReply<I>(ctx: { ai: Genkit; sendChunk(text: string): void }, prompt: string, input: I): Promise<string> {
  return aiStep('reply', async () => {
    const { stream, response } = ctx.ai.prompt(prompt).stream(input);
    for await (const chunk of stream) if (chunk.text) ctx.sendChunk(chunk.text);
    const text = (await response).text.trim();
    if (!text) throw new AppError('model_output_invalid', 'The model returned an empty reply, so nothing was changed. Try again.');
    return text;
  });
}

export function toUserFacing(err: unknown): unknown {
  if (!(err instanceof AppError)) return err;
  const status = ({
    not_found: 'NOT_FOUND',
    conflict: 'ABORTED',
    invalid: 'INVALID_ARGUMENT',
    model_unavailable: 'UNAVAILABLE',
    model_output_invalid: 'UNAVAILABLE',
  } as const)[err.code];
  return new UserFacingError(status, err.message, err.details);
}

/** Runs an AI step; a provider or output failure becomes a message a person can act on. */
export async function aiStep<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError || err instanceof UserFacingError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof GenkitError && err.status === 'RESOURCE_EXHAUSTED') {
      const ms = (err.responseMetadata as { retryAfterMs?: number } | undefined)?.retryAfterMs;
      throw new AppError(
        'model_unavailable',
        `The model provider is rate-limiting us; try again in ${Math.max(1, Math.ceil((ms ?? 30_000) / 1000))} s. Nothing was changed.`,
        { step: name, reason: 'rate_limited', retryAfterSeconds: Math.ceil((ms ?? 30_000) / 1000) },
      );
    }
    if (err instanceof GenkitError && err.status === 'FAILED_PRECONDITION' && /API key not configured/.test(err.originalMessage)) {
      throw new AppError('model_unavailable', err.originalMessage, { step: name, reason: 'api_key_missing' });
    }
    if (err instanceof GenkitError && err.status === 'DEADLINE_EXCEEDED') {
      throw new AppError('model_unavailable', `${err.originalMessage} Nothing was changed; try again.`, { step: name, reason: 'timeout' });
    }
    if (err instanceof GenkitError && (err.status === 'INVALID_ARGUMENT' || /schema validation failed/i.test(message))) {
      throw new AppError(
        'model_output_invalid',
        `The model returned output that does not fit the ${name} step, so nothing was changed. Try again, or rephrase your message.`,
        { step: name, reason: 'model_output_invalid', cause: message.slice(0, 500) },
      );
    }
    throw new AppError('model_unavailable', `The model provider failed during the ${name} step, so nothing was changed. Try again in a moment.`, {
      step: name,
      reason: 'model_unavailable',
      cause: message.slice(0, 500),
    });
  }
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
