// The workspace's public survey link (GET/POST/PUT /api/survey-link).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveyLink } from '@schemas/survey-link.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

type LinkBody = { link: SurveyLink | null };
const PATH = '/api/survey-link';

export function useSurveyLink() {
  return useQuery<SurveyLink | null, ApiError>({ queryKey: queryKeys.surveyLink, queryFn: async () => (await apiFetch<LinkBody>(PATH)).link });
}

/** Makes the link, or replaces its token: the old address stops working. */
export function useCreateSurveyLink() {
  const qc = useQueryClient();
  return useMutation<SurveyLink, ApiError, void>({
    mutationFn: async () => (await apiFetch<{ link: SurveyLink }>(PATH, { method: 'POST' })).link,
    onSuccess: (link) => qc.setQueryData(queryKeys.surveyLink, link),
  });
}

/** Closes (no more answers) or reopens the link. */
export function useSetSurveyLinkOpen() {
  const qc = useQueryClient();
  return useMutation<SurveyLink, ApiError, boolean>({
    mutationFn: async (open) => (await apiFetch<{ link: SurveyLink }>(PATH, { method: 'PUT', json: { open } })).link,
    onSuccess: (link) => qc.setQueryData(queryKeys.surveyLink, link),
  });
}
