import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SYSTEM_ACTOR } from '../../lib/scope.js';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// An accessibility pass over every page with axe-core (issue 15): no serious or critical
// violation of WCAG 2 A/AA rules, at laptop and phone widths, with data on the pages.
const uiDir = path.resolve(import.meta.dirname, '../../dist/ui');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server: TestServer;
let browser: Browser;

const call = async (method: string, p: string, body?: unknown) =>
  (await (
    await fetch(`${server.url}${p}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  ).json()) as Record<string, any>;

const ids: { persona: string; lead: string; campaign: string; contact: string; product: string } = {
  persona: '',
  lead: '',
  campaign: '',
  contact: '',
  product: '',
};

beforeAll(async () => {
  server = await startTestServer('pglite', { uiDir });
  browser = await launchChromium();
  await call('POST', '/api/company-profiles', {
    data: { name: 'Shipwise', whatItDoes: 'Live tracking for carriers', market: 'Mid-size carriers', size: '20 people' },
  });
  ids.product =
    (await call('POST', '/api/products', { data: { name: 'Shipwise Track', description: 'Live driver tracking', valueProposition: 'Fewer check calls' } }))
      .product?.id ?? '';
  ids.persona = (
    await call('POST', '/api/personas', {
      data: {
        personName: 'Overwhelmed Ops Lead',
        title: 'Head of Operations',
        role: 'Runs dispatch',
        seniority: 'Head of department',
        coreGoal: 'On-time deliveries',
        painPoints: ['Manual dispatch'],
        needForOurProduct: 'Live tracking',
        potentialPitch: 'Stop answering where-is-my-truck calls',
        industry: 'Logistics',
        companySize: '200–1000 employees',
        company: 'Regional carrier',
      },
    })
  ).persona.id;
  ids.lead = (
    await call('POST', '/api/leads', {
      data: {
        name: 'Dana Ruiz',
        position: 'Head of Operations',
        requirement: 'wants live driver tracking',
        websiteUrl: 'https://lonestar.example',
        email: 'dana@lonestar.example',
      },
    })
  ).lead.id;
  ids.campaign = (
    await call('POST', '/api/campaigns', { data: { name: 'Q3 operations leaders', promptContext: { goal: 'Book a 15-minute call' } } })
  ).campaign.id;
  ids.contact = (await call('POST', '/api/contacts', { data: { name: 'Marta Ruiz', title: 'VP Operations', company: 'Lone Star Freight' } })).contact?.id ?? '';
  await call('PUT', '/api/memory/company.name', { data: { value: 'Shipwise' } });
  await server.db.queries.memory.remember({
    workspaceId: server.db.workspaceId,
    key: 'market',
    value: 'Mid-size carriers',
    source: 'INFERRED',
    confidence: 0.6,
    learnedFrom: 'the persona wizard',
    actor: SYSTEM_ACTOR,
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Violation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; failureSummary?: string }> };

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

const pages = () => [
  '/',
  '/wizard',
  '/personas',
  `/personas/${ids.persona}`,
  `/personas/${ids.persona}?tab=analytics`,
  '/personas/builder',
  '/responses',
  '/analytics',
  '/buying-process',
  '/contacts',
  ...(ids.contact ? [`/contacts/${ids.contact}`] : []),
  '/leads',
  `/leads/${ids.lead}`,
  `/leads/${ids.lead}?tab=research`,
  '/campaigns',
  `/campaigns/${ids.campaign}`,
  '/outbox',
  '/products',
  '/settings/company',
  '/settings/model',
  '/settings/sender',
  '/settings/survey',
  '/settings/memory',
  '/settings/intake',
  '/usage',
];

for (const width of [1280, 390]) {
  test(`no serious accessibility violation on any page at ${width} px`, async () => {
    // The app's CSP allows only its own scripts: the test injects axe past it.
    const page = await browser.newPage({ viewport: { width, height: width === 390 ? 844 : 900 }, bypassCSP: true });
    const found: string[] = [];
    for (const p of pages()) {
      await page.goto(`${server.url}${p}`);
      await page.waitForLoadState('networkidle');
      await page.locator('main h1, main [data-testid$="-page"], h1').first().waitFor({ timeout: 15_000 });
      for (const v of await seriousViolations(page)) found.push(`${p}: ${v}`);
    }
    await page.close();
    expect(found).toEqual([]);
  }, 180_000);
}
