import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Meeting prep in Chromium: open a contact, generate the brief, ask one follow-up question,
// reload, and find both.
const uiDir = path.resolve(import.meta.dirname, '../../dist/ui');
let server: TestServer;
let browser: Browser;
let page: Page;
let contactId: string;

beforeAll(async () => {
  server = await startTestServer('pglite', { uiDir });
  contactId = (
    await server.db.queries.contacts.create({
      workspaceId: server.db.workspaceId,
      input: {
        name: 'Dana Ruiz',
        title: 'Head of Operations',
        company: 'Nordlys Retail',
        email: '',
        websiteText: '',
        enrichment: null,
        notes: '',
        linkedinText: 'Head of Operations at Nordlys Retail, a 300-person online retailer. I struggle with carrier delays and spreadsheets everywhere.',
      },
    })
  ).id;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const assistant = () => page.locator('[data-testid="chat-message"][data-role="assistant"]');

test('open a contact, generate the brief, ask a follow-up, reload and find both', async () => {
  await page.goto(`${server.url}/contacts/${contactId}`);
  await page.getByTestId('contact-prep').click();
  await expect.poll(() => page.getByTestId('prep-opening-line').textContent(), { timeout: 15_000 }).toMatch(/Dana, you mentioned carrier delays/);
  expect(await page.getByTestId('prep-who').textContent()).toMatch(/Dana Ruiz, Head of Operations at Nordlys Retail/);
  expect(await page.getByTestId('prep-objections').textContent()).toMatch(/budget is frozen/i);

  const before = await assistant().count();
  await page.getByTestId('chat-input').fill('What if they say the budget is frozen?');
  await page.getByTestId('chat-send').click();
  await expect.poll(() => assistant().count(), { timeout: 10_000 }).toBe(before + 1);
  expect(await assistant().last().textContent()).toMatch(/If they say "The budget is frozen\."/);

  // On a phone the chat grows with the page: each new answer is scrolled into view, not left below the fold.
  await page.setViewportSize({ width: 390, height: 844 });
  const inView = () =>
    assistant()
      .last()
      .evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= window.innerHeight + 1);
  for (const question of ['How should I open?', 'What questions should I ask?']) {
    const count = await assistant().count();
    await page.getByTestId('chat-input').fill(question);
    await page.getByTestId('chat-send').click();
    await expect.poll(() => assistant().count(), { timeout: 10_000 }).toBe(count + 1);
    await expect.poll(inView, { timeout: 5_000 }).toBe(true);
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.reload();
  await expect.poll(() => page.getByTestId('prep-opening-line').textContent(), { timeout: 15_000 }).toMatch(/Dana, you mentioned carrier delays/);
  await expect
    .poll(() => page.locator('[data-testid="chat-message"][data-role="user"]').allTextContents())
    .toEqual(['You: What if they say the budget is frozen?', 'You: How should I open?', 'You: What questions should I ask?']);
  expect(await page.getByTestId('prep-brief').getAttribute('data-version')).toBe('1');
}, 90_000);
