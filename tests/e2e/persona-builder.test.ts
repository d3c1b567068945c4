import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Source 000's edit → save pattern in Chromium: no products yet → describe the product →
// generate from a pasted description → edit the title → save → the detail page shows the edit
// and the product fit.
const uiDir = path.resolve(import.meta.dirname, '../../dist/ui');
let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTestServer('pglite', { uiDir });
  await server.db.queries.companyProfiles.create({
    workspaceId: server.db.workspaceId,
    input: { name: 'Shipwise', whatItDoes: 'Shipment tracking software for online retailers', market: 'European e-commerce', size: '12 people' },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('describe the product, generate from a description, edit, save, see the edit and the product fit', async () => {
  await page.goto(`${server.url}/personas/builder`);
  await page.getByTestId('builder-describe-product').click();
  await page
    .getByTestId('builder-product-description')
    .fill('Shipwise Live shows every shipment and carrier delay in one live dashboard, so operations teams stop tracking deliveries in spreadsheets.');
  await page
    .getByTestId('builder-person-description')
    .fill('Head of Operations at a 300-person online retailer. She struggles with carrier delays and spreadsheets everywhere.');
  await page.getByTestId('builder-generate').click();

  await expect.poll(() => page.getByTestId('field-title').inputValue(), { timeout: 15_000 }).toBe('Head of Operations');
  expect(await page.getByTestId('evidence-title').getAttribute('data-source')).toBe('description');
  expect(await page.getByTestId('evidence-coreGoal').getAttribute('data-source')).toBe('inference');

  await page.getByTestId('field-title').fill('VP of Operations');
  await page.getByTestId('field-title').blur();
  await expect.poll(() => page.getByTestId('evidence-title').textContent()).toMatch(/edited by you/i);

  // The badge explains itself on a click or tap (touch screens have no hover).
  await page.getByTestId('evidence-coreGoal').click();
  expect(await page.getByTestId('evidence-coreGoal-detail').textContent()).toMatch(/model's judgement/);

  expect(await page.getByTestId('builder-save-product').isChecked()).toBe(true);
  await page.getByTestId('builder-product-name').fill('Shipwise Live');
  // The model's guesses are checked before saving, as in the wizard: Save waits until each is confirmed or edited.
  await page.getByTestId('builder-save').click();
  expect(await page.getByTestId('builder-guesses').textContent()).toMatch(/Confirm or edit .*Core goal/);
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^field-/);
  expect(new URL(page.url()).pathname).toBe('/personas/builder');
  await page.getByTestId('confirm-coreGoal').click();
  await expect.poll(() => page.getByTestId('evidence-coreGoal').getAttribute('data-source')).toBe('confirmed');
  await page.getByTestId('builder-confirm-all').click();
  expect(await page.getByTestId('builder-guesses').count()).toBe(0);
  await page.getByTestId('builder-save').click();

  await page.waitForURL(/\/personas\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  await expect.poll(() => page.getByTestId('view-title').textContent()).toMatch(/VP of Operations/);
  await expect.poll(() => page.getByTestId('product-fit').count(), { timeout: 10_000 }).toBe(1);
  expect(await page.getByTestId('product-fit').textContent()).toMatch(/Shipwise Live/);
  expect(await page.getByTestId('no-product-fit-warning').count()).toBe(0);
  // The library keeps saying which values were guesses the person confirmed.
  expect(await page.getByTestId('evidence-coreGoal').getAttribute('data-source')).toBe('confirmed');
}, 90_000);
