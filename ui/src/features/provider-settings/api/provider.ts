// The model provider the server uses: which one is active, which are configured (their keys live
// in the server's environment, never in the browser), switching between them, and a test call.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppConfig } from '../../../shared/api/config';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

export type ProviderKind = AppConfig['provider'];
export type ProviderInfo = { provider: ProviderKind; model: string; offline: boolean; label: string };
export type ProviderSettings = {
  active: ProviderInfo;
  available: ProviderInfo[];
  timeoutMs: number;
  maxRetries: number;
  fallbackModel: string | null;
};
export type ProviderTestResult =
  { ok: true; provider: ProviderKind; model: string; latencyMs: number; reply: string } | { ok: false; provider: ProviderKind; model: string; message: string };

const PATH = '/api/settings/provider';

export function useProviderSettings() {
  return useQuery<ProviderSettings, ApiError>({
    queryKey: queryKeys.providerSettings,
    queryFn: () => apiFetch<ProviderSettings>(PATH),
    retry: (count, error) => error.status >= 500 && count < 2,
  });
}

export function useSwitchProvider() {
  const qc = useQueryClient();
  return useMutation<{ active: ProviderInfo }, ApiError, ProviderKind>({
    mutationFn: (provider) => apiFetch<{ active: ProviderInfo }>(PATH, { method: 'PUT', json: { provider } }),
    onSuccess: ({ active }) => {
      qc.setQueryData<ProviderSettings>(queryKeys.providerSettings, (old) => (old ? { ...old, active } : old));
      // The header's provider label reads /api/config.
      void qc.invalidateQueries({ queryKey: queryKeys.config });
      void qc.invalidateQueries({ queryKey: queryKeys.providerSettings });
    },
  });
}

export function useTestProvider() {
  return useMutation<ProviderTestResult, ApiError, void>({
    mutationFn: () => apiFetch<ProviderTestResult>(`${PATH}/test`, { method: 'POST' }),
  });
}
