import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { samplePersona } from '../helpers/prompt-inputs.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Team mode end to end in Chromium: the first account owns the first workspace; it makes a
// second workspace, invites someone there (a link, not an email), signs out; the invitee opens
// the link, creates their account, accepts, and sees only that workspace.
const uiDir = path.resolve(import.meta.dirname, '../../dist/ui');
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startTestServer('pglite', { team: {}, uiDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const me = () => page.evaluate(() => fetch('/api/me').then((r) => r.json()));

test('sign up, make a second workspace, invite someone by link; they join and see only that workspace', async () => {
  // Signed out: any page sends you to sign-in, which comes back there afterwards.
  await page.goto(`${server.url}/personas`);
  await page.waitForURL(/\/sign-in\?returnTo=%2Fpersonas$/);
  await page.getByTestId('sign-up-link').click();
  await page.waitForURL(/\/sign-up/);

  // The first account owns the first workspace.
  await page.getByTestId('sign-up-name').fill('Dana Owner');
  await page.getByTestId('sign-up-email').fill('dana@example.com');
  await page.getByTestId('sign-up-password').fill('correct horse battery');
  await page.getByTestId('sign-up-submit').click();
  await page.waitForURL(/\/personas$/);
  await expect.poll(() => page.getByTestId('account-name').textContent()).toBe('Dana Owner');
  // With the account menu too, the header stays on one line.
  expect((await page.locator('.header').boundingBox())!.height).toBeLessThan(70);
  const first = (await me()).workspace;
  expect(first.role).toBe('owner');

  // A persona in the first workspace (the invitee must never see it).
  const saved = await page.evaluate(
    (data) => fetch('/api/personas', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ data }) }).then((r) => r.status),
    samplePersona,
  );
  expect(saved).toBe(201);
  await page.reload();
  await expect.poll(() => page.getByTestId('persona-card').count()).toBe(1);

  // A second workspace, from the account menu.
  await page.getByTestId('account-menu').click();
  await page.getByTestId('workspace-new').click();
  await page.getByTestId('workspace-name').fill('Nordlys pilot');
  await page.getByTestId('workspace-create').click();
  await expect.poll(() => page.getByTestId('account-workspace').textContent()).toBe('Nordlys pilot');
  await page.goto(`${server.url}/personas`);
  await expect.poll(() => page.getByText('No personas yet').count()).toBe(1);
  expect(await page.getByTestId('persona-card').count()).toBe(0);

  // Invite Sam there: the UI shows the link to send, and copies it.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('nav-team').click();
  await page.getByTestId('invite-email').fill('sam@example.com');
  await page.getByTestId('invite-submit').click();
  const link = (await page.getByTestId('invite-created-link').textContent())!;
  expect(link).toMatch(/\/invite\/[0-9a-f-]{36}$/);
  expect(await page.getByTestId('invite-created').textContent()).toMatch(/send this link to them/);
  await page.getByTestId('invite-created-copy').click();
  await expect.poll(() => page.getByTestId('invite-created-copy').textContent()).toBe('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(link);
  await expect.poll(() => page.getByTestId('invitation-row').count()).toBe(1);

  // The activity log: newest first, 50 at a time, "Load older" pages back.
  const pilot = (await me()).workspace;
  for (let i = 0; i < 55; i++) {
    await server.db.queries.audit.record({
      workspaceId: pilot.id,
      actor: { kind: 'system', userId: null, name: 'personaflow' },
      entry: { action: 'test.event', subjectType: 'test', summary: `Seeded event ${i}` },
    });
    // Events a person causes are apart in time; two in the same instant keep an arbitrary (stable) order.
    await new Promise((r) => setTimeout(r, 3));
  }
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('nav-activity').click();
  await expect.poll(() => page.getByTestId('activity-row').count()).toBe(50);
  expect(await page.getByTestId('activity-row').first().textContent()).toMatch(/Seeded event 54/);
  await page.getByTestId('activity-older').click();
  await expect.poll(() => page.getByTestId('activity-row').count()).toBeGreaterThan(55);
  expect(await page.getByTestId('activity-list').textContent()).toMatch(/Invited sam@example.com as member/);
  expect(await page.getByTestId('activity-older').count()).toBe(0);

  // Sign out.
  await page.getByTestId('account-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL(/\/sign-in$/);
  expect(await page.evaluate(() => fetch('/api/me').then((r) => r.status))).toBe(401);

  // Sam opens the link (the server's PUBLIC_URL differs in tests: keep the path) and signs up.
  await page.goto(`${server.url}${new URL(copied).pathname}`);
  await expect.poll(() => page.getByTestId('invite-summary').textContent()).toMatch(/Dana Owner invited you to Nordlys pilot as a member/);
  await page.getByTestId('invite-sign-up').click();
  await page.waitForURL(/\/sign-up\?/);
  expect(await page.getByTestId('sign-up-email').inputValue()).toBe('sam@example.com');
  await page.getByTestId('sign-up-name').fill('Sam Invitee');
  await page.getByTestId('sign-up-password').fill('another long password');
  await page.getByTestId('sign-up-submit').click();
  await page.waitForURL(/\/invite\//);
  await page.getByTestId('invite-accept').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/invite'));

  // Sam is in Nordlys pilot only: one workspace in the switcher, none of the first one's personas.
  await expect.poll(() => page.getByTestId('account-workspace').textContent()).toBe('Nordlys pilot');
  await page.getByTestId('account-menu').click();
  await expect.poll(() => page.getByTestId('workspace-option').count()).toBe(1);
  expect(await page.getByTestId('workspace-option').textContent()).toMatch(/Nordlys pilot/);
  await page.keyboard.press('Escape');
  const sam = await me();
  expect(sam.workspaces).toEqual([{ id: sam.workspace.id, name: 'Nordlys pilot', role: 'member' }]);
  expect(sam.workspace.id).not.toBe(first.id);
  await page.goto(`${server.url}/personas`);
  await expect.poll(() => page.getByText('No personas yet').count()).toBe(1);
  expect(await page.getByTestId('persona-card').count()).toBe(0);
  // A member sees the team but not the owner-only controls.
  await page.goto(`${server.url}/settings/team`);
  await expect.poll(() => page.getByTestId('member-row').count()).toBe(2);
  expect(await page.getByTestId('invite-email').count()).toBe(0);
  expect(await page.getByTestId('member-role').count()).toBe(0);

  // A session that ends (here: cookies gone) sends the next call to sign-in, and back afterwards.
  await context.clearCookies();
  await page.getByTestId('nav-outreach').click();
  await page.getByTestId('nav-leads').click();
  await page.waitForURL(/\/sign-in\?returnTo=%2Fleads$/);
  await page.getByTestId('sign-in-email').fill('sam@example.com');
  await page.getByTestId('sign-in-password').fill('another long password');
  await page.getByTestId('sign-in-submit').click();
  await page.waitForURL(/\/leads$/);
  await expect.poll(() => page.getByTestId('account-name').textContent()).toBe('Sam Invitee');
}, 60_000);
