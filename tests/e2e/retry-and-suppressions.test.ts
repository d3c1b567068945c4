import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { INTERRUPTED } from '../../campaigns/send.js';
import type { CampaignRun, LaunchCampaignOutput } from '../../schemas/campaign.js';
import { createOneStepCampaign, seedLeadsWithPersonas } from '../helpers/campaign-seed.js';
import { e2eSetup } from '../helpers/e2e.js';
import type { TestServer } from '../helpers/server.js';

// Issue 12 in Chromium: a finished run with one failed and one interrupted send. "Retry failed (1)"
// counts the failed one only; the interrupted one has its own "Send again" with a sentence that it
// may already have arrived. The suppression list shows where each address came from and offers
// Remove only for those added by hand.
const POLL = { timeout: 20_000, interval: 100 };
let server: TestServer;
let page: Page;

e2eSetup((s) => ({ server, page } = s));

const call = async (method: string, p: string, body?: unknown) => {
  const res = await fetch(`${server.url}${p}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, any>;
};

test('Retry failed counts failed sends only; an interrupted send is sent again from its own row', async () => {
  const [failed, interrupted] = await seedLeadsWithPersonas(server.db, 2);
  const campaign = await createOneStepCampaign(server.db, 'Retry in the browser');
  await call('POST', `/api/campaigns/${campaign.id}/leads`, { leadIds: [failed!.id, interrupted!.id] });
  let out = (await call('POST', '/api/flows/launchCampaign', { data: { campaignId: campaign.id } })).result as LaunchCampaignOutput;
  out = (
    await call('POST', '/api/flows/launchCampaign', {
      data: { campaignId: campaign.id, resume: { runId: out.run.id, approval: { approved: true, note: '' } } },
    })
  ).result as LaunchCampaignOutput;
  const getRun = async () => (await call('GET', `/api/campaigns/${campaign.id}/runs/${out.run.id}`)).run as CampaignRun;
  await expect.poll(async () => (await getRun()).summary, POLL).toBe('Stored 2/2 in the outbox — not sent');
  const set = (id: string, status: string, error: string) =>
    server.db.handle.db.execute(sql`update email_logs set status = ${status}, error = ${error}, retryable = true where lead_id = ${id}`);
  await set(failed!.id, 'failed', '550 Mailbox unavailable');
  await set(interrupted!.id, 'interrupted', INTERRUPTED);

  await page.goto(`${server.url}/campaigns/${campaign.id}`);
  await expect.poll(() => page.getByTestId('run-retry').textContent(), POLL).toMatch(/Retry failed \(1\)/);
  const rows = page.getByTestId('run-failure');
  expect(await rows.count()).toBe(2);
  const interruptedRow = rows.and(page.locator(`[data-lead-id="${interrupted!.id}"]`));
  const failedRow = rows.and(page.locator(`[data-lead-id="${failed!.id}"]`));
  expect(await failedRow.getByTestId('run-send-again').count()).toBe(0);
  expect(await interruptedRow.textContent()).toMatch(/may already have arrived/);

  // Retry failed: the failed one is sent; the interrupted one stays, with its Send again.
  await page.getByTestId('run-retry').click();
  await expect.poll(async () => (await getRun()).results.find((r) => r.leadId === failed!.id)?.status, POLL).toBe('outbox');
  await expect.poll(() => page.getByTestId('run-retry-outcome').textContent(), POLL).toMatch(/1 interrupted send was left alone/);
  await expect.poll(() => page.getByTestId('run-send-again').count(), POLL).toBe(1);
  expect(await page.getByTestId('run-retry').count()).toBe(0);
  expect((await getRun()).results.find((r) => r.leadId === interrupted!.id)?.status).toBe('interrupted');

  await page.getByTestId('run-send-again').click();
  await expect.poll(async () => (await getRun()).results.find((r) => r.leadId === interrupted!.id)?.status, POLL).toBe('outbox');
  await expect.poll(() => page.getByTestId('run-summary').textContent(), POLL).toBe('Stored 2/2 in the outbox — not sent');
  expect(await page.getByTestId('run-failure').count()).toBe(0);
}, 90_000);

test('the suppression list shows the source; Remove only for an address added by hand', async () => {
  await call('POST', '/api/suppressions', { email: 'byhand@example.test', reason: 'asked by phone' });
  const token = randomBytes(18).toString('base64url');
  await server.db.handle.db.execute(
    sql`insert into email_logs (workspace_id, to_email, from_email, subject, body, headers, status, unsubscribe_token)
        values (${server.db.workspaceId}, 'leaver@example.test', 'dana@shipwise.test', 'Hi', 'Body', '{}'::jsonb, 'outbox', ${token})`,
  );
  await fetch(`${server.url}/unsubscribe/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });

  await page.goto(`${server.url}/outbox?tab=suppressions`);
  const row = (email: string) => page.locator(`[data-testid="suppression-row"][data-email="${email}"]`);
  await expect.poll(() => row('leaver@example.test').count(), POLL).toBe(1);
  expect(await row('leaver@example.test').getByTestId('suppression-source').textContent()).toBe('Unsubscribed themselves');
  expect(await row('leaver@example.test').getByTestId('suppression-remove').count()).toBe(0);
  expect(await row('leaver@example.test').getByTestId('suppression-locked').textContent()).toMatch(/Only they can subscribe again/);
  expect(await row('byhand@example.test').getByTestId('suppression-source').textContent()).toBe('Added by hand');

  await row('byhand@example.test').getByTestId('suppression-remove').click();
  await page.getByTestId('confirm-remove-suppression').click();
  await expect.poll(() => row('byhand@example.test').count(), POLL).toBe(0);
  expect(await row('leaver@example.test').count()).toBe(1);
}, 60_000);
