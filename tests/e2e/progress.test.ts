import type { Page, Route } from 'playwright-core';
import { expect, test } from 'vitest';
import { e2eSetup } from '../helpers/e2e.js';
import type { TestServer } from '../helpers/server.js';

// Progress indicators on work that takes more than a moment (issue 15): an import, a generation,
// and the lead personas written in the background. The requests are held in the browser while the
// page is read, then let through to the real server.
let server: TestServer;
let page: Page;
e2eSetup((s) => ({ server, page } = s));

/** Holds the first request matching `url` until `release()`; the real server answers it afterwards. */
async function hold(url: RegExp) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const handler = async (route: Route) => {
    await released;
    await route.continue();
  };
  await page.route(url, handler, { times: 1 });
  return { release };
}

test('importing leads shows what is being imported and for how long; then the personas being written count up', async () => {
  const csv = [
    'name,position,requirement,linkedin_url,website_url,email',
    'Dana Ruiz,Head of Operations,Fewer carrier delays,https://www.linkedin.com/in/dana-ruiz,,dana@nordlys.example',
    'Sam Okafor,VP of Sales,Shorter ramp-up,https://www.linkedin.com/in/sam-okafor,,sam@okafor.example',
    'Lee Chen,CTO,Fewer tools,https://www.linkedin.com/in/lee-chen,,lee@chen.example',
  ].join('\n');
  await page.goto(`${server.url}/leads`);
  await page.getByTestId('lead-import-open').click();
  await page.getByTestId('lead-import-csv').fill(csv);
  const held = await hold(/\/api\/leads\/import$/);
  await page.getByTestId('lead-import-submit').click();
  const progress = page.getByTestId('lead-import-progress');
  await expect.poll(() => progress.textContent()).toMatch(/Importing 3 rows…/);
  expect(await progress.getByRole('progressbar', { name: 'Importing leads' }).count()).toBe(1);
  // The seconds so far tick while the server works.
  await expect.poll(() => page.getByTestId('lead-import-progress-status').textContent(), { timeout: 5_000 }).toMatch(/^[1-9]\d* s$/);
  held.release();
  await expect.poll(() => page.getByTestId('lead-import-result').textContent(), { timeout: 15_000 }).toMatch(/Imported 3 leads/);
  expect(await progress.count()).toBe(0);
  // Every persona is ready in the end, and the batch bar is gone.
  await expect.poll(() => page.locator('[data-testid="lead-persona-status"][data-status="ready"]').count(), { timeout: 30_000 }).toBe(3);
  expect(await page.getByTestId('lead-personas-progress').count()).toBe(0);
}, 60_000);

test('while the list says personas are pending, the bar counts this batch only (not every lead ever made)', async () => {
  // The offline model writes personas in milliseconds, so the list the page polls is held at a
  // moment the server can really be in: two of the three leads still pending, then one.
  let pendingLeft = 2;
  await page.route(/\/api\/leads(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { leads: Array<{ personaStatus: string }> };
    body.leads.forEach((l, i) => {
      if (i < pendingLeft) l.personaStatus = 'pending';
    });
    await route.fulfill({ response, json: body });
  });
  await page.goto(`${server.url}/leads`);
  const bar = page.getByTestId('lead-personas-progress');
  await expect.poll(() => page.getByTestId('lead-personas-progress-status').textContent()).toBe('0 of 2 ready');
  expect(await bar.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');
  pendingLeft = 1;
  await expect.poll(() => page.getByTestId('lead-personas-progress-status').textContent(), { timeout: 10_000 }).toBe('1 of 2 ready');
  pendingLeft = 0;
  await expect.poll(() => bar.count(), { timeout: 10_000 }).toBe(0);
  await page.unroute(/\/api\/leads(\?.*)?$/);
}, 60_000);

test('generating a persona shows a progress indicator until the fields are filled', async () => {
  await server.db.queries.companyProfiles.create({
    workspaceId: server.db.workspaceId,
    input: { name: 'Shipwise', whatItDoes: 'Shipment tracking software for online retailers', market: 'European e-commerce', size: '12 people' },
  });
  await page.goto(`${server.url}/personas/builder`);
  await page.getByTestId('builder-describe-product').click();
  await page.getByTestId('builder-product-description').fill('Shipwise Live shows every shipment and carrier delay in one live dashboard.');
  await page.getByTestId('builder-person-description').fill('Head of Operations at a 300-person online retailer, tired of carrier delays.');
  const held = await hold(/\/api\/flows\/[^/]+$/);
  await page.getByTestId('builder-generate').click();
  await expect.poll(() => page.getByTestId('builder-progress').textContent()).toMatch(/Writing the persona…/);
  held.release();
  await expect.poll(() => page.getByTestId('field-title').inputValue(), { timeout: 15_000 }).toBe('Head of Operations');
  await expect.poll(() => page.getByTestId('builder-progress').count()).toBe(0);
}, 60_000);
