// What memory fills a new form with (GET /api/memory/prefill/:form), each value with the fact it
// came from. Shared: the campaign form and the lead's draft both start their tone from it.
import { useQuery } from '@tanstack/react-query';
import type { Prefill, PrefillForm } from '@schemas/memory-prefill.js';
import type { ApiError } from '../api/errors';
import { apiFetch } from '../api/http';
import { queryKeys } from '../api/query-keys';

export function usePrefill(form: PrefillForm) {
  return useQuery<Prefill, ApiError>({
    queryKey: queryKeys.memoryPrefill(form),
    queryFn: () => apiFetch<Prefill>(`/api/memory/prefill/${form}`),
    // A form starts once: what memory learns meanwhile applies to the next one.
    staleTime: Infinity,
  });
}
