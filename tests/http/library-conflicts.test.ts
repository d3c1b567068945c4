// Issue 13: a save into the library carries the version it was based on; if the library copy moved
// on, nothing is overwritten (409 with the library's current copy) until the person chooses.
// Also "Restore this version" (persona, map, brief) and turns without expectedVersion.
import { runFlow } from 'genkit/beta/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BuyingProcessOutput, BuyingStage } from '../../schemas/buying-process.js';
import type { ContactAnalysisOutput } from '../../schemas/contact-analysis.js';
import type { PersonaDefinitionOutput } from '../../schemas/persona-definition.js';
import type { Persona, SavedPersona } from '../../schemas/persona.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { stateFingerprint } from './state.js';

const PERSONA: Persona = {
  personName: 'Scaling Ops Lead',
  title: 'Head of Operations',
  role: 'Keeps fulfilment running',
  coreGoal: 'Scale without chaos',
  painPoints: ['Spreadsheets everywhere', 'No visibility'],
  needForOurProduct: 'One dashboard',
  industry: 'E-commerce',
  companySize: '50-200 employees',
};

const stage = (name: string, extra: Partial<BuyingStage> = {}): BuyingStage => ({
  stage_name: name,
  buyer_actions: 'Reads reviews',
  duration: '2 weeks',
  key_influencers: 'Peers',
  seller_actions: 'Publish guides',
  content_type: 'Blog',
  key_message: 'We cut the chaos',
  ...extra,
});

type ErrorBody<T = unknown> = {
  status: string;
  message: string;
  details: { reason: string; kind: string; id: string; baseVersion: number | null; currentVersion: number; current: T };
};

describe.each(drivers)('library conflicts and restore on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(() => server.close());

  const flow = (name: string) => `${server.url}/api/flows/${name}`;
  const wizard = (input: unknown) => runFlow<PersonaDefinitionOutput>({ url: flow('personaDefinition'), input });
  const mapTurn = (input: unknown) => runFlow<BuyingProcessOutput>({ url: flow('buyingProcess'), input });
  const post = (path: string, body: unknown, method = 'POST') =>
    fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const postFlow = (name: string, data: unknown) => post(`/api/flows/${name}`, { data });
  const getPersona = async (id: string) => (await (await fetch(`${server.url}/api/personas/${id}`)).json()) as { persona: SavedPersona; versions: unknown[] };

  async function savedFromWizard(): Promise<PersonaDefinitionOutput> {
    let out = await wizard({});
    out = await wizard({ sessionId: out.sessionId, patch: PERSONA, expectedVersion: out.version });
    out = await wizard({ sessionId: out.sessionId, action: 'finalize', expectedVersion: out.version });
    expect(out.phase).toBe('saved');
    return out;
  }

  test('wizard: a re-save after a library edit is refused with the library copy, nothing written; choosing saves on the new base', async () => {
    let out = await savedFromWizard();
    const id = out.state.savedPersonaId!;
    expect(out.state.savedPersonaVersion).toBe(1);

    // Edited in the library (version 2).
    const library = { ...PERSONA, coreGoal: 'Ship same-day', painPoints: ['Carrier delays'], needForOurProduct: 'Live tracking' };
    expect((await post(`/api/personas/${id}`, { data: library, expectedVersion: 1 }, 'PUT')).status).toBe(200);

    // Back in the wizard: one field changed, then Save.
    out = await wizard({ sessionId: out.sessionId, patch: { title: 'VP Operations' }, expectedVersion: out.version });
    expect(out.state.savedPersonaVersion).toBe(1); // the session knows it is behind the library's 2
    const before = await stateFingerprint(server.db);
    const res = await postFlow('personaDefinition', { sessionId: out.sessionId, action: 'finalize', expectedVersion: out.version });
    expect(res.status).toBe(409);
    const body = (await res.json()) as ErrorBody<SavedPersona>;
    expect(body.message).toMatch(
      /changed elsewhere since you started from version 1 \(the library now has version 2\)\. Nothing was saved: choose, field by field/,
    );
    expect(body.details).toMatchObject({ reason: 'library_changed', kind: 'persona', id, baseVersion: 1, currentVersion: 2 });
    expect(body.details.current.data).toEqual(library);
    // The base version's content, so the person can see which side changed each field.
    expect((body.details as unknown as { base: Persona }).base).toEqual(PERSONA);
    // The whole turn was aborted: no snapshot, no persona version.
    expect(await stateFingerprint(server.db)).toEqual(before);
    expect((await getPersona(id)).persona).toMatchObject({ version: 2, data: library });

    // The person keeps the library's core goal, pain points and need, and their own title.
    out = await wizard({
      sessionId: out.sessionId,
      expectedVersion: out.version,
      libraryVersion: 2,
      patch: { coreGoal: library.coreGoal, painPoints: library.painPoints, needForOurProduct: library.needForOurProduct },
      action: 'finalize',
    });
    expect(out.phase).toBe('saved');
    expect(out.state.savedPersonaVersion).toBe(3);
    const saved = await getPersona(id);
    expect(saved.persona).toMatchObject({ version: 3, data: { ...library, title: 'VP Operations' } });
    expect(saved.versions).toHaveLength(3);

    // Based on 3 now: the next save goes through without a conflict.
    out = await wizard({ sessionId: out.sessionId, patch: { industry: 'Retail' }, expectedVersion: out.version });
    out = await wizard({ sessionId: out.sessionId, action: 'finalize', expectedVersion: out.version });
    expect(out.state.savedPersonaVersion).toBe(4);
    expect((await getPersona(id)).persona.version).toBe(4);
  });

  test('wizard: streamed, the refused save still carries the library copy (as JSON text the browser client keeps)', async () => {
    let out = await savedFromWizard();
    await post(`/api/personas/${out.state.savedPersonaId}`, { data: { ...PERSONA, coreGoal: 'Ship same-day' }, expectedVersion: 1 }, 'PUT');
    out = await wizard({ sessionId: out.sessionId, patch: { title: 'VP Operations' }, expectedVersion: out.version });
    const res = await fetch(flow('personaDefinition'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ data: { sessionId: out.sessionId, action: 'finalize', expectedVersion: out.version } }),
    });
    const text = await res.text();
    const line = text.split('\n').find((l) => l.startsWith('error: '))!;
    const { error } = JSON.parse(line.slice('error: '.length)) as { error: { status: string; details: string } };
    expect(error.status).toBe('ABORTED');
    expect(JSON.parse(error.details)).toMatchObject({ reason: 'library_changed', currentVersion: 2, current: { data: { coreGoal: 'Ship same-day' } } });
  });

  test('wizard: taking the library values (the banner) rebases the session without saving', async () => {
    let out = await savedFromWizard();
    const id = out.state.savedPersonaId!;
    const library = { ...PERSONA, coreGoal: 'Ship same-day' };
    await post(`/api/personas/${id}`, { data: library, expectedVersion: 1 }, 'PUT');
    out = await wizard({ sessionId: out.sessionId, expectedVersion: out.version, libraryVersion: 2, patch: library });
    expect(out.state).toMatchObject({ savedPersonaVersion: 2, persona: library });
    expect((await getPersona(id)).persona.version).toBe(2);
    out = await wizard({ sessionId: out.sessionId, action: 'finalize', expectedVersion: out.version });
    expect(out.state.savedPersonaVersion).toBe(3);
  });

  test('wizard: a persona deleted from the library is saved again, numbered on from the session', async () => {
    let out = await savedFromWizard();
    const id = out.state.savedPersonaId!;
    expect((await fetch(`${server.url}/api/personas/${id}`, { method: 'DELETE' })).status).toBe(204);
    out = await wizard({ sessionId: out.sessionId, patch: { title: 'VP Operations' }, expectedVersion: out.version });
    out = await wizard({ sessionId: out.sessionId, action: 'finalize', expectedVersion: out.version });
    expect(out.state.savedPersonaVersion).toBe(2);
    expect((await getPersona(id)).persona).toMatchObject({ version: 2, data: { title: 'VP Operations' } });
  });

  test('builder: a save based on an older version is a 409 whose body holds the library copy', async () => {
    const created = await post('/api/personas', { data: PERSONA });
    const { persona } = (await created.json()) as { persona: SavedPersona };
    expect((await post(`/api/personas/${persona.id}`, { data: { ...PERSONA, coreGoal: 'Library goal' }, expectedVersion: 1 }, 'PUT')).status).toBe(200);
    const before = await stateFingerprint(server.db);
    const res = await post(`/api/personas/${persona.id}`, { data: { ...PERSONA, title: 'Builder title' }, expectedVersion: 1 }, 'PUT');
    expect(res.status).toBe(409);
    const body = (await res.json()) as ErrorBody<SavedPersona>;
    expect(body.details).toMatchObject({ kind: 'persona', baseVersion: 1, currentVersion: 2, current: { version: 2, data: { coreGoal: 'Library goal' } } });
    expect(await stateFingerprint(server.db)).toEqual(before);
    // Chosen: their title, the library's goal, on base version 2.
    const resolved = await post(
      `/api/personas/${persona.id}`,
      { data: { ...PERSONA, title: 'Builder title', coreGoal: 'Library goal' }, expectedVersion: 2 },
      'PUT',
    );
    expect(resolved.status).toBe(200);
    expect(((await resolved.json()) as { persona: SavedPersona }).persona).toMatchObject({
      version: 3,
      data: { title: 'Builder title', coreGoal: 'Library goal' },
    });
  });

  test('import: an imported persona saved over a library persona that moved on is refused the same way', async () => {
    const { persona } = (await (await post('/api/personas', { data: PERSONA })).json()) as { persona: SavedPersona };
    // The builder opened version 1 for editing; meanwhile the library moved to version 2.
    await post(`/api/personas/${persona.id}`, { data: { ...PERSONA, coreGoal: 'Edited meanwhile' }, expectedVersion: 1 }, 'PUT');
    const imported = (await (
      await post('/api/personas/import', {
        persona_name: 'Scaling Ops Lead',
        ideal_roles: ['Head of Operations'],
        core_goals: ['Grow'],
        pain_points: ['Spreadsheets'],
        value_prop: 'One dashboard',
      })
    ).json()) as { data: Partial<Persona> };
    const res = await post(`/api/personas/${persona.id}`, { data: { ...PERSONA, ...imported.data }, expectedVersion: 1 }, 'PUT');
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody<SavedPersona>).details.current.data.coreGoal).toBe('Edited meanwhile');
    expect((await getPersona(persona.id)).persona.version).toBe(2);
  });

  test('map: a wizard change after the map was restored elsewhere is refused with the library map; choosing applies on the new base', async () => {
    let out = await mapTurn({});
    out = await mapTurn({ sessionId: out.sessionId, patch: { persona_name: 'Ops Lead', persona_pain_points: 'Chaos', buying_stages: [stage('Awareness')] } });
    expect(out.state.mapVersion).toBe(2);
    out = await mapTurn({ sessionId: out.sessionId, patch: { buying_stages: [stage('Awareness'), stage('Decision')] }, expectedVersion: out.version });
    expect(out.state.mapVersion).toBe(3);
    // A chat-only turn leaves the map's version alone.
    out = await mapTurn({ sessionId: out.sessionId, message: 'hello', expectedVersion: out.version });
    expect(out.state.mapVersion).toBe(3);

    const { versions } = (await (await fetch(`${server.url}/api/buying-processes/${out.sessionId}/versions`)).json()) as { versions: { version: number }[] };
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    // Restored elsewhere (the map's history): version 4 has version 2's one stage.
    const restored = await post(`/api/buying-processes/${out.sessionId}/versions/2/restore`, {});
    expect(restored.status).toBe(201);
    expect(await restored.json()).toMatchObject({ mapVersion: 4, map: { buying_stages: [{ stage_name: 'Awareness' }] } });

    const before = await stateFingerprint(server.db);
    const res = await postFlow('buyingProcess', {
      sessionId: out.sessionId,
      patch: { buying_stages: [stage('Awareness'), stage('Decision'), stage('Retention')] },
      expectedVersion: out.version,
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as ErrorBody<{ version: number; map: { buying_stages: BuyingStage[] } }>;
    expect(body.details).toMatchObject({ kind: 'buyingProcessMap', baseVersion: 3, currentVersion: 4 });
    expect(body.details.current.map.buying_stages.map((s) => s.stage_name)).toEqual(['Awareness']);
    expect(await stateFingerprint(server.db)).toEqual(before);

    out = await mapTurn({ sessionId: out.sessionId, patch: { buying_stages: [stage('Awareness'), stage('Decision'), stage('Retention')] }, libraryVersion: 4 });
    expect(out.state.mapVersion).toBe(5);
    const detail = (await (await fetch(`${server.url}/api/buying-processes/${out.sessionId}`)).json()) as {
      mapVersion: number;
      map: { buying_stages: unknown[] };
    };
    expect(detail.mapVersion).toBe(5);
    expect(detail.map.buying_stages).toHaveLength(3);
    // A stale restore is refused too.
    expect((await post(`/api/buying-processes/${out.sessionId}/versions/1/restore`, { expectedVersion: 4 })).status).toBe(409);
    expect((await post(`/api/buying-processes/${out.sessionId}/versions/99/restore`, {})).status).toBe(404);
  });

  test('persona: "Restore this version" makes a new version with the old content, nothing lost', async () => {
    const { persona } = (await (await post('/api/personas', { data: PERSONA })).json()) as { persona: SavedPersona };
    await post(`/api/personas/${persona.id}`, { data: { ...PERSONA, coreGoal: 'Second goal' }, expectedVersion: 1 }, 'PUT');
    const res = await post(`/api/personas/${persona.id}/versions/1/restore`, { expectedVersion: 2 });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { persona: SavedPersona }).persona).toMatchObject({ version: 3, data: PERSONA });
    const detail = (await getPersona(persona.id)) as unknown as { versions: { version: number; source: string; restoredFrom: number | null; data: Persona }[] };
    expect(detail.versions.map((v) => [v.version, v.source, v.restoredFrom])).toEqual([
      [1, 'edit', null],
      [2, 'edit', null],
      [3, 'restore', 1],
    ]);
    expect(detail.versions[1]!.data.coreGoal).toBe('Second goal');
    const stale = await post(`/api/personas/${persona.id}/versions/2/restore`, { expectedVersion: 2 });
    expect(stale.status).toBe(409);
    expect((await post(`/api/personas/${persona.id}/versions/9/restore`, {})).status).toBe(404);
    expect((await post(`/api/personas/${persona.id}/versions/x/restore`, {})).status).toBe(404);
  });

  test('brief: "Restore this version" makes the next version with the old brief, and the prep session follows it', async () => {
    const c1 = await post('/api/contacts', { data: { name: 'Dana Ruiz', title: 'Head of Operations', linkedinText: 'I struggle with carrier delays.' } });
    const { contact } = (await c1.json()) as { contact: { id: string; version: number } };
    let out = await runFlow<ContactAnalysisOutput>({ url: flow('analyzeContact'), input: { patch: { contactId: contact.id } } });
    const first = out.state.analysis!;
    await post(
      `/api/contacts/${contact.id}`,
      { data: { name: 'Dana Ruiz', title: 'COO', linkedinText: 'Returns are eating our margin.' }, expectedVersion: contact.version },
      'PUT',
    );
    out = await runFlow<ContactAnalysisOutput>({ url: flow('analyzeContact'), input: { sessionId: out.sessionId, action: 'generate' } });
    expect(out.state.analysis!.version).toBe(2);
    const res = await post(`/api/contacts/${contact.id}/analyses/1/restore`, {});
    expect(res.status).toBe(201);
    const { analysis } = (await res.json()) as { analysis: { version: number; restoredFrom: number; brief: unknown } };
    expect(analysis).toMatchObject({ version: 3, restoredFrom: 1, brief: first.brief });
    const history = (await (await fetch(`${server.url}/api/contacts/${contact.id}/analyses`)).json()) as { analyses: { version: number }[] };
    expect(history.analyses.map((a) => a.version)).toEqual([3, 2, 1]);
    const resumed = await runFlow<ContactAnalysisOutput>({ url: flow('analyzeContact'), input: { sessionId: out.sessionId } });
    expect(resumed.state.analysis).toMatchObject({ version: 3, brief: first.brief });
    // The next brief follows on from the restored one.
    out = await runFlow<ContactAnalysisOutput>({ url: flow('analyzeContact'), input: { sessionId: out.sessionId, action: 'generate' } });
    expect(out.state.analysis!.version).toBe(4);
    expect((await post(`/api/contacts/${contact.id}/analyses/9/restore`, {})).status).toBe(404);
  });

  test('turns without expectedVersion apply to the latest version, one after another, and never report a version nobody sent', async () => {
    const start = await wizard({});
    const results = await Promise.all(
      ['Enterprise CMO', 'Chief Marketing Officer', 'Owns brand and demand'].map((message) =>
        postFlow('personaDefinition', { sessionId: start.sessionId, message }),
      ),
    );
    const bodies = (await Promise.all(results.map((r) => r.json()))) as { result?: PersonaDefinitionOutput; message?: string }[];
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(bodies.map((b) => b.result!.version).sort()).toEqual([2, 3, 4]);
    const now = await wizard({ sessionId: start.sessionId });
    expect(now.version).toBe(4);
    expect(now.state.messages.filter((m) => m.role === 'user').map((m) => m.text)).toHaveLength(3);

    // With expectedVersion, a stale turn is still refused, naming the version the client sent.
    const stale = await postFlow('personaDefinition', { sessionId: start.sessionId, message: 'Ops', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { message: string }).message).toMatch(/you had version 1, the latest is 4/);
  });
});
