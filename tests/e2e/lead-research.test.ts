import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { UI_DIR } from '../helpers/e2e.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// docs/research.md in Chromium: a person adds a lead with pasted LinkedIn text, presses "Research
// website" on the Research tab, sees the pages read (and the one refused, with why), and the
// email preview quotes what the site says.
let site: http.Server;
let siteUrl: string;
let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  site = http.createServer((req, res) => {
    if (req.url === '/pricing') return res.writeHead(302, { location: 'http://10.0.0.8/pricing' }).end();
    const pages: Record<string, string> = {
      '/': `<html><head><title>Nordlys Logistics</title><meta name="description" content="Nordlys Logistics runs cold-chain freight across the Nordics."></head>
        <body><nav><a href="/about">About us</a> <a href="/pricing">Pricing</a></nav><main><p>We move chilled food every night of the week.</p></main></body></html>`,
      '/about': `<html><head><title>About</title></head><body><article><p>Nordlys was founded in Tromsø in 2011 by two truck drivers.</p></article></body></html>`,
    };
    const body = pages[req.url ?? ''];
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const { port } = site.address() as AddressInfo;
  siteUrl = `http://127.0.0.1:${port}/`;
  server = await startTestServer('pglite', { uiDir: UI_DIR, research: { allowHosts: [`127.0.0.1:${port}`] } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  site.closeAllConnections();
  await new Promise((r) => site.close(r));
});

test('add a lead with pasted LinkedIn text, research their website, and draft from it', async () => {
  await page.goto(`${server.url}/leads`);
  await page.getByTestId('lead-new').click();
  await page.getByTestId('lead-name').fill('Dana Ruiz');
  await page.getByTestId('lead-position').fill('Head of Operations');
  await page.getByTestId('lead-requirement').fill('Fewer carrier delays');
  await page.getByTestId('lead-website').fill(siteUrl);
  await page.getByTestId('lead-linkedin-text').fill('Head of Operations at Nordlys Logistics.\nI care about on-time delivery.');
  await page.getByTestId('lead-save').click();
  await page.getByTestId('lead-row').filter({ hasText: 'Dana Ruiz' }).click();
  await page.waitForURL(/\/leads\/[0-9a-f-]{36}/);

  await page.getByTestId('tab-research').click();
  expect(await page.getByTestId('lead-research-linkedin').textContent()).toContain('I care about on-time delivery.');
  await page.getByTestId('lead-research-run').click();
  await page.getByTestId('lead-research-page-home').waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('lead-research-page-home').textContent()).toContain('Nordlys Logistics runs cold-chain freight across the Nordics.');
  expect(await page.getByTestId('lead-research-page-about').textContent()).toContain('founded in Tromsø');
  expect(await page.getByTestId('lead-research-failures').textContent()).toMatch(/Pricing.*refused: 10\.0\.0\.8 is a private-network address/);
  expect(await page.getByTestId('lead-research-run').textContent()).toBe('Refresh');

  await page.getByTestId('tab-email').click();
  await page.getByTestId('draft-tone').selectOption('friendly');
  await page.getByTestId('draft-generate').click();
  await expect
    .poll(() => page.getByTestId('draft-body').inputValue(), { timeout: 20_000 })
    .toContain('I was on 127.0.0.1 and read: "Nordlys was founded in Tromsø in 2011 by two truck drivers."');
  // Where each claim comes from, in words: the site's page, not its internal key.
  await page.getByText('From their website (about page)').waitFor();
}, 90_000);
