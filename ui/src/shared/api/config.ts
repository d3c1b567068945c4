import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './http';
import { queryKeys } from './query-keys';

export type AppConfig = {
  provider: 'offline' | 'gemini' | 'openai' | 'compatible';
  model: string;
  offline: boolean;
  label: string;
};

export const getConfig = () => apiFetch<AppConfig>('/api/config');

export function useAppConfig() {
  return useQuery({ queryKey: queryKeys.config, queryFn: getConfig, staleTime: Infinity, retry: 1 });
}
