// Survey responses (GET/POST/DELETE /api/responses, POST /api/responses/import): what real
// customers answered, the evidence persona analytics checks the personas against.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { RejectedResponseRow, SurveyResponse, SurveyResponseInputSchema } from '@schemas/survey-response.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';
import { queryKeys } from '../../../shared/api/query-keys';

export type { RejectedResponseRow, SurveyResponse };
export type SurveyResponseDraft = z.input<typeof SurveyResponseInputSchema>;
export type ResponsesPage = { responses: SurveyResponse[]; total: number };
export type ImportReply = { imported: number; rejected: RejectedResponseRow[] };

export const RESPONSES_PAGE_SIZE = 50;

/** Responses changed: their list, and every figure scored from them (the personas' analytics, the overview). */
export function invalidateResponseFigures(qc: ReturnType<typeof useQueryClient>) {
  return Promise.all([queryKeys.responses, queryKeys.analytics, queryKeys.personas].map((queryKey) => qc.invalidateQueries({ queryKey })));
}

/** One page of responses, newest first; the page shown stays while the next one loads. */
export function useResponses(page: number) {
  const offset = (page - 1) * RESPONSES_PAGE_SIZE;
  return useQuery<ResponsesPage, ApiError>({
    queryKey: [...queryKeys.responses, offset],
    queryFn: () => apiFetch<ResponsesPage>(`/api/responses?limit=${RESPONSES_PAGE_SIZE}&offset=${offset}`),
    retry: (count, error) => error.status >= 500 && count < 2,
    placeholderData: keepPreviousData,
  });
}

export function useCreateResponse() {
  const qc = useQueryClient();
  return useMutation<SurveyResponse, ApiError, SurveyResponseDraft>({
    mutationFn: (data) => apiFetch<{ response: SurveyResponse }>('/api/responses', { method: 'POST', json: { data } }).then((r) => r.response),
    onSuccess: () => invalidateResponseFigures(qc),
  });
}

export function useDeleteResponse() {
  const qc = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => apiFetch<void>(`/api/responses/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => invalidateResponseFigures(qc),
  });
}

/** One chunk of a CSV import; `firstLine` numbers its rows as lines of the whole file. */
export const postImportChunk = (csv: string, firstLine: number, signal?: AbortSignal) =>
  apiFetch<ImportReply>('/api/responses/import', { method: 'POST', json: { csv, firstLine }, signal });
