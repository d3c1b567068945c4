import { expect, test } from 'vitest';
import { RECENT_MESSAGES } from '../../flows/wizard-engine.js';
import { e2eSetup, type E2e } from '../helpers/e2e.js';

// A long persona-wizard session as a person sees it: the chat shows the latest messages and loads
// the earlier ones on request; the Transcript button lists every turn, the undone one marked.

let s: E2e;
e2eSetup((started) => (s = started));

type Out = { sessionId: string; version: number; messageCount: number };
const turn = async (data: unknown): Promise<Out> => {
  const res = await fetch(`${s.server.url}/api/flows/personaDefinition`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data }),
  });
  return ((await res.json()) as { result: Out }).result;
};

test('earlier messages load on request; the transcript shows every turn, the undone one marked', async () => {
  let out = await turn({});
  for (let i = 1; i <= 14; i++) out = await turn({ sessionId: out.sessionId, message: `Buyer note ${i}`, expectedVersion: out.version });
  out = await turn({ sessionId: out.sessionId, action: 'undo', expectedVersion: out.version });
  expect(out.messageCount).toBe(27);

  const { page } = s;
  await page.goto(`${s.server.url}/wizard/${out.sessionId}`);
  const messages = page.getByTestId('chat-message');
  await messages.first().waitFor();
  expect(await messages.count()).toBe(RECENT_MESSAGES);
  const earlier = page.getByTestId('chat-earlier');
  expect(await earlier.textContent()).toContain(`Show earlier messages (${27 - RECENT_MESSAGES})`);
  await earlier.click();
  await expect.poll(() => messages.count()).toBe(27);
  expect(await earlier.count()).toBe(0);
  expect(await messages.nth(1).textContent()).toContain('Buyer note 1');
  expect(await messages.allTextContents()).not.toContain('Buyer note 14');

  await page.getByTestId('session-transcript').click();
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/sessions/${out.sessionId}/transcript`);
  const turns = page.getByTestId('transcript-turn');
  await turns.first().waitFor();
  expect(await turns.count()).toBe(16);
  const undone = turns.nth(14);
  expect(await undone.textContent()).toContain('Buyer note 14');
  expect(await undone.textContent()).toContain('taken back by an undo (version 16)');
  expect(await turns.nth(15).textContent()).toContain('Action: undo');
  expect(await page.getByTestId('transcript-download-md').getAttribute('href')).toBe(`/api/sessions/${out.sessionId}/transcript?format=md`);
  await page.getByTestId('transcript-back').click();
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/wizard/${out.sessionId}`);
});
