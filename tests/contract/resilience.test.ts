import { runFlow } from 'genkit/beta/client';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { createAi } from '../../genkit.config.js';
import { backoffDelay } from '../../models/resilient.js';
import type { PersonaDefinitionOutput } from '../../schemas/persona-definition.js';
import { openAIError, startFakeOpenAI } from '../helpers/fake-providers/openai.js';
import { personaScript } from '../helpers/fake-providers/persona-script.js';
import type { FakeServer } from '../helpers/fake-providers/common.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Retries, Retry-After, timeouts, fallback and usage accounting, through the real OpenAI plugin
// against a local fake of its HTTP API, and the personaflow server in front.
const script = personaScript();
let fake: FakeServer;
let server: TestServer;
let url: string;
const waits: number[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAI(script.respond);
  server = await startTestServer('pglite', {
    ai: (db) =>
      createAi({
        provider: { kind: 'openai', model: 'gpt-4o-mini', apiKey: 'test-key', baseUrl: `${fake.url}` },
        resilience: {
          timeoutMs: 1500,
          maxRetries: 2,
          fallbackModel: 'gpt-4.1-mini',
          record: db.queries.modelCalls.record,
          sleep: async (ms) => {
            waits.push(ms);
          },
        },
      }),
  });
  url = `${server.url}/api/flows/personaDefinition`;
});
afterAll(async () => {
  await server.close();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  waits.length = 0;
  script.override('persona/extract', undefined);
  script.override('persona/reply', undefined);
});

const post = async (data: unknown) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data }) });
  return { status: res.status, body: (await res.json()) as any };
};
const modelsCalled = (task = 'persona/extract') => fake.requests.filter((r) => r.rawBody.includes(`[task:${task}]`)).map((r) => r.body.model);

test('a 429 with Retry-After is retried after that long, then succeeds', async () => {
  const start = await runFlow<PersonaDefinitionOutput>({ url, input: {} });
  let failures = 1;
  script.override('persona/extract', () =>
    failures-- > 0
      ? { status: 429, body: openAIError('Rate limit reached', 'rate_limit_error'), headers: { 'retry-after': '2' } }
      : { text: '{"personName":"Enterprise CMO"}' },
  );
  const out = await post({ sessionId: start.sessionId, message: 'Enterprise CMO' });
  expect(out.status).toBe(200);
  expect(out.body.result.state.persona.personName).toBe('Enterprise CMO');
  expect(waits).toEqual([2000]);
});

test('rate-limited beyond what we wait for → 503 "try again in N s", nothing written', async () => {
  const start = await runFlow<PersonaDefinitionOutput>({ url, input: {} });
  script.override('persona/extract', () => ({ status: 429, body: openAIError('Rate limit reached', 'rate_limit_error'), headers: { 'retry-after': '40' } }));
  const out = await post({ sessionId: start.sessionId, message: 'Enterprise CMO' });
  expect(out.status).toBe(503);
  expect(out.body.message).toBe('The model provider is rate-limiting us; try again in 40 s. Nothing was changed.');
  expect(out.body.details).toMatchObject({ reason: 'rate_limited', retryAfterSeconds: 40 });
  // The primary and the fallback were each asked once: a 40 s wait is not worth holding the request for.
  expect(modelsCalled()).toEqual(['gpt-4o-mini', 'gpt-4.1-mini']);
  expect((await runFlow<PersonaDefinitionOutput>({ url, input: { sessionId: start.sessionId } })).version).toBe(start.version);
});

test('5xx: bounded retries with growing, jittered waits, then the fallback model answers', async () => {
  const start = await runFlow<PersonaDefinitionOutput>({ url, input: {} });
  script.override('persona/extract', (c) => (c.model === 'gpt-4o-mini' ? { status: 500, body: openAIError('boom') } : { text: '{"personName":"Ops Lead"}' }));
  const out = await post({ sessionId: start.sessionId, message: 'Ops Lead' });
  expect(out.status).toBe(200);
  expect(out.body.result.state.persona.personName).toBe('Ops Lead');
  expect(modelsCalled()).toEqual(['gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini', 'gpt-4.1-mini']);
  expect(waits).toHaveLength(2);
  expect(waits[0]).toBeGreaterThanOrEqual(250);
  expect(waits[0]).toBeLessThanOrEqual(500);
  expect(waits[1]).toBeGreaterThanOrEqual(500);
  expect(waits[1]).toBeLessThanOrEqual(1000);
});

test('a hung provider times out: 503 with the limit named, never a hung request', async () => {
  const start = await runFlow<PersonaDefinitionOutput>({ url, input: {} });
  script.override('persona/extract', () => new Promise((r) => setTimeout(() => r({ text: '{}' }), 5000)) as never);
  const out = await post({ sessionId: start.sessionId, message: 'Enterprise CMO' });
  expect(out.status).toBe(503);
  expect(out.body.message).toMatch(/did not answer within 2 s\. Nothing was changed; try again\./);
  // One timeout per model (primary, then fallback), not one per retry.
  expect(modelsCalled()).toEqual(['gpt-4o-mini', 'gpt-4.1-mini']);
});

test('every model call is recorded and summed per flow with tokens and an estimated cost', async () => {
  await runFlow<PersonaDefinitionOutput>({ url, input: { message: 'Enterprise CMO' } });
  const usage = (await (await fetch(`${server.url}/api/usage`)).json()) as any;
  const flow = usage.byFlow.find((f: any) => f.flow === 'personaDefinition');
  expect(flow.calls).toBeGreaterThanOrEqual(2);
  expect(flow.inputTokens).toBeGreaterThan(0);
  const extract = usage.byPrompt.find((r: any) => r.prompt === 'persona/extract' && r.model === 'gpt-4o-mini');
  expect(extract).toMatchObject({ provider: 'openai', flow: 'personaDefinition' });
  expect(extract.failures).toBeGreaterThan(0);
  expect(extract.estimatedCostUsd).toBeGreaterThan(0);
  expect((await fetch(`${server.url}/api/usage?days=0`)).status).toBe(400);
});

test('backoff: exponential ceiling, capped, half of it jittered', () => {
  expect(backoffDelay(0, 500, 8000, () => 0)).toBe(250);
  expect(backoffDelay(0, 500, 8000, () => 1)).toBe(500);
  expect(backoffDelay(3, 500, 8000, () => 1)).toBe(4000);
  expect(backoffDelay(10, 500, 8000, () => 1)).toBe(8000);
});

test('JSON that misses the schema gets one repair attempt that tells the model what was wrong', async () => {
  const start = await runFlow<PersonaDefinitionOutput>({ url, input: {} });
  let first = true;
  script.override('persona/extract', () => {
    if (!first) return { text: '{"title":"CFO"}' };
    first = false;
    return { text: '{"title": 42}' };
  });
  const out = await post({ sessionId: start.sessionId, message: 'CFO' });
  expect(out.status).toBe(200);
  expect(out.body.result.state.persona.title).toBe('CFO');
  const extracts = fake.requests.filter((r) => r.rawBody.includes('[task:persona/extract]'));
  expect(extracts).toHaveLength(2);
  const repairText = JSON.stringify(extracts[1]!.body.messages.at(-1));
  expect(repairText).toMatch(/does not match the required JSON schema: .*title.*string/);
  expect(JSON.stringify(extracts[1]!.body.messages.at(-2))).toContain('42');
});

test('when the repair fails too: a clear error, and nothing is written', async () => {
  const start = await runFlow<PersonaDefinitionOutput>({ url, input: {} });
  script.override('persona/extract', () => ({ text: '{"title": 42}' }));
  const out = await post({ sessionId: start.sessionId, message: 'CFO' });
  expect(out.status).toBe(502);
  expect(out.body.message).toMatch(
    /The model answered the extract step with something that is not the structured answer it was asked for.*nothing was changed/,
  );
  expect(fake.requests.filter((r) => r.rawBody.includes('[task:persona/extract]'))).toHaveLength(2);
  expect((await runFlow<PersonaDefinitionOutput>({ url, input: { sessionId: start.sessionId } })).version).toBe(start.version);
});
