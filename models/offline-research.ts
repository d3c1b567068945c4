import { sentencesOf } from './offline-text.js';

// The offline model's reading of a lead's website research and pasted LinkedIn text: sentences
// worth quoting, whole and word for word, so whatever the persona or draft says about the company
// can be found in what the site (or the person's profile) says.

type Rec = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export type SiteQuote = { kind: string; url: string; sentence: string };

// Site furniture, not what the company says about itself.
const FURNITURE =
  /\b(?:cookies?|privacy|javascript|sign (?:in|up)|log ?in|subscribe|newsletter|all rights reserved|terms of (?:use|service)|click here|skip to|menu)\b|©/i;

/** A sentence a person would quote: a full statement of a sensible length, not navigation. */
export function isQuotable(s: string): boolean {
  const words = s.split(/\s+/).length;
  return s.length >= 25 && s.length <= 220 && words >= 5 && /[.!]$/.test(s) && !/[?]$/.test(s) && !FURNITURE.test(s) && s !== s.toUpperCase();
}

/** The first quotable sentences of a text (only its opening is read: enough for a quote). */
export function quotableSentences(text: string, limit = 3): string[] {
  const head = text.slice(0, 3000);
  const out: string[] = [];
  // compromise keeps "… drivers. Today 120 people …" together; a full stop before a capital or digit ends a sentence here.
  for (const s of sentencesOf(head).flatMap((x) => x.split(/(?<=[a-z)][.!])\s+(?=[A-Z0-9])/u))) {
    if (isQuotable(s) && !out.includes(s)) out.push(s);
    if (out.length >= limit) break;
  }
  return out;
}

/** Per page kind, the sentence to quote first: the page's own summary when it is one, else its first quotable sentence. */
export function siteQuotes(research: Rec | null): SiteQuote[] {
  const pages = Array.isArray(research?.pages) ? (research.pages as Rec[]) : [];
  const quotes: SiteQuote[] = [];
  for (const page of pages) {
    const sentence = quotableSentences(str(page.description), 1)[0] ?? quotableSentences(str(page.text), 1)[0];
    if (sentence) quotes.push({ kind: str(page.kind) || 'home', url: str(page.url), sentence });
  }
  return quotes;
}

/** All the research text, for spotting an industry. */
export const researchText = (research: Rec | null) =>
  (Array.isArray(research?.pages) ? (research.pages as Rec[]) : [])
    .map((p) => `${str(p.title)}. ${str(p.description)} ${str(p.text).slice(0, 3000)}`)
    .join('\n');

/** The company's name as its home page's title gives it: the title's first part, when short. */
export function siteTitle(research: Rec | null): string | undefined {
  const pages = Array.isArray(research?.pages) ? (research.pages as Rec[]) : [];
  const title = str(pages.find((p) => p.kind === 'home')?.title)
    .split(/\s+[|–—:·-]\s+/)[0]
    ?.trim();
  return title && title.length <= 60 && title.split(/\s+/).length <= 6 ? title : undefined;
}
