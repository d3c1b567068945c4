import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { e2eSetup } from '../helpers/e2e.js';
import type { TestServer } from '../helpers/server.js';

// Issue 6 end to end in Chromium, outbox mode (no SMTP_URL): import 3 leads from CSV (one
// invalid), watch both personas appear, preview a draft and change its tone, then run a campaign
// to both leads, approve the samples, see "Stored 2/2 in the outbox — not sent" and find both emails in the outbox with
// their List-Unsubscribe headers.
let server: TestServer;
let page: Page;

const CSV = [
  'name,position,requirement,linkedin_url,website_url,email',
  'Dana Ruiz,Head of Operations,Fewer carrier delays and no more spreadsheets,https://www.linkedin.com/in/dana-ruiz,https://nordlys.example,dana@nordlys.example',
  'Sam Okafor,VP of Sales,Shorter ramp-up for new reps,https://www.linkedin.com/in/sam-okafor,,sam@okafor-logistics.example',
  'Lee Chen,CTO,Fewer tools,https://www.linkedin.com/in/lee-chen,,not-an-email',
].join('\n');

e2eSetup((s) => ({ server, page } = s));

const readyPersonas = () => page.locator('[data-testid="lead-row"] [data-testid="lead-persona-status"][data-status="ready"]').count();

test('import leads, preview a draft in two tones, run a campaign with approval, read the outbox', async () => {
  // Import: two good rows, one with an invalid email.
  await page.goto(`${server.url}/leads`);
  await page.getByTestId('lead-import-open').click();
  await page.getByTestId('lead-import-csv').fill(CSV);
  await page.getByTestId('lead-import-submit').click();
  await expect.poll(() => page.getByTestId('lead-import-result').textContent(), { timeout: 15_000 }).toMatch(/Imported 2 leads, 1 rejected/);
  expect(await page.getByTestId('lead-import-rejected').textContent()).toMatch(/not-an-email|email/i);

  // Both personas are generated in the background and show up without a reload.
  await expect.poll(() => page.getByTestId('lead-row').count(), { timeout: 10_000 }).toBe(2);
  await expect.poll(readyPersonas, { timeout: 30_000 }).toBe(2);

  // Preview a draft for Dana, then change the tone and regenerate.
  await page.getByTestId('lead-row').filter({ hasText: 'Dana Ruiz' }).click();
  await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
  await page.getByTestId('tab-email').click();
  await page.getByTestId('draft-tone').selectOption('friendly');
  await page.getByTestId('draft-generate').click();
  await expect.poll(() => page.getByTestId('draft-subject').inputValue(), { timeout: 20_000 }).not.toBe('');
  await expect.poll(() => page.getByTestId('draft-body').inputValue(), { timeout: 20_000 }).toMatch(/Dana/);
  const friendlyBody = await page.getByTestId('draft-body').inputValue();

  await page.getByTestId('draft-tone').selectOption('formal');
  await page.getByTestId('draft-generate').click();
  await expect.poll(() => page.getByTestId('draft-body').inputValue(), { timeout: 20_000 }).not.toBe(friendlyBody);
  expect(await page.getByTestId('draft-body').inputValue()).not.toBe('');

  // A campaign with both leads.
  await page.goto(`${server.url}/campaigns`);
  await page.getByTestId('campaign-new').click();
  await page.getByTestId('campaign-name').fill('Q3 operations leaders');
  await page.getByTestId('campaign-create').click();
  await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await page.getByTestId('campaign-add-leads').click();
  await expect.poll(() => page.getByTestId('campaign-lead-option').count()).toBe(2);
  await page.getByTestId('campaign-lead-select-all').check();
  await page.getByTestId('campaign-add-leads-submit').click();
  await expect.poll(() => page.getByTestId('campaign-lead-row').count()).toBe(2);

  // The pre-flight names the step and says it is outbox mode.
  await expect.poll(() => page.getByTestId('preflight-headline').textContent()).toMatch(/2 of 2\s*leads will receive/);
  expect(await page.getByTestId('preflight-transport').textContent()).toMatch(/Outbox mode: emails are stored in the Outbox, not sent/);
  expect(await page.getByTestId('preflight-problem').count()).toBe(0);

  // Who sends: the server default until the person sets a sender, and the pre-flight says what is missing.
  expect(await page.getByTestId('preflight-sender').textContent()).toMatch(/From Dana from Shipwise <dana@shipwise\.test>/);
  expect(await page.getByTestId('preflight-sender-warnings').textContent()).toMatch(/postal address/);
  const campaignUrl = page.url();
  await page.getByTestId('preflight-sender').getByRole('link', { name: 'set your sender' }).click();
  await page.waitForURL(/\/settings\/sender$/);
  expect(await page.getByTestId('sender-default').textContent()).toMatch(/emails come from Dana from Shipwise <dana@shipwise\.test>/);
  await page.getByTestId('sender-fromName').fill('Sam Okafor, RoutePilot');
  await page.getByTestId('sender-fromEmail').fill('not an address');
  await page.getByTestId('sender-save').click();
  await expect.poll(() => page.locator('#sender-field-fromEmail-error').textContent()).toMatch(/must be an email address/);
  await page.getByTestId('sender-fromEmail').fill('sam@routepilot.test');
  await page.getByTestId('sender-signature').fill('Sam Okafor\nPartnerships, RoutePilot');
  await page.getByTestId('sender-postalAddress').fill('12 Harbour St, Leith');
  await page.getByTestId('sender-save').click();
  await expect.poll(() => page.getByTestId('sender-saved').count()).toBe(1);
  expect(await page.getByTestId('sender-preview-from').textContent()).toBe('Sam Okafor, RoutePilot <sam@routepilot.test>');
  expect(await page.getByTestId('sender-preview').textContent()).toMatch(/Sam Okafor\nPartnerships, RoutePilot\n\n--\n.*12 Harbour St, Leith\n/);
  await page.goto(campaignUrl);
  await expect.poll(() => page.getByTestId('preflight-sender').textContent()).toMatch(/From Sam Okafor, RoutePilot <sam@routepilot\.test>/);
  expect(await page.getByTestId('preflight-sender-warnings').count()).toBe(0);

  // Run now → sample drafts to approve.
  await page.getByTestId('campaign-run').click();
  await expect.poll(() => page.getByTestId('approval-sample').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  const sample = page.getByTestId('approval-sample').first();
  expect(await sample.textContent()).toMatch(/Dana Ruiz|Sam Okafor/);
  expect(await sample.getByTestId('approval-sample-subject').textContent()).not.toBe('');
  expect(await sample.getByTestId('approval-sample-body').textContent()).not.toBe('');
  // Who approves is the person using the app, not a typed name (local mode: the local user).
  expect(await page.getByTestId('approval-as').textContent()).toMatch(/You approve as Local user/);

  // Fix a sample before approving: the approval view shows the fix, and that lead gets it.
  const fixedLead = await sample.getAttribute('data-lead-id');
  await sample.getByTestId('approval-sample-edit').click();
  expect(await page.getByTestId('approval-approve').isDisabled()).toBe(true);
  await sample.getByTestId('approval-sample-subject-input').fill('A shorter week of check calls');
  await sample.getByTestId('approval-sample-body-input').fill('Hi there,\n\nOne line from me: could we cut your check calls in half?\n\nBest,\nSam');
  await sample.getByTestId('approval-sample-save').click();
  await expect.poll(() => sample.getByTestId('approval-sample-subject').textContent()).toBe('A shorter week of check calls');
  expect(await sample.textContent()).toMatch(/Edited by you before approval/);
  await page.getByTestId('approval-approve').click();

  // Sends in the background; the summary appears when the run completes.
  await expect.poll(() => page.getByTestId('run-summary').count(), { timeout: 60_000 }).toBe(1);
  expect(await page.getByTestId('run-summary').textContent()).toBe('Stored 2/2 in the outbox — not sent');
  // The run finished in the background: a toast says so, with the way to the outbox.
  await expect.poll(() => page.getByTestId('toast').first().textContent()).toMatch(/“First touch” finished: Stored 2\/2 in the outbox — not sent\./);
  expect(await page.getByTestId('run-failure').count()).toBe(0);
  await expect.poll(() => page.getByTestId('run-history-row').first().textContent()).toMatch(/Local user/);

  // The outbox: labelled as not sent, both emails, List-Unsubscribe on each.
  await page.goto(`${server.url}/outbox`);
  await expect.poll(() => page.getByTestId('outbox-mode-label').textContent()).toMatch(/Not sent: outbox mode/);
  await expect.poll(() => page.getByTestId('outbox-email').count()).toBe(2);
  const first = page.getByTestId('outbox-email').first();
  await first.getByTestId('outbox-email-open').click();
  const headers = first.getByTestId('outbox-headers');
  await expect.poll(() => headers.textContent()).toMatch(/List-Unsubscribe.*unsubscribe/i);
  expect(await headers.textContent()).toMatch(/List-Unsubscribe-Post\s*List-Unsubscribe=One-Click/);
  expect(await first.getByTestId('outbox-raw-link').getAttribute('href')).toMatch(/^\/api\/outbox\/[0-9a-f-]{36}\/raw$/);
  // The edited sample is the email that lead got.
  const stored = (await (await fetch(`${server.url}/api/outbox`)).json()) as { emails: Array<{ leadId: string | null; subject: string; body: string }> };
  const fixed = stored.emails.find((e) => e.leadId === fixedLead);
  expect(fixed?.subject).toBe('A shorter week of check calls');
  expect(fixed?.body).toMatch(/could we cut your check calls in half\?/);
  // Sent as the sender the person set, with their signature and postal address.
  expect(fixed?.body).toMatch(/Best,\nSam\n\nSam Okafor\nPartnerships, RoutePilot\n\n--\n.*12 Harbour St, Leith\n/);
}, 180_000);
