import type { z } from 'zod';
import type { CompanyProfile, CompanyProfileInputSchema } from '@schemas/company.js';
import { queryKeys } from '../api/query-keys';
import { defineResource } from '../api/resource';

export type CompanyProfileInput = z.input<typeof CompanyProfileInputSchema>;

/** The user's own company ("CompanyHQ"). The app uses one profile: the first in the list. */
export const companyProfiles = defineResource<CompanyProfile, CompanyProfileInput>({
  base: '/api/company-profiles',
  one: 'companyProfile',
  many: 'companyProfiles',
  key: queryKeys.companyProfiles,
});

/** The company profile (or null when there is none yet), with the list query's state. */
export function useCompanyProfile() {
  const list = companyProfiles.useList();
  return { ...list, profile: list.data ? (list.data[0] ?? null) : undefined };
}
