import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { ApiError, toApiError } from '../api/errors';
import { queryKeys } from '../api/query-keys';
import type { AnyTurnOutput, WizardTurnInput } from './flow-client';
import { wizardKey, type WizardFlow } from './wizard-flow';

/** The session's current state: resumed from the server by id, then kept up to date by turns. */
export function useWizardSession<O extends AnyTurnOutput>(flow: WizardFlow<O>, sessionId: string) {
  return useQuery<O, ApiError>({
    queryKey: wizardKey(flow.name, sessionId),
    queryFn: () => flow.client.resume(sessionId),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: (count, error) => !(error.status >= 400 && error.status < 500) && count < 2,
  });
}

export type TurnKind = 'chat' | 'form' | 'action';

/**
 * A form patch, or a function that builds it from the state the turn will apply to: edits that
 * rewrite a whole list (a table sent back in full) must start from the result of the edits
 * queued before them, not from what the screen showed when they were made.
 */
export type PatchRequest<P, O> = P | ((current: O | undefined) => P);

type TurnRequest<P, A, O> =
  { kind: 'chat'; message: string } | { kind: 'form'; patch: PatchRequest<P, O>; libraryVersion?: number; action?: A } | { kind: 'action'; action: A };

export type TurnFailure = { kind: TurnKind; error: ApiError };
export type LiveTurn = { kind: TurnKind; userText?: string; reply: string };

/**
 * Runs wizard turns one after another (a mutation scope per session), each carrying the
 * version the client last saw. While a turn runs, `live` holds the user's message and the
 * assistant's reply as it streams in; the final output then replaces the cached state.
 */
export function useWizardTurns<P, A, O extends AnyTurnOutput>(flow: WizardFlow<O>, sessionId: string) {
  const qc = useQueryClient();
  const key = wizardKey(flow.name, sessionId);
  const [live, setLive] = useState<LiveTurn | null>(null);
  const [failure, setFailure] = useState<TurnFailure | null>(null);
  // Turns waiting or running, by kind: form edits do not block the buttons (turns run in order,
  // so a click right after editing a field simply runs after that edit).
  const [pending, setPending] = useState<Record<TurnKind, number>>({ chat: 0, form: 0, action: 0 });
  const track = (kind: TurnKind, delta: number) => setPending((p) => ({ ...p, [kind]: p[kind] + delta }));

  const mutation = useMutation({
    scope: { id: `${flow.name}:${sessionId}` },
    mutationFn: async (req: TurnRequest<P, A, O>) => {
      const current = qc.getQueryData<O>(key);
      const input: WizardTurnInput<P, A> = { sessionId, ...(current ? { expectedVersion: current.version } : {}) };
      if (req.kind === 'chat') input.message = req.message;
      if (req.kind === 'form') {
        input.patch = typeof req.patch === 'function' ? (req.patch as (c: O | undefined) => P)(current) : req.patch;
        if (req.libraryVersion !== undefined) input.libraryVersion = req.libraryVersion;
        if (req.action !== undefined) input.action = req.action;
      }
      if (req.kind === 'action') input.action = req.action;
      setFailure(null);
      setLive({ kind: req.kind, ...(req.kind === 'chat' ? { userText: req.message } : {}), reply: '' });
      try {
        return await flow.client.runTurn(input, (text) => setLive((l) => (l ? { ...l, reply: l.reply + text } : l)));
      } catch (error) {
        throw toApiError(error);
      }
    },
    onSuccess: (output) => {
      qc.setQueryData(key, output);
      void qc.invalidateQueries({ queryKey: queryKeys.sessions(flow.name) });
      flow.onTurn?.(output, qc);
    },
    onError: (error, req) => setFailure({ kind: req.kind, error: toApiError(error) }),
    onSettled: () => setLive(null),
  });

  const { mutateAsync } = mutation;
  /** Resolves to the new output, or to null when the turn failed (see `failure`). */
  const run = useCallback(
    (req: TurnRequest<P, A, O>): Promise<O | null> => {
      track(req.kind, 1);
      return mutateAsync(req)
        .catch(() => null)
        .finally(() => track(req.kind, -1));
    },
    [mutateAsync],
  );

  const reload = useCallback(async () => {
    setFailure(null);
    await qc.refetchQueries({ queryKey: wizardKey(flow.name, sessionId), exact: true });
  }, [qc, flow.name, sessionId]);

  return {
    send: (message: string) => run({ kind: 'chat', message }),
    patch: (patch: PatchRequest<P, O>) => run({ kind: 'form', patch }),
    act: (action: A) => run({ kind: 'action', action }),
    /** Values chosen against the library copy at libraryVersion (after a 409 on save), then optionally an action such as finalize. */
    resolve: (patch: P, libraryVersion: number, action?: A) => run({ kind: 'form', patch, libraryVersion, ...(action !== undefined ? { action } : {}) }),
    /** A chat message or an action is waiting or running. */
    busy: pending.chat + pending.action > 0,
    /** A form edit is waiting or running. */
    saving: pending.form > 0,
    live,
    failure,
    /** The session moved on in another tab (a library conflict is not this: see libraryConflict). */
    conflict: (failure?.error.isConflict && (failure.error.details as { reason?: string } | undefined)?.reason !== 'library_changed') ?? false,
    /** A save refused because the library copy moved on: details carry the library's copy. */
    libraryConflict:
      failure?.error.isConflict && (failure.error.details as { reason?: string } | undefined)?.reason === 'library_changed' ? failure.error : null,
    clearFailure: () => setFailure(null),
    reload,
  };
}

export type WizardTurns<P, A, O extends AnyTurnOutput> = ReturnType<typeof useWizardTurns<P, A, O>>;

/** Creates a new session (no sessionId) and caches its state under its new id. */
export function useStartSession<O extends AnyTurnOutput>(flow: WizardFlow<O>, input: object = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => flow.client.runTurn(input),
    onSuccess: (output) => {
      qc.setQueryData(wizardKey(flow.name, output.sessionId), output);
      void qc.invalidateQueries({ queryKey: queryKeys.sessions(flow.name) });
      flow.onTurn?.(output, qc);
    },
  });
}
