// The first-run intake (GET|PUT /api/intake): shared by the Home card and the Settings → Intake page.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CompanyProfile } from '@schemas/company.js';
import type { IntakeAnswers, IntakeState } from '@schemas/intake.js';
import type { ApiError } from '../api/errors';
import { apiFetch } from '../api/http';
import { queryKeys } from '../api/query-keys';

export type IntakeSaved = IntakeState & {
  facts: Array<{ key: string; label: string; created: boolean }>;
  companyProfile: { created: boolean; profile: CompanyProfile | null; message: string } | null;
};

export function useIntake() {
  return useQuery<IntakeState, ApiError>({ queryKey: queryKeys.intake, queryFn: () => apiFetch<IntakeState>('/api/intake'), refetchOnMount: 'always' });
}

/** Saves answers (`{answers}`) or puts the intake away (`{skip: true}`); refreshes what they feed. */
export function useSaveIntake() {
  const qc = useQueryClient();
  return useMutation<IntakeSaved, ApiError, { answers: IntakeAnswers; expectedVersions: IntakeState['versions'] } | { skip: true }>({
    mutationFn: (data) => apiFetch<IntakeSaved>('/api/intake', { method: 'PUT', json: { data } }),
    onSuccess: (saved) => {
      qc.setQueryData<IntakeState>(queryKeys.intake, { questions: saved.questions, answers: saved.answers, versions: saved.versions, status: saved.status });
      void qc.invalidateQueries({ queryKey: queryKeys.memory });
      void qc.invalidateQueries({ queryKey: queryKeys.companyProfiles });
      void qc.invalidateQueries({ queryKey: ['home'] });
    },
  });
}
