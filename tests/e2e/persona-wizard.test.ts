import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { e2eSetup } from '../helpers/e2e.js';
import type { TestServer } from '../helpers/server.js';

// A person completes the persona wizard in Chromium through chat and form, reloads, finds
// everything still there, saves, and edits the persona in the library.
let server: TestServer;
let page: Page;

e2eSetup((s) => ({ server, page } = s));

const field = (name: string) => page.getByTestId(`field-${name}`);
const origin = (name: string) => page.getByTestId(`origin-${name}`);
const assistantMessages = () => page.locator('[data-testid="chat-message"][data-role="assistant"]');

async function say(text: string) {
  const before = await assistantMessages().count();
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-send').click();
  await expect.poll(() => assistantMessages().count(), { timeout: 10_000 }).toBeGreaterThan(before);
  await expect.poll(() => page.getByTestId('chat-input').isEnabled()).toBe(true);
}

async function act(action: string) {
  await page.getByTestId(`action-${action}`).click();
  await page.waitForLoadState('networkidle');
}

test('complete the wizard by chat and form, reload, save, edit in the library', async () => {
  await page.goto(`${server.url}/wizard`);
  await expect.poll(() => assistantMessages().count(), { timeout: 15_000 }).toBe(1);
  expect(await page.getByTestId('provider-label').textContent()).toMatch(/Offline generator/);
  expect(await page.getByTestId('phase-stepper').getAttribute('data-phase')).toBe('who');

  await say('Enterprise CMO');
  await expect.poll(() => field('personName').inputValue()).toBe('Enterprise CMO');
  await say("She's the VP of Marketing at a Series B fintech with 200-500 employees");
  await expect.poll(() => field('title').inputValue()).toBe('VP of Marketing');
  expect(await field('industry').inputValue()).toBe('Fintech');
  expect(await origin('title').textContent()).toMatch(/from chat/i);

  // The form: type the role, leave the field; it is saved as typed and the assistant moves on.
  await field('role').fill('Owns brand and demand generation');
  await field('role').blur();
  await expect.poll(() => origin('role').textContent()).toMatch(/typed/i);
  await expect.poll(() => page.getByTestId('phase-stepper').getAttribute('data-phase')).toBe('wants');

  await say('Grow qualified pipeline without adding headcount');
  await say('- attribution is a mess\n- too many tools\n- a small team');
  await expect.poll(() => field('painPoints').inputValue()).toBe('Attribution is a mess\nToo many tools\nA small team');

  // Suggestions stay marked until confirmed.
  await act('suggest');
  await expect.poll(() => origin('needForOurProduct').textContent()).toMatch(/suggested/i);
  expect(await field('needForOurProduct').inputValue()).not.toBe('');
  await act('confirm');
  await expect.poll(() => origin('needForOurProduct').textContent()).toMatch(/confirmed/i);
  await expect.poll(() => page.getByTestId('phase-stepper').getAttribute('data-phase')).toBe('review');

  // Reload: the same session comes back with its chat, form and phase.
  const messagesBefore = await page.getByTestId('chat-message').count();
  const url = page.url();
  await page.reload();
  await expect.poll(() => page.getByTestId('chat-message').count(), { timeout: 15_000 }).toBe(messagesBefore);
  expect(page.url()).toBe(url);
  expect(await field('title').inputValue()).toBe('VP of Marketing');
  expect(await field('role').inputValue()).toBe('Owns brand and demand generation');
  expect(await origin('needForOurProduct').textContent()).toMatch(/confirmed/i);
  expect(await page.getByTestId('phase-stepper').getAttribute('data-phase')).toBe('review');

  await act('finalize');
  await page.getByTestId('saved-persona-link').click();
  await page.waitForURL(/\/personas\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.getByTestId('view-title').textContent()).toMatch(/VP of Marketing/);
  // The library shows where each answer came from, as the wizard did: the person's words open on click.
  expect(await page.getByTestId('evidence-title').getAttribute('data-source')).toBe('chat');
  await page.getByTestId('evidence-title').click();
  await expect.poll(() => page.getByTestId('evidence-title-detail').textContent()).toMatch(/VP of Marketing at a Series B fintech/);
  expect(await page.getByTestId('evidence-role').getAttribute('data-source')).toBe('typed');
  expect(await page.getByTestId('evidence-needForOurProduct').getAttribute('data-source')).toBe('confirmed');
  // On a phone the explanation stays inside the window, wherever its badge sits.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('evidence-painPoints').click();
  const box = await page.getByTestId('evidence-painPoints-detail').boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByTestId('persona-edit').click();
  await field('title').fill('Chief Marketing Officer');
  await page.getByTestId('persona-save').click();
  await expect.poll(() => page.getByTestId('persona-version').count()).toBe(2);
  await expect.poll(() => page.getByTestId('view-title').textContent()).toMatch(/Chief Marketing Officer/);
  // Edited in the library: that field says so; the others keep where they came from.
  expect(await page.getByTestId('evidence-title').getAttribute('data-source')).toBe('edited');
  expect(await page.getByTestId('evidence-role').getAttribute('data-source')).toBe('typed');
  expect(await page.locator('.view__legend').textContent()).toMatch(/From the persona wizard/);
  expect(await page.locator('[data-testid="persona-version"][data-version="2"]').textContent()).toMatch(/VP of Marketing[\s\S]*Chief Marketing Officer/);

  await page.goto(`${server.url}/personas`);
  await expect.poll(() => page.getByTestId('persona-card').count()).toBe(1);
}, 90_000);
