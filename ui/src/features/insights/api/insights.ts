import { useQuery } from '@tanstack/react-query';
import type { Insights } from '@schemas/insights.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

/** What the workspace's feedback says (owners only: a member gets a 403). */
export function useInsights() {
  return useQuery<Insights, ApiError>({
    queryKey: queryKeys.insights,
    queryFn: () => apiFetch<{ insights: Insights }>('/api/insights').then((r) => r.insights),
  });
}
