import { useQuery } from '@tanstack/react-query';
import type { SavedPersona } from '@schemas/persona.js';
import type { ApiError } from '../api/errors';
import { apiFetch } from '../api/http';
import { queryKeys } from '../api/query-keys';

/** The saved personas of the library (GET /api/personas). */
export function usePersonas() {
  return useQuery<SavedPersona[], ApiError>({
    queryKey: queryKeys.personas,
    queryFn: () => apiFetch<{ personas: SavedPersona[] }>('/api/personas').then((r) => r.personas),
  });
}
