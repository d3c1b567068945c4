import { createRequire } from 'node:module';
import type { GenerateRequest, GenerateResponseData } from 'genkit/model';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { definePersonaDefinitionFlow } from '../../flows/persona-definition.js';
import { CANONICAL_SCHEMAS_MAX, canonicalSchema, checkAnswer } from '../../models/json-answer.js';
import { offlineAi } from '../helpers/ai.js';
import { memoryWizardStore } from '../helpers/memory-wizard-store.js';

// Genkit compiles a JSON schema with Ajv once per schema object it sees; every model request
// carries a fresh copy of its schema, so checkAnswer must hand Genkit one object per distinct schema.
const require = createRequire(import.meta.url);
// The Ajv that Genkit's validateSchema compiles with (resolved from Genkit's own package).
const ajvModule = require(require.resolve('ajv', { paths: [require.resolve('@genkit-ai/core')] })) as { default: { prototype: { compile: () => unknown } } };
let compile: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  compile = vi.spyOn(ajvModule.default.prototype, 'compile');
});
afterEach(() => compile.mockRestore());

let serial = 0;
/** A schema no other test has used, so Genkit's cache starts cold for it. */
const personSchema = () => ({
  type: 'object',
  properties: { name: { type: 'string', maxLength: 20 }, age: { type: 'integer', minimum: 0 } },
  required: ['name'],
  additionalProperties: true,
  description: `person ${++serial} ${Math.random()}`,
});
const jsonRequest = (schema: Record<string, unknown>): GenerateRequest => ({
  messages: [{ role: 'user', content: [{ text: 'who?' }] }],
  output: { format: 'json', schema },
});
const answer = (text: string): GenerateResponseData => ({ message: { role: 'model', content: [{ text }] }, finishReason: 'stop' });

test('equal schemas in different objects share one canonical object', () => {
  const schema = personSchema();
  const copy = structuredClone(schema);
  expect(copy).not.toBe(schema);
  expect(canonicalSchema(copy)).toBe(canonicalSchema(schema));
  expect(canonicalSchema(personSchema())).not.toBe(canonicalSchema(schema));
});

test('fresh copies of one schema are compiled once, and answers are still checked against it', () => {
  const schema = personSchema();
  const results = Array.from({ length: 20 }, (_, i) => checkAnswer(jsonRequest(structuredClone(schema)), answer(`{"name":"Ann ${i}","age":${i}}`)));
  expect(results.every((r) => r.ok)).toBe(true);
  const wrong = checkAnswer(jsonRequest(structuredClone(schema)), answer('{"name":"Ann","age":-1}'));
  expect(wrong).toMatchObject({ ok: false, problem: expect.stringMatching(/age/) });
  expect(compile).toHaveBeenCalledTimes(1);
});

test('distinct schemas each keep their own rules', () => {
  const people = personSchema();
  const cities = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], description: `cities ${Math.random()}` };
  for (let i = 0; i < 3; i++) {
    expect(checkAnswer(jsonRequest(structuredClone(people)), answer('{"name":"Ann"}')).ok).toBe(true);
    expect(checkAnswer(jsonRequest(structuredClone(people)), answer('{"city":"Oslo"}'))).toMatchObject({ ok: false, problem: expect.stringMatching(/name/) });
    expect(checkAnswer(jsonRequest(structuredClone(cities)), answer('{"city":"Oslo"}')).ok).toBe(true);
    expect(checkAnswer(jsonRequest(structuredClone(cities)), answer('{"name":"Ann"}'))).toMatchObject({ ok: false, problem: expect.stringMatching(/city/) });
  }
  expect(compile).toHaveBeenCalledTimes(2);
});

test('past its bound the oldest schemas make room, and every schema still validates', () => {
  const first = personSchema();
  const kept = canonicalSchema(first);
  const others = Array.from({ length: CANONICAL_SCHEMAS_MAX }, personSchema);
  for (const s of others) canonicalSchema(s);
  // The first one was dropped: a new copy of it becomes the canonical object from now on.
  const copy = structuredClone(first);
  expect(canonicalSchema(copy)).toBe(copy);
  expect(canonicalSchema(copy)).not.toBe(kept);
  expect(checkAnswer(jsonRequest(structuredClone(first)), answer('{"name":"Ann"}')).ok).toBe(true);
  expect(checkAnswer(jsonRequest(structuredClone(others.at(-1)!)), answer('{"age":3}')).ok).toBe(false);
});

test("a wizard's turns compile no schema once each prompt has run: neither our check nor Genkit's own", async () => {
  const flow = definePersonaDefinitionFlow(offlineAi(), { store: memoryWizardStore(), localWorkspaceId: 'workspace-1' });
  let out = await flow({});
  out = await flow({ sessionId: out.sessionId, message: 'Enterprise CMO', expectedVersion: out.version });
  const warmedUp = compile.mock.calls.length;
  expect(warmedUp).toBeGreaterThan(0);
  for (const message of ['Chief Marketing Officer', 'Owns brand and demand generation', 'Grow qualified pipeline', 'skip'])
    out = await flow({ sessionId: out.sessionId, message, expectedVersion: out.version });
  expect(out.state.persona).toMatchObject({ personName: 'Enterprise CMO', title: 'Chief Marketing Officer' });
  expect(compile).toHaveBeenCalledTimes(warmedUp);
});
