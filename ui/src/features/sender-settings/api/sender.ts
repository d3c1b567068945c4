// Who the workspace's campaign email comes from (GET/PUT /api/settings/sender).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Sender, SenderProfile, SenderProfileInput } from '@schemas/sender-profile.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

export type SenderSettings = { profile: SenderProfile | null; sender: Sender; endOfEmail: string };

const PATH = '/api/settings/sender';

export function useSenderSettings() {
  return useQuery<SenderSettings, ApiError>({ queryKey: queryKeys.senderSettings, queryFn: () => apiFetch<SenderSettings>(PATH) });
}

export function useSaveSender() {
  const qc = useQueryClient();
  return useMutation<SenderSettings, ApiError, { data: SenderProfileInput; expectedVersion: number }>({
    mutationFn: (json) => apiFetch<SenderSettings>(PATH, { method: 'PUT', json }),
    onSuccess: (saved) => {
      qc.setQueryData(queryKeys.senderSettings, saved);
      // Every campaign's pre-flight shows the sender.
      void qc.invalidateQueries({ queryKey: queryKeys.campaigns });
    },
  });
}
