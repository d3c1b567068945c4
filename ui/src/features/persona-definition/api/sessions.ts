import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

const FLOW = 'personaDefinition';

export type WizardSessionSummary = {
  id: string;
  flow: string;
  version: number;
  title: string;
  phase: string;
  updatedAt: string;
};

export const sessionsKey = queryKeys.sessions(FLOW);

export const listSessions = () =>
  apiFetch<{ sessions: WizardSessionSummary[] }>(`/api/sessions?flow=${FLOW}`).then((r) => r.sessions);

export function useRecentSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: listSessions });
}

export function useDeleteSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: (_data, id) => {
      qc.removeQueries({ queryKey: ['persona-definition', id] });
      return qc.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}

// The last wizard session this browser worked on, so /wizard can resume it.
const LAST_SESSION_KEY = 'personaflow.personaDefinition.lastSessionId';

export const lastSession = {
  get: (): string | null => {
    try {
      return localStorage.getItem(LAST_SESSION_KEY);
    } catch {
      return null;
    }
  },
  set: (id: string) => {
    try {
      localStorage.setItem(LAST_SESSION_KEY, id);
    } catch {
      /* private mode: resume by URL only */
    }
  },
  clear: (id?: string) => {
    try {
      if (!id || localStorage.getItem(LAST_SESSION_KEY) === id) localStorage.removeItem(LAST_SESSION_KEY);
    } catch {
      /* ignore */
    }
  },
};
