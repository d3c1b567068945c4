// The buyingProcess Genkit flow (POST /api/flows/buyingProcess), through the shared wizard client.
import {
  BUYING_PHASE_LABELS,
  BuyingPhaseSchema,
  type BuyingPhase,
  type BuyingProcessAction,
  type BuyingProcessOutput,
  type BuyingProcessPatch,
} from '@schemas/buying-process.js';
import { queryKeys } from '../../../shared/api/query-keys';
import { defineWizardFlow } from '../../../shared/wizard/wizard-flow';

export type TurnOutput = BuyingProcessOutput;
export type { BuyingPhase, BuyingProcessAction, BuyingProcessPatch };

export const buyingProcessFlow = defineWizardFlow<TurnOutput>('buyingProcess', {
  // Every turn changes the map the library lists (its id is the session's id).
  onTurn: (output, qc) => {
    void qc.invalidateQueries({ queryKey: queryKeys.buyingProcesses, exact: true });
    void qc.invalidateQueries({ queryKey: queryKeys.buyingProcess(output.sessionId) });
  },
  onDeleted: (id, qc) => {
    qc.removeQueries({ queryKey: queryKeys.buyingProcess(id) });
    void qc.invalidateQueries({ queryKey: queryKeys.buyingProcesses, exact: true });
  },
});

export const phaseLabel = (phase: string) => {
  const p = BuyingPhaseSchema.safeParse(phase);
  return p.success ? BUYING_PHASE_LABELS[p.data] : phase;
};
