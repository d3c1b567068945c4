import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { definePersonaDefinitionFlow } from '../../flows/persona-definition.js';
import { LOCAL_ACTOR, SYSTEM_ACTOR } from '../../lib/scope.js';
import type { PersonaDefinitionOutput } from '../../schemas/persona-definition.js';
import { workspaceMemory } from '../../server/workspace-memory.js';
import { offlineAi } from '../helpers/ai.js';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';
import { memoryWizardStore, type MemoryWizardStore } from '../helpers/memory-wizard-store.js';

// The persona wizard with the workspace's memory, on the offline model: a new session starts from
// what memory knows (marked as from memory, a guess until confirmed); saving a persona teaches
// memory the market its buyer is in, as a guess that never replaces a person's word.

describe.each(drivers)('the persona wizard and memory on %s', (driver) => {
  let db: TestDb;
  let store: MemoryWizardStore;
  let flow: ReturnType<typeof definePersonaDefinitionFlow>;
  beforeAll(async () => {
    db = await createTestDb(driver);
    store = memoryWizardStore();
    flow = definePersonaDefinitionFlow(offlineAi(), { store, localWorkspaceId: db.workspaceId, memory: workspaceMemory(db.queries.memory) });
  });
  afterAll(() => db?.close());

  const ws = () => db.workspaceId;
  const say = (out: PersonaDefinitionOutput, message: string) => flow({ sessionId: out.sessionId, message, expectedVersion: out.version });
  const act = (out: PersonaDefinitionOutput, action: 'confirm' | 'finalize') => flow({ sessionId: out.sessionId, action, expectedVersion: out.version });
  const saves = (out: PersonaDefinitionOutput) => store.effects.filter((e) => e.sessionId === out.sessionId).map((e) => e.effect);

  /** Everything but the industry, typed in the form. */
  const fillTheRest = (out: PersonaDefinitionOutput) =>
    flow({
      sessionId: out.sessionId,
      expectedVersion: out.version,
      patch: {
        personName: 'Finance lead',
        title: 'CFO',
        role: 'Owns the books',
        coreGoal: 'Close the month in days',
        painPoints: ['Manual reconciliations'],
        needForOurProduct: 'Automatic matching',
        companySize: '50-200 employees',
      },
    });

  test('saving a persona with no market in memory teaches it the industry the person named, as a guess', async () => {
    let out = await flow({});
    expect(out.state.persona).toEqual({});
    out = await say(out, 'Enterprise CMO');
    out = await say(out, "She's the VP of Marketing at a Series B fintech with 200-500 employees");
    out = await say(out, 'Owns brand and demand generation');
    out = await say(out, 'Grow qualified pipeline without more headcount');
    out = await say(out, '- attribution is a mess\n- too many tools');
    out = await say(out, 'One view of which campaigns create pipeline');
    out = await say(out, 'skip');
    expect(out.state.origins.industry).toMatchObject({ source: 'chat', confirmed: true });
    expect(await db.queries.memory.get({ workspaceId: ws(), key: 'market' })).toBeNull();

    out = await act(out, 'finalize');
    expect(out).toMatchObject({ phase: 'saved', done: true });
    expect(await db.queries.memory.get({ workspaceId: ws(), key: 'market' })).toMatchObject({
      value: 'Fintech',
      source: 'INFERRED',
      confidence: 0.5,
      learnedFrom: 'the persona wizard (“Enterprise CMO”)',
      createdBy: null,
      version: 1,
    });
  });

  test('a new session starts with that market as its industry, from memory and unconfirmed: saving waits for a confirmation', async () => {
    let out = await flow({});
    expect(out.state.persona).toEqual({ industry: 'Fintech' });
    expect(out.state.origins.industry).toMatchObject({ source: 'memory', confirmed: false, memoryKey: 'market' });
    out = await fillTheRest(out);
    out = await act(out, 'finalize');
    expect(out).toMatchObject({ phase: 'review', done: false });
    expect(saves(out)).toEqual([]);
    out = await act(out, 'confirm');
    expect(out.state.origins.industry).toMatchObject({ source: 'memory', confirmed: true });
    out = await act(out, 'finalize');
    expect(out).toMatchObject({ phase: 'saved', done: true });
    expect(saves(out)).toMatchObject([{ kind: 'savePersona', data: { industry: 'Fintech' }, evidence: { industry: { source: 'company' } } }]);
    // What memory gave is not learned back from it: the fact is as it was.
    expect(await db.queries.memory.get({ workspaceId: ws(), key: 'market' })).toMatchObject({ value: 'Fintech', version: 1 });
  });

  test('a guess never replaces the market a person wrote; an expired fact fills nothing', async () => {
    await db.queries.memory.put({ workspaceId: ws(), key: 'market', value: 'UK last-mile delivery', source: 'INTAKE_FORM', actor: LOCAL_ACTOR });
    let out = await flow({});
    expect(out.state.persona.industry).toBe('UK last-mile delivery');
    out = await flow({ sessionId: out.sessionId, expectedVersion: out.version, patch: { industry: 'Logistics' } });
    expect(out.state.origins.industry).toMatchObject({ source: 'form', confirmed: true });
    out = await fillTheRest(out);
    out = await act(out, 'finalize');
    expect(out.done).toBe(true);
    expect(await db.queries.memory.get({ workspaceId: ws(), key: 'market' })).toMatchObject({ value: 'UK last-mile delivery', source: 'INTAKE_FORM' });

    await db.queries.memory.remember({
      workspaceId: ws(),
      key: 'market',
      value: 'Long gone',
      source: 'INTAKE_FORM',
      expiresAt: new Date(Date.now() - 1000),
      actor: SYSTEM_ACTOR,
    });
    out = await flow({});
    expect(out.state.persona).toEqual({});
    expect(out.state.origins).toEqual({});
  });
});
