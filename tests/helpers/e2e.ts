import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

/** The built UI (`vite build`), served by every browser test's server. */
export const UI_DIR = path.resolve(import.meta.dirname, '../../dist/ui');

export type E2e = { server: TestServer; browser: Browser; page: Page };

/**
 * One server with the built UI (embedded PGlite) and one Chromium page for a test file, started
 * before its tests and stopped after them. `use` receives them once started:
 * `e2eSetup((s) => ({ server, page } = s))`.
 */
export function e2eSetup(use: (started: E2e) => void, viewport = { width: 1280, height: 800 }): void {
  let started: E2e | undefined;
  beforeAll(async () => {
    const server = await startTestServer('pglite', { uiDir: UI_DIR });
    const browser = await launchChromium();
    started = { server, browser, page: await browser.newPage({ viewport }) };
    use(started);
  }, 60_000);
  afterAll(async () => {
    await started?.browser.close();
    await started?.server.close();
  });
}
