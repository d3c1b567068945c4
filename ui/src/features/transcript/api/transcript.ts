import { useQuery } from '@tanstack/react-query';
import type { Transcript } from '@schemas/transcript.js';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';

const base = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}/transcript`;

/** Where the browser downloads the transcript as a file. */
export const transcriptDownload = (sessionId: string, format: 'md' | 'json') => `${base(sessionId)}?format=${format}`;

export function useTranscript(sessionId: string) {
  return useQuery<Transcript, ApiError>({ queryKey: ['sessions', 'transcript', sessionId], queryFn: () => apiFetch<Transcript>(base(sessionId)) });
}

export type PromptTemplate = { prompt: string; version: string; template: string; recordedAt: string };

/** The exact prompt text of one version, fetched when someone opens it. */
export function usePromptTemplate(prompt: string, version: string | null, open: boolean) {
  return useQuery<PromptTemplate, ApiError>({
    queryKey: ['prompt-versions', prompt, version],
    queryFn: () => apiFetch<PromptTemplate>(`/api/prompt-versions?prompt=${encodeURIComponent(prompt)}&version=${encodeURIComponent(version ?? '')}`),
    enabled: open && version !== null,
    staleTime: Infinity,
  });
}
