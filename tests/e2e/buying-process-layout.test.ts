import path from 'node:path';
import { runFlow } from 'genkit/beta/client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { BuyingProcessOutput } from '../../schemas/buying-process.js';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Issue 15: a map with all seven columns in its half-width panel once made the page 1631 px wide in
// a 1400 px window. The stages now become labelled cards wherever the table would not fit.
const uiDir = path.resolve(import.meta.dirname, '../../dist/ui');
let server: TestServer;
let browser: Browser;
let sessionId: string;

beforeAll(async () => {
  server = await startTestServer('pglite', { uiDir });
  browser = await launchChromium();
  const url = `${server.url}/api/flows/buyingProcess`;
  const started = await runFlow<BuyingProcessOutput>({ url, input: {} });
  const stage = (stage_name: string) => ({
    stage_name,
    buyer_actions: 'Reads peer reviews on G2, asks two other ops leads in a Slack community, builds a shortlist of three vendors and requests pricing',
    duration: '2-3 weeks',
    key_influencers: 'CFO, dispatch supervisors, the IT lead',
    seller_actions: 'Share a case study from a similar carrier and offer a 15-minute call',
    content_type: 'ROI calculator and pilot plan',
    key_message: 'Dispatch in minutes, not hours: live driver status for every load',
  });
  const out = await runFlow<BuyingProcessOutput>({
    url,
    input: {
      sessionId: started.sessionId,
      patch: {
        persona_name: 'Overwhelmed Ops Lead',
        persona_pain_points: 'Manual dispatch',
        buying_stages: ['Awareness', 'Consideration', 'Decision', 'Retention'].map(stage),
      },
    },
  });
  sessionId = out.sessionId;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

for (const [width, height] of [
  [1400, 900],
  [1280, 800],
  [390, 844],
] as const) {
  test(`at ${width} px the page is no wider than the window and every stage cell is readable`, async () => {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`${server.url}/buying-process/${sessionId}`);
    const stages = page.locator('.stages');
    await expect.poll(() => stages.getAttribute('data-layout'), { timeout: 15_000 }).toBe('cards');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(await stages.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // Each cell says which column it is, since the column headings are gone.
    const firstCard = page.getByTestId('bp-stage-row').first();
    expect(await firstCard.locator('.cell__label').allInnerTexts()).toEqual([
      'Stage 1',
      'Buyer actions',
      'Duration',
      'Key influencers',
      'Seller actions',
      'Content type',
      'Key message',
    ]);
    await page.close();
  });
}
