import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Persona } from '../../schemas/persona.js';
import { e2eSetup } from '../helpers/e2e.js';
import type { TestServer } from '../helpers/server.js';

// Issue 16 in Chromium: survey answers imported as a CSV → the persona's Analytics tab says there are
// no rules yet → rules proposed from the persona, checked, saved (rescoring in the background) →
// the KPIs and the three charts drawn from the answers → Sync now takes today's snapshot → on the
// workspace overview, the respondents no persona matches form a group → "Draft a persona from this
// group" opens the builder with the group's title, pain points and core goal, badged as such.
let server: TestServer;
let page: Page;
let browser: Browser;
e2eSetup((s) => ({ server, page, browser } = s));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function api<T>(method: string, url: string, json?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const nurse: Persona = {
  personName: 'Night Nurse Nia',
  title: 'Nurse',
  role: 'Runs a hospital ward at night',
  coreGoal: 'Fewer night shifts',
  painPoints: ['Rota changes at short notice'],
  needForOurProduct: 'A rota she can plan around',
  industry: 'Healthcare',
  companySize: '1000+ employees',
};

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
// Six nurses (four say both of the persona's words: strong; two only their job: weak), four
// teachers no persona describes — and one teacher's answer carries markup that must stay text.
const CSV = [
  'Timestamp,Email,Name,Consent,Age,City,Job Title,Goals,Pain points,Satisfaction,NPS,Trust,Effort',
  `${day(0)},nia@example.test,Nia,yes,34,Leeds,Nurse,Fewer night shifts,Rota changes at short notice,4,9,4,2`,
  `${day(1)},ola@example.test,Ola,yes,41,Leeds,nurse ,fewer night shifts; Better pay,rota changes at short notice,3,7,4,3`,
  `${day(1)},,Pat,no,29,York,Nurse,Fewer night shifts,Rota changes at short notice,5,10,5,1`,
  `${day(3)},sam@example.test,Sam,no,38,Leeds,Nurse,Fewer night shifts,Rota changes at short notice,4,8,3,2`,
  `${day(2)},,,,52,Hull,Nurse,Retire early,Parking,2,4,2,5`,
  `${day(5)},,,,47,Hull,Nurse,Retire early,Parking,3,5,3,4`,
  `${day(0)},tia@example.test,Tia,yes,31,Bristol,Teacher,More planning time,Marking at weekends,3,6,3,4`,
  `${day(2)},,Ben,no,45,Bristol,Teacher,More planning time,Marking at weekends,2,5,3,5`,
  `${day(4)},,,,27,Bath,Teacher,Smaller classes,Marking at weekends,3,6,4,4`,
  `${day(6)},,,,36,Bristol,Teacher,More planning time,"<img src=x onerror=alert(1)> Endless reports",2,3,2,6`,
].join('\n');

const svgShapes = (page: Page, testId: string, selector: string) => page.getByTestId(testId).locator(`svg ${selector}`).count();

describe('persona analytics', () => {
  let personaId: string;

  test('import a CSV, open the Analytics tab: no rules yet, so it offers to propose them', async () => {
    ({
      persona: { id: personaId },
    } = await api<{ persona: { id: string } }>('POST', '/api/personas', { data: nurse }));
    const imported = await api<{ imported: number; rejected: unknown[] }>('POST', '/api/responses/import', { csv: CSV });
    expect(imported).toEqual({ imported: 10, rejected: [] });

    await page.goto(`${server.url}/personas/${personaId}`);
    await page.getByTestId('persona-tab-analytics').click();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('analytics');
    await page.getByText('No mapping rules yet').waitFor();
    // The tab is in the address: a reload comes back to it.
    await page.reload();
    await page.getByTestId('empty-propose-rules').waitFor();
  });

  test('propose rules from the persona, save them: rescoring runs in the background, then the KPIs and the three charts show', async () => {
    await page.getByTestId('empty-propose-rules').click();
    await page.getByTestId('rules-proposed').waitFor();
    expect(await page.getByTestId('rules-occupations-tag').allInnerTexts()).toEqual([expect.stringContaining('Nurse')]);
    expect(await page.getByTestId('rules-frustrations-tag').allInnerTexts()).toEqual([expect.stringContaining('Rota changes at short notice')]);
    // Nothing is saved before Save.
    expect((await api<{ version: number }>('GET', `/api/personas/${personaId}/mapping-rules`)).version).toBe(0);

    // A bad age is refused in the browser with the schema's message, on its input.
    await page.getByTestId('rules-age-min').fill('70');
    await page.getByTestId('rules-age-max').fill('20');
    await page.getByTestId('rules-save').click();
    await expect.poll(() => page.locator('#rules-ageMax-error').textContent()).toBe('The minimum age must not be above the maximum');
    expect((await api<{ version: number }>('GET', `/api/personas/${personaId}/mapping-rules`)).version).toBe(0);
    await page.getByTestId('rules-age-min').fill('');
    await page.getByTestId('rules-age-max').fill('');

    await page.getByTestId('rules-save').click();
    await page.getByTestId('job-done').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('job-done').innerText()).toMatch(/Rules saved as version 1/);
    // Once the job is done another can start: "Recalculate all" rescores in the background again.
    await page.getByTestId('recalculate-all').click();
    await expect.poll(() => page.getByTestId('job-done').innerText(), { timeout: 20_000 }).toMatch(/Recalculating every response: done — 10 responses scored/);

    await expect.poll(() => page.getByTestId('kpi-responses').innerText(), { timeout: 10_000 }).toBe('10');
    expect(await page.getByTestId('kpi-strong').innerText()).toBe('4');
    // Strong (4 of 10) is coverage; the two nurses with other answers score 33 (weak), the teachers 0.
    expect(await page.getByTestId('kpi-coverage').innerText()).toBe('40%');

    // The three charts are drawn with the data: a ring with strong and weak sectors, a bar per day with
    // responses, a line per metric (one snapshot after Sync now below; before it, it says why it is empty).
    await expect.poll(() => svgShapes(page, 'chart-distribution', '.recharts-pie-sector'), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => svgShapes(page, 'chart-volume', '.recharts-bar-rectangle path'), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('chart-evolution').innerText()).toMatch(/No snapshots in this range yet/);
    // Each chart has a heading and its numbers for screen readers.
    expect(await page.getByTestId('chart-distribution').getByRole('heading').innerText()).toBe('Match distribution');
    expect(await page.getByTestId('chart-distribution').locator('.sr-only').first().textContent()).toBe(
      '10 scored responses: 4 strong (40%), 0 moderate (0%), 6 weak (60%).',
    );
    expect(await page.getByTestId('chart-volume').locator('.sr-only table tbody tr').count()).toBeGreaterThanOrEqual(3);

    // Top matches: the strong ones first, with what matched and the answers as written.
    const first = page.getByTestId('top-match').first();
    expect(await first.locator('td').first().innerText()).toBe('100');
    expect(await first.innerText()).toMatch(/strong/);
  });

  test('Sync now shows its loading state, then today’s snapshot and the metrics line chart', async () => {
    expect(await page.getByTestId('no-snapshot').isVisible()).toBe(true);
    expect(await page.getByTestId('last-synced').innerText()).toBe('Never synced');
    // Hold the reply back a moment so the loading state can be seen.
    await page.route('**/sync', async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    await page.getByTestId('sync-now').click();
    await expect.poll(() => page.getByTestId('sync-now').innerText()).toMatch(/Syncing/);
    expect(await page.getByTestId('sync-now').isDisabled()).toBe(true);
    await page.getByTestId('sync-done').waitFor({ timeout: 10_000 });
    await page.unroute('**/sync');
    expect(await page.getByTestId('snapshot-count').innerText()).toBe('4');
    expect(await page.getByTestId('last-synced').innerText()).toMatch(/^Last synced: /);
    await expect.poll(() => svgShapes(page, 'chart-evolution', '.recharts-line'), { timeout: 10_000 }).toBe(4);
    expect(await page.getByTestId('chart-evolution').locator('.sr-only table tbody tr').count()).toBe(1);
  });

  test('the overview shows coverage side by side and the unmatched group; drafting from it opens the builder prefilled', async () => {
    await page.getByTestId('nav-personas').click();
    await page.getByTestId('nav-analytics').click();
    await page.waitForURL(/\/analytics$/);
    await expect.poll(() => page.getByTestId('overview-unmatched').innerText(), { timeout: 10_000 }).toBe('60%');
    expect(await page.getByTestId('coverage-table').innerText()).toMatch(/Night Nurse Nia\s*·\s*Nurse\s+40%/);
    await expect.poll(() => svgShapes(page, 'chart-coverage', '.recharts-bar-rectangle path'), { timeout: 10_000 }).toBe(1);

    const teachers = page.getByTestId('unmatched-group').filter({ hasText: 'Teacher' });
    await teachers.waitFor();
    expect(await teachers.getByTestId('group-size').innerText()).toMatch(/^4 responses/);
    expect(await teachers.innerText()).toMatch(/Marking at weekends/);
    // A respondent's markup is shown as the text they typed, never run.
    await teachers.getByText(/Sample answers/).click();
    await teachers.locator('.answers').getByText('<img src=x onerror=alert(1)> Endless reports', { exact: true }).waitFor();
    expect(await teachers.locator('img').count()).toBe(0);

    await teachers.getByTestId('draft-persona').click();
    await page.waitForURL(/\/personas\/builder$/);
    // The draft travels in the history state, not the address.
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByTestId('field-title').inputValue()).toBe('Teacher');
    expect(await page.getByTestId('field-painPoints').inputValue()).toMatch(/Marking at weekends/);
    expect(await page.getByTestId('field-coreGoal').inputValue()).toBe('More planning time');
    expect(await page.getByTestId('field-personName').inputValue()).toBe('');
    expect(await page.getByTestId('evidence-title').getAttribute('data-source')).toBe('survey');
    expect(await page.getByTestId('evidence-coreGoal').getAttribute('data-source')).toBe('survey');
    expect(await page.getByTestId('survey-evidence-size').innerText()).toBe('4');

    // On a phone the builder is one column: it opens at the draft, not at the inputs above it.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${server.url}/analytics`);
    await phone.getByTestId('unmatched-group').filter({ hasText: 'Teacher' }).getByTestId('draft-persona').click();
    await phone.getByTestId('survey-evidence').waitFor();
    await expect.poll(async () => (await phone.getByTestId('survey-evidence').boundingBox())?.y ?? -1, { timeout: 5000 }).toBeGreaterThanOrEqual(0);
    expect((await phone.getByTestId('survey-evidence').boundingBox())!.y).toBeLessThan(844);
    await phone.close();
  });

  test('no serious accessibility violation on the Analytics tab and the overview, with data drawn, at 1280 and 390 px', async () => {
    for (const width of [1280, 390]) {
      // The app's CSP allows only its own scripts: axe is injected past it.
      const p = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
      for (const [url, ready] of [
        [`/personas/${personaId}?tab=analytics`, 'chart-evolution'],
        ['/analytics', 'chart-coverage'],
      ] as const) {
        await p.goto(`${server.url}${url}`);
        await p.getByTestId(ready).locator('svg').first().waitFor({ timeout: 15_000 });
        await p.addScriptTag({ content: axeSource });
        const violations = await p.evaluate(async () => {
          type Violation = { id: string; impact: string | null; nodes: Array<{ target: string[] }> };
          const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
          const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
        });
        expect(violations, `${url} at ${width} px`).toEqual([]);
      }
      await p.close();
    }
  }, 60_000);

  test('the segment: strong matches who gave an email and consent become leads; the others are listed with the reason', async () => {
    await page.goto(`${server.url}/personas/${personaId}?tab=analytics`);
    expect(await page.getByTestId('segment-csv').getAttribute('href')).toBe(`/api/personas/${personaId}/segment.csv`);
    await page.getByTestId('segment-leads-open').click();
    await page.getByTestId('segment-leads-add').click();
    const result = page.getByTestId('segment-result');
    await result.waitFor({ timeout: 10_000 });
    // Nia and Ola said yes; Pat gave no email, Sam did not agree to be contacted.
    expect(await result.innerText()).toMatch(/Added 2 leads; 2 skipped/);
    expect(await result.innerText()).toMatch(/1 × No email address given/);
    expect(await result.innerText()).toMatch(/1 × Did not agree to be contacted/);
  });

  test('rules changed elsewhere meanwhile: saving says so, saves nothing, and Reload shows the latest', async () => {
    await page.getByTestId('rules-edit').click();
    // Someone else saves version 2 while the form shows version 1.
    const current = await api<{ rules: Record<string, unknown>; version: number }>('GET', `/api/personas/${personaId}/mapping-rules`);
    await api('PUT', `/api/personas/${personaId}/mapping-rules`, { data: { ...current.rules, genders: ['Female'] }, expectedVersion: current.version });
    await page.getByTestId('rules-locations-input').fill('Leeds');
    await page.getByTestId('rules-save').click();
    await page.getByTestId('rules-conflict').waitFor({ timeout: 10_000 });
    const after = await api<{ rules: { locations?: string[] }; version: number }>('GET', `/api/personas/${personaId}/mapping-rules`);
    expect(after.version).toBe(current.version + 1);
    expect(after.rules.locations).toBeUndefined();
    await page.getByTestId('rules-reload').click();
    await expect.poll(() => page.getByTestId('rules-genders-tag').allInnerTexts()).toEqual([expect.stringContaining('Female')]);
    expect(await page.getByTestId('rules-locations-tag').count()).toBe(0);
    expect(await page.getByTestId('rules-editor').innerText()).toMatch(new RegExp(`Version ${current.version + 1}`));
  });
});
