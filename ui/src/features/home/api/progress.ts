// How far a workspace has come: how many of each thing it holds (GET /api/workspace/counts, one
// statement on the server), for the first-run checklist.
import { useQuery } from '@tanstack/react-query';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';

export type Progress = { company: number; products: number; personas: number; maps: number; leads: number; campaigns: number; sender: number };

export function useProgress() {
  return useQuery<Progress, ApiError>({
    queryKey: ['home', 'progress'],
    queryFn: () => apiFetch<{ counts: Progress }>('/api/workspace/counts').then((r) => r.counts),
    refetchOnMount: 'always',
  });
}
