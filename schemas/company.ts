import { z } from 'zod';

// The user's own company (source document 000's CompanyHQ): the context every persona is generated in.
export const CompanyProfileInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Give your company a name').max(120),
    whatItDoes: z.string().trim().min(1, 'Say what your company does').max(1000).describe('What the company does, in a sentence or two'),
    market: z.string().trim().max(300).default('').describe('Who it sells to, e.g. "Mid-market logistics companies in Europe"'),
    size: z.string().trim().max(60).default('').describe('e.g. "12 people"'),
  })
  .strict();
export type CompanyProfileInput = z.infer<typeof CompanyProfileInputSchema>;

export const CompanyProfileSchema = CompanyProfileInputSchema.extend({
  id: z.string().uuid(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type CompanyProfile = z.infer<typeof CompanyProfileSchema>;
