import { runFlow } from 'genkit/beta/client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createAi } from '../../genkit.config.js';
import type { PersonaDefinitionOutput } from '../../schemas/persona-definition.js';
import { startFakeOpenAI } from '../helpers/fake-providers/openai.js';
import { anthropicError, startFakeAnthropic } from '../helpers/fake-providers/anthropic.js';
import { personaScript } from '../helpers/fake-providers/persona-script.js';
import type { FakeServer } from '../helpers/fake-providers/common.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// The settings page's API: which provider is active, switching among the configured ones at run
// time, a connection test — and keys never reach the browser.
const script = personaScript();
let fake: FakeServer;
let server: TestServer;

beforeAll(async () => {
  fake = await startFakeOpenAI(script.respond);
  server = await startTestServer('pglite', {
    controlProviders: true,
    ai: () =>
      createAi({
        provider: { kind: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-secret-test-key', baseUrl: fake.url },
        alternatives: [{ kind: 'offline', model: 'personaflow' }],
        resilience: { maxRetries: 0 },
      }),
  });
});
afterAll(async () => {
  await server.close();
  await fake.close();
});

const json = async (path: string, init?: RequestInit) => {
  const res = await fetch(`${server.url}${path}`, { headers: { 'content-type': 'application/json' }, ...init });
  return { status: res.status, body: (await res.json()) as any, text: '' };
};

test('lists the configured providers without secrets, switches between them, and turns follow the switch', async () => {
  const state = await json('/api/settings/provider');
  expect(state.body).toMatchObject({
    active: { provider: 'openai', model: 'gpt-4o-mini' },
    available: [{ provider: 'openai' }, { provider: 'offline' }],
    maxRetries: 0,
  });
  expect(JSON.stringify(state.body)).not.toContain('sk-secret');

  const url = `${server.url}/api/flows/personaDefinition`;
  await runFlow<PersonaDefinitionOutput>({ url, input: {} });
  const onOpenAI = fake.requests.length;
  expect(onOpenAI).toBeGreaterThan(0);

  expect((await json('/api/settings/provider', { method: 'PUT', body: JSON.stringify({ provider: 'offline' }) })).body.active.provider).toBe('offline');
  expect((await json('/api/config')).body).toMatchObject({ provider: 'offline', offline: true });
  const out = await runFlow<PersonaDefinitionOutput>({ url, input: {} });
  expect(out.reply).toMatch(/^Hi! Let's define a buyer persona/);
  expect(fake.requests.length).toBe(onOpenAI);

  const test1 = await json('/api/settings/provider/test', { method: 'POST' });
  expect(test1.body).toMatchObject({ ok: true, provider: 'offline', reply: 'pong' });

  expect(await json('/api/settings/provider', { method: 'PUT', body: JSON.stringify({ provider: 'gemini' }) })).toMatchObject({
    status: 400,
    body: { message: expect.stringMatching(/gemini provider is not configured/) },
  });
  expect((await json('/api/settings/provider', { method: 'PUT', body: JSON.stringify({ provider: 'openai' }) })).body.active.provider).toBe('openai');
  const test2 = await json('/api/settings/provider/test', { method: 'POST' });
  expect(test2.body).toMatchObject({ ok: false, provider: 'openai' });
  expect(test2.body.message).toMatch(/unknown task/);
});

test('Claude as an alternative: listed, switched to, and the connection test reaches the Messages API with the key kept on the server', async () => {
  const claude = await startFakeAnthropic((body) =>
    JSON.stringify(body).includes('[task:ping]') ? { text: 'pong' } : { status: 400, body: anthropicError('invalid_request_error', 'unexpected prompt') },
  );
  const own = await startTestServer('pglite', {
    controlProviders: true,
    ai: () =>
      createAi({
        provider: { kind: 'offline', model: 'personaflow' },
        alternatives: [{ kind: 'anthropic', model: 'claude-sonnet-4-5', apiKey: 'sk-ant-secret-test-key', baseUrl: claude.url }],
        resilience: { maxRetries: 0 },
      }),
  });
  try {
    const call = async (path: string, init?: RequestInit) => {
      const res = await fetch(`${own.url}${path}`, { headers: { 'content-type': 'application/json' }, ...init });
      return { status: res.status, text: await res.text() };
    };
    const state = await call('/api/settings/provider');
    expect(JSON.parse(state.text)).toMatchObject({
      active: { provider: 'offline' },
      available: [{ provider: 'offline' }, { provider: 'anthropic', model: 'claude-sonnet-4-5', label: 'Anthropic · claude-sonnet-4-5' }],
    });
    const switched = await call('/api/settings/provider', { method: 'PUT', body: JSON.stringify({ provider: 'anthropic' }) });
    expect(JSON.parse(switched.text)).toMatchObject({ active: { provider: 'anthropic', offline: false } });
    const tested = await call('/api/settings/provider/test', { method: 'POST' });
    expect(JSON.parse(tested.text)).toMatchObject({ ok: true, provider: 'anthropic', model: 'claude-sonnet-4-5', reply: 'pong' });
    expect(claude.requests).toHaveLength(1);
    expect(claude.requests[0]!.headers['x-api-key']).toBe('sk-ant-secret-test-key');
    for (const r of [state, switched, tested]) expect(r.text).not.toContain('sk-ant-secret');
  } finally {
    await own.close();
    await claude.close();
  }
});
