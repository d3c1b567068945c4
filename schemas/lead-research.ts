import { z } from 'zod';

// What the lead's website says, fetched server-side on request ("Research website" / "Refresh",
// docs/research.md). Everything here is untrusted text from the web: it reaches prompts only as
// fenced data.

/** The kinds of page read: the page the lead's website URL names, and a few it links to. */
export const ResearchPageKindSchema = z.enum(['home', 'about', 'pricing', 'customers']);
export type ResearchPageKind = z.infer<typeof ResearchPageKindSchema>;

export const RESEARCH_PAGE_TEXT_MAX = 6000;
/** The same bound as a contact's pasted website text. */
export const RESEARCH_TEXT_MAX = 20_000;

export const ResearchPageSchema = z.object({
  kind: ResearchPageKindSchema,
  url: z.string().describe('The page read, after redirects'),
  title: z.string(),
  description: z.string().describe("The page's own summary (its meta description or first paragraph), as written"),
  text: z.string().max(RESEARCH_PAGE_TEXT_MAX).describe("The page's readable text (Readability), whitespace tidied, cut at a paragraph"),
});
export type ResearchPage = z.infer<typeof ResearchPageSchema>;

export const ResearchFailureSchema = z.object({
  kind: ResearchPageKindSchema,
  url: z.string(),
  reason: z.string().describe('Why the page could not be read, for a person: "refused: 10.0.0.5 is a private address", "timed out after 10 s"'),
});
export type ResearchFailure = z.infer<typeof ResearchFailureSchema>;

export const LeadResearchSchema = z.object({
  leadId: z.string().uuid(),
  sourceUrl: z.string().describe('The website URL the research started from'),
  fetchedAt: z.string(),
  pages: z.array(ResearchPageSchema),
  failures: z.array(ResearchFailureSchema),
});
export type LeadResearch = z.infer<typeof LeadResearchSchema>;

/** POST /api/leads/:id/research takes no fields: the lead's website URL is what is read. */
export const ResearchRequestSchema = z.object({}).strict();
