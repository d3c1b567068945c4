import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './http';
import { queryKeys } from './query-keys';

export type AppConfig = {
  provider: 'offline' | 'gemini' | 'openai' | 'anthropic' | 'compatible';
  model: string;
  offline: boolean;
  label: string;
  /** outbox: campaign emails are stored for reading, not sent (no SMTP_URL). */
  mailMode: 'smtp' | 'outbox';
};

export const getConfig = () => apiFetch<AppConfig>('/api/config');

export function useAppConfig() {
  return useQuery({ queryKey: queryKeys.config, queryFn: getConfig, staleTime: Infinity, retry: 1 });
}
