// REST hooks for a workspace resource with the server's shared shape:
// GET /base → {many: [...]}, POST {data} → 201 {one}, GET|PUT {data, expectedVersion}|DELETE /base/:id.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from './errors';
import { apiFetch } from './http';

type Item = { id: string; version: number };

export function defineResource<T extends Item, I>(opts: { base: string; one: string; many: string; key: readonly string[] }) {
  const { base, one, many, key } = opts;
  const itemPath = (id: string) => `${base}/${encodeURIComponent(id)}`;
  const itemKey = (id: string) => [...key, id] as const;

  function useList() {
    return useQuery<T[], ApiError>({
      queryKey: key,
      queryFn: () => apiFetch<Record<string, T[]>>(base).then((r) => r[many] ?? []),
    });
  }

  function useOne(id: string | undefined) {
    return useQuery<T, ApiError>({
      queryKey: itemKey(id ?? ''),
      queryFn: () => apiFetch<Record<string, T>>(itemPath(id!)).then((r) => r[one]!),
      enabled: Boolean(id),
      retry: (count, error) => error.status >= 500 && count < 2,
    });
  }

  function useCreate() {
    const qc = useQueryClient();
    return useMutation<T, ApiError, I>({
      mutationFn: (data) => apiFetch<Record<string, T>>(base, { method: 'POST', json: { data } }).then((r) => r[one]!),
      onSuccess: (item) => {
        qc.setQueryData(itemKey(item.id), item);
        return qc.invalidateQueries({ queryKey: key, exact: true });
      },
    });
  }

  function useUpdate(id: string) {
    const qc = useQueryClient();
    return useMutation<T, ApiError, { data: I; expectedVersion: number }>({
      mutationFn: (body) => apiFetch<Record<string, T>>(itemPath(id), { method: 'PUT', json: body }).then((r) => r[one]!),
      onSuccess: (item) => {
        qc.setQueryData(itemKey(item.id), item);
        return qc.invalidateQueries({ queryKey: key, exact: true });
      },
    });
  }

  function useDelete() {
    const qc = useQueryClient();
    return useMutation<void, ApiError, string>({
      mutationFn: (id) => apiFetch<void>(itemPath(id), { method: 'DELETE' }),
      onSuccess: (_d, id) => {
        qc.removeQueries({ queryKey: itemKey(id) });
        return qc.invalidateQueries({ queryKey: key, exact: true });
      },
    });
  }

  return { useList, useOne, useCreate, useUpdate, useDelete, itemKey };
}
