import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { SYSTEM_ACTOR } from '../../lib/scope.js';
import { e2eSetup, type E2e } from '../helpers/e2e.js';

// Settings → Memory as a person uses it: the empty state says what memory is for; they add a fact,
// edit it in place, confirm a guess personaflow made (it becomes theirs), delete one after the
// confirmation dialog — and every change is what the API then returns.

let s: E2e;
e2eSetup((started) => (s = started));

const facts = async () => {
  const res = await fetch(`${s.server.url}/api/memory`);
  return ((await res.json()) as { facts: Array<{ key: string; value: string; source: string; version: number }> }).facts;
};

test('add a fact, edit it, confirm a guess, delete one', async () => {
  const page: Page = s.page;
  await page.goto(`${s.server.url}/`);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('nav-memory').click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/settings/memory');
  await page.getByText('Nothing remembered yet').waitFor();

  // Add: a known key from the list, written with spaces around it (kept whole, trimmed).
  await page.getByTestId('memory-add-empty').click();
  await page.getByTestId('memory-new-choice').selectOption('company.name');
  await page.getByTestId('memory-add-save').click();
  await page.getByText('Write the fact, e.g. "Shipwise"', { exact: false }).waitFor();
  await page.getByTestId('memory-new-value').fill('  Shipwise  ');
  await page.getByTestId('memory-add-save').click();
  const company = page.getByTestId('memory-fact-company.name');
  await company.waitFor();
  expect(await company.getByTestId('memory-fact-value').textContent()).toBe('Shipwise');
  expect(await company.getByTestId('memory-fact-source').textContent()).toContain('You wrote this');
  expect(await facts()).toMatchObject([{ key: 'company.name', value: 'Shipwise', source: 'USER_PROVIDED', version: 1 }]);

  // Edit in place.
  await company.getByTestId('memory-edit').click();
  await company.getByTestId('memory-edit-value').fill('Shipwise Ltd — route planning for couriers');
  await company.getByTestId('memory-edit-save').click();
  await expect.poll(() => company.getByTestId('memory-fact-value').textContent()).toBe('Shipwise Ltd — route planning for couriers');
  expect((await facts())[0]).toMatchObject({ value: 'Shipwise Ltd — route planning for couriers', version: 2 });

  // A guess personaflow made: marked as one, with its confidence; confirming makes it the person's word.
  const { queries, workspaceId } = s.server.db;
  await queries.memory.remember({
    workspaceId,
    key: 'market',
    value: 'UK e-commerce',
    source: 'INFERRED',
    confidence: 0.6,
    learnedFrom: 'the persona wizard',
    actor: SYSTEM_ACTOR,
  });
  await page.reload();
  const market = page.getByTestId('memory-fact-market');
  await market.waitFor();
  const said = await market.getByTestId('memory-fact-source').textContent();
  expect(said).toContain('Learned from the persona wizard — a guess until you confirm it');
  expect(said).toContain('60% sure');
  await page.getByTestId('memory-guesses').waitFor();
  await market.getByTestId('memory-confirm').click();
  await expect.poll(async () => market.getByTestId('memory-fact-source').textContent()).toContain('You wrote this');
  expect(await market.getByTestId('memory-confirm').count()).toBe(0);
  expect(await page.getByTestId('memory-guesses').count()).toBe(0);
  expect((await facts()).find((f) => f.key === 'market')).toMatchObject({ value: 'UK e-commerce', source: 'USER_PROVIDED' });

  // An edit from a stale copy: the page says so and offers to reload.
  await company.getByTestId('memory-edit').click();
  await queries.memory.put({ workspaceId, key: 'company.name', value: 'Changed in another tab', actor: SYSTEM_ACTOR });
  await company.getByTestId('memory-edit-value').fill('Mine');
  await company.getByTestId('memory-edit-save').click();
  await company.getByText('This fact was changed elsewhere.').waitFor();
  await company.getByTestId('memory-reload').click();
  await expect.poll(() => page.getByTestId('memory-fact-company.name').getByTestId('memory-fact-value').textContent()).toBe('Changed in another tab');

  // Delete, after the dialog.
  await market.getByTestId('memory-delete').click();
  await page.getByTestId('memory-delete-confirm').click();
  await expect.poll(() => market.count()).toBe(0);
  expect((await facts()).map((f) => f.key)).toEqual(['company.name']);
});
