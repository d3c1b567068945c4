// The outbox (every sent, outboxed or failed email) and the suppression list.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Suppression } from '@schemas/email.js';
import type { OutboxPage } from '@schemas/outbox.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

export type Outbox = OutboxPage;

const retryServerErrors = (count: number, error: ApiError) => error.status >= 500 && count < 2;

/** The search, filter, sort and page as the list's URL holds them (ui/src/shared/hooks/list-query.ts). */
export type OutboxView = { search: string; filter: string; sort: string; dir: 'asc' | 'desc'; page: number };

/** One page of the outbox, searched, filtered and sorted by the server (GET /api/outbox). */
export function useOutbox(campaignId: string | null, view: OutboxView) {
  const params = new URLSearchParams();
  if (campaignId) params.set('campaignId', campaignId);
  if (view.search.trim()) params.set('q', view.search.trim());
  if (view.filter) params.set('filter', view.filter);
  params.set('sort', `${view.dir === 'desc' ? '-' : ''}${view.sort}`);
  params.set('page', String(view.page));
  const qs = params.toString();
  return useQuery<Outbox, ApiError>({
    queryKey: [...queryKeys.outbox(campaignId), qs],
    queryFn: () => apiFetch<Outbox>(`/api/outbox?${qs}`),
    retry: retryServerErrors,
    // The page shown stays while the next one loads: typing a search does not blank the list.
    placeholderData: keepPreviousData,
    // A running campaign keeps adding emails.
    refetchInterval: 10_000,
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
