import { RESEARCH_PAGE_TEXT_MAX, RESEARCH_TEXT_MAX, type ResearchFailure, type ResearchPage, type ResearchPageKind } from '../schemas/lead-research.js';
import { readablePage } from './readable-page.js';
import type { SafeFetch } from './safe-fetch.js';

// A lead's website, read: the page its URL names, then the about, pricing and customers pages it
// links to on the same site (one of each at most), through the SSRF-safe fetcher. Bounded: four
// pages, RESEARCH_PAGE_TEXT_MAX characters each and RESEARCH_TEXT_MAX in all.

export type WebsiteResearch = { sourceUrl: string; pages: ResearchPage[]; failures: ResearchFailure[] };

/** Text cut at the last paragraph (or sentence) end that fits, never mid-word. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const at = Math.max(head.lastIndexOf('\n\n'), head.lastIndexOf('. ') + 1);
  return (at > max / 2 ? head.slice(0, at) : head.slice(0, Math.max(head.lastIndexOf(' '), 0))).trim();
}

export async function researchWebsite(fetchPage: SafeFetch, websiteUrl: string): Promise<WebsiteResearch> {
  const pages: ResearchPage[] = [];
  const failures: ResearchFailure[] = [];
  let budget = RESEARCH_TEXT_MAX;
  const keep = (kind: ResearchPageKind, url: string, page: ReturnType<typeof readablePage>) => {
    const text = cutText(page.text, Math.min(RESEARCH_PAGE_TEXT_MAX, budget));
    budget -= text.length;
    pages.push({ kind, url, title: page.title.slice(0, 300), description: page.description.slice(0, 500), text });
  };

  const home = await fetchPage(websiteUrl);
  if (!home.ok) return { sourceUrl: websiteUrl, pages, failures: [{ kind: 'home', url: home.url, reason: home.reason }] };
  const first = readablePage(home.html, home.url);
  keep('home', home.url, first);
  if (!first.text && !first.description)
    failures.push({ kind: 'home', url: home.url, reason: 'the page has no readable text (it may need JavaScript to show any)' });

  // The linked pages in parallel: each fetch has its own time limit.
  const linked = await Promise.all(first.links.map(async (l) => ({ ...l, page: await fetchPage(l.url) })));
  for (const { kind, url, page } of linked) {
    if (!page.ok) failures.push({ kind, url, reason: page.reason });
    else if (budget > 0) keep(kind, page.url, readablePage(page.html, page.url));
  }
  return { sourceUrl: websiteUrl, pages, failures };
}
