// Meeting prep for a real contact: the analyzeContact Genkit flow (POST /api/flows/analyzeContact)
// through the shared wizard client, and the contact's prep session and brief history (REST).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContactAnalysis, ContactAnalysisInput, ContactAnalysisOutput, ContactBrief } from '@schemas/contact-analysis.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';
import { defineWizardFlow, wizardKey } from '../../../shared/wizard/wizard-flow';

export type TurnOutput = ContactAnalysisOutput;
export type PrepPatch = NonNullable<ContactAnalysisInput['patch']>;
export type PrepAction = NonNullable<ContactAnalysisInput['action']>;
export type { ContactAnalysis, ContactBrief };

export const contactPrepFlow = defineWizardFlow<TurnOutput>('analyzeContact', {
  // A turn may have written a new brief (generate) or started the contact's session.
  onTurn: (output, qc) => {
    const contactId = output.state.contactId;
    if (!contactId) return;
    qc.setQueryData(queryKeys.contactPrepSession(contactId), { sessionId: output.sessionId });
    void qc.invalidateQueries({ queryKey: queryKeys.contactAnalyses(contactId), exact: true });
  },
});

const contactPath = (contactId: string) => `/api/contacts/${encodeURIComponent(contactId)}`;

/** The contact's latest meeting-prep session, or null when there is none yet. */
export function usePrepSessionId(contactId: string) {
  return useQuery<{ sessionId: string | null }, ApiError>({
    queryKey: queryKeys.contactPrepSession(contactId),
    queryFn: () => apiFetch<{ sessionId: string | null }>(`${contactPath(contactId)}/analysis-session`),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: (count, error) => error.status >= 500 && count < 2,
  });
}

/** Every brief written for the contact, newest first. */
export function useBriefHistory(contactId: string) {
  return useQuery<ContactAnalysis[], ApiError>({
    queryKey: queryKeys.contactAnalyses(contactId),
    queryFn: () => apiFetch<{ analyses: ContactAnalysis[] }>(`${contactPath(contactId)}/analyses`).then((r) => r.analyses),
    retry: (count, error) => error.status >= 500 && count < 2,
  });
}

/** "Restore this version": the contact's next brief takes that version's brief; the prep session follows it. */
export function useRestoreBrief(contactId: string, sessionId: string) {
  const qc = useQueryClient();
  return useMutation<{ analysis: ContactAnalysis }, ApiError, number>({
    mutationFn: (version) => apiFetch(`${contactPath(contactId)}/analyses/${version}/restore`, { method: 'POST', json: {} }),
    onSettled: async () => {
      await qc.refetchQueries({ queryKey: wizardKey(contactPrepFlow.name, sessionId), exact: true });
      await qc.invalidateQueries({ queryKey: queryKeys.contactAnalyses(contactId), exact: true });
    },
  });
}
