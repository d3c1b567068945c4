import { z } from 'zod';

// A lead: someone to email (source document 001). Everything here except the id fields is
// untrusted text: it reaches prompts only as fenced data.

export const LEAD_URL_REQUIRED = 'Either a LinkedIn URL or a website URL is required';

const optionalUrl = (example: string) => z.union([z.literal(''), z.string().trim().url(`Not a valid URL, e.g. ${example}`).max(500)]).default('');

export const LeadInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the lead a name').max(160),
    position: z.string().trim().max(160).default('').describe('Their job title, e.g. "VP of Sales"'),
    requirement: z.string().trim().max(2000).default('').describe('What they are looking for, in your words or theirs'),
    linkedinUrl: optionalUrl('https://www.linkedin.com/in/jane-doe'),
    websiteUrl: optionalUrl('https://example.com'),
    email: z.union([z.literal(''), z.string().trim().toLowerCase().email('Not a valid email address').max(254)]).default(''),
    // As a contact's: LinkedIn pages cannot be fetched without signing in, so a person pastes the profile.
    linkedinText: z.string().max(20_000, 'At most 20,000 characters').default('').describe('Pasted LinkedIn profile text'),
  })
  .strict();
export type LeadInput = z.infer<typeof LeadInputSchema>;

/** The create/update rule on top of the fields: a persona needs something to stand on. */
export const LeadInputWithSourceSchema = LeadInputSchema.superRefine((lead, ctx) => {
  if (!lead.linkedinUrl && !lead.websiteUrl) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['linkedinUrl'], message: LEAD_URL_REQUIRED });
  }
});

/** The lead persona of source document 001: generated once per lead, reused for every email. */
export const LeadPersonaSchema = z.object({
  title: z.string().min(1),
  industry: z.string().min(1),
  painPoints: z.array(z.string().min(1)).min(1),
  priorities: z.array(z.string().min(1)).min(1),
  icebreakerHooks: z.array(z.string().min(1)),
  openingLines: z.array(z.string().min(1)),
  companyContext: z.string(),
  keyTakeaways: z.string(),
});
export type LeadPersona = z.infer<typeof LeadPersonaSchema>;

export const PersonaStatusSchema = z.enum(['pending', 'ready', 'failed']);
export type PersonaStatus = z.infer<typeof PersonaStatusSchema>;

export const LeadSchema = LeadInputSchema.extend({
  id: z.string().uuid(),
  version: z.number().int(),
  personaStatus: PersonaStatusSchema,
  persona: LeadPersonaSchema.nullable(),
  personaGeneratedAt: z.string().nullable(),
  personaError: z.string().nullable(),
  suppressed: z.boolean().describe('The email address is on the suppression list (unsubscribed)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Lead = z.infer<typeof LeadSchema>;

/** A lead as the leads list shows it: with its campaigns and when it was last emailed (GET /api/leads). */
export const LeadListItemSchema = LeadSchema.extend({
  lastContactedAt: z.string().nullable().describe('When an email to this lead was last sent, or put in the outbox; null if never'),
  campaigns: z.array(z.object({ id: z.string().uuid(), name: z.string() })).describe('The campaigns the lead is in, by name'),
});
export type LeadListItem = z.infer<typeof LeadListItemSchema>;

/** A CSV row that was not imported: the 1-based line number in the file, and why. */
export const RejectedRowSchema = z.object({ row: z.number().int(), reason: z.string(), name: z.string(), email: z.string() });
export type RejectedRow = z.infer<typeof RejectedRowSchema>;

export const LeadImportResultSchema = z.object({ imported: z.array(LeadSchema), rejected: z.array(RejectedRowSchema) });
export type LeadImportResult = z.infer<typeof LeadImportResultSchema>;

export const CSV_MAX_ROWS = 5000;

export const LeadPersonaPromptInputSchema = z.object({ leadJson: z.string(), researchJson: z.string(), companyJson: z.string(), productJson: z.string() });
