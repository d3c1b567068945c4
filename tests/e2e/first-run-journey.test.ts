import { expect, test } from 'vitest';
import { e2eSetup, type E2e } from '../helpers/e2e.js';

// Issue 18's journey in one go, as a new user meets it: the intake on Home → a new persona wizard
// that starts from what the intake said (marked as from memory) → "not helpful" on a reply → the
// reply listed in Settings → Insights with the reason given.

let s: E2e;
e2eSetup((started) => (s = started));

test('intake → a prefilled persona wizard → "not helpful" on a reply → the insight listed', async () => {
  const { page } = s;
  await page.goto(`${s.server.url}/`);
  const card = page.getByTestId('intake-card');
  await card.waitFor({ timeout: 15_000 });
  await card.getByTestId('intake-companyName').fill('Shipwise');
  await card.getByTestId('intake-market').fill('UK last-mile delivery');
  await card.getByTestId('intake-save').click();
  await card.waitFor({ state: 'detached' });

  await page.goto(`${s.server.url}/wizard/new`);
  await expect.poll(() => page.getByTestId('field-industry').inputValue(), { timeout: 15_000 }).toBe('UK last-mile delivery');
  expect(await page.getByTestId('origin-industry').textContent()).toBe('from memory — confirm?');

  await page.getByTestId('chat-input').fill('She owns a courier firm with 30 drivers');
  await page.getByTestId('chat-send').click();
  await expect.poll(() => page.getByTestId('chat-input').isEnabled()).toBe(true);
  const reply = page.getByTestId('message-feedback').last();
  await reply.getByTestId('feedback-not-helpful').click();
  await reply.getByLabel('Too vague').check();
  await reply.getByLabel('Anything else (optional)').fill('Ask about their delivery volumes');
  await reply.getByTestId('feedback-save').click();
  await reply.getByTestId('feedback-chosen').waitFor();

  await page.goto(`${s.server.url}/settings/insights`);
  const listed = page.getByTestId('insights-not-helpful').filter({ hasText: 'Ask about their delivery volumes' });
  await listed.waitFor();
  expect(await listed.textContent()).toContain('Too vague 1');
});
