import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createAi } from '../../genkit.config.js';
import { clearRegisteredSecrets, maskSecrets, maskSecretsDeep, registerSecrets } from '../../lib/secrets.js';
import { loggableError } from '../../server/http/safe-errors.js';
import { openAIError, startFakeOpenAI } from '../helpers/fake-providers/openai.js';
import type { FakeServer } from '../helpers/fake-providers/common.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const GOOGLE = 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW';
const OPENAI = 'sk-proj-AbCdEf0123456789ghijkl';
const OWN = 'pf-own-key-2f9e1c7a'; // the configured key: looks like nothing in particular

describe('maskSecrets', () => {
  beforeAll(() => registerSecrets([OWN, 'abc', undefined]));
  afterAll(() => clearRegisteredSecrets());

  test.each([
    [`API key not valid: ${GOOGLE}`, 'API key not valid: [redacted]'],
    [`Incorrect API key provided: ${OPENAI}.`, 'Incorrect API key provided: [redacted].'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc', 'Authorization: Bearer [redacted]'],
    [
      'GET https://generativelanguage.googleapis.com/v1beta/models?key=XYZ123&alt=sse',
      'GET https://generativelanguage.googleapis.com/v1beta/models?key=[redacted]&alt=sse',
    ],
    ['{"api_key": "hunter2-hunter2"}', '{"api_key": "[redacted]"}'],
    ['smtps://dana:p4ssw0rd@smtp.example.com:465', 'smtps://dana:[redacted]@smtp.example.com:465'],
    [`the key ${OWN} was refused`, 'the key [redacted] was refused'],
    ['The model provider failed: 503 overloaded. Try again.', 'The model provider failed: 503 overloaded. Try again.'],
    ['abc is short and stays', 'abc is short and stays'],
  ])('%s', (input, output) => {
    expect(maskSecrets(input)).toBe(output);
  });

  test('deep: every string in details', () => {
    expect(maskSecretsDeep({ step: 'extract', cause: `bad key ${GOOGLE}`, list: [OPENAI, 3] })).toEqual({
      step: 'extract',
      cause: 'bad key [redacted]',
      list: ['[redacted]', 3],
    });
  });

  test('a database error is logged by its message and code, never its parameters or query', () => {
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    const err = Object.assign(new Error('Failed query: insert into "leads" ("email") values ($1)\nparams: dana@example.com'), {
      name: 'DrizzleQueryError',
      query: 'insert into "leads" ("email") values ($1)',
      params: ['dana@example.com'],
      cause,
    });
    const safe = loggableError(err);
    expect(safe.message).toBe('Database error 22021: invalid byte sequence for encoding "UTF8": 0x00');
    expect(`${safe.stack}`).not.toContain('dana@example.com');
    expect(`${safe.stack}`).not.toContain('insert into');
    expect(Object.keys(safe)).not.toContain('params');
  });
});

describe('a provider that echoes the key', () => {
  let fake: FakeServer;
  let server: TestServer;
  const echo = `Incorrect API key provided: ${OWN} (also tried ${OPENAI}; header Authorization: Bearer ${OWN})`;
  beforeAll(async () => {
    registerSecrets([OWN]);
    fake = await startFakeOpenAI(() => ({ status: 500, body: openAIError(echo) }));
    server = await startTestServer('pglite', {
      controlProviders: true,
      ai: () => createAi({ provider: { kind: 'openai', model: 'gpt-4o-mini', apiKey: OWN, baseUrl: fake.url }, resilience: { maxRetries: 0 } }),
    });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
    clearRegisteredSecrets();
  });

  const leaks = (text: string) => [OWN, OPENAI].filter((k) => text.includes(k));

  test('neither the flow error, its details.cause, the stream nor the logs carry it', async () => {
    const logged: string[] = [];
    const spies = (['error', 'warn', 'log', 'info'] as const).map((m) =>
      vi
        .spyOn(console, m)
        .mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '))),
    );
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (logged.push(String(chunk)), true));
    try {
      const url = `${server.url}/api/flows/personaDefinition`;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: { message: 'Enterprise CMO' } }),
      });
      const text = await res.text();
      expect(res.status).toBeGreaterThanOrEqual(502);
      expect(leaks(text)).toEqual([]);
      // The reason is still there for a person to read.
      expect(text).toMatch(/Incorrect API key provided: \[redacted\]/);

      const streamed = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ data: { message: 'Enterprise CMO' } }),
      });
      const events = await streamed.text();
      expect(events).toMatch(/error/);
      expect(leaks(events)).toEqual([]);

      const probe = await (await fetch(`${server.url}/api/settings/provider/test`, { method: 'POST' })).json();
      expect(probe).toMatchObject({ ok: false });
      expect(leaks(JSON.stringify(probe))).toEqual([]);
    } finally {
      spies.forEach((s) => s.mockRestore());
      stderr.mockRestore();
    }
    expect(leaks(logged.join('\n'))).toEqual([]);
  });
});
