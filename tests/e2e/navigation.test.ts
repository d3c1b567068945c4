import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Issue 15: the navigation is a few groups that fit one line at 1280 px, and one menu on phones.
const uiDir = path.resolve(import.meta.dirname, '../../dist/ui');
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer('pglite', { uiDir });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const headerBox = (page: Page) => page.locator('.header').boundingBox();

describe('at 1280 px', () => {
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  test('the header is one line, nothing cut, the page no wider than the window', async () => {
    await page.goto(`${server.url}/leads`);
    await expect.poll(() => page.getByTestId('provider-label').getAttribute('data-offline'), { timeout: 15_000 }).toBe('true');
    expect((await headerBox(page))!.height).toBeLessThan(70);
    const label = page.getByTestId('provider-label');
    await expect.poll(() => label.innerText(), { timeout: 15_000 }).toBe('Offline generator (rule-based, no AI provider configured)');
    expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    for (const id of ['nav-personas', 'nav-buying-process', 'nav-contacts-list', 'nav-outreach', 'nav-settings'])
      expect(await page.getByTestId(id).isVisible()).toBe(true);
    expect(await page.getByTestId('phone-menu').isVisible()).toBe(false);
  });

  test('a group opens, names its pages, and shows which one you are on', async () => {
    await page.goto(`${server.url}/leads`);
    await expect.poll(() => page.getByTestId('nav-outreach').getAttribute('class'), { timeout: 15_000 }).toContain('active');
    expect(await page.getByTestId('nav-personas').getAttribute('class')).not.toContain('active');
    await page.getByTestId('nav-personas').click();
    expect(await page.getByTestId('nav-personas').getAttribute('aria-expanded')).toBe('true');
    await page.getByTestId('nav-builder').click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/personas/builder');
    // The builder is under /personas, but it is the Builder that is current, not the Library.
    await page.getByTestId('nav-personas').click();
    expect(await page.getByTestId('nav-builder').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('nav-library').getAttribute('aria-current')).toBeNull();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('nav-personas').getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: 15_000 }).toBe('nav-personas');
  });

  test('products live under Settings, beside the company', async () => {
    await page.goto(`${server.url}/leads`);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('nav-products').click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/products');
    await expect.poll(() => page.getByTestId('nav-settings').getAttribute('class'), { timeout: 15_000 }).toContain('active');
  });
});

describe('at 390 px', () => {
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  });

  test('the header is one short row with a menu that holds every group and setting', async () => {
    // Not the wizard: it moves on to its new session's address, which closes an open menu.
    await page.goto(`${server.url}/leads`);
    await expect.poll(() => page.getByTestId('provider-label').getAttribute('data-offline'), { timeout: 15_000 }).toBe('true');
    expect((await headerBox(page))!.height).toBeLessThanOrEqual(60);
    expect(await page.locator('.header .nav').isVisible()).toBe(false);
    const toggle = page.getByTestId('phone-menu');
    await toggle.click();
    const sheet = page.locator('#phone-menu');
    expect(await sheet.isVisible()).toBe(true);
    expect(await sheet.locator('[aria-current="page"]').innerText({ timeout: 5000 })).toContain('Leads');
    expect(await sheet.locator('h2').allTextContents()).toEqual(['Personas', 'Journeys', 'Contacts', 'Outreach', 'Settings']);
    await sheet.getByRole('link', { name: /^Campaigns/ }).click({ timeout: 5000 });
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/campaigns');
    expect(await sheet.isVisible()).toBe(false);
    await toggle.click();
    expect(await sheet.locator('[aria-current="page"]').innerText({ timeout: 5000 })).toContain('Campaigns');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
