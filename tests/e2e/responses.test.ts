import type { Page, Route } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { e2eSetup } from '../helpers/e2e.js';
import type { TestServer } from '../helpers/server.js';

// Issue 16: the Responses page. A survey export of 6,000 rows, one of them bad, imported through the
// file input: the browser sends it in two chunks of at most 5,000 rows, the bar counts them, the
// bad row comes back with its line in the whole file, the rows show in the table, one is deleted.
let server: TestServer;
let page: Page;
e2eSetup((s) => ({ server, page } = s));

const ROWS = 6_000;
const BAD_LINE = 5_500;
const header = 'Timestamp,Email Address,Full Name,May we contact you?,Age,City,Job Title,Goals,Pain points,NPS';
const row = (i: number) =>
  `11/30/2026 9:${String(i % 60).padStart(2, '0')}:00,p${i}@example.com,Person ${i},yes,${20 + (i % 50)},Lisbon,Engineer,"Ship faster, with less noise; Hire well",Slow tools,${i % 11}`;
// Line n of the file is data row n - 2 (line 1 is the header); the bad one has an NPS of 12.
const csv = [header, ...Array.from({ length: ROWS }, (_, i) => (i + 2 === BAD_LINE ? row(i).replace(/,\d+$/, ',12') : row(i)))].join('\n');

async function total(): Promise<number> {
  const res = await fetch(`${server.url}/api/responses?limit=1`);
  return ((await res.json()) as { total: number }).total;
}

describe('the Responses page', () => {
  test('empty: it says what to do', async () => {
    await page.goto(`${server.url}/responses`);
    await page.getByText('No responses yet').waitFor();
    expect(await page.locator('.empty').innerText()).toMatch(/Import the CSV export of a survey/);
    await page.getByTestId('nav-personas').click();
    expect(await page.getByTestId('nav-responses').getAttribute('aria-current')).toBe('page');
  });

  test('a CSV with one bad row: chunks with a determinate bar, the bad line and its reason, the rows in the table', async () => {
    await page.goto(`${server.url}/responses`);
    await page.getByTestId('response-import-open').click();
    await page.getByTestId('response-import-file').setInputFiles({ name: 'survey.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    expect(await page.getByTestId('response-import-rows').innerText()).toBe('6,000 rows in survey.csv, sent in 2 parts.');

    // The second chunk waits until the bar has been seen at 5,000 of 6,000.
    const bodies: Array<{ csv: string; firstLine: number }> = [];
    let releaseSecond!: () => void;
    const secondHeld = new Promise<void>((resolve) => (releaseSecond = resolve));
    await page.route('**/api/responses/import', async (route: Route) => {
      const body = route.request().postDataJSON() as { csv: string; firstLine: number };
      bodies.push(body);
      if (bodies.length === 2) await secondHeld;
      await route.continue();
    });

    await page.getByTestId('response-import-submit').click();
    await expect.poll(() => page.getByTestId('response-import-progress-status').innerText(), { timeout: 30_000 }).toBe('5,000 of 6,000 rows');
    const bar = page.getByTestId('response-import-progress').getByRole('progressbar');
    expect(await bar.getAttribute('aria-valuenow')).toBe('5000');
    expect(await bar.getAttribute('aria-valuemax')).toBe('6000');
    releaseSecond();

    await page.getByTestId('response-import-result').waitFor({ timeout: 30_000 });
    await page.unroute('**/api/responses/import');
    expect(await page.getByTestId('response-import-result').innerText()).toBe('Imported 5,999 responses, 1 rejected.');
    const rejected = page.getByTestId('response-import-rejected');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.getAttribute('data-line')).toBe(String(BAD_LINE));
    expect(await rejected.innerText()).toMatch(/^5,500\s+nps must be from 0 to 10$/);

    // What went over the wire: the header in each chunk, the second numbered from line 5,001 of the file.
    expect(bodies.map((b) => b.firstLine)).toEqual([1, 5001]);
    expect(bodies.every((b) => b.csv.startsWith(`${header}\n`))).toBe(true);
    expect(bodies[1]!.csv.split('\n')[1]).toBe(row(5000));

    // The table: 50 of 5,999, newest first (the rows' timestamps cycle, so only the shape is checked here).
    await expect.poll(() => page.getByTestId('response-row').count(), { timeout: 15_000 }).toBe(50);
    expect(await page.getByTestId('responses-count').innerText()).toBe('1–50 of 5999 responses');
    const first = page.getByTestId('response-row').first();
    const text = await first.innerText();
    expect(text).toMatch(/Person \d+/);
    expect(text).toMatch(/Ship faster, with less noise/);
    expect(text).toMatch(/Hire well/);
    expect(text).toMatch(/May contact/);
    expect(await total()).toBe(5_999);
    await page.getByTestId('responses-next').click();
    await expect.poll(() => page.getByTestId('responses-count').innerText()).toBe('51–100 of 5999 responses');
    expect(page.url()).toMatch(/[?&]page=2\b/);
  });

  test('deleting one response asks first, then removes it from the table and the total', async () => {
    await page.goto(`${server.url}/responses`);
    const first = page.getByTestId('response-row').first();
    await first.waitFor();
    const id = await first.getAttribute('data-id');
    await first.getByTestId('response-delete').click();
    await page.getByRole('dialog').waitFor();
    expect(await page.getByRole('dialog').innerText()).toMatch(/Delete this response\?/);
    await page.getByTestId('response-delete-confirm').click();
    await expect.poll(() => page.locator(`[data-testid="response-row"][data-id="${id}"]`).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('responses-count').innerText()).toBe('1–50 of 5998 responses');
    expect(await total()).toBe(5_998);
  });

  test('adding one response by the form: a bad age is caught on its field; a good one lands first in the table', async () => {
    await page.goto(`${server.url}/responses`);
    await page.getByTestId('response-new').click();
    await page.getByTestId('response-name').fill('Dana <b>Ruiz</b>');
    await page.getByTestId('response-age').fill('forty');
    await page.getByTestId('response-save').click();
    expect(await page.locator('#response-field-age-error').innerText()).toMatch(/age must be a number of years/);
    await page.getByTestId('response-age').fill('41');
    await page.getByTestId('response-goals').fill('Fewer tools, more focus\nHire two engineers');
    await page.getByTestId('response-nps').selectOption('9');
    await page.getByTestId('response-consent').check();
    await page.getByTestId('response-save').click();
    await page.getByTestId('response-notice').waitFor();
    // Submitted now, so it is the newest; the name is shown as text, never as markup.
    const first = page.getByTestId('response-row').first();
    await expect.poll(() => first.innerText(), { timeout: 15_000 }).toMatch(/Dana <b>Ruiz<\/b>/);
    expect(await first.locator('b').count()).toBe(0);
    expect(await first.innerText()).toMatch(/Fewer tools, more focus/);
    expect(await total()).toBe(5_999);
  });
});
