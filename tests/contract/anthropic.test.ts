// What is particular to Claude, through the real @genkit-ai/anthropic plugin on the client
// models/anthropic-plugin.ts gives it, against the local fake of the Messages API: the SDK's own
// retries are off and personaflow's apply (Retry-After, overload, a refused key, the timeout), the
// plugin's errors arrive as Genkit errors with their status, token usage is read from the API's
// answer (plain and streamed), and no environment variable sends a call anywhere else.
// (tests/contract/providers.test.ts and every-prompt.test.ts run the shared contract on it too.)
import { GenkitError } from 'genkit';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test, vi } from 'vitest';
import { createAi } from '../../genkit.config.js';
import type { ModelCallRecord } from '../../schemas/model-call.js';
import { anthropicCall, anthropicError, startFakeAnthropic } from '../helpers/fake-providers/anthropic.js';
import { roughTokens, type FakeReply, type FakeServer } from '../helpers/fake-providers/common.js';

const API_KEY = 'sk-ant-test-key-0123456789';
const PING = '[task:ping]\nReply with the single word: pong';

let fake: FakeServer;
const waits: number[] = [];
const records: ModelCallRecord[] = [];
const pong = (): FakeReply => ({ text: 'pong' });

const makeAi = (timeoutMs = 5000) =>
  createAi({
    provider: { kind: 'anthropic', model: 'claude-sonnet-4-5', apiKey: API_KEY, baseUrl: fake.url },
    resilience: {
      timeoutMs,
      maxRetries: 2,
      record: async (call) => {
        records.push(call);
      },
      sleep: async (ms) => {
        waits.push(ms);
      },
    },
  });

beforeAll(async () => {
  fake = await startFakeAnthropic(pong);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.respond = pong;
  waits.length = 0;
  records.length = 0;
  // Genkit logs each failed model call; expected in these tests.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const failing = (replies: FakeReply[]) => {
  let i = 0;
  return (): FakeReply => replies[Math.min(i++, replies.length - 1)]!;
};
const retryCounts = () => fake.requests.map((r) => r.headers['x-stainless-retry-count']);

test('a plain call: the answer and the usage Claude reported are recorded', async () => {
  const ai = makeAi();
  const { text } = await ai.generate({ prompt: PING });
  expect(text).toBe('pong');
  expect(fake.requests).toHaveLength(1);
  const body = fake.requests[0]!.body;
  expect(body).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: 4096, messages: [{ role: 'user' }] });
  expect(body.stream).toBeUndefined();
  expect(anthropicCall(body).user).toBe(PING);
  expect(records).toEqual([
    expect.objectContaining({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      prompt: 'ping',
      success: true,
      inputTokens: roughTokens(JSON.stringify(body.messages) + JSON.stringify(body.system ?? '')),
      outputTokens: roughTokens('pong'),
      tokensEstimated: false,
    }),
  ]);
});

test('a streamed call: each text_delta reaches the caller, the usage comes from message_start and message_delta', async () => {
  const ai = makeAi();
  const answer = 'Hello there, this is Claude answering in pieces.';
  fake.respond = () => ({ text: answer });
  const { stream, response } = ai.generateStream({ prompt: PING });
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(chunk.text);
  expect((await response).text).toBe(answer);
  expect(fake.requests[0]!.body.stream).toBe(true);
  expect(chunks.filter(Boolean)).toHaveLength(3);
  expect(chunks.join('')).toBe(answer);
  expect(records).toEqual([expect.objectContaining({ success: true, outputTokens: roughTokens(answer), tokensEstimated: false })]);
});

test('a 429 with Retry-After: the SDK does not retry, personaflow waits that long and asks again', async () => {
  fake.respond = failing([
    { status: 429, body: anthropicError('rate_limit_error', 'Number of requests has exceeded your rate limit'), headers: { 'retry-after': '3' } },
    pong(),
  ]);
  const { text } = await makeAi().generate({ prompt: PING });
  expect(text).toBe('pong');
  expect(waits).toEqual([3000]);
  expect(retryCounts()).toEqual(['0', '0']);
  expect(records.map((r) => r.success)).toEqual([false, true]);
  expect(records[0]!.error).toContain('Number of requests has exceeded your rate limit');
});

test('529 overloaded on every attempt → a Genkit UNAVAILABLE error after 1 + MODEL_MAX_RETRIES calls', async () => {
  fake.respond = () => ({ status: 529, body: anthropicError('overloaded_error', 'Overloaded') });
  const err = await makeAi()
    .generate({ prompt: PING })
    .catch((e: unknown) => e);
  // The plugin maps the SDK's APIError by instanceof: this holds only if our client is the plugin's SDK.
  expect(err).toBeInstanceOf(GenkitError);
  expect(err).toMatchObject({ status: 'UNAVAILABLE' });
  expect((err as GenkitError).originalMessage).toContain('Overloaded');
  expect(retryCounts()).toEqual(['0', '0', '0']);
  expect(waits).toHaveLength(2);
});

test('a refused key (401) is not retried', async () => {
  fake.respond = () => ({ status: 401, body: anthropicError('authentication_error', 'invalid x-api-key') });
  const err = await makeAi()
    .generate({ prompt: PING })
    .catch((e: unknown) => e);
  expect(err).toMatchObject({ status: 'UNAUTHENTICATED' });
  expect(fake.requests).toHaveLength(1);
  expect(fake.requests[0]!.headers['x-api-key']).toBe(API_KEY);
});

test('a Claude that does not answer within MODEL_TIMEOUT_MS: DEADLINE_EXCEEDED at once, not asked again', async () => {
  fake.respond = async () => {
    await new Promise((r) => setTimeout(r, 1500));
    return pong();
  };
  const started = performance.now();
  const err = await makeAi(300)
    .generate({ prompt: PING })
    .catch((e: unknown) => e);
  expect(err).toMatchObject({ status: 'DEADLINE_EXCEEDED' });
  expect(performance.now() - started).toBeLessThan(1400);
  expect(fake.requests).toHaveLength(1);
});

test('ANTHROPIC_BASE_URL in the environment does not move the calls off the configured base URL', async () => {
  // Port 9 (discard) on loopback: a call sent there would fail the test rather than leave the machine.
  vi.stubEnv('ANTHROPIC_BASE_URL', 'http://127.0.0.1:9');
  const { text } = await makeAi().generate({ prompt: PING });
  expect(text).toBe('pong');
  expect(fake.requests).toHaveLength(1);
});
