import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../api/http';
import { queryKeys } from '../api/query-keys';
import type { AnyTurnOutput } from './flow-client';
import { wizardKey, type WizardFlow } from './wizard-flow';

export type WizardSessionSummary = {
  id: string;
  flow: string;
  version: number;
  title: string | null;
  phase: string;
  updatedAt: string;
};

export const listSessions = (flow: string) =>
  apiFetch<{ sessions: WizardSessionSummary[] }>(`/api/sessions?flow=${encodeURIComponent(flow)}`).then((r) => r.sessions);

export function useRecentSessions(flow: string) {
  return useQuery({ queryKey: queryKeys.sessions(flow), queryFn: () => listSessions(flow) });
}

export function useDeleteSession<O extends AnyTurnOutput>(flow: WizardFlow<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: (_data, id) => {
      qc.removeQueries({ queryKey: wizardKey(flow.name, id) });
      flow.onDeleted?.(id, qc);
      return qc.invalidateQueries({ queryKey: queryKeys.sessions(flow.name) });
    },
  });
}

/** The last session of a flow this browser worked on, so an entry page can resume it. */
export function lastSessionStore(flow: string) {
  const key = `personaflow.${flow}.lastSessionId`;
  return {
    get: (): string | null => {
      try {
        return localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    set: (id: string) => {
      try {
        localStorage.setItem(key, id);
      } catch {
        /* private mode: resume by URL only */
      }
    },
    clear: (id?: string) => {
      try {
        if (!id || localStorage.getItem(key) === id) localStorage.removeItem(key);
      } catch {
        /* ignore */
      }
    },
  };
}
