import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { e2eSetup } from '../helpers/e2e.js';
import type { TestServer } from '../helpers/server.js';

// A person builds a three-stage buying-process map from the standard set in Chromium: table
// edits, one chat answer, the AI summary, completion, and the Markdown export.
let server: TestServer;
let page: Page;

e2eSetup((s) => ({ server, page } = s));

const phase = () => page.getByTestId('phase-stepper').getAttribute('data-phase');
const assistant = () => page.locator('[data-testid="chat-message"][data-role="assistant"]');
const idle = () => expect.poll(() => page.getByTestId('chat-input').isEnabled(), { timeout: 10_000 }).toBe(true);

async function fillCell(index: number, field: string, value: string) {
  const cell = page.getByTestId(`bp-cell-${index}-${field}`);
  await cell.fill(value);
  await cell.blur();
  await expect
    .poll(() => page.evaluate(() => document.querySelectorAll('[data-testid="chat-message-pending"],[data-testid="chat-streaming"]').length), {
      timeout: 10_000,
    })
    .toBe(0);
}

test('three standard stages, a cell edit, the summary, completion and the Markdown export', async () => {
  await page.goto(`${server.url}/buying-process/new`);
  await page.waitForURL(/\/buying-process\/[0-9a-f-]{36}$/);
  await expect.poll(() => assistant().count(), { timeout: 15_000 }).toBe(1);

  // Persona by chat.
  await page.getByTestId('chat-input').fill('Scaling Ops Lead');
  await page.getByTestId('chat-send').click();
  await expect.poll(() => page.getByTestId('bp-persona-name').inputValue()).toBe('Scaling Ops Lead');
  await idle();
  await page.getByTestId('chat-input').fill('Spreadsheets everywhere; carrier delays');
  await page.getByTestId('chat-send').click();
  await expect.poll(phase).toBe('stages');
  await idle();

  await page.getByTestId('bp-standard-stages').click();
  await expect.poll(() => page.getByTestId('bp-stage-row').count()).toBe(3);
  const buyer = [
    ['Reads blogs and analyst reports', '2-4 weeks', 'Peers and analysts'],
    ['Shortlists vendors and books demos', '3 weeks', 'Finance and the COO'],
    ['Runs procurement and legal review', 'a month', 'The CFO'],
  ];
  for (const [i, [actions, duration, influencers]] of buyer.entries()) {
    await fillCell(i, 'buyer_actions', actions!);
    await fillCell(i, 'duration', duration!);
    await fillCell(i, 'key_influencers', influencers!);
  }
  await expect.poll(phase, { timeout: 10_000 }).toBe('alignment');
  const seller = [
    ['Publish practical guides', 'Blog posts', 'You are not alone with spreadsheet chaos'],
    ['Offer a tailored demo', 'Case study', 'Teams like yours ship on time'],
    ['Send an ROI calculator', 'ROI calculator', 'It pays for itself within a quarter'],
  ];
  for (const [i, [actions, content, message]] of seller.entries()) {
    await fillCell(i, 'seller_actions', actions!);
    await fillCell(i, 'content_type', content!);
    await fillCell(i, 'key_message', message!);
  }
  await expect.poll(phase, { timeout: 10_000 }).toBe('summary');

  // Edit one cell after the fact: the table keeps it.
  await fillCell(1, 'duration', '2-3 weeks');
  expect(await page.getByTestId('bp-cell-1-duration').inputValue()).toBe('2-3 weeks');

  await page.getByTestId('bp-summarize').click();
  await expect
    .poll(() => page.getByTestId('bp-summary').textContent(), { timeout: 10_000 })
    .toMatch(/Scaling Ops Lead goes through 3 stages, from Awareness to Decision/);
  await expect.poll(phase).toBe('review');

  await page.getByTestId('bp-finalize').click();
  await expect.poll(() => page.getByTestId('bp-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('completed');

  const href = await page.getByTestId('bp-export-md').getAttribute('href');
  const md = await (await fetch(new URL(href!, server.url))).text();
  expect(md).toContain('# Buying process: Scaling Ops Lead');
  expect(md).toContain(
    '| 2 | Consideration | Shortlists vendors and books demos | 2-3 weeks | Finance and the COO | Offer a tailored demo | Case study | Teams like yours ship on time |',
  );
  expect(md).toContain('## Summary (AI-generated)');

  // Reload: the completed map is still there.
  await page.reload();
  await expect.poll(() => page.getByTestId('bp-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('completed');
}, 120_000);
