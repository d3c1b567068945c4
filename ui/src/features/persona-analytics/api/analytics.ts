// Persona analytics over REST (source document 003, issue 16): mapping rules, the persona's
// figures, evolution, top matches, sync, background rescoring jobs, workspace coverage, the
// responses no persona matches, and the strong-match segment.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AnalyticsJob,
  CoverageOverview,
  MappingRules,
  PersonaAnalytics,
  PersonaEvolution,
  PersonaSnapshot,
  SegmentToLeadsResult,
  TopMatches,
  UnmatchedGroups,
} from '@schemas/persona-analytics.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

export type EvolutionDays = 7 | 30 | 90;
export const EVOLUTION_DAYS: readonly EvolutionDays[] = [7, 30, 90];

export type MappingRulesState = { rules: MappingRules; version: number; autoSync: boolean; lastSyncedAt: string | null; proposed: MappingRules };
export type SavedRules = { rules: MappingRules; version: number; job: AnalyticsJob | null };

const personaPath = (id: string) => `/api/personas/${encodeURIComponent(id)}`;
const retryServerErrors = (count: number, error: ApiError) => error.status >= 500 && count < 2;
/** How often a running job's progress is read. */
export const JOB_POLL_MS = 700;

export const segmentCsvUrl = (personaId: string) => `${personaPath(personaId)}/segment.csv`;

export function useMappingRules(personaId: string) {
  return useQuery<MappingRulesState, ApiError>({
    queryKey: queryKeys.mappingRules(personaId),
    queryFn: () => apiFetch<MappingRulesState>(`${personaPath(personaId)}/mapping-rules`),
    retry: retryServerErrors,
  });
}

export function useSaveMappingRules(personaId: string) {
  const qc = useQueryClient();
  return useMutation<SavedRules, ApiError, { data: MappingRules; expectedVersion: number }>({
    mutationFn: (body) => apiFetch<SavedRules>(`${personaPath(personaId)}/mapping-rules`, { method: 'PUT', json: body }),
    onSuccess: (saved) => {
      qc.setQueryData<MappingRulesState>(queryKeys.mappingRules(personaId), (old) => (old ? { ...old, rules: saved.rules, version: saved.version } : old));
      void qc.invalidateQueries({ queryKey: queryKeys.personaAnalytics(personaId) });
      void qc.invalidateQueries({ queryKey: queryKeys.analytics });
    },
  });
}

export function useSetAutoSync(personaId: string) {
  const qc = useQueryClient();
  return useMutation<{ autoSync: boolean }, ApiError, boolean>({
    mutationFn: (autoSync) => apiFetch(`${personaPath(personaId)}/auto-sync`, { method: 'PUT', json: { autoSync } }),
    onSuccess: ({ autoSync }) => {
      qc.setQueryData<MappingRulesState>(queryKeys.mappingRules(personaId), (old) => (old ? { ...old, autoSync } : old));
      qc.setQueryData<PersonaAnalytics>(queryKeys.personaAnalytics(personaId), (old) => (old ? { ...old, autoSync } : old));
    },
  });
}

export function usePersonaAnalytics(personaId: string) {
  return useQuery<PersonaAnalytics, ApiError>({
    queryKey: queryKeys.personaAnalytics(personaId),
    queryFn: () => apiFetch<PersonaAnalytics>(`${personaPath(personaId)}/analytics`),
    retry: retryServerErrors,
  });
}

export function useEvolution(personaId: string, days: EvolutionDays) {
  return useQuery<PersonaEvolution, ApiError>({
    queryKey: queryKeys.personaEvolution(personaId, days),
    queryFn: () => apiFetch<PersonaEvolution>(`${personaPath(personaId)}/evolution?days=${days}`),
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}

export function useTopMatches(personaId: string, limit: number, offset: number) {
  return useQuery<TopMatches, ApiError>({
    queryKey: queryKeys.topMatches(personaId, limit, offset),
    queryFn: () => apiFetch<TopMatches>(`${personaPath(personaId)}/top-matches?limit=${limit}&offset=${offset}`),
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}

/** "Sync now": today's snapshot of the persona, written at once. */
export function useSyncNow(personaId: string) {
  const qc = useQueryClient();
  return useMutation<{ snapshot: PersonaSnapshot; lastSyncedAt: string }, ApiError, void>({
    mutationFn: () => apiFetch(`${personaPath(personaId)}/sync`, { method: 'POST' }),
    onSuccess: ({ snapshot, lastSyncedAt }) => {
      qc.setQueryData<PersonaAnalytics>(queryKeys.personaAnalytics(personaId), (old) => (old ? { ...old, latestSnapshot: snapshot, lastSyncedAt } : old));
      qc.setQueryData<MappingRulesState>(queryKeys.mappingRules(personaId), (old) => (old ? { ...old, lastSyncedAt } : old));
      void qc.invalidateQueries({ queryKey: [...queryKeys.personaAnalytics(personaId), 'evolution'] });
    },
  });
}

/** "Recalculate all": every response rescored against the persona's rules, in a background job. */
export function useBatchCalculate(personaId: string) {
  return useMutation<AnalyticsJob, ApiError, void>({
    mutationFn: () => apiFetch<{ job: AnalyticsJob }>(`${personaPath(personaId)}/batch-calculate`, { method: 'POST' }).then((r) => r.job),
  });
}

export const isFinished = (job: AnalyticsJob | undefined) => job?.status === 'done' || job?.status === 'superseded' || job?.status === 'failed';

/** A job's progress, read until it is done or failed; then `onFinished` refreshes what it changed. */
export function useAnalyticsJob(job: AnalyticsJob | null) {
  return useQuery<AnalyticsJob, ApiError>({
    queryKey: queryKeys.analyticsJob(job?.id ?? ''),
    queryFn: () => apiFetch<{ job: AnalyticsJob }>(`/api/analytics/jobs/${encodeURIComponent(job!.id)}`).then((r) => r.job),
    enabled: Boolean(job),
    initialData: job ?? undefined,
    // The job as POST/PUT returned it is where polling starts, not a cached answer.
    initialDataUpdatedAt: 0,
    refetchInterval: (q) => (isFinished(q.state.data) ? false : JOB_POLL_MS),
    refetchIntervalInBackground: true,
    retry: retryServerErrors,
  });
}

export function useCoverage() {
  return useQuery<CoverageOverview, ApiError>({
    queryKey: queryKeys.coverage,
    queryFn: () => apiFetch<CoverageOverview>('/api/analytics/coverage'),
    retry: retryServerErrors,
  });
}

export function useUnmatchedGroups() {
  return useQuery<UnmatchedGroups, ApiError>({
    queryKey: queryKeys.unmatchedGroups,
    queryFn: () => apiFetch<UnmatchedGroups>('/api/analytics/unmatched-groups'),
    retry: retryServerErrors,
  });
}

export type CampaignOption = { id: string; name: string };

/** The campaigns a segment can join (GET /api/campaigns, the campaigns page's own list). */
export function useCampaignOptions(enabled: boolean) {
  return useQuery<CampaignOption[], ApiError>({
    queryKey: queryKeys.campaigns,
    queryFn: () => apiFetch<{ campaigns: CampaignOption[] }>('/api/campaigns').then((r) => r.campaigns ?? []),
    enabled,
    retry: retryServerErrors,
  });
}

export function useSegmentToLeads(personaId: string) {
  const qc = useQueryClient();
  return useMutation<SegmentToLeadsResult, ApiError, { campaignId?: string }>({
    mutationFn: (body) => apiFetch<SegmentToLeadsResult>(`${personaPath(personaId)}/segment/leads`, { method: 'POST', json: body }),
    onSuccess: (_r, { campaignId }) => {
      void qc.invalidateQueries({ queryKey: queryKeys.leads });
      if (campaignId) void qc.invalidateQueries({ queryKey: queryKeys.campaign(campaignId) });
      void qc.invalidateQueries({ queryKey: queryKeys.campaigns, exact: true });
    },
  });
}
