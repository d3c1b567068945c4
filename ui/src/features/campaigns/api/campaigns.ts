// Campaigns over REST (docs/leads-and-campaigns.md) and "Run now" through the launchCampaign flow.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Approval, Campaign, CampaignInputSchema, CampaignRun, LaunchCampaignOutput, Preflight, RetryOutcome } from '@schemas/campaign.js';
import type { ApiError } from '../../../shared/api/errors';
import { callFlow } from '../../../shared/api/flows';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';
import { defineResource } from '../../../shared/api/resource';

export type CampaignInput = z.input<typeof CampaignInputSchema>;

export const campaigns = defineResource<Campaign, CampaignInput>({
  base: '/api/campaigns',
  one: 'campaign',
  many: 'campaigns',
  key: queryKeys.campaigns,
});

const campaignPath = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;
const retryServerErrors = (count: number, error: ApiError) => error.status >= 500 && count < 2;

/** After anything that changes a campaign: the record, its pre-flight, its runs and the list. */
function useRefreshCampaign(id: string) {
  const qc = useQueryClient();
  return (campaign?: Campaign) => {
    if (campaign) qc.setQueryData(queryKeys.campaign(id), campaign);
    void qc.invalidateQueries({ queryKey: queryKeys.campaignPreflight(id) });
    void qc.invalidateQueries({ queryKey: queryKeys.campaignRuns(id), exact: true });
    void qc.invalidateQueries({ queryKey: queryKeys.campaigns, exact: true });
  };
}

export function useAddLeads(id: string) {
  const refresh = useRefreshCampaign(id);
  return useMutation<Campaign, ApiError, string[]>({
    mutationFn: (leadIds) => apiFetch<{ campaign: Campaign }>(`${campaignPath(id)}/leads`, { method: 'POST', json: { leadIds } }).then((r) => r.campaign),
    onSuccess: (c) => refresh(c),
  });
}

export function useRemoveLead(id: string) {
  const refresh = useRefreshCampaign(id);
  return useMutation<Campaign, ApiError, string>({
    mutationFn: (leadId) =>
      apiFetch<{ campaign: Campaign }>(`${campaignPath(id)}/leads/${encodeURIComponent(leadId)}`, { method: 'DELETE' }).then((r) => r.campaign),
    onSuccess: (c) => refresh(c),
  });
}

export function useSaveCampaign(id: string) {
  const refresh = useRefreshCampaign(id);
  return useMutation<Campaign, ApiError, { data: CampaignInput; expectedVersion: number }>({
    mutationFn: (body) => apiFetch<{ campaign: Campaign }>(campaignPath(id), { method: 'PUT', json: body }).then((r) => r.campaign),
    onSuccess: (c) => refresh(c),
  });
}

/** What "Run now" would do: who gets which step, who is skipped and why. */
export function usePreflight(id: string, stepId: string | null) {
  return useQuery<Preflight, ApiError>({
    queryKey: [...queryKeys.campaignPreflight(id), stepId ?? 'next'],
    queryFn: () => apiFetch<Preflight>(`${campaignPath(id)}/preflight${stepId ? `?stepId=${encodeURIComponent(stepId)}` : ''}`),
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
    staleTime: 0,
  });
}

export function useRuns(id: string) {
  return useQuery<CampaignRun[], ApiError>({
    queryKey: queryKeys.campaignRuns(id),
    queryFn: () => apiFetch<{ runs: CampaignRun[] }>(`${campaignPath(id)}/runs`).then((r) => r.runs),
    retry: retryServerErrors,
  });
}

/** One run, polled every second while it is sending (the progress bar). */
export function useRun(id: string, runId: string | null, initial?: CampaignRun) {
  const qc = useQueryClient();
  return useQuery<CampaignRun, ApiError>({
    queryKey: queryKeys.campaignRun(id, runId ?? ''),
    queryFn: async () => {
      const run = (await apiFetch<{ run: CampaignRun }>(`${campaignPath(id)}/runs/${encodeURIComponent(runId!)}`)).run;
      const before = qc.getQueryData<CampaignRun>(queryKeys.campaignRun(id, run.id));
      if (before && before.status !== run.status) {
        // The run finished (or was approved elsewhere): the campaign's counters, pre-flight and history moved.
        void qc.invalidateQueries({ queryKey: queryKeys.campaign(id), exact: true });
        void qc.invalidateQueries({ queryKey: queryKeys.campaignPreflight(id) });
        void qc.invalidateQueries({ queryKey: queryKeys.campaignRuns(id), exact: true });
        void qc.invalidateQueries({ queryKey: queryKeys.campaigns, exact: true });
      }
      return run;
    },
    enabled: Boolean(runId),
    initialData: initial && initial.id === runId ? initial : undefined,
    initialDataUpdatedAt: 0,
    staleTime: 0,
    retry: retryServerErrors,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
    refetchIntervalInBackground: true,
  });
}

export type LaunchInput = { campaignId: string; stepId?: string; resume?: { runId: string; approval: Approval } };

/** "Run now", and the approve / reject that resumes it: both go through the launchCampaign flow. */
export function useLaunch(id: string) {
  const qc = useQueryClient();
  const refresh = useRefreshCampaign(id);
  return useMutation<LaunchCampaignOutput, ApiError, LaunchInput>({
    mutationFn: (input) => callFlow<LaunchCampaignOutput>('launchCampaign', input),
    onSuccess: (out) => {
      qc.setQueryData(queryKeys.campaignRun(id, out.run.id), out.run);
      void qc.invalidateQueries({ queryKey: queryKeys.campaign(id), exact: true });
      refresh();
    },
    onError: (error, input) => {
      // Approved or rejected meanwhile (another tab): show the run as it is now.
      if (input.resume && error.isConflict) {
        void qc.invalidateQueries({ queryKey: queryKeys.campaignRun(id, input.resume.runId) });
        refresh();
      }
    },
  });
}

export function useRetryRun(id: string) {
  const qc = useQueryClient();
  const refresh = useRefreshCampaign(id);
  // Without leadIds the server retries failed sends only; an interrupted send is sent again only when named.
  return useMutation<RetryOutcome, ApiError, { runId: string; leadIds?: string[] }>({
    mutationFn: ({ runId, leadIds }) =>
      apiFetch<RetryOutcome>(`${campaignPath(id)}/runs/${encodeURIComponent(runId)}/retry`, {
        method: 'POST',
        json: leadIds ? { leadIds } : {},
      }),
    onSuccess: ({ run }) => {
      qc.setQueryData(queryKeys.campaignRun(id, run.id), run);
      refresh();
    },
  });
}

/** A person's fix to one sample before approving: the run comes back with it, and the send to that lead uses it. */
export function useEditSample(id: string) {
  const qc = useQueryClient();
  return useMutation<{ run: CampaignRun }, ApiError, { runId: string; leadId: string; subject: string; body: string }>({
    mutationFn: ({ runId, leadId, subject, body }) =>
      apiFetch<{ run: CampaignRun }>(`${campaignPath(id)}/runs/${encodeURIComponent(runId)}/samples/${encodeURIComponent(leadId)}`, {
        method: 'PUT',
        json: { subject, body },
      }),
    onSuccess: ({ run }) => {
      qc.setQueryData(queryKeys.campaignRun(id, run.id), run);
      void qc.invalidateQueries({ queryKey: queryKeys.campaignRuns(id), exact: true });
    },
  });
}
