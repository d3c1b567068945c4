import { runFlow, streamFlow } from 'genkit/beta/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PersonaDefinitionOutput } from '../../schemas/persona-definition.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe.each(drivers)('HTTP on %s', (driver) => {
  let server: TestServer;
  let flowUrl: string;
  beforeAll(async () => {
    server = await startTestServer(driver);
    flowUrl = `${server.url}/api/flows/personaDefinition`;
  });
  afterAll(() => server.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(flowUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const turn = (input: unknown) => runFlow<PersonaDefinitionOutput>({ url: flowUrl, input });

  test('the genkit client runs the wizard over HTTP, and streams replies', async () => {
    let out = await turn({});
    expect(out).toMatchObject({ version: 1, phase: 'who' });
    out = await turn({ sessionId: out.sessionId, message: 'Enterprise CMO', expectedVersion: out.version });
    expect(out.state.persona.personName).toBe('Enterprise CMO');

    const { stream, output } = streamFlow<PersonaDefinitionOutput, string>({
      url: flowUrl,
      input: { sessionId: out.sessionId, message: 'Chief Marketing Officer', expectedVersion: out.version },
    });
    const chunks: string[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const streamed = await output;
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.join('').trim()).toBe(streamed.reply);
    expect(streamed.state.persona.title).toBe('Chief Marketing Officer');
  });

  test('wire format: {data} in, {result} out', async () => {
    const res = await post(JSON.stringify({ data: {} }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: PersonaDefinitionOutput };
    expect(body.result.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('a patch with a wrong type or an unknown field is a 400 naming the field, without echoing the schema', async () => {
    const res = await post(JSON.stringify({ data: { patch: { industry: 42, shoeSize: 9 } } }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { status: string; message: string; details: { fields: { path: string; message: string }[] } };
    expect(body.status).toBe('INVALID_ARGUMENT');
    expect(body.details.fields).toEqual([
      { path: 'patch.industry', message: 'industry must be text, not a number' },
      { path: 'patch', message: 'patch has no field shoeSize: remove it, or check the spelling' },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/"\$schema"|additionalProperties/);
  });

  test('an unknown session is a 404', async () => {
    const res = await post(JSON.stringify({ data: { sessionId: '11111111-1111-4111-8111-111111111111', message: 'hi' } }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ status: 'NOT_FOUND', message: 'Session 11111111-1111-4111-8111-111111111111 not found' });
  });

  test('a stale expectedVersion (a second tab) is a 409 and nothing is written', async () => {
    const tabA = await turn({});
    const tabAfter = await turn({ sessionId: tabA.sessionId, message: 'Enterprise CMO', expectedVersion: tabA.version });
    const res = await post(JSON.stringify({ data: { sessionId: tabA.sessionId, message: 'Ops lead', expectedVersion: tabA.version } }));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toMatch(/changed elsewhere.*Reload/);
    const now = await turn({ sessionId: tabA.sessionId });
    expect(now.version).toBe(tabAfter.version);
    expect(now.state.persona.personName).toBe('Enterprise CMO');
  });

  test('the genkit client surfaces the status and message of a failed turn', async () => {
    await expect(turn({ sessionId: '11111111-1111-4111-8111-111111111111' })).rejects.toThrow(/404.*not found/);
  });

  test('malformed JSON is a JSON 400, not an HTML page', async () => {
    const res = await post('{"data": {');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.json()).toEqual({ status: 'INVALID_ARGUMENT', message: 'The request body is not valid JSON.' });
  });

  test('a 200 kB message is rejected with 413 and the server keeps serving', async () => {
    const res = await post(JSON.stringify({ data: { message: 'x'.repeat(200_000) } }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/too large/);
    const message9k = await post(JSON.stringify({ data: { message: 'x'.repeat(9_000) } }));
    expect(message9k.status).toBe(400);
    expect(((await message9k.json()) as { message: string }).message).toMatch(/^Invalid input: message is longer than 8000 characters/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  test('unknown API routes are JSON 404s', async () => {
    const res = await fetch(`${server.url}/api/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 'NOT_FOUND' });
  });

  test('config says which provider and model are in use', async () => {
    expect(await (await fetch(`${server.url}/api/config`)).json()).toEqual({
      provider: 'offline',
      model: 'personaflow',
      offline: true,
      label: 'Offline generator (rule-based, no AI provider configured)',
      mailMode: 'outbox',
    });
  });

  describe('persona library', () => {
    async function savedPersona(): Promise<string> {
      let out = await turn({});
      out = await turn({
        sessionId: out.sessionId,
        patch: {
          personName: 'Scaling Ops Lead',
          title: 'Head of Operations',
          role: 'Keeps fulfilment running',
          coreGoal: 'Scale without chaos',
          painPoints: ['Spreadsheets everywhere', 'No visibility'],
          needForOurProduct: 'One dashboard',
          industry: 'E-commerce',
          companySize: '50-200 employees',
        },
      });
      out = await turn({ sessionId: out.sessionId, action: 'finalize' });
      expect(out.phase).toBe('saved');
      return out.state.savedPersonaId!;
    }

    test('list, detail with version changes, edit, stale edit, export, delete', async () => {
      const id = await savedPersona();
      const list = (await (await fetch(`${server.url}/api/personas`)).json()) as { personas: { id: string }[] };
      expect(list.personas.map((p) => p.id)).toContain(id);

      const detail = (await (await fetch(`${server.url}/api/personas/${id}`)).json()) as {
        persona: { version: number; data: { title: string } };
      };
      expect(detail.persona.version).toBe(1);

      const put = (body: unknown) =>
        fetch(`${server.url}/api/personas/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const edited = await put({ data: { ...detail.persona.data, title: 'VP Operations', painPoints: ['No visibility', 'Returns'] }, expectedVersion: 1 });
      expect(edited.status).toBe(200);
      expect(((await edited.json()) as { persona: { version: number } }).persona.version).toBe(2);
      const stale = await put({ data: detail.persona.data, expectedVersion: 1 });
      expect(stale.status).toBe(409);
      const invalid = await put({ data: { ...detail.persona.data, title: '' }, expectedVersion: 2 });
      expect(invalid.status).toBe(400);
      expect(await invalid.json()).toMatchObject({ details: { fields: [{ path: 'data.title', message: 'Cannot be empty' }] } });

      const withHistory = (await (await fetch(`${server.url}/api/personas/${id}`)).json()) as {
        versions: { version: number; changes: { field: string; before: unknown; after: unknown }[] }[];
      };
      expect(withHistory.versions.map((v) => v.version)).toEqual([1, 2]);
      expect(withHistory.versions[0]!.changes).toEqual([]);
      expect(withHistory.versions[1]!.changes).toEqual([
        { field: 'title', before: 'Head of Operations', after: 'VP Operations' },
        { field: 'painPoints', before: ['Spreadsheets everywhere', 'No visibility'], after: ['No visibility', 'Returns'] },
      ]);

      const md = await fetch(`${server.url}/api/personas/${id}/export?format=md`);
      expect(md.headers.get('content-disposition')).toBe('attachment; filename=scaling-ops-lead.md');
      const text = await md.text();
      expect(text).toMatch(/^# Scaling Ops Lead\n/);
      expect(text).toContain('**Title:** VP Operations');
      expect(text).toContain('- Returns');
      const json = (await (await fetch(`${server.url}/api/personas/${id}/export?format=json`)).json()) as { title: string; version: number };
      expect(json).toMatchObject({ title: 'VP Operations', version: 2 });
      expect((await fetch(`${server.url}/api/personas/${id}/export?format=pdf`)).status).toBe(400);

      expect((await fetch(`${server.url}/api/personas/${id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await fetch(`${server.url}/api/personas/${id}`)).status).toBe(404);
      expect((await fetch(`${server.url}/api/personas/${id}`, { method: 'DELETE' })).status).toBe(404);
    });

    test('a malformed id is a 404, not a database error', async () => {
      const res = await fetch(`${server.url}/api/personas/not-a-uuid`);
      expect(res.status).toBe(404);
    });
  });

  test('sessions: listed with their title, deleted with all their rows', async () => {
    let out = await turn({});
    out = await turn({ sessionId: out.sessionId, message: 'Enterprise CMO' });
    const list = (await (await fetch(`${server.url}/api/sessions?flow=personaDefinition`)).json()) as { sessions: { id: string; title: string }[] };
    expect(list.sessions.find((s) => s.id === out.sessionId)?.title).toBe('Enterprise CMO');
    const history = (await (await fetch(`${server.url}/api/sessions/${out.sessionId}/history`)).json()) as { snapshots: unknown[] };
    expect(history.snapshots).toHaveLength(2);
    expect((await fetch(`${server.url}/api/sessions/${out.sessionId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await post(JSON.stringify({ data: { sessionId: out.sessionId } }))).status).toBe(404);
    expect((await fetch(`${server.url}/api/sessions?nope=1`)).status).toBe(400);
  });
});

describe('streaming clients get real HTTP statuses', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterAll(() => server.close());

  test('a stale version or an unknown session is refused before the stream starts', async () => {
    const url = `${server.url}/api/flows/personaDefinition`;
    const started = await runFlow<PersonaDefinitionOutput>({ url, input: {} });
    await runFlow({ url, input: { sessionId: started.sessionId, message: 'Enterprise CMO' } });
    const stream = (data: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ data }) });
    const stale = await stream({ sessionId: started.sessionId, message: 'CFO', expectedVersion: started.version });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ status: 'ABORTED', details: { expectedVersion: 1, currentVersion: 2 } });
    expect((await stream({ sessionId: '22222222-2222-4222-8222-222222222222', message: 'hi' })).status).toBe(404);
  });
});
