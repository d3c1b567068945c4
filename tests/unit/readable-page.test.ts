import { describe, expect, test } from 'vitest';
import { readablePage } from '../../research/readable-page.js';
import { cutText, researchWebsite } from '../../research/website-research.js';
import type { SafeFetch } from '../../research/safe-fetch.js';

describe('readablePage', () => {
  const home = `<!doctype html><html><head><title>Acme Robotics</title><meta name="description" content="Picking robots for mid-size warehouses.">
    <script>window.track()</script><style>p{}</style></head><body>
    <header><a href="/">Acme</a> <a href="/about-us/">About us</a> <a href="/pricing#plans">Pricing</a> <a href="https://www.acme.example/case-studies">Stories</a>
    <a href="/about">About (again)</a> <a href="https://other.example/customers">Their customers</a> <a href="mailto:hi@acme.example">Customers</a></header>
    <main><h1>Robots that pick</h1><p>Our robots pick   and pack
    beside your team.</p><ul><li>Works with any WMS.</li><li>Live in two weeks.</li></ul></main>
    <footer>© Acme. Cookies.</footer></body></html>`;

  test('title, own summary, paragraphs without navigation or scripts, and one same-site link per kind', () => {
    const page = readablePage(home, 'https://acme.example/');
    expect(page.title).toBe('Acme Robotics');
    expect(page.description).toBe('Picking robots for mid-size warehouses.');
    expect(page.text).toBe('Robots that pick\n\nOur robots pick and pack beside your team.\n\nWorks with any WMS.\n\nLive in two weeks.');
    expect(page.links).toEqual([
      { kind: 'about', url: 'https://acme.example/about-us/' },
      { kind: 'pricing', url: 'https://acme.example/pricing' },
      { kind: 'customers', url: 'https://www.acme.example/case-studies' },
    ]);
  });

  test('an article page reads as its article (Readability)', () => {
    const paragraph = 'Acme was founded in 2019 by warehouse engineers who were tired of robots that needed a new building. '.repeat(4);
    const page = readablePage(
      `<html><head><title>About</title></head><body><nav><a href="/">Home</a> <a href="/blog">Blog</a></nav><article><h1>About us</h1><p>${paragraph}</p><p>Today forty people build them in Leeds.</p></article><aside>Subscribe to our newsletter</aside></body></html>`,
      'https://acme.example/about',
    );
    expect(page.text).toContain('Today forty people build them in Leeds.');
    expect(page.text).not.toMatch(/newsletter|Blog/);
  });
});

describe('researchWebsite', () => {
  test('texts are cut at a paragraph; a failing linked page keeps its reason while the rest is kept', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} about picking robots.`).join('\n\n');
    const fetchPage: SafeFetch = async (url) =>
      url === 'https://acme.example/'
        ? {
            ok: true,
            url,
            html: `<html><body><a href="/about">About</a><a href="/pricing">Pricing</a><main><p>${long.replace(/\n\n/g, '</p><p>')}</p></main></body></html>`,
          }
        : url === 'https://acme.example/about'
          ? { ok: true, url, html: '<html><body><p>Founded in Leeds.</p></body></html>' }
          : { ok: false, url, reason: 'the site answered 404 Not Found' };
    const r = await researchWebsite(fetchPage, 'https://acme.example/');
    expect(r.pages.map((p) => p.kind)).toEqual(['home', 'about']);
    expect(r.pages[0]!.text.length).toBeLessThanOrEqual(6000);
    expect(r.pages[0]!.text.endsWith('robots.')).toBe(true);
    expect(r.pages[1]!.text).toBe('Founded in Leeds.');
    expect(r.failures).toEqual([{ kind: 'pricing', url: 'https://acme.example/pricing', reason: 'the site answered 404 Not Found' }]);
    expect(cutText('One two three four five', 12)).toBe('One two');
  });

  test('a home page that cannot be read is the one failure, with its reason', async () => {
    const r = await researchWebsite(async (url) => ({ ok: false, url, reason: 'timed out after 10 s' }), 'https://slow.example/');
    expect(r).toEqual({
      sourceUrl: 'https://slow.example/',
      pages: [],
      failures: [{ kind: 'home', url: 'https://slow.example/', reason: 'timed out after 10 s' }],
    });
  });
});
