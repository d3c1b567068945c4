// How far a workspace has come: how many of each thing it holds, from the lists the other pages
// read (fetched here under a key of its own, so no page's cached shape is shared).
import { useQuery } from '@tanstack/react-query';
import type { ApiError } from '../../../shared/api/errors';
import { apiFetch } from '../../../shared/api/http';

export type Progress = { company: number; products: number; personas: number; maps: number; leads: number; campaigns: number };

const LISTS: Array<[keyof Progress, string, string]> = [
  ['company', '/api/company-profiles', 'companyProfiles'],
  ['products', '/api/products', 'products'],
  ['personas', '/api/personas', 'personas'],
  ['maps', '/api/buying-processes', 'maps'],
  ['leads', '/api/leads', 'leads'],
  ['campaigns', '/api/campaigns', 'campaigns'],
];

export function useProgress() {
  return useQuery<Progress, ApiError>({
    queryKey: ['home', 'progress'],
    queryFn: async () => {
      const counts = await Promise.all(LISTS.map(([, path, many]) => apiFetch<Record<string, unknown[]>>(path).then((r) => r[many]?.length ?? 0)));
      return Object.fromEntries(LISTS.map(([key], i) => [key, counts[i]!])) as Progress;
    },
    refetchOnMount: 'always',
  });
}
