// The outbox (every sent, outboxed or failed email) and the suppression list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EmailLog, Suppression } from '@schemas/email.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

export type Outbox = { mode: 'smtp' | 'outbox'; emails: EmailLog[] };

const retryServerErrors = (count: number, error: ApiError) => error.status >= 500 && count < 2;

export function useOutbox(campaignId: string | null) {
  return useQuery<Outbox, ApiError>({
    queryKey: queryKeys.outbox(campaignId),
    queryFn: () => apiFetch<Outbox>(`/api/outbox${campaignId ? `?campaignId=${encodeURIComponent(campaignId)}` : ''}`),
    retry: retryServerErrors,
    // A running campaign keeps adding emails.
    refetchInterval: (q) => (q.state.data?.emails.some((e) => e.status === 'pending' || e.status === 'sending') ? 2000 : 10_000),
  });
}

export const rawMessageUrl = (id: string) => `/api/outbox/${encodeURIComponent(id)}/raw`;

export function useSuppressions() {
  return useQuery<Suppression[], ApiError>({
    queryKey: queryKeys.suppressions,
    queryFn: () => apiFetch<{ suppressions: Suppression[] }>('/api/suppressions').then((r) => r.suppressions),
    retry: retryServerErrors,
  });
}

function useRefreshSuppressions() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: queryKeys.suppressions });
    // A lead's "unsubscribed" flag and every campaign's pre-flight depend on the list.
    void qc.invalidateQueries({ queryKey: queryKeys.leads });
    void qc.invalidateQueries({ queryKey: queryKeys.campaigns });
  };
}

export function useAddSuppression() {
  const refresh = useRefreshSuppressions();
  return useMutation<unknown, ApiError, { email: string; reason?: string }>({
    mutationFn: (body) => apiFetch('/api/suppressions', { method: 'POST', json: body }),
    onSuccess: refresh,
  });
}

export function useRemoveSuppression() {
  const refresh = useRefreshSuppressions();
  return useMutation<void, ApiError, string>({
    mutationFn: (email) => apiFetch<void>(`/api/suppressions/${encodeURIComponent(email)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}
