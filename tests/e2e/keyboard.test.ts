import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { e2eSetup } from '../helpers/e2e.js';
import type { TestServer } from '../helpers/server.js';

// Without a mouse (issue 15): the wizard is answered from the keyboard, focus comes back to the
// message box after each answer, and Escape closes a dialog without doing what it asked.
let server: TestServer;
let page: Page;

e2eSetup((s) => ({ server, page } = s));

const assistantMessages = () => page.locator('[data-testid="chat-message"][data-role="assistant"]');
const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');

test('the wizard answered by keyboard alone; focus returns to the message box after each answer', async () => {
  await page.goto(`${server.url}/wizard`);
  await expect.poll(() => assistantMessages().count(), { timeout: 15_000 }).toBe(1);
  // Tab from the top of the page reaches the message box.
  await page.locator('body').focus();
  for (let i = 0; i < 40 && (await focusedTestId()) !== 'chat-input'; i++) await page.keyboard.press('Tab');
  expect(await focusedTestId()).toBe('chat-input');
  for (const [n, answer] of ['Overwhelmed Ops Lead', 'Head of Operations'].entries()) {
    await page.keyboard.type(answer);
    await page.keyboard.press('Enter');
    await expect.poll(() => assistantMessages().count(), { timeout: 15_000 }).toBe(n + 2);
    await expect.poll(focusedTestId, { timeout: 15_000 }).toBe('chat-input');
    // The new answer is in the conversation log (announced politely) and scrolled into view.
    const log = page.getByRole('log', { name: 'Conversation' });
    expect(await log.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => log.locator('[data-testid="chat-message"]').last().isVisible()).toBe(true);
    const inView = await log.evaluate((el) => {
      const last = el.lastElementChild!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return last.bottom <= box.bottom + 1 && last.top >= box.top - last.height;
    });
    expect(inView).toBe(true);
  }
  // The history is scrollable by keyboard: Shift+Tab from the message box reaches the log.
  await page.keyboard.press('Shift+Tab');
  for (let i = 0; i < 10 && (await focusedTestId()) !== 'chat-log'; i++) await page.keyboard.press('Shift+Tab');
  expect(await focusedTestId()).toBe('chat-log');
  for (let i = 0; i < 20 && (await focusedTestId()) !== 'chat-input'; i++) await page.keyboard.press('Tab');
  expect(await focusedTestId()).toBe('chat-input');
  expect(await page.getByTestId('field-personName').inputValue()).toBe('Overwhelmed Ops Lead');
  expect(await page.getByTestId('field-title').inputValue()).toBe('Head of Operations');
  // Shift+Enter is a new line, not a send.
  await page.keyboard.type('line one');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('line two');
  expect(await page.getByTestId('chat-input').inputValue()).toBe('line one\nline two');
  expect(await assistantMessages().count()).toBe(3);
}, 90_000);

test('Escape closes a confirmation dialog and nothing is deleted', async () => {
  const res = await fetch(`${server.url}/api/personas`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      data: {
        personName: 'Cautious CFO',
        title: 'CFO',
        role: 'Owns the budget',
        seniority: 'C-level',
        coreGoal: 'Predictable spend',
        painPoints: ['Surprise invoices'],
        needForOurProduct: 'Clear pricing',
        potentialPitch: 'No surprises',
        industry: 'Logistics',
        companySize: '200–1000 employees',
        company: 'Regional carrier',
      },
    }),
  });
  const { persona } = (await res.json()) as { persona: { id: string } };
  await page.goto(`${server.url}/personas/${persona.id}`);
  await page.getByTestId('persona-delete').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('dialog[open]').count()).toBe(1);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
  // Focus goes back to what opened the dialog.
  await expect.poll(focusedTestId).toBe('persona-delete');
  expect((await fetch(`${server.url}/api/personas/${persona.id}`)).status).toBe(200);
}, 60_000);
