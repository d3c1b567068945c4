import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Persona } from '../../schemas/persona.js';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Issue 15: lists that grow. The library and the leads list search, filter, sort and page, with
// the view kept in the address; leads are selected many at a time to join a campaign or go.
const uiDir = path.resolve(import.meta.dirname, '../../dist/ui');
let server: TestServer;
let browser: Browser;
let campaignId: string;

async function api<T>(method: string, url: string, json?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

const persona = (personName: string, industry: string, title: string): Persona => ({
  personName,
  title,
  role: 'Runs the team',
  coreGoal: 'Grow pipeline',
  painPoints: ['Manual reporting'],
  needForOurProduct: 'One view of the pipeline',
  industry,
  companySize: '200-500 employees',
});

// 120 numbered leads, three called Mira, and one added by hand: 124, three pages of 50.
const CSV = [
  'name,position,requirement,linkedin_url,website_url,email',
  ...Array.from({ length: 120 }, (_, i) => `Lead ${String(i + 1).padStart(3, '0')},Buyer,,,https://l${i}.example,lead${i}@example.test`),
  'Mira Holt,Head of Ops,,,https://holt.example,mira.holt@example.test',
  'Mira Stone,CFO,,,https://stone.example,mira.stone@example.test',
  'Mira Vale,COO,,,https://vale.example,mira.vale@example.test',
].join('\n');

beforeAll(async () => {
  server = await startTestServer('pglite', { uiDir });
  browser = await launchChromium();
  for (const p of [persona('Ada Lovelace', 'Fintech', 'CFO'), persona('Bert Kramer', 'Retail', 'COO'), persona('Cleo Park', 'Retail', 'Head of Stores')])
    await api('POST', '/api/personas', { data: p });
  const imported = await api<{ imported: unknown[] }>('POST', '/api/leads/import', { csv: CSV });
  expect(imported.imported).toHaveLength(123);
  // A lead needs a LinkedIn or a website URL: without one POST /api/leads is a 400 on data.linkedinUrl.
  await api('POST', '/api/leads', {
    data: { name: 'Zed Quinn', position: 'Chief Zebra Officer', websiteUrl: 'https://zed.example', email: 'zed@example.test' },
  });
  for (const [name, title, company] of [
    ['Nora Berg', 'CTO', 'Nordlys'],
    ['Olu Ade', 'Head of Sales', 'Nordlys'],
    ['Pia Lund', 'CFO', 'Okafor Logistics'],
  ])
    await api('POST', '/api/contacts', { data: { name, title, company } });
  const { campaign } = await api<{ campaign: { id: string } }>('POST', '/api/campaigns', {
    data: {
      name: 'Spring push',
      promptContext: { productId: null, tone: 'friendly', goal: '', callToAction: '', personaId: null, stageName: null },
      sendCapPerMinute: 60,
      steps: [{ name: 'First touch', promptConfig: { instructions: '', tone: null }, delayDays: 0 }],
    },
  });
  campaignId = campaign.id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const cardNames = (page: Page) => page.getByTestId('persona-card').locator('.card__title').allInnerTexts();
const rowNames = (page: Page) => page.getByTestId('lead-row').locator('.lead-row__name').allInnerTexts();
const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

describe('at 1280 px', () => {
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  test('library: search, filter by industry, sort by name; the view survives a reload; no match offers to clear', async () => {
    await page.goto(`${server.url}/personas`);
    await expect.poll(() => page.getByTestId('persona-card').count(), { timeout: 15_000 }).toBe(3);
    await page.getByTestId('library-search').fill('retail');
    await expect.poll(() => cardNames(page), { timeout: 15_000 }).toHaveLength(2);
    await page.getByTestId('library-sort').selectOption('-name');
    await expect.poll(() => cardNames(page), { timeout: 15_000 }).toEqual(['Cleo Park', 'Bert Kramer']);
    expect(param(page, 'q')).toBe('retail');
    expect(param(page, 'sort')).toBe('-name');
    await page.reload();
    await expect.poll(() => cardNames(page), { timeout: 15_000 }).toEqual(['Cleo Park', 'Bert Kramer']);
    expect(await page.getByTestId('library-search').inputValue()).toBe('retail');

    await page.getByTestId('library-search').fill('');
    await page.getByTestId('library-filter').selectOption('Fintech');
    await expect.poll(() => cardNames(page), { timeout: 15_000 }).toEqual(['Ada Lovelace']);
    await page.getByTestId('library-search').fill('nobody here');
    await expect.poll(() => page.getByText('No persona matches').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('library-clear').click();
    await expect.poll(() => page.getByTestId('persona-card').count(), { timeout: 15_000 }).toBe(3);
    expect(param(page, 'q')).toBeNull();
    expect(param(page, 'filter')).toBeNull();
  });

  test('leads: pages of 50 with "N of M", search, filter by persona status, sort; back returns to the same view', async () => {
    await page.goto(`${server.url}/leads`);
    await expect.poll(() => page.getByTestId('leads-count').innerText(), { timeout: 15_000 }).toBe('1–50 of 124 leads');
    expect(await page.getByTestId('lead-row').count()).toBe(50);
    expect(await page.locator('.lead-list__labels').textContent()).toMatch(/Campaign[\s\S]*Last contacted/);
    await page.getByTestId('leads-next').click();
    await expect.poll(() => page.getByTestId('leads-count').innerText(), { timeout: 15_000 }).toBe('51–100 of 124 leads');
    expect(param(page, 'page')).toBe('2');

    await page.getByTestId('leads-search').fill('zebra');
    await expect.poll(() => rowNames(page), { timeout: 15_000 }).toEqual(['Zed Quinn']);
    expect(await page.getByTestId('lead-last-contacted').innerText()).toBe('Never contacted');
    await page.getByTestId('lead-row').click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toMatch(/^\/leads\/[0-9a-f-]{36}$/);
    await page.goBack();
    await expect.poll(() => rowNames(page), { timeout: 15_000 }).toEqual(['Zed Quinn']);
    expect(await page.getByTestId('leads-search').inputValue()).toBe('zebra');

    await page.getByTestId('leads-search').fill('');
    await page.getByTestId('leads-sort').selectOption('-name');
    await expect.poll(async () => (await rowNames(page))[0], { timeout: 15_000 }).toBe('Zed Quinn');
    // The offline generator writes every persona in the background; then none has failed.
    await expect.poll(() => page.locator('[data-testid="lead-persona-status"][data-status="pending"]').count(), { timeout: 60_000 }).toBe(0);
    await page.getByTestId('leads-filter').selectOption('failed');
    await expect.poll(() => page.getByText('No lead matches').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('leads-filter').selectOption('ready');
    await expect.poll(() => page.getByTestId('leads-count').innerText(), { timeout: 15_000 }).toBe('1–50 of 124 leads');
  });

  test('leads: select all on the page → add to a campaign; select two → delete, confirmed', async () => {
    await page.goto(`${server.url}/leads?q=mira`);
    await expect.poll(() => rowNames(page), { timeout: 15_000 }).toHaveLength(3);
    await page.getByTestId('leads-select-page').check();
    await expect.poll(() => page.getByTestId('leads-selected-count').innerText(), { timeout: 15_000 }).toBe('3 leads selected');
    await page.getByTestId('leads-bulk-campaign').selectOption({ label: 'Spring push' });
    await page.getByTestId('leads-bulk-add').click();
    await expect.poll(() => page.getByText('Added 3 leads to “Spring push”.').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('lead-campaigns').allInnerTexts(), { timeout: 15_000 }).toEqual(['Spring push', 'Spring push', 'Spring push']);
    const { campaign } = await api<{ campaign: { leadIds: string[] } }>('GET', `/api/campaigns/${campaignId}`);
    expect(campaign.leadIds).toHaveLength(3);
    expect(await page.getByTestId('leads-bulk').count()).toBe(0);

    await page.getByTestId('lead-select').nth(0).check();
    await page.getByTestId('lead-select').nth(1).check();
    await page.getByTestId('leads-bulk-delete').click();
    await expect.poll(() => page.getByRole('dialog').innerText(), { timeout: 15_000 }).toMatch(/Delete 2 leads\?/);
    await page.getByTestId('leads-bulk-delete-confirm').click();
    await expect.poll(() => page.getByText('Deleted 2 leads.').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => rowNames(page), { timeout: 15_000 }).toHaveLength(1);
    const { leads } = await api<{ leads: Array<{ name: string }> }>('GET', '/api/leads');
    expect(leads).toHaveLength(122);
    expect(leads.filter((l) => l.name.startsWith('Mira'))).toHaveLength(1);
    await page.goto(`${server.url}/leads`);
    await expect.poll(() => page.getByTestId('lead-row').count(), { timeout: 15_000 }).toBe(50);
    await page.getByTestId('lead-select').nth(1).check();
    await expect.poll(() => page.getByTestId('leads-selected-count').innerText()).toBe('1 lead selected');
    // A new search is a new view: the selection made in the old one is gone, so nothing hidden is acted on.
    await page.getByTestId('leads-search').fill('Mira');
    await expect.poll(() => page.getByTestId('leads-bulk').count()).toBe(0);
    await page.getByTestId('leads-search').fill('');
    await page.goto(`${server.url}/personas`);
    await expect.poll(() => page.getByTestId('persona-card').count(), { timeout: 15_000 }).toBe(3);
  });

  test('outbox: search by recipient or subject, filter by status; last contacted reaches the leads list', async () => {
    // The sends are written straight to the log (a campaign run through the flow is campaign.test.ts's job).
    const { db } = server;
    const workspaceId = db.workspaceId;
    const { leads } = await api<{ leads: Array<{ id: string; name: string; email: string }> }>('GET', '/api/leads');
    const [a, b, c] = ['Lead 001', 'Lead 002', 'Lead 003'].map((n) => leads.find((l) => l.name === n)!);
    const spring = await db.queries.campaigns.get({ workspaceId, id: campaignId });
    await db.queries.campaigns.addLeads({ workspaceId, id: campaignId, leadIds: [a!.id, b!.id, c!.id] });
    const run = await db.queries.campaigns.createRun({
      workspaceId,
      campaignId,
      stepId: spring.steps[0]!.id,
      leadIds: [a!.id, b!.id, c!.id],
      sendCapPerMinute: 60,
      transport: 'outbox',
      status: 'running',
      samples: [],
    });
    const open = (l: { id: string; email: string }) =>
      db.queries.emailLogs.open({ workspaceId, campaignId, stepId: spring.steps[0]!.id, leadId: l.id, runId: run.id, to: l.email, from: 'Dana <d@x.test>' });
    await db.queries.emailLogs.markSent({ workspaceId, id: (await open(a!)).id, providerMessageId: 'm1', raw: null });
    await db.queries.emailLogs.markFailed({ workspaceId, id: (await open(b!)).id, error: 'refused', retryable: false, final: true });
    await open(c!); // still queued: the outbox does not list it

    await page.goto(`${server.url}/outbox`);
    await expect.poll(() => page.getByTestId('outbox-email').count(), { timeout: 15_000 }).toBe(2);
    await page.getByTestId('outbox-filter').selectOption('failed');
    await expect.poll(() => page.getByTestId('outbox-email').locator('.outbox-email__name').allInnerTexts(), { timeout: 15_000 }).toEqual(['Lead 002']);
    await page.getByTestId('outbox-filter').selectOption('');
    await page.getByTestId('outbox-search').fill('lead0@example');
    await expect.poll(() => page.getByTestId('outbox-email').locator('.outbox-email__name').allInnerTexts(), { timeout: 15_000 }).toEqual(['Lead 001']);
    await page.getByTestId('outbox-search').fill('nothing like it');
    await expect.poll(() => page.getByText('No email matches').isVisible(), { timeout: 15_000 }).toBe(true);

    await page.goto(`${server.url}/leads?sort=-contacted`);
    await expect.poll(async () => (await rowNames(page))[0], { timeout: 15_000 }).toBe('Lead 001');
    expect(await page.getByTestId('lead-last-contacted').first().innerText()).not.toBe('Never contacted');
    expect(await page.getByTestId('lead-campaigns').first().innerText()).toBe('Spring push');
  });

  test('contacts: search, filter by company, sort; maps: none yet, so no controls', async () => {
    await page.goto(`${server.url}/contacts`);
    const names = () => page.getByTestId('contact-card').locator('.card__title').allInnerTexts();
    await expect.poll(names, { timeout: 15_000 }).toEqual(['Nora Berg', 'Olu Ade', 'Pia Lund']);
    await page.getByTestId('contacts-filter').selectOption('Nordlys');
    await expect.poll(names, { timeout: 15_000 }).toEqual(['Nora Berg', 'Olu Ade']);
    await page.getByTestId('contacts-sort').selectOption('-name');
    await expect.poll(names, { timeout: 15_000 }).toEqual(['Olu Ade', 'Nora Berg']);
    await page.getByTestId('contacts-search').fill('cfo');
    await expect.poll(() => page.getByText('No contact matches').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('contacts-clear').click();
    await expect.poll(names, { timeout: 15_000 }).toEqual(['Pia Lund', 'Olu Ade', 'Nora Berg']);

    await page.goto(`${server.url}/buying-process`);
    await expect.poll(() => page.getByText('No buying-process maps yet').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('maps-search').count()).toBe(0);
  });

  test('maps: search by persona, sort by stages, filter by status', async () => {
    const { personas } = await api<{ personas: Array<{ id: string; data: { personName: string } }> }>('GET', '/api/personas');
    const stage = (stage_name: string) => ({
      stage_name,
      buyer_actions: 'Compares options',
      duration: '2 weeks',
      key_influencers: 'Peers',
      seller_actions: 'Share a guide',
      content_type: 'Blog',
      key_message: 'Close in days',
    });
    for (const [name, stages] of [
      ['Ada Lovelace', ['Awareness', 'Evaluation', 'Decision']],
      ['Bert Kramer', ['Awareness']],
    ] as const) {
      const personaId = personas.find((p) => p.data.personName === name)!.id;
      const started = await api<{ result: { sessionId: string } }>('POST', '/api/flows/buyingProcess', { data: {} });
      await api('POST', '/api/flows/buyingProcess', {
        data: { sessionId: started.result.sessionId, patch: { persona_id: personaId, buying_stages: stages.map(stage) } },
      });
    }
    await page.goto(`${server.url}/buying-process`);
    const names = () => page.getByTestId('bp-map-card').locator('.card__title').allInnerTexts();
    await expect.poll(names, { timeout: 15_000 }).toEqual(['Bert Kramer', 'Ada Lovelace']);
    await page.getByTestId('maps-sort').selectOption('-stages');
    await expect.poll(names, { timeout: 15_000 }).toEqual(['Ada Lovelace', 'Bert Kramer']);
    await page.getByTestId('maps-search').fill('kramer');
    await expect.poll(names, { timeout: 15_000 }).toEqual(['Bert Kramer']);
    expect(page.url()).toMatch(/[?&]q=kramer/);
    await page.getByTestId('maps-search').fill('');
    await page.getByTestId('maps-filter').selectOption('completed');
    await expect.poll(() => page.getByText('No map matches').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('maps-filter').selectOption('in_progress');
    await expect.poll(names, { timeout: 15_000 }).toEqual(['Ada Lovelace', 'Bert Kramer']);
  });
});

describe('at 390 px', () => {
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  });

  test('the controls wrap and nothing makes the page wider than the phone', async () => {
    await page.goto(`${server.url}/leads`);
    await expect.poll(() => page.getByTestId('lead-row').count(), { timeout: 15_000 }).toBe(50);
    await page.getByTestId('lead-select').nth(0).check();
    await expect.poll(() => page.getByTestId('leads-bulk').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const search = (await page.getByTestId('leads-search').boundingBox())!;
    const sort = (await page.getByTestId('leads-sort').boundingBox())!;
    expect(sort.y).toBeGreaterThan(search.y);
    await page.goto(`${server.url}/personas`);
    await expect.poll(() => page.getByTestId('persona-card').count(), { timeout: 15_000 }).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto(`${server.url}/outbox`);
    await expect.poll(() => page.getByTestId('outbox-email').count(), { timeout: 15_000 }).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
