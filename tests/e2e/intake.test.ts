import { describe, expect, test } from 'vitest';
import { SYSTEM_ACTOR } from '../../lib/scope.js';
import { e2eSetup, type E2e } from '../helpers/e2e.js';

// The first-run intake as a person meets it: a card on Home while the workspace is new; their
// answers become facts on the Memory page ("From the intake form") and the company on Settings →
// Company; Settings → Intake reopens the questions with those answers; skipping puts the card away.
// What memory holds then fills new forms in: a persona's industry, a campaign's tone, each marked.

const intakeOf = async (s: E2e) => (await (await fetch(`${s.server.url}/api/intake`)).json()) as { status: string; answers: Record<string, string> };

describe('answering the intake on Home', () => {
  let s: E2e;
  e2eSetup((started) => (s = started));

  test('the answers land in memory and make the company profile; the form reopens with them', async () => {
    const { page } = s;
    await page.goto(`${s.server.url}/`);
    const card = page.getByTestId('intake-card');
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getByRole('heading').textContent()).toBe('Tell personaflow about your business');

    // Nothing answered: the form says so and nothing is sent.
    await card.getByTestId('intake-save').click();
    await card.getByText('Answer at least one question, or skip for now').waitFor();
    expect((await intakeOf(s)).status).toBe('new');

    await card.getByTestId('intake-companyName').fill('Shipwise');
    await card.getByTestId('intake-whatItDoes').fill('Route planning for “last-mile” couriers');
    await card.getByTestId('intake-product').fill('Shipwise Routes');
    await card.getByTestId('intake-market').fill('UK last-mile delivery');
    await card.getByTestId('intake-audience').fill('Owners of courier firms with 5–50 drivers');
    await card.getByTestId('intake-save').click();
    await card.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('home-progress').textContent()).toBe('1 of 7 done');
    expect(await intakeOf(s)).toMatchObject({ status: 'done', answers: { companyName: 'Shipwise', audience: 'Owners of courier firms with 5–50 drivers' } });

    await page.reload();
    await page.getByTestId('home-progress').waitFor();
    expect(await page.getByTestId('intake-card').count()).toBe(0);

    await page.goto(`${s.server.url}/settings/memory`);
    for (const [key, value] of [
      ['company.name', 'Shipwise'],
      ['company.description', 'Route planning for “last-mile” couriers'],
      ['product.name', 'Shipwise Routes'],
      ['market', 'UK last-mile delivery'],
      ['audience', 'Owners of courier firms with 5–50 drivers'],
    ]) {
      const fact = page.getByTestId(`memory-fact-${key}`);
      await fact.waitFor();
      expect(await fact.getByTestId('memory-fact-value').textContent()).toBe(value);
      expect(await fact.getByTestId('memory-fact-source').textContent()).toContain('From the intake form');
    }

    await page.goto(`${s.server.url}/settings/company`);
    await page.getByTestId('company-form').waitFor();
    await expect.poll(() => page.getByLabel('Company name').inputValue()).toBe('Shipwise');
    expect(await page.getByLabel('What it does').inputValue()).toBe('Route planning for “last-mile” couriers');
    expect(await page.getByLabel('Market').inputValue()).toBe('UK last-mile delivery');

    // Reopened from the Memory page's link: the current answers, editable.
    await page.goto(`${s.server.url}/settings/memory`);
    await page.getByTestId('memory-intake-link').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/settings/intake');
    const form = page.getByTestId('intake-form');
    await expect.poll(() => form.getByTestId('intake-companyName').inputValue()).toBe('Shipwise');
    expect(await form.getByTestId('intake-audience').inputValue()).toBe('Owners of courier firms with 5–50 drivers');
    expect(await form.getByTestId('intake-skip').count()).toBe(0);
    await form.getByTestId('intake-product').fill('Shipwise Routes Pro');
    await form.getByTestId('intake-save').click();
    await expect.poll(async () => (await intakeOf(s)).answers.product).toBe('Shipwise Routes Pro');
    await expect.poll(() => form.getByTestId('intake-product').inputValue()).toBe('Shipwise Routes Pro');

    // A new persona starts with the market as its industry, marked as from memory until confirmed.
    await page.goto(`${s.server.url}/wizard/new`);
    await expect.poll(() => page.getByTestId('field-industry').inputValue(), { timeout: 15_000 }).toBe('UK last-mile delivery');
    const industry = page.getByTestId('origin-industry');
    expect(await industry.textContent()).toBe('from memory — confirm?');
    expect(await industry.getAttribute('data-source')).toBe('memory');
    expect(await industry.getAttribute('title')).toContain('(Market)');
    await page.getByTestId('action-confirm').click();
    await expect.poll(() => industry.textContent()).toBe('from memory, confirmed');
  });
});

describe('new forms start from memory', () => {
  let s: E2e;
  e2eSetup((started) => (s = started));

  test('a new campaign and a lead’s draft start in the tone memory knows, marked as from memory until another is picked', async () => {
    const { page } = s;
    await s.server.db.queries.memory.remember({
      workspaceId: s.server.db.workspaceId,
      key: 'email.tone',
      value: 'Formal',
      source: 'INFERRED',
      confidence: 0.6,
      learnedFrom: 'the tones you chose for emails',
      actor: SYSTEM_ACTOR,
    });
    await page.goto(`${s.server.url}/campaigns`);
    await page.getByTestId('campaign-new').click();
    const marker = page.getByTestId('campaign-tone-from-memory');
    await marker.waitFor();
    expect(await page.getByTestId('campaign-new-tone').inputValue()).toBe('formal');
    expect(await marker.textContent()).toBe('from memory');
    expect(await marker.getAttribute('title')).toContain('a guess (60% sure) learned from the tones you chose for emails');

    await page.getByTestId('campaign-new-tone').selectOption('direct');
    expect(await marker.count()).toBe(0);
    await page.getByTestId('campaign-name').fill('Spring couriers');
    await page.getByTestId('campaign-create').click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/campaigns\/[0-9a-f-]{36}$/);
    const [campaign] = await s.server.db.queries.campaigns.list({ workspaceId: s.server.db.workspaceId });
    expect(campaign).toMatchObject({ name: 'Spring couriers', promptContext: { tone: 'direct' } });

    // A lead's draft starts in that tone too.
    const lead = await s.server.db.queries.leads.create({
      workspaceId: s.server.db.workspaceId,
      input: { name: 'Dana Ruiz', position: 'COO', requirement: '', linkedinUrl: '', websiteUrl: '', email: 'dana@example.test' },
    });
    await page.goto(`${s.server.url}/leads/${lead.id}`);
    await page.getByTestId('tab-email').click();
    const draftMarker = page.getByTestId('draft-tone-from-memory');
    await draftMarker.waitFor();
    expect(await page.getByTestId('draft-tone').inputValue()).toBe('formal');
    await page.getByTestId('draft-tone').selectOption('playful');
    expect(await draftMarker.count()).toBe(0);
  });
});

describe('skipping the intake', () => {
  let s: E2e;
  e2eSetup((started) => (s = started));

  test('"Skip for now" puts the card away, for good', async () => {
    const { page } = s;
    await page.goto(`${s.server.url}/`);
    const card = page.getByTestId('intake-card');
    await card.waitFor({ timeout: 15_000 });
    await card.getByTestId('intake-skip').click();
    await card.waitFor({ state: 'detached' });
    expect((await intakeOf(s)).status).toBe('skipped');
    await page.reload();
    await page.getByTestId('home-progress').waitFor();
    expect(await page.getByTestId('intake-card').count()).toBe(0);
    expect(await (await fetch(`${s.server.url}/api/memory`)).json()).toEqual({ facts: [] });
  });
});
