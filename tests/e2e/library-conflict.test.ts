import { runFlow } from 'genkit/beta/client';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import type { PersonaDefinitionOutput } from '../../schemas/persona-definition.js';
import type { SavedPersona } from '../../schemas/persona.js';
import { e2eSetup } from '../helpers/e2e.js';
import type { TestServer } from '../helpers/server.js';

// Issue 13: a persona saved from the wizard is edited in the library; back in the wizard one field
// changes and Save shows, field by field, the library's value beside the wizard's. The person keeps
// the library's core goal and their own title; nothing edited in the library is silently reverted.
let server: TestServer;
let page: Page;

e2eSetup((s) => ({ server, page } = s), { width: 1280, height: 900 });

const field = (name: string) => page.getByTestId(`field-${name}`);

test('edit in the library, edit in the wizard, save: choose field by field, keep the library core goal', async () => {
  // A persona saved from the wizard (version 1).
  const url = `${server.url}/api/flows/personaDefinition`;
  let out = await runFlow<PersonaDefinitionOutput>({ url, input: {} });
  out = await runFlow<PersonaDefinitionOutput>({
    url,
    input: {
      sessionId: out.sessionId,
      patch: {
        personName: 'Scaling Ops Lead',
        title: 'Head of Operations',
        role: 'Keeps fulfilment running',
        coreGoal: 'Scale without chaos',
        painPoints: ['Spreadsheets everywhere'],
        needForOurProduct: 'One dashboard',
        industry: 'E-commerce',
        companySize: '50-200 employees',
      },
    },
  });
  out = await runFlow<PersonaDefinitionOutput>({ url, input: { sessionId: out.sessionId, action: 'finalize' } });
  const personaId = out.state.savedPersonaId!;

  // Edited in the library: the core goal (version 2).
  await page.goto(`${server.url}/personas/${personaId}`);
  await page.getByTestId('persona-edit').click();
  await field('coreGoal').fill('Ship every order the same day');
  await page.getByTestId('persona-save').click();
  await expect.poll(() => page.getByTestId('persona-version').count()).toBe(2);

  // Back in the wizard: it says the library moved on; keep going.
  await page.goto(`${server.url}/wizard/${out.sessionId}`);
  await expect.poll(() => page.getByTestId('library-behind-banner').isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await page.getByTestId('library-behind-banner').textContent()).toMatch(/library has version 2; this session is based on version 1/);
  await page.getByTestId('library-behind-keep').click();
  expect(await page.getByTestId('library-behind-banner').count()).toBe(0);

  // One field changed in the wizard, then Save persona.
  await field('title').fill('VP Operations');
  await field('title').blur();
  await expect.poll(() => page.getByTestId('action-finalize').isVisible()).toBe(true);
  await page.getByTestId('action-finalize').click();

  // The field-by-field choice: only the core goal differs besides the title.
  const choice = page.getByTestId('conflict-choice');
  await expect.poll(() => choice.isVisible(), { timeout: 10_000 }).toBe(true);
  expect(await choice.textContent()).toMatch(/now version 2\) after you started from version 1\. Nothing was overwritten/);
  expect(await page.getByTestId('conflict-field-coreGoal').textContent()).toMatch(
    /Library \(version 2\)Ship every order the same day[\s\S]*YoursScale without chaos/,
  );
  expect(await page.getByTestId('conflict-field-title').textContent()).toMatch(/Head of Operations[\s\S]*VP Operations/);
  expect(await page.locator('[data-testid^="conflict-field-"]').count()).toBe(2);

  // Each field starts on the side that changed it since version 1; the person confirms.
  expect(await page.getByTestId('conflict-field-coreGoal').textContent()).toMatch(/changed in the library/);
  expect(await page.getByTestId('conflict-field-title').textContent()).toMatch(/changed by you/);
  expect(await page.getByTestId('conflict-keep-library-coreGoal').isChecked()).toBe(true);
  expect(await page.getByTestId('conflict-keep-mine-title').isChecked()).toBe(true);
  await page.getByTestId('conflict-keep-library-coreGoal').check();
  await page.getByTestId('conflict-keep-mine-title').check();
  await page.getByTestId('conflict-save').click();

  await expect.poll(() => page.getByTestId('phase-stepper').getAttribute('data-phase'), { timeout: 10_000 }).toBe('saved');
  expect(await page.getByTestId('conflict-choice').count()).toBe(0);
  expect(await field('coreGoal').inputValue()).toBe('Ship every order the same day');
  expect(await field('title').inputValue()).toBe('VP Operations');
  expect(await page.getByTestId('library-behind-banner').count()).toBe(0);

  // The library: version 3 has both the library's core goal and the wizard's title.
  const { persona } = (await (await fetch(`${server.url}/api/personas/${personaId}`)).json()) as { persona: SavedPersona };
  expect(persona.version).toBe(3);
  expect(persona.data).toMatchObject({ coreGoal: 'Ship every order the same day', title: 'VP Operations', painPoints: ['Spreadsheets everywhere'] });

  // And the history can bring version 1 back as version 4.
  await page.goto(`${server.url}/personas/${personaId}`);
  await page.getByTestId('restore-version-1').click();
  await expect.poll(() => page.getByTestId('persona-restored').textContent()).toMatch(/Restored version 1 as version 4/);
  await expect.poll(() => page.getByTestId('persona-version').count()).toBe(4);
}, 90_000);
