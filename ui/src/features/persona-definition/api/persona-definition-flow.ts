// The personaDefinition Genkit flow (POST /api/flows/personaDefinition), through the shared
// wizard client in shared/wizard.
import type { PersonaDefinitionAction, PersonaDefinitionOutput, PersonaPhase } from '@schemas/persona-definition.js';
import { PERSONA_PHASE_LABELS, PersonaPhaseSchema } from '@schemas/persona-definition.js';
import type { PersonaPatch } from '@schemas/persona.js';
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
