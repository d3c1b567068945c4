import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { e2eSetup, type E2e } from '../helpers/e2e.js';
import { personaWithRules } from '../helpers/persona-rules.js';

// Issue 16: the survey link end to end in Chromium. An owner creates the link on Settings →
// Survey link and copies it; the copied address opens the public page (PUBLIC_URL's host is
// routed to the test server), a person fills in the form, sees their mistake beside its field,
// fixes it, sends it, and sees the thank-you page; the answers are a response of the workspace.
let s: E2e;
e2eSetup((started) => (s = started));

const api = (method: string, path: string, json?: unknown) =>
  fetch(`${s.server.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: json === undefined ? undefined : JSON.stringify(json) });

/** The link's host is the mail PUBLIC_URL of the test server (http://personaflow.test): send it to the server under test. */
async function routePublicUrl(context: BrowserContext) {
  await context.route('http://personaflow.test/**', async (route) => {
    const url = new URL(route.request().url());
    // Fetched and fulfilled (not continued to another URL), so the page keeps the link's origin and its form posts back there.
    const response = await route.fetch({ url: `${s.server.url}${url.pathname}${url.search}`, maxRedirects: 0 });
    await route.fulfill({ response });
  });
}

test('create the link, copy it, open it, answer the survey, see the thank-you page', async () => {
  const page: Page = s.page;
  const context = page.context();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.server.url });
  await personaWithRules(s.server.db, s.server.db.workspaceId, 'Ops Olivia', {
    locations: ['Lisbon'],
    occupations: ['Head of Operations'],
    goals: ['Fewer delays', 'One view of every shipment'],
    frustrations: ['Spreadsheets', 'Carrier portals'],
  });
  expect((await api('POST', '/api/company-profiles', { data: { name: 'Shipwise', whatItDoes: 'Shipment tracking' } })).status).toBe(201);

  // Settings → Survey link, from the header's settings menu.
  await page.goto(`${s.server.url}/`);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('nav-survey').click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/settings/survey');
  await page.getByTestId('survey-link-none').waitFor();
  await page.getByTestId('survey-link-create').click();
  const shown = page.getByTestId('survey-link-url');
  await shown.waitFor();
  const url = (await shown.textContent())!;
  expect(url).toMatch(/^http:\/\/personaflow\.test\/survey\/[A-Za-z0-9_-]{43}$/);
  expect(await page.getByTestId('survey-link-state').textContent()).toBe('Open');
  await page.getByTestId('survey-link-copy').click();
  await expect.poll(() => page.getByTestId('survey-link-copy').textContent()).toBe('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(url);

  // The person who got the link, on a phone.
  const theirs = await s.browser.newContext({ viewport: { width: 390, height: 844 } });
  await routePublicUrl(theirs);
  const survey = await theirs.newPage();
  await survey.goto(copied);
  await survey.getByRole('heading', { name: 'Tell us about you' }).waitFor();
  expect(await survey.locator('.from').textContent()).toBe('Shipwise');
  await survey.getByLabel('Your name').fill('Rosa Díaz');
  await survey.getByLabel('Your email').fill('rosa@example');
  await survey.getByLabel('You may contact me about this').check();
  await survey.getByLabel('Your age').fill('41');
  await survey.getByLabel('Where you are based').fill('Lisbon');
  await survey.getByLabel('What you do').fill('Head of Operations');
  await survey.getByLabel('Fewer delays').check();
  await survey.getByLabel('Carrier portals').check();
  await survey.getByLabel('Other goals').fill('Fewer phone calls');
  await survey
    .getByRole('group', { name: /How likely are you to recommend Shipwise/ })
    .getByRole('radio', { name: '9', exact: true })
    .check();
  await survey
    .getByRole('group', { name: /how satisfied are you with Shipwise/ })
    .getByRole('radio', { name: '4', exact: true })
    .check();
  await survey.getByRole('button', { name: 'Send my answers' }).click();

  // The mistake comes back beside its field, with every answer kept.
  await survey.getByRole('heading', { name: 'Check your answers' }).waitFor();
  expect(await survey.locator('#survey-email-error').textContent()).toBe('Not a valid email address');
  expect(await survey.getByLabel('Your name').inputValue()).toBe('Rosa Díaz');
  expect(await survey.getByLabel('Fewer delays').isChecked()).toBe(true);
  expect(await survey.getByLabel('Other goals').inputValue()).toBe('Fewer phone calls');
  expect(await survey.locator('#survey-nps-9').isChecked()).toBe(true);
  await survey.getByRole('link', { name: /Your email: Not a valid email address/ }).click();
  await survey.getByLabel('Your email').fill('rosa@example.test');
  await survey.getByRole('button', { name: 'Send my answers' }).click();

  await survey.getByRole('heading', { name: 'Thank you' }).waitFor();
  expect(survey.url()).toBe(`${copied}/thanks`);
  const { responses } = await s.server.db.queries.surveyResponses.list({ workspaceId: s.server.db.workspaceId, limit: 10, offset: 0 });
  expect(responses).toHaveLength(1);
  expect(responses[0]).toMatchObject({
    source: 'survey',
    respondent: { name: 'Rosa Díaz', email: 'rosa@example.test', consent: true },
    age: 41,
    location: 'Lisbon',
    occupation: 'Head of Operations',
    goals: ['Fewer delays', 'Fewer phone calls'],
    frustrations: ['Carrier portals'],
    satisfaction: 4,
    nps: 9,
  });

  // Closing it in the app closes the page the person has; reopening and regenerating work too.
  await page.getByTestId('survey-link-close').click();
  await page.getByTestId('survey-link-reopen').waitFor();
  expect(await page.getByTestId('survey-link-state').textContent()).toBe('Closed');
  await survey.goto(copied);
  await survey.getByRole('heading', { name: 'This survey is closed' }).waitFor();
  await page.getByTestId('survey-link-reopen').click();
  await page.getByTestId('survey-link-close').waitFor();
  await page.getByTestId('survey-link-regenerate').click();
  await page.getByTestId('survey-link-regenerate-confirm').click();
  await expect.poll(() => shown.textContent()).not.toBe(url);
  await survey.goto(copied);
  await survey.getByRole('heading', { name: 'This survey link is not recognised' }).waitFor();
  await theirs.close();
}, 60_000);

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
type Violation = { id: string; impact: string | null; nodes: Array<{ target: string[] }> };

test('the survey page, blank and with mistakes, has no serious accessibility violation at 1280 and 390 px', async () => {
  const { surveyLinks } = s.server.db.queries;
  const link = (await surveyLinks.get({ workspaceId: s.server.db.workspaceId })) ?? (await surveyLinks.create({ workspaceId: s.server.db.workspaceId }));
  const found: string[] = [];
  for (const width of [1280, 390]) {
    // The page's CSP allows no script at all: the test injects axe past it.
    const context = await s.browser.newContext({ viewport: { width, height: 844 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${s.server.url}/survey/${link.token}`);
    for (const state of ['blank', 'mistakes']) {
      if (state === 'mistakes') {
        await page.getByLabel('Your email').fill('not an address');
        await page.getByLabel('Your age').fill('forty');
        await page.getByRole('button', { name: 'Send my answers' }).click();
        await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
      }
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
        return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
      });
      for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
        found.push(`${width} px, ${state}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    }
    await context.close();
  }
  expect(found).toEqual([]);
}, 60_000);
