import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { describeFieldErrors, fieldErrors } from '../../lib/validation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const messages = (schema: z.ZodTypeAny, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a failure');
  return fieldErrors(r.error).map((f) => f.message);
};

describe('validation messages read as sentences naming the field', () => {
  test.each([
    [z.object({ days: z.coerce.number() }), { days: 'abc' }, 'days must be a number'],
    [z.object({ industry: z.string() }), { industry: 42 }, 'industry must be text, not a number'],
    [z.object({ name: z.string() }), {}, 'name is required'],
    [z.object({ n: z.number().int() }), { n: 1.5 }, 'n must be a whole number'],
    [z.object({ name: z.string().min(1) }), { name: '' }, 'name cannot be empty'],
    [z.object({ code: z.string().min(3) }), { code: 'ab' }, 'code must be at least 3 characters long'],
    [z.object({ notes: z.string().max(5) }), { notes: 'toolong' }, 'notes must be at most 5 characters long'],
    [z.object({ tags: z.array(z.string()).min(1) }), { tags: [] }, 'tags needs at least one item'],
    [z.object({ tags: z.array(z.string()).max(2) }), { tags: ['a', 'b', 'c'] }, 'tags must have at most 2 items'],
    [z.object({ tags: z.array(z.string()) }), { tags: ['a', 3] }, 'tags item 2 must be text, not a number'],
    [z.object({ cap: z.number().min(1).max(10) }), { cap: 11 }, 'cap must be at most 10'],
    [z.object({ cap: z.number().positive() }), { cap: 0 }, 'cap must be greater than 0'],
    [z.object({ email: z.string().email() }), { email: 'nope' }, 'email must be an email address, e.g. dana@example.com'],
    [z.object({ url: z.string().url() }), { url: 'nope' }, 'url must be a URL, e.g. https://example.com'],
    [z.object({ id: z.string().uuid() }), { id: 'x' }, 'id must be an id (a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e)'],
    [z.object({ format: z.enum(['md', 'csv']) }), { format: 'pdf' }, 'format must be one of md, csv (not "pdf")'],
    [z.object({ a: z.string() }).strict(), { a: 'x', shoeSize: 9 }, 'The request body has no field shoeSize: remove it, or check the spelling'],
    [z.object({ patch: z.object({}).strict() }), { patch: { a: 1, b: 2 } }, 'patch has no fields a, b: remove them, or check the spelling'],
    // Messages a schema sets are kept.
    [z.object({ name: z.string().min(1, 'Give the contact a name') }), { name: '' }, 'Give the contact a name'],
    [z.object({ n: z.number({ invalid_type_error: 'must be a port number' }) }), { n: 'x' }, 'must be a port number'],
  ])('%#: %s', (schema, input, expected) => {
    expect(messages(schema, input)).toEqual([expected]);
  });

  test('the summary line gives each sentence its full path', () => {
    expect(
      describeFieldErrors([
        { path: 'query.days', message: 'days must be a number' },
        { path: 'data.name', message: 'Give the contact a name' },
      ]),
    ).toBe('Invalid input: query.days must be a number; data.name: Give the contact a name');
  });
});

describe('over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterAll(() => server.close());

  test('?days=abc', async () => {
    const res = await fetch(`${server.url}/api/usage?days=abc`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      status: 'INVALID_ARGUMENT',
      message: 'Invalid input: query.days must be a number',
      details: { fields: [{ path: 'query.days', message: 'days must be a number' }] },
    });
  });

  test('a flow patch', async () => {
    const res = await fetch(`${server.url}/api/flows/personaDefinition`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { patch: { industry: 42 }, action: 'jump' } }),
    });
    const body = (await res.json()) as { message: string };
    expect(body.message).toMatch(/data\.patch\.industry must be text, not a number|patch\.industry must be text, not a number/);
    expect(body.message).toMatch(/action must be one of .*\(not "jump"\)/);
  });
});
