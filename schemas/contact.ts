import { z } from 'zod';

// A real person. LinkedIn/website text and the enrichment record are stored exactly as given
// and are untrusted: they reach prompts only as fenced data.
export const ContactInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the contact a name').max(160),
    title: z.string().trim().max(160).default(''),
    company: z.string().trim().max(160).default(''),
    email: z.union([z.literal(''), z.string().trim().email('Not a valid email address')]).default(''),
    linkedinText: z.string().max(20_000, 'At most 20,000 characters').default('').describe('Pasted LinkedIn profile text'),
    websiteText: z.string().max(20_000, 'At most 20,000 characters').default('').describe('Pasted website text'),
    enrichment: z.record(z.unknown()).nullable().default(null).describe('An enrichment record (e.g. Apollo-style JSON), stored as given'),
    notes: z.string().max(5000).default(''),
  })
  .strict();
export type ContactInput = z.infer<typeof ContactInputSchema>;

export const ContactSchema = ContactInputSchema.extend({
  id: z.string().uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof ContactSchema>;
