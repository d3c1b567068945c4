// The workspace's memory (GET /api/memory, PUT and DELETE /api/memory/:key).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MemoryFact } from '@schemas/memory.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

const factPath = (key: string) => `/api/memory/${encodeURIComponent(key)}`;

export function useMemory() {
  return useQuery<MemoryFact[], ApiError>({
    queryKey: queryKeys.memory,
    queryFn: async () => (await apiFetch<{ facts: MemoryFact[] }>('/api/memory')).facts,
  });
}

/** A person's word for one fact: a new fact (expectedVersion 0), an edit, or a confirmation of a guess (the same value). */
export type PutFact = { key: string; value: string; expectedVersion: number };

export function usePutFact() {
  const qc = useQueryClient();
  return useMutation<MemoryFact, ApiError, PutFact>({
    mutationFn: async ({ key, value, expectedVersion }) =>
      (await apiFetch<{ fact: MemoryFact }>(factPath(key), { method: 'PUT', json: { data: { value }, expectedVersion } })).fact,
    onSuccess: (fact) => {
      qc.setQueryData<MemoryFact[]>(queryKeys.memory, (facts) =>
        [...(facts ?? []).filter((f) => f.key !== fact.key), fact].sort((a, b) => a.key.localeCompare(b.key)),
      );
    },
  });
}

export function useDeleteFact() {
  const qc = useQueryClient();
  return useMutation<void, ApiError, { key: string }>({
    mutationFn: ({ key }) => apiFetch<void>(factPath(key), { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.memory }),
  });
}
