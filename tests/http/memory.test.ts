import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SYSTEM_ACTOR } from '../../lib/scope.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { localCaller, twoWorkspaces, type TeamClient } from '../helpers/team-client.js';

// GET|PUT|DELETE /api/memory[/:key]: a person adds, edits, confirms and deletes facts; a caller
// cannot claim INFERRED; bad keys and values get field messages; a stale edit is a 409 with
// nothing written; every change is in the audit log; workspaces never see each other's memory.

type Fields = Array<{ path: string; message: string }>;

describe.each(drivers)('workspace memory over HTTP on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(() => server?.close());

  const call = localCaller(() => server.url);

  test('empty at first; a new fact is 201 and kept exactly as written (trimmed); GET lists and reads it', async () => {
    expect((await call('GET', '/api/memory')).body).toEqual({ facts: [] });
    expect((await call('GET', '/api/memory/company.name')).status).toBe(404);
    const value = 'Shipwise — “last-mile” routing for\nindependent couriers';
    const made = await call('PUT', '/api/memory/company.description', { data: { value: `  ${value}  ` }, expectedVersion: 0 });
    expect(made.status).toBe(201);
    expect(made.body.fact).toMatchObject({
      key: 'company.description',
      label: 'What the company does',
      value,
      source: 'USER_PROVIDED',
      confidence: 1,
      version: 1,
    });
    expect((await call('GET', '/api/memory/company.description')).body.fact).toEqual(made.body.fact);
    expect((await call('GET', '/api/memory')).body.facts).toEqual([made.body.fact]);
  });

  test('an edit from the version last seen succeeds; a stale one is 409 and the stored value stays', async () => {
    const edited = await call('PUT', '/api/memory/company.description', { data: { value: 'Routing for couriers' }, expectedVersion: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body.fact).toMatchObject({ value: 'Routing for couriers', version: 2 });
    const stale = await call('PUT', '/api/memory/company.description', { data: { value: 'Stale' }, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/changed elsewhere/);
    expect(stale.body.details).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
    expect((await call('GET', '/api/memory/company.description')).body.fact.value).toBe('Routing for couriers');
    // Without expectedVersion the write is unconditional; INTAKE_FORM is a source a caller may send.
    const intake = await call('PUT', '/api/memory/market', { data: { value: 'UK e-commerce', source: 'INTAKE_FORM' } });
    expect(intake.status).toBe(201);
    expect(intake.body.fact).toMatchObject({ source: 'INTAKE_FORM' });
  });

  test('INFERRED is refused from HTTP with a 400 saying why; bad keys and values get field messages; nothing stored', async () => {
    const inferred = await call('PUT', '/api/memory/audience', { data: { value: 'Ops leads', source: 'INFERRED' } });
    expect(inferred.status).toBe(400);
    const fields = inferred.body.details.fields as Fields;
    expect(fields).toEqual([{ path: 'data.source', message: expect.stringMatching(/cannot be INFERRED.*learns by itself/) }]);

    const badKey = await call('PUT', '/api/memory/Company%20Name', { data: { value: 'x' } });
    expect(badKey.status).toBe(400);
    expect((badKey.body.details.fields as Fields)[0]).toMatchObject({ path: 'key', message: expect.stringMatching(/lowercase letter/) });
    expect((await call('GET', '/api/memory/UPPER')).status).toBe(400);
    expect((await call('DELETE', `/api/memory/${'a'.repeat(81)}`)).status).toBe(400);

    const cases: Array<[unknown, string]> = [
      [{ data: { value: '   ' } }, 'data.value'],
      [{ data: { value: 'x'.repeat(2001) } }, 'data.value'],
      [{ data: { value: 42 } }, 'data.value'],
      [{ data: { value: 'ok', confidence: 0.2 } }, 'data'],
      [{ data: { value: 'ok' }, expectedVersion: -1 }, 'expectedVersion'],
      [{ value: 'ok' }, 'data'],
    ];
    for (const [body, path] of cases) {
      const res = await call('PUT', '/api/memory/audience', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body.details.fields as Fields).map((f) => f.path)).toContain(path);
    }
    expect((await call('GET', '/api/memory/audience')).status).toBe(404);
  });

  test('a guess the product made is confirmed by a PUT of the same value: it becomes the person’s word', async () => {
    const { queries, workspaceId } = server.db;
    await queries.memory.remember({
      workspaceId,
      key: 'email.tone',
      value: 'friendly',
      source: 'INFERRED',
      confidence: 0.6,
      learnedFrom: 'the email drafts',
      actor: SYSTEM_ACTOR,
    });
    const seen = (await call('GET', '/api/memory/email.tone')).body.fact;
    expect(seen).toMatchObject({ source: 'INFERRED', confidence: 0.6, learnedFrom: 'the email drafts' });
    const confirmed = await call('PUT', '/api/memory/email.tone', { data: { value: seen.value }, expectedVersion: seen.version });
    expect(confirmed.body.fact).toMatchObject({ value: 'friendly', source: 'USER_PROVIDED', confidence: 1, learnedFrom: null });
    // And a later guess no longer replaces it.
    await queries.memory.remember({ workspaceId, key: 'email.tone', value: 'formal', source: 'INFERRED', confidence: 0.9, actor: SYSTEM_ACTOR });
    expect((await call('GET', '/api/memory/email.tone')).body.fact.value).toBe('friendly');
  });

  test('DELETE is 204, then 404; every change is audited', async () => {
    expect((await call('DELETE', '/api/memory/market')).status).toBe(204);
    expect((await call('DELETE', '/api/memory/market')).status).toBe(404);
    expect((await call('GET', '/api/memory/market')).status).toBe(404);
    const events = (await call('GET', '/api/workspace/audit')).body.events as Array<{ action: string; subjectId: string; summary: string }>;
    const memory = events.filter((e) => e.action.startsWith('memory.')).reverse();
    expect(memory.map((e) => [e.action, e.subjectId])).toEqual([
      ['memory.created', 'company.description'],
      ['memory.updated', 'company.description'],
      ['memory.created', 'market'],
      ['memory.updated', 'email.tone'],
      ['memory.deleted', 'market'],
    ]);
    expect(memory[3]!.summary).toBe("Confirmed “Tone of your emails” in the workspace's memory");
  });
});

describe('workspace memory between workspaces (team mode)', () => {
  let server: TestServer;
  let a: TeamClient;
  let b: TeamClient;
  beforeAll(async () => {
    server = await startTestServer('pglite', { team: { openSignup: true } });
    ({ a, b } = await twoWorkspaces(server.url));
  });
  afterAll(() => server?.close());

  test("B never reads, changes or deletes A's facts, and the writer is the signed-in person", async () => {
    const made = await a.call('PUT', '/api/memory/company.name', { data: { value: 'Acme', createdBy: 'someone' } });
    expect(made.status).toBe(400);
    const ok = await a.call('PUT', '/api/memory/company.name', { data: { value: 'Acme' } });
    expect(ok.status).toBe(201);
    expect(ok.body!.fact.createdBy).toMatchObject({ name: 'Ann A' });

    expect((await b.call('GET', '/api/memory')).body).toEqual({ facts: [] });
    expect((await b.call('GET', '/api/memory/company.name')).status).toBe(404);
    expect((await b.call('DELETE', '/api/memory/company.name')).status).toBe(404);
    const theirs = await b.call('PUT', '/api/memory/company.name', { data: { value: 'B corp' }, expectedVersion: 0 });
    expect(theirs.status).toBe(201);
    expect(theirs.body!.fact.createdBy).toMatchObject({ name: 'Bob B' });

    expect((await a.call('GET', '/api/memory/company.name')).body!.fact).toMatchObject({ value: 'Acme', version: 1 });
    expect((await b.call('GET', '/api/memory')).body!.facts.map((f: { value: string }) => f.value)).toEqual(['B corp']);
  });
});
