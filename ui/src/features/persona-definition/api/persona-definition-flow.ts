// The personaDefinition Genkit flow (POST /api/flows/personaDefinition), through the shared
// wizard client in shared/wizard.
import type { PersonaDefinitionAction, PersonaDefinitionOutput, PersonaPhase } from '@schemas/persona-definition.js';
import { PERSONA_PHASE_LABELS, PersonaPhaseSchema } from '@schemas/persona-definition.js';
import type { PersonaPatch } from '@schemas/persona.js';
import { useQuery } from '@tanstack/react-query';
import type { SavedPersona } from '@schemas/persona.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';
import { defineWizardFlow } from '../../../shared/wizard/wizard-flow';

export type TurnOutput = PersonaDefinitionOutput;
export type { PersonaDefinitionAction, PersonaPatch, PersonaPhase };

export const personaFlow = defineWizardFlow<TurnOutput>('personaDefinition', {
  // Saving a persona adds it to the library.
  onTurn: (output, qc) => {
    if (output.state.savedPersonaId) void qc.invalidateQueries({ queryKey: queryKeys.personas });
  },
});

export const phaseLabel = (phase: string) => {
  const p = PersonaPhaseSchema.safeParse(phase);
  return p.success ? PERSONA_PHASE_LABELS[p.data] : phase;
};

/** The library copy of the persona a session saved, to tell when the library moved on past the session. */
export function useLibraryPersona(id: string | undefined) {
  return useQuery<{ persona: SavedPersona }, ApiError>({
    queryKey: queryKeys.persona(id ?? ''),
    queryFn: () => apiFetch<{ persona: SavedPersona }>(`/api/personas/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
    retry: false,
  });
}
