import { runFlow, streamFlow } from 'genkit/beta/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BuyingProcessOutput, BuyingStage } from '../../schemas/buying-process.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const stage = (name: string, extra: Partial<BuyingStage> = {}): BuyingStage => ({
  stage_name: name,
  buyer_actions: 'Reads "reviews", compares',
  duration: '2 weeks',
  key_influencers: 'Peers',
  seller_actions: 'Publish guides',
  content_type: 'Blog',
  key_message: '=Not a formula',
  ...extra,
});

describe.each(drivers)('buying process over HTTP on %s', (driver) => {
  let server: TestServer;
  let url: string;
  beforeAll(async () => {
    server = await startTestServer(driver);
    url = `${server.url}/api/flows/buyingProcess`;
  });
  afterAll(() => server.close());
  const turn = (input: unknown) => runFlow<BuyingProcessOutput>({ url, input });
  const json = async <T>(path: string, init?: RequestInit) => (await (await fetch(`${server.url}${path}`, init)).json()) as T;

  test('a map through the genkit client, streamed, listed, exported as Markdown and CSV, and deleted', async () => {
    let out = await turn({});
    const { stream, output } = streamFlow<BuyingProcessOutput, string>({ url, input: { sessionId: out.sessionId, message: 'Scaling Ops Lead' } });
    const chunks: string[] = [];
    for await (const c of stream) chunks.push(c);
    out = await output;
    expect(chunks.join('').trim()).toBe(out.reply);
    out = await turn({
      sessionId: out.sessionId,
      patch: { persona_pain_points: 'Spreadsheets | chaos', buying_stages: [stage('Awareness'), stage('Decision')] },
      expectedVersion: out.version,
    });
    out = await turn({ sessionId: out.sessionId, action: 'summarize' });
    out = await turn({ sessionId: out.sessionId, action: 'finalize' });
    expect(out.state.map.status).toBe('completed');

    const { maps } = await json<{ maps: { id: string; status: string; stageCount: number }[] }>('/api/buying-processes');
    expect(maps.find((m) => m.id === out.sessionId)).toMatchObject({ status: 'completed', stageCount: 2 });
    const detail = await json<{ version: number; map: { buying_stages: unknown[] } }>(`/api/buying-processes/${out.sessionId}`);
    expect(detail).toMatchObject({ version: out.version, map: { buying_stages: [{ stage_name: 'Awareness' }, { stage_name: 'Decision' }] } });

    const md = await fetch(`${server.url}/api/buying-processes/${out.sessionId}/export?format=md`);
    expect(md.headers.get('content-disposition')).toBe('attachment; filename=buying-process-scaling-ops-lead.md');
    const text = await md.text();
    expect(text).toContain('# Buying process: Scaling Ops Lead');
    expect(text).toContain('**Primary pain points:** Spreadsheets | chaos');
    expect(text).toContain('| 2 | Decision | Reads "reviews", compares | 2 weeks | Peers | Publish guides | Blog | =Not a formula |');
    expect(text).toContain('## Summary (AI-generated)');

    const csv = await (await fetch(`${server.url}/api/buying-processes/${out.sessionId}/export?format=csv`)).text();
    expect(csv.split('\r\n')[0]).toBe('"position","stage_name","buyer_actions","duration","key_influencers","seller_actions","content_type","key_message"');
    expect(csv.split('\r\n')[1]).toBe('"1","Awareness","Reads ""reviews"", compares","2 weeks","Peers","Publish guides","Blog","\'=Not a formula"');

    expect((await fetch(`${server.url}/api/buying-processes/${out.sessionId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${server.url}/api/buying-processes/${out.sessionId}`)).status).toBe(404);
    await expect(turn({ sessionId: out.sessionId })).rejects.toThrow(/404/);
  });

  test('duplicate stage names are a 400 naming the row; nothing is written', async () => {
    const out = await turn({});
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { sessionId: out.sessionId, patch: { buying_stages: [stage('Decision'), stage('decision')] } } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { details: { fields: { path: string; message: string }[] } };
    expect(body.details.fields).toEqual([{ path: 'patch.buying_stages.1.stage_name', message: 'Stage names must be unique: "decision" is already stage 1' }]);
    expect((await turn({ sessionId: out.sessionId })).version).toBe(out.version);
  });

  test('stages stay queryable by persona, and survive the persona being deleted as an unlinked map', async () => {
    const personaId = crypto.randomUUID();
    await server.db.queries.personas.save({
      workspaceId: server.db.workspaceId,
      id: personaId,
      source: 'wizard',
      data: { personName: 'CFO', title: 'CFO', role: 'r', coreGoal: 'g', painPoints: ['Slow close'], needForOurProduct: 'n', industry: 'i', companySize: 's' },
    });
    let out = await turn({});
    out = await turn({ sessionId: out.sessionId, patch: { persona_id: personaId, buying_stages: [stage('Awareness', { key_message: 'Close in days' })] } });
    const { stages } = await json<{ stages: { stage_name: string; key_message: string; content_type: string }[] }>(`/api/personas/${personaId}/buying-stages`);
    expect(stages).toMatchObject([{ stage_name: 'Awareness', key_message: 'Close in days', content_type: 'Blog' }]);

    expect((await fetch(`${server.url}/api/personas/${personaId}`, { method: 'DELETE' })).status).toBe(204);
    const detail = await json<{ map: { persona_id: string | null; persona_name: string } }>(`/api/buying-processes/${out.sessionId}`);
    expect(detail.map).toMatchObject({ persona_id: null, persona_name: 'CFO' });
    // The next turn still saves although the state remembers the deleted persona's id.
    out = await turn({ sessionId: out.sessionId, message: 'Reads analyst reports' });
    expect(out.version).toBeGreaterThan(2);
  });

  test('unknown ids are 404s', async () => {
    expect((await fetch(`${server.url}/api/buying-processes/not-an-id`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/buying-processes/${crypto.randomUUID()}/export`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/personas/${crypto.randomUUID()}/buying-stages`)).status).toBe(404);
  });
});
