import type { Lead } from '../schemas/lead.js';
import type { LeadResearch } from '../schemas/lead-research.js';

// What the lead persona and the email draft may say about a lead: their record (with the pasted
// LinkedIn text) and what their website said when last researched. Both reach the prompts only as
// fenced data (lib/untrusted.ts), and a draft's quotes are checked against exactly this.

/** The lead's record as the prompts see it. */
export const leadEvidence = (lead: Lead) => ({
  name: lead.name,
  position: lead.position,
  requirement: lead.requirement,
  linkedinUrl: lead.linkedinUrl,
  websiteUrl: lead.websiteUrl,
  linkedinText: lead.linkedinText,
});

/** The pages read from the lead's website, or null when none was (never asked, or nothing readable). */
export function researchEvidence(research: LeadResearch | null) {
  if (!research || research.pages.length === 0) return null;
  return {
    fetchedAt: research.fetchedAt,
    pages: research.pages.map((p) => ({ kind: p.kind, url: p.url, title: p.title, description: p.description, text: p.text })),
  };
}
