import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { e2eSetup } from '../helpers/e2e.js';
import type { TestServer } from '../helpers/server.js';

// A new workspace opens on where to start (issue 15: "an empty product shows where to start"),
// and the checklist follows what the workspace holds.
let server: TestServer;
let page: Page;

e2eSetup((s) => ({ server, page } = s));

const step = (key: string) => page.locator(`[data-testid="home-step"][data-step="${key}"]`);

test('a new workspace shows the seven steps, the company first; each step is ticked once it holds something', async () => {
  await page.goto(`${server.url}/`);
  await expect.poll(() => page.getByTestId('home-progress').textContent(), { timeout: 15_000 }).toBe('0 of 7 done');
  expect(await page.locator('h1').textContent()).toBe('Welcome to personaflow');
  expect(await page.getByTestId('home-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')))).toEqual([
    'company',
    'products',
    'personas',
    'maps',
    'leads',
    'sender',
    'campaigns',
  ]);
  expect(await step('company').getAttribute('class')).toMatch(/home__step--next/);

  const res = await fetch(`${server.url}/api/company-profiles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data: { name: 'Shipwise', whatItDoes: 'Live tracking for carriers', market: 'Mid-size carriers', size: '20 people' } }),
  });
  expect(res.status).toBe(201);
  await page.reload();
  await expect.poll(() => page.getByTestId('home-progress').textContent(), { timeout: 15_000 }).toBe('1 of 7 done');
  expect(await step('company').getAttribute('data-done')).toBe('true');
  expect(await step('products').getAttribute('class')).toMatch(/home__step--next/);
  // The counts come from one request, not one list per step.
  const counts = (await (await fetch(`${server.url}/api/workspace/counts`)).json()) as { counts: Record<string, number> };
  expect(counts.counts).toEqual({ company: 1, products: 0, personas: 0, maps: 0, leads: 0, campaigns: 0, sender: 0 });

  // Each step leads to the page that does it.
  await page.getByTestId('home-step-personas').click();
  await page.waitForURL(/\/wizard/);
  await page.getByTestId('chat-input').waitFor();

  // On a phone the steps stack and nothing is wider than the window.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/`);
  await expect.poll(() => page.getByTestId('home-progress').textContent(), { timeout: 15_000 }).toBe('1 of 7 done');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}, 90_000);
