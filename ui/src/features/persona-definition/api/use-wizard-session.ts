import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { PersonaDefinitionAction } from '../../../../../schemas/persona-definition.js';
import type { PersonaPatch } from '../../../../../schemas/persona.js';
import { ApiError, toApiError } from '../../../shared/api/errors';
import { queryKeys } from '../../../shared/api/query-keys';
import { resumeSession, runTurn, type TurnInput, type TurnOutput } from './persona-definition-flow';
import { sessionsKey } from './sessions';

export const wizardKey = (sessionId: string) => ['persona-definition', sessionId] as const;

/** The session's current state: resumed from the server by id, then kept up to date by turns. */
export function useWizardSession(sessionId: string) {
  return useQuery<TurnOutput, ApiError>({
    queryKey: wizardKey(sessionId),
    queryFn: () => resumeSession(sessionId),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: (count, error) => !(error.status >= 400 && error.status < 500) && count < 2,
  });
}

export type TurnKind = 'chat' | 'form' | 'action';
type TurnRequest =
  | { kind: 'chat'; message: string }
  | { kind: 'form'; patch: PersonaPatch }
  | { kind: 'action'; action: PersonaDefinitionAction };

export type TurnFailure = { kind: TurnKind; error: ApiError };

/**
 * Runs wizard turns one after another (a mutation scope per session), each carrying the
 * version the client last saw. While a turn runs, `live` holds the user's message and the
 * assistant's reply as it streams in; the final output then replaces the cached state.
 */
export function useWizardTurns(sessionId: string) {
  const qc = useQueryClient();
  const [live, setLive] = useState<{ kind: TurnKind; userText?: string; reply: string } | null>(null);
  const [failure, setFailure] = useState<TurnFailure | null>(null);
  // Turns waiting or running, by kind: form edits do not block the buttons (turns run in order,
  // so a click right after editing a field simply runs after that edit).
  const [pending, setPending] = useState<Record<TurnKind, number>>({ chat: 0, form: 0, action: 0 });
  const track = (kind: TurnKind, delta: number) => setPending((p) => ({ ...p, [kind]: p[kind] + delta }));

  const mutation = useMutation({
    scope: { id: `persona-definition:${sessionId}` },
    mutationFn: async (req: TurnRequest) => {
      const current = qc.getQueryData<TurnOutput>(wizardKey(sessionId));
      const input: TurnInput = { sessionId, ...(current ? { expectedVersion: current.version } : {}) };
      if (req.kind === 'chat') input.message = req.message;
      if (req.kind === 'form') input.patch = req.patch;
      if (req.kind === 'action') input.action = req.action;
      setFailure(null);
      setLive({ kind: req.kind, ...(req.kind === 'chat' ? { userText: req.message } : {}), reply: '' });
      try {
        return await runTurn(input, (text) => setLive((l) => (l ? { ...l, reply: l.reply + text } : l)));
      } catch (error) {
        throw toApiError(error);
      }
    },
    onSuccess: (output) => {
      qc.setQueryData(wizardKey(sessionId), output);
      void qc.invalidateQueries({ queryKey: sessionsKey });
      if (output.state.savedPersonaId) void qc.invalidateQueries({ queryKey: queryKeys.personas });
    },
    onError: (error, req) => setFailure({ kind: req.kind, error: toApiError(error) }),
    onSettled: () => setLive(null),
  });

  const { mutateAsync } = mutation;
  /** Resolves to the new output, or to null when the turn failed (see `failure`). */
  const run = useCallback(
    (req: TurnRequest): Promise<TurnOutput | null> => {
      track(req.kind, 1);
      return mutateAsync(req)
        .catch(() => null)
        .finally(() => track(req.kind, -1));
    },
    [mutateAsync],
  );

  const reload = useCallback(async () => {
    setFailure(null);
    await qc.refetchQueries({ queryKey: wizardKey(sessionId), exact: true });
  }, [qc, sessionId]);

  return {
    send: (message: string) => run({ kind: 'chat', message }),
    patch: (patch: PersonaPatch) => run({ kind: 'form', patch }),
    act: (action: PersonaDefinitionAction) => run({ kind: 'action', action }),
    /** A chat message or an action is waiting or running. */
    busy: pending.chat + pending.action > 0,
    /** A form edit is waiting or running. */
    saving: pending.form > 0,
    live,
    failure,
    conflict: failure?.error.isConflict ?? false,
    clearFailure: () => setFailure(null),
    reload,
  };
}

/** Creates a new session (no sessionId) and caches its state under its new id. */
export function useStartSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => runTurn({}),
    onSuccess: (output) => {
      qc.setQueryData(wizardKey(output.sessionId), output);
      void qc.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}
