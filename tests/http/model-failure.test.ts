import { mockModel } from 'genkit/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createAi } from '../../genkit.config.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { promptTask } from '../../models/prompt-task.js';

// When the model provider fails, the HTTP caller gets a 503 with a message a person can act on,
// and the session is stored exactly as it was.
const ai = createAi({ provider: { kind: 'offline', model: 'personaflow' }, model: 'flaky' });
const model = mockModel(ai, { name: 'flaky', info: { supports: { systemRole: true, output: ['text', 'json'], constrained: 'all' } } });
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('pglite', { ai });
});
afterAll(() => server.close());

const post = async (data: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/flows/personaDefinition`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ data }),
  });

test('a provider failure is a 503 with a readable message and nothing is written', async () => {
  model.respondWith('Welcome! What should we call this persona?');
  const started = (await (await post({})).json()) as { result: { sessionId: string; version: number } };
  model.respondWith(() => {
    throw new Error('socket hang up');
  });
  const res = await post({ sessionId: started.result.sessionId, message: 'Enterprise CMO' });
  expect(res.status).toBe(503);
  const body = (await res.json()) as { status: string; message: string };
  expect(body).toMatchObject({ status: 'UNAVAILABLE', message: expect.stringMatching(/model provider failed.*nothing was changed.*Try again/) });
  expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts/);

  const resumed = (await (await post({ sessionId: started.result.sessionId })).json()) as { result: { version: number; state: { messages: unknown[] } } };
  expect(resumed.result.version).toBe(started.result.version);
  expect(resumed.result.state.messages).toHaveLength(1);
});

test('a failure while streaming arrives as an error event, not a truncated success', async () => {
  model.respondWith('Welcome!');
  const started = (await (await post({})).json()) as { result: { sessionId: string } };
  model.respondWith(() => {
    throw new Error('upstream 500');
  });
  const res = await post({ sessionId: started.result.sessionId, message: 'Enterprise CMO' }, { accept: 'text/event-stream' });
  const text = await res.text();
  expect(text).toMatch(/^error: .*"status":"UNAVAILABLE"/m);
  expect(text).not.toMatch(/"result"/);
});

test('a stream that breaks after some chunks ends in an error event, never a truncated success', async () => {
  model.respondWith('Welcome!');
  const started = (await (await post({})).json()) as { result: { sessionId: string; version: number } };
  model.respondWith((req, { sendChunk }) => {
    if (promptTask(JSON.stringify(req.messages)) === 'persona/extract') return '{"personName":"Enterprise CMO"}';
    sendChunk({ content: [{ text: 'Got it: persona ' }] });
    sendChunk({ content: [{ text: 'name. What is their' }] });
    throw new Error('connection reset by peer');
  });
  const res = await post({ sessionId: started.result.sessionId, message: 'Enterprise CMO' }, { accept: 'text/event-stream' });
  const text = await res.text();
  expect(text).toContain('Got it: persona ');
  expect(text).toMatch(/^error: .*"status":"UNAVAILABLE"/m);
  expect(text).not.toMatch(/"result"/);
  const resumed = (await (await post({ sessionId: started.result.sessionId })).json()) as { result: { version: number; state: { persona: object } } };
  expect(resumed.result.version).toBe(started.result.version);
  expect(resumed.result.state.persona).toEqual({});
});

test('a model that answers extract with prose, and prose again to the repair, is a 502 naming the step, and nothing is written', async () => {
  model.respondWith('Welcome! What should we call this persona?');
  const started = (await (await post({})).json()) as { result: { sessionId: string; version: number } };
  const tasks: string[] = [];
  model.respondWith((req) => {
    const task = promptTask(JSON.stringify(req.messages)) ?? '';
    tasks.push(task);
    return task === 'persona/extract' ? 'Sounds like an Enterprise CMO to me!' : 'Got it.';
  });
  const res = await post({ sessionId: started.result.sessionId, message: 'Enterprise CMO', expectedVersion: started.result.version });
  expect(res.status).toBe(502);
  const body = (await res.json()) as { status: string; message: string };
  expect(body.message).toMatch(/extract/);
  expect(body.message).toMatch(/nothing was changed/i);
  // No reply is written for a turn that failed. (The repair request itself is checked on each
  // provider's wire format in tests/contract/providers.test.ts.)
  expect(tasks.length).toBeGreaterThan(0);
  expect(tasks.every((t) => t === 'persona/extract')).toBe(true);

  const resumed = (await (await post({ sessionId: started.result.sessionId })).json()) as {
    result: { version: number; state: { persona: object; messages: unknown[] } };
  };
  expect(resumed.result.version).toBe(started.result.version);
  expect(resumed.result.state.persona).toEqual({});
  expect(resumed.result.state.messages).toHaveLength(1);
});
