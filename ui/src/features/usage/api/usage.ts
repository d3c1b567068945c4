// Model usage per flow and prompt over the last N days (GET /api/usage?days=N), with an
// estimated cost from the server's price table (null when a model has no price).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

export type UsageTotals = {
  calls: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  estimatedCostUsd: number | null;
};
export type FlowUsage = UsageTotals & { flow: string };
export type PromptUsage = UsageTotals & { flow: string; prompt: string; provider: string; model: string; avgLatencyMs: number };
export type Price = { input: number; output: number };
export type UsageReport = {
  since: string;
  byFlow: FlowUsage[];
  byPrompt: PromptUsage[];
  /** US$ per million tokens, by model. */
  prices: Record<string, Price>;
};

export const USAGE_PERIODS = [7, 30, 90] as const;
export type UsagePeriod = (typeof USAGE_PERIODS)[number];

export function useUsage(days: UsagePeriod) {
  return useQuery<UsageReport, ApiError>({
    queryKey: queryKeys.usage(days),
    queryFn: () => apiFetch<UsageReport>(`/api/usage?days=${days}`),
    // Switching the period keeps the old numbers on screen until the new ones arrive.
    placeholderData: keepPreviousData,
    retry: (count, error) => error.status >= 500 && count < 2,
  });
}
