import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BuyingPhase, BuyingProcessMapSummary, BuyingProcessState } from '@schemas/buying-process.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';
import { wizardKey } from '../../../shared/wizard/wizard-flow';
import { buyingProcessFlow } from './buying-process-flow';

export type BuyingProcessMap = { id: string; version: number; mapVersion: number; phase: BuyingPhase; map: BuyingProcessState; updatedAt: string };
export type MapVersion = { version: number; data: BuyingProcessState; source: 'wizard' | 'restore'; restoredFrom: number | null; createdAt: string };
const versionsKey = (id: string) => [...queryKeys.buyingProcess(id), 'versions'] as const;

const path = (id: string) => `/api/buying-processes/${encodeURIComponent(id)}`;

export const exportUrl = (id: string, format: 'md' | 'csv') => `${path(id)}/export?format=${format}`;

export function useMaps() {
  return useQuery<BuyingProcessMapSummary[], ApiError>({
    queryKey: queryKeys.buyingProcesses,
    queryFn: () => apiFetch<{ maps: BuyingProcessMapSummary[] }>('/api/buying-processes').then((r) => r.maps),
  });
}

export function useMap(id: string) {
  return useQuery<BuyingProcessMap, ApiError>({
    queryKey: queryKeys.buyingProcess(id),
    queryFn: () => apiFetch<BuyingProcessMap>(path(id)),
    retry: (count, error) => error.status >= 500 && count < 2,
  });
}

export function useDeleteMap() {
  const qc = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => apiFetch<void>(path(id), { method: 'DELETE' }),
    onSuccess: (_data, id) => {
      qc.removeQueries({ queryKey: queryKeys.buyingProcess(id) });
      qc.removeQueries({ queryKey: wizardKey(buyingProcessFlow.name, id) });
      void qc.invalidateQueries({ queryKey: queryKeys.sessions(buyingProcessFlow.name) });
      return qc.invalidateQueries({ queryKey: queryKeys.buyingProcesses, exact: true });
    },
  });
}

/** Every version of a map's content, oldest first. */
export function useMapVersions(id: string, currentVersion: number) {
  return useQuery<MapVersion[], ApiError>({
    // Refetched whenever the session moves the map to another version.
    queryKey: [...versionsKey(id), currentVersion],
    queryFn: () => apiFetch<{ versions: MapVersion[] }>(`${path(id)}/versions`).then((r) => r.versions),
  });
}
