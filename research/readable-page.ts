import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ResearchPageKind } from '../schemas/lead-research.js';

// A fetched page as a person would read it: its title, its own summary, its main text in
// paragraphs (Readability over linkedom; the whole body minus navigation when Readability finds
// no article, as on many home pages), and the links to its about, pricing and customers pages.

export type ReadablePage = {
  title: string;
  description: string;
  text: string;
  /** At most one same-site link per kind, in the order the page has them. */
  links: Array<{ kind: Exclude<ResearchPageKind, 'home'>; url: string }>;
};

const BLOCK = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DIV DL DT FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TD TH TR UL'.split(
    ' ',
  ),
);
const SKIP = new Set('SCRIPT STYLE NOSCRIPT TEMPLATE SVG IFRAME CANVAS BUTTON SELECT OPTION'.split(' '));
const CHROME = new Set('NAV HEADER FOOTER FORM ASIDE'.split(' '));

type Node = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<Node> };

/** The text under a node, a blank line between blocks, whitespace inside a block collapsed. */
function paragraphs(root: Node, skipChrome: boolean): string {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      out.push(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name) || (skipChrome && CHROME.has(name))) return;
    const block = BLOCK.has(name);
    if (block) out.push('\n\n');
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) out.push('\n\n');
  };
  walk(root);
  return out
    .join('')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

const LINK_KINDS: Array<{ kind: Exclude<ResearchPageKind, 'home'>; path: RegExp; text: RegExp }> = [
  {
    kind: 'about',
    path: /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:about(?:[-_]?us)?|company|who[-_]we[-_]are|our[-_]story|team)\/?$/i,
    text: /^(?:about(?: us)?|company|our story|who we are|team)$/i,
  },
  { kind: 'pricing', path: /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:pricing|plans|prices)\/?$/i, text: /^(?:pricing|plans|prices|plans (?:&|and) pricing)$/i },
  {
    kind: 'customers',
    path: /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:customers|clients|case[-_]studies|success[-_]stories|testimonials|customer[-_]stories)\/?$/i,
    text: /^(?:customers|our customers|clients|case studies|customer stories|success stories)$/i,
  },
];

const siteOf = (host: string) => host.toLowerCase().replace(/^www\./, '');

export function readablePage(html: string, pageUrl: string): ReadablePage {
  const base = new URL(pageUrl);
  const { document } = parseHTML(html);
  const meta = (name: string) =>
    (document.querySelector(`meta[name="${name}"]`) ?? document.querySelector(`meta[property="og:${name}"]`))?.getAttribute('content')?.trim() ?? '';

  const links: ReadablePage['links'] = [];
  for (const a of Array.from(document.querySelectorAll('a[href]'))) {
    let target: URL;
    try {
      target = new URL(a.getAttribute('href') ?? '', base);
    } catch {
      continue;
    }
    if ((target.protocol !== 'http:' && target.protocol !== 'https:') || siteOf(target.hostname) !== siteOf(base.hostname)) continue;
    target.hash = '';
    const label = (a.textContent ?? '').replace(/\s+/g, ' ').trim();
    const found = LINK_KINDS.find((k) => k.path.test(target.pathname) || k.text.test(label));
    if (!found || links.some((l) => l.kind === found.kind) || target.href === base.href) continue;
    links.push({ kind: found.kind, url: target.href });
  }

  const fallbackText = document.body ? paragraphs(document.body as unknown as Node, true) : '';
  const title = (document.querySelector('title')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  // Readability changes the document it reads: it gets a copy.
  const article = new Readability(parseHTML(html).document as unknown as Document, { charThreshold: 200 }).parse();
  let text = fallbackText;
  if (article?.content) {
    const { document: content } = parseHTML(`<html><body>${article.content}</body></html>`);
    const articleText = paragraphs(content.body as unknown as Node, false);
    // A home page's "article" is often one teaser box: the page's own text, then, when it says more.
    if (articleText.length >= fallbackText.length / 3) text = articleText;
  }
  return {
    title: title || (article?.title ?? '').trim(),
    description: meta('description') || (article?.excerpt ?? '').replace(/\s+/g, ' ').trim(),
    text,
    links,
  };
}
