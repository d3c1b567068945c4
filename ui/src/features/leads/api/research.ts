// A lead's website research (docs/research.md): read by the server on request only, stored with
// the lead. The email preview uses it at once; the persona uses it once regenerated.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LeadResearch } from '@schemas/lead-research.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

export type { LeadResearch };

const researchPath = (leadId: string) => `/api/leads/${encodeURIComponent(leadId)}/research`;

/** The stored research, or null before the first "Research website". */
export function useLeadResearch(leadId: string) {
  return useQuery<LeadResearch | null, ApiError>({
    queryKey: queryKeys.leadResearch(leadId),
    queryFn: () => apiFetch<{ research: LeadResearch | null }>(researchPath(leadId)).then((r) => r.research),
    retry: (count, error) => error.status >= 500 && count < 2,
  });
}

/** "Research website" / "Refresh": the server reads the site now (a few seconds) and stores what it found. */
export function useResearchWebsite(leadId: string) {
  const qc = useQueryClient();
  return useMutation<LeadResearch, ApiError, void>({
    mutationFn: () => apiFetch<{ research: LeadResearch }>(researchPath(leadId), { method: 'POST', json: {} }).then((r) => r.research),
    onSuccess: (research) => qc.setQueryData(queryKeys.leadResearch(leadId), research),
  });
}
