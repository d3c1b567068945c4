import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Persona, PersonaField, PersonaVersion, SavedPersona } from '@schemas/persona.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

export type FieldChange = { field: PersonaField; before: unknown; after: unknown };
export type PersonaVersionEntry = PersonaVersion & { changes: FieldChange[] };
export type PersonaDetail = { persona: SavedPersona; versions: PersonaVersionEntry[] };

export { usePersonas } from '../../../shared/persona/api';

const path = (id: string) => `/api/personas/${encodeURIComponent(id)}`;

export const exportUrl = (id: string, format: 'md' | 'json') => `${path(id)}/export?format=${format}`;

export function usePersona(id: string) {
  return useQuery<PersonaDetail, ApiError>({
    queryKey: queryKeys.persona(id),
    queryFn: () => apiFetch<PersonaDetail>(path(id)),
    retry: (count, error) => error.status >= 500 && count < 2,
  });
}

export function useUpdatePersona(id: string) {
  const qc = useQueryClient();
  return useMutation<{ persona: SavedPersona }, ApiError, { data: Persona; expectedVersion: number }>({
    mutationFn: (body) => apiFetch(path(id), { method: 'PUT', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.personas }),
  });
}

/** "Restore this version": a new version with that version's content (based on the version shown). */
export function useRestorePersona(id: string) {
  const qc = useQueryClient();
  return useMutation<{ persona: SavedPersona }, ApiError, { version: number; expectedVersion: number }>({
    mutationFn: ({ version, expectedVersion }) => apiFetch(`${path(id)}/versions/${version}/restore`, { method: 'POST', json: { expectedVersion } }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.personas }),
  });
}

export function useDeletePersona() {
  const qc = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => apiFetch<void>(path(id), { method: 'DELETE' }),
    onSuccess: (_data, id) => {
      qc.removeQueries({ queryKey: queryKeys.persona(id) });
      return qc.invalidateQueries({ queryKey: queryKeys.personas });
    },
  });
}
