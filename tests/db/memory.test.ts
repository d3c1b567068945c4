import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { LOCAL_ACTOR, SYSTEM_ACTOR } from '../../lib/scope.js';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';

// Workspace memory: a guess (INFERRED) never replaces a person's word, a person's word always
// replaces a guess, an expired fact counts as absent, a stale edit is refused with nothing
// written, and one workspace never sees another's facts.

const past = () => new Date(Date.now() - 60_000);
const future = () => new Date(Date.now() + 24 * 3600_000);

describe.each(drivers)('workspace memory on %s', (driver) => {
  let db: TestDb;
  let other: string;
  let ws: string;
  beforeAll(async () => {
    db = await createTestDb(driver);
    ws = db.workspaceId;
    other = await db.queries.workspaces.create({ slug: 'other-memory', name: 'Other' });
  });
  afterAll(() => db?.close());
  const memory = () => db.queries.memory;

  test('a guess is stored with its confidence and origin; a person’s word replaces it', async () => {
    const guess = await memory().remember({
      workspaceId: ws,
      key: 'company.name',
      value: '  Shipwise  ',
      source: 'INFERRED',
      confidence: 0.6,
      learnedFrom: 'the persona wizard',
      actor: SYSTEM_ACTOR,
    });
    expect(guess.written).toBe(true);
    expect(guess.fact).toMatchObject({ key: 'company.name', label: 'Company name', value: 'Shipwise', source: 'INFERRED', confidence: 0.6, version: 1 });
    expect(guess.fact.learnedFrom).toBe('the persona wizard');

    const word = await memory().remember({ workspaceId: ws, key: 'company.name', value: 'Shipwise Ltd', source: 'USER_PROVIDED', actor: LOCAL_ACTOR });
    expect(word.written).toBe(true);
    expect(word.fact).toMatchObject({ value: 'Shipwise Ltd', source: 'USER_PROVIDED', confidence: 1, learnedFrom: null, version: 2 });
  });

  test('a guess never replaces a person’s word (USER_PROVIDED or INTAKE_FORM): the kept fact comes back, unchanged', async () => {
    const refused = await memory().remember({
      workspaceId: ws,
      key: 'company.name',
      value: 'Shipwise Logistics',
      source: 'INFERRED',
      confidence: 0.99,
      actor: SYSTEM_ACTOR,
    });
    expect(refused.written).toBe(false);
    expect(refused.fact).toMatchObject({ value: 'Shipwise Ltd', source: 'USER_PROVIDED', version: 2 });
    expect(await memory().get({ workspaceId: ws, key: 'company.name' })).toMatchObject({ value: 'Shipwise Ltd', version: 2 });

    await memory().remember({ workspaceId: ws, key: 'market', value: 'UK e-commerce', source: 'INTAKE_FORM', actor: LOCAL_ACTOR });
    const overIntake = await memory().remember({ workspaceId: ws, key: 'market', value: 'Europe', source: 'INFERRED', confidence: 0.4, actor: SYSTEM_ACTOR });
    expect(overIntake).toMatchObject({ written: false, fact: { value: 'UK e-commerce', source: 'INTAKE_FORM', confidence: 1 } });

    // A newer guess replaces an older guess.
    await memory().remember({ workspaceId: ws, key: 'email.tone', value: 'friendly', source: 'INFERRED', confidence: 0.5, actor: SYSTEM_ACTOR });
    const newer = await memory().remember({ workspaceId: ws, key: 'email.tone', value: 'direct', source: 'INFERRED', confidence: 0.7, actor: SYSTEM_ACTOR });
    expect(newer).toMatchObject({ written: true, fact: { value: 'direct', confidence: 0.7, version: 2 } });
  });

  test('the same guess learned again is not a new version; a different guess (or a new confidence) replaces the older guess', async () => {
    const learn = (value: string, confidence: number) =>
      memory().remember({ workspaceId: ws, key: 'pricing.model', value, source: 'INFERRED', confidence, learnedFrom: 'a test', actor: SYSTEM_ACTOR });
    expect(await learn('formal', 0.4)).toMatchObject({ written: true, fact: { value: 'formal', version: 1 } });
    expect(await learn('formal', 0.4)).toMatchObject({ written: false, fact: { value: 'formal', confidence: 0.4, version: 1 } });
    expect(await learn('formal', 0.6)).toMatchObject({ written: true, fact: { confidence: 0.6, version: 2 } });
    expect(await learn('direct', 0.4)).toMatchObject({ written: true, fact: { value: 'direct', version: 3 } });
    await memory().delete({ workspaceId: ws, key: 'pricing.model' });
  });

  test('an expired fact counts as absent: not read, not listed unless asked, and a guess may replace it', async () => {
    await memory().remember({ workspaceId: ws, key: 'audience', value: 'Ops leads', source: 'USER_PROVIDED', expiresAt: past(), actor: LOCAL_ACTOR });
    expect(await memory().get({ workspaceId: ws, key: 'audience' })).toBeNull();
    expect((await memory().list({ workspaceId: ws })).map((f) => f.key)).not.toContain('audience');
    const all = await memory().list({ workspaceId: ws, includeExpired: true });
    expect(all.find((f) => f.key === 'audience')).toMatchObject({ value: 'Ops leads', expired: true });
    expect(await memory().get({ workspaceId: ws, key: 'audience', includeExpired: true })).toMatchObject({ expired: true });

    const guess = await memory().remember({
      workspaceId: ws,
      key: 'audience',
      value: 'Warehouse managers',
      source: 'INFERRED',
      confidence: 0.5,
      actor: SYSTEM_ACTOR,
    });
    expect(guess).toMatchObject({ written: true, fact: { value: 'Warehouse managers', source: 'INFERRED', expired: false, expiresAt: null } });

    await memory().remember({
      workspaceId: ws,
      key: 'product.name',
      value: 'Routepilot',
      source: 'INFERRED',
      confidence: 0.8,
      expiresAt: future(),
      actor: SYSTEM_ACTOR,
    });
    expect(await memory().get({ workspaceId: ws, key: 'product.name' })).toMatchObject({ value: 'Routepilot', expired: false });
  });

  test('a person’s edit: becomes USER_PROVIDED and certain; a stale expectedVersion is a conflict and nothing changes', async () => {
    const before = (await memory().get({ workspaceId: ws, key: 'audience' }))!;
    const confirmed = await memory().put({ workspaceId: ws, key: 'audience', value: before.value, expectedVersion: before.version, actor: LOCAL_ACTOR });
    expect(confirmed).toMatchObject({
      created: false,
      fact: { value: 'Warehouse managers', source: 'USER_PROVIDED', confidence: 1, learnedFrom: null, version: before.version + 1 },
    });

    const stale = memory().put({ workspaceId: ws, key: 'audience', value: 'Someone else', expectedVersion: before.version, actor: LOCAL_ACTOR });
    await expect(stale).rejects.toBeInstanceOf(AppError);
    await expect(stale).rejects.toMatchObject({ code: 'conflict', details: { expectedVersion: before.version, currentVersion: before.version + 1 } });
    expect(await memory().get({ workspaceId: ws, key: 'audience' })).toMatchObject({ value: 'Warehouse managers', version: before.version + 1 });

    // 0 means "there was none": refused when another tab made it meanwhile.
    await expect(memory().put({ workspaceId: ws, key: 'audience', value: 'x', expectedVersion: 0, actor: LOCAL_ACTOR })).rejects.toMatchObject({
      code: 'conflict',
    });
    const fresh = await memory().put({ workspaceId: ws, key: 'pricing.model', value: 'Per seat, monthly', expectedVersion: 0, actor: LOCAL_ACTOR });
    expect(fresh).toMatchObject({ created: true, fact: { key: 'pricing.model', label: 'pricing.model', source: 'USER_PROVIDED', version: 1 } });
  });

  test('bad keys and values are refused with field messages, and nothing is stored', async () => {
    const bad = memory().remember({ workspaceId: ws, key: 'Company Name', value: ' ', source: 'INFERRED', actor: SYSTEM_ACTOR });
    await expect(bad).rejects.toMatchObject({ code: 'invalid' });
    const fields = ((await bad.catch((e: AppError) => e)) as AppError).details as { fields: Array<{ path: string; message: string }> };
    expect(fields.fields.map((f) => f.path).sort()).toEqual(['confidence', 'key', 'value']);
    await expect(memory().put({ workspaceId: ws, key: 'notes', value: 'x'.repeat(2001), actor: LOCAL_ACTOR })).rejects.toMatchObject({ code: 'invalid' });
    expect(await memory().get({ workspaceId: ws, key: 'notes' })).toBeNull();
  });

  test('delete forgets a fact; another workspace sees none of these and keeps its own', async () => {
    await memory().put({ workspaceId: other, key: 'company.name', value: 'Other Co', actor: LOCAL_ACTOR });
    expect(await memory().get({ workspaceId: other, key: 'audience' })).toBeNull();
    expect((await memory().list({ workspaceId: other })).map((f) => [f.key, f.value])).toEqual([['company.name', 'Other Co']]);
    expect(await memory().delete({ workspaceId: other, key: 'audience' })).toBeNull();

    expect(await memory().delete({ workspaceId: ws, key: 'company.name' })).toMatchObject({ value: 'Shipwise Ltd' });
    expect(await memory().get({ workspaceId: ws, key: 'company.name' })).toBeNull();
    expect(await memory().delete({ workspaceId: ws, key: 'company.name' })).toBeNull();
    expect(await memory().get({ workspaceId: other, key: 'company.name' })).toMatchObject({ value: 'Other Co' });
  });
});
