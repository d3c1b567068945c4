// The persona builder's calls: the generatePersona flow (hydrate: nothing is saved), the import of
// old-format persona JSON, and saving the edited persona (POST new, PUT with expectedVersion).
import { useQuery } from '@tanstack/react-query';
import type { Persona, SavedPersona } from '@schemas/persona.js';
import type { GeneratePersonaInput, GeneratePersonaOutput, PersonaEvidence } from '@schemas/persona-generation.js';
import type { ApiError } from '../../../shared/api/errors';
import { callFlow } from '../../../shared/api/flows';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

export const generatePersona = (input: GeneratePersonaInput) => callFlow<GeneratePersonaOutput>('generatePersona', { ...input, mode: 'hydrate' });

export type ImportResult = { data: Partial<Persona>; missing: string[] };
export const importLegacyPersona = (legacy: Record<string, unknown>) => apiFetch<ImportResult>('/api/personas/import', { method: 'POST', json: legacy });

const path = (id: string) => `/api/personas/${encodeURIComponent(id)}`;

export const createPersona = (body: { data: Persona; evidence?: PersonaEvidence }) =>
  apiFetch<{ persona: SavedPersona }>('/api/personas', { method: 'POST', json: body }).then((r) => r.persona);

export const updatePersona = (id: string, body: { data: Persona; expectedVersion: number; evidence?: PersonaEvidence }) =>
  apiFetch<{ persona: SavedPersona }>(path(id), { method: 'PUT', json: body }).then((r) => r.persona);

/** A saved persona to edit in the builder (the same query as the detail page's). */
export function useSavedPersona(id: string | undefined) {
  return useQuery<{ persona: SavedPersona }, ApiError>({
    queryKey: queryKeys.persona(id ?? ''),
    queryFn: () => apiFetch<{ persona: SavedPersona }>(path(id!)),
    enabled: Boolean(id),
    retry: (count, error) => error.status >= 500 && count < 2,
  });
}
