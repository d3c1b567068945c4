import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { promptDir } from '../../genkit.config.js';
import { parseEnv } from '../../env.js';
import { RECENT_MESSAGES } from '../../flows/wizard-engine.js';
import { promptVersions } from '../../models/prompt-versions.js';
import type { Transcript } from '../../schemas/transcript.js';
import { startServices } from '../../server/services.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Every wizard turn is stored as a turn with its messages (issue 18): the transcript shows what
// each turn changed and which prompt version, provider, model and tokens wrote each reply; a turn
// returns only the latest messages, the rest are paged.
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: T[] }).rows ?? [])) as T[];

type Turn = {
  sessionId: string;
  version: number;
  reply: string;
  messageCount: number;
  canUndo: boolean;
  state: { messages: { id?: string; role: string; text: string }[] } & Record<string, unknown>;
};

describe.each(drivers)('session transcripts on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver, { recordUsage: true });
    await server.db.queries.promptVersions.record([...promptVersions(promptDir).values()]);
  });
  afterAll(() => server?.close());

  const post = async (flow: string, data: unknown) => {
    const res = await fetch(`${server.url}/api/flows/${flow}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data }),
    });
    const body = (await res.json()) as { result: Turn };
    expect(res.status).toBe(200);
    return { ...body.result, bytes: Number(res.headers.get('content-length') ?? JSON.stringify(body).length) };
  };
  const get = async <T>(p: string) => {
    const res = await fetch(`${server.url}${p}`);
    return { status: res.status, body: (await res.json()) as T };
  };
  const transcriptOf = async (sessionId: string) => (await get<Transcript>(`/api/sessions/${sessionId}/transcript`)).body;

  test('the persona wizard: each turn with what it did and changed, each reply with the prompt version, provider, model and tokens that wrote it', async () => {
    const said = 'She is the VP of Operations at a 200-person logistics firm.\nShe hates spreadsheets.';
    let out = await post('personaDefinition', {});
    out = await post('personaDefinition', { sessionId: out.sessionId, message: said, expectedVersion: out.version });
    out = await post('personaDefinition', { sessionId: out.sessionId, patch: { personName: 'Olivia Ops' }, expectedVersion: out.version });
    const t = await transcriptOf(out.sessionId);

    expect(t.session).toMatchObject({ id: out.sessionId, flow: 'personaDefinition', version: 3 });
    expect(t.turns.map((turn) => [turn.version, turn.input.kind])).toEqual([
      [1, 'start'],
      [2, 'message'],
      [3, 'form'],
    ]);
    const [start, message, form] = t.turns;
    // The person's words are kept whole, line breaks included.
    expect(message!.messages.map((m) => [m.role, m.position])).toEqual([
      ['user', 1],
      ['assistant', 2],
    ]);
    expect(message!.messages[0]!.text).toBe(said);
    expect(message!.messages[1]!.text).toBe(out.state.messages[2]!.text);
    expect(message!.changes).toEqual(expect.arrayContaining([{ field: 'persona.title', to: expect.stringMatching(/VP of Operations/i) }]));
    expect(form!.input.fields).toEqual(['personName']);
    expect(form!.changes).toEqual(expect.arrayContaining([{ field: 'persona.personName', to: 'Olivia Ops' }]));

    const replyVersion = promptVersions(promptDir).get('persona/reply')!.version;
    for (const m of [start!.messages[0]!, message!.messages[1]!]) {
      expect(m.writtenBy).toMatchObject({ prompt: 'persona/reply', promptVersion: replyVersion, provider: 'offline', model: 'personaflow', success: true });
      expect(m.writtenBy!.inputTokens).toBeGreaterThan(0);
      expect(m.writtenBy!.outputTokens).toBeGreaterThan(0);
    }
    expect(message!.messages[0]!.writtenBy).toBeNull();
    expect(message!.calls.map((c) => c.prompt)).toEqual(['persona/extract', 'persona/reply']);
    expect(message!.calls[0]!.promptVersion).toBe(promptVersions(promptDir).get('persona/extract')!.version);

    // The messages in the turn's state carry the ids the transcript has (feedback names them so).
    expect(out.state.messages.map((m) => m.id)).toEqual([start!, message!, form!].flatMap((turn) => turn.messages.map((m) => m.id)));

    // The exact template behind the version.
    const template = await get<{ template: string }>(`/api/prompt-versions?prompt=persona/reply&version=${replyVersion}`);
    expect(template.status).toBe(200);
    expect(template.body.template).toContain('[task:persona/reply]');
    expect((await get(`/api/prompt-versions?prompt=persona/reply&version=0000000000000000`)).status).toBe(404);
    expect((await get(`/api/prompt-versions?prompt=persona/reply&version=nope`)).status).toBe(400);
  });

  test('an undo takes its messages out of the conversation and keeps them, marked, in the transcript', async () => {
    let out = await post('personaDefinition', {});
    out = await post('personaDefinition', { sessionId: out.sessionId, message: 'Head of Finance', expectedVersion: out.version });
    out = await post('personaDefinition', { sessionId: out.sessionId, message: 'Runs a team of 12 accountants', expectedVersion: out.version });
    out = await post('personaDefinition', { sessionId: out.sessionId, action: 'undo', expectedVersion: out.version });
    expect(out.messageCount).toBe(3);
    expect(out.state.messages.map((m) => m.text)).not.toContain('Runs a team of 12 accountants');

    const page = await get<{ messages: { text: string; position: number }[]; hasEarlier: boolean }>(`/api/sessions/${out.sessionId}/messages`);
    expect(page.body.messages.map((m) => m.position)).toEqual([0, 1, 2]);
    expect(page.body.hasEarlier).toBe(false);

    const t = await transcriptOf(out.sessionId);
    const undone = t.turns.flatMap((turn) => turn.messages).filter((m) => m.undoneInVersion !== null);
    expect(undone.map((m) => [m.role, m.undoneInVersion])).toEqual([
      ['user', 4],
      ['assistant', 4],
    ]);
    expect(t.turns.at(-1)).toMatchObject({ version: 4, input: { kind: 'action', action: 'undo' }, messages: [] });

    // The next message takes the undone ones' place in the conversation.
    out = await post('personaDefinition', { sessionId: out.sessionId, message: 'Reports to the CFO', expectedVersion: out.version });
    const after = await get<{ messages: { text: string; position: number }[] }>(`/api/sessions/${out.sessionId}/messages`);
    expect(after.body.messages.map((m) => m.position)).toEqual([0, 1, 2, 3, 4]);
    expect(after.body.messages[3]!.text).toBe('Reports to the CFO');
  });

  test("a long session: a turn's response stays the same size, the state keeps the latest messages, the rest is paged", async () => {
    let out = await post('personaDefinition', {});
    const sizes: number[] = [];
    for (let i = 1; i <= 30; i++) {
      out = await post('personaDefinition', { sessionId: out.sessionId, message: `Note number ${i} about the buyer`, expectedVersion: out.version });
      sizes.push(out.bytes);
    }
    expect(out.messageCount).toBe(61);
    expect(out.state.messages).toHaveLength(RECENT_MESSAGES);
    expect(out.state.messages.at(-2)!.text).toBe('Note number 30 about the buyer');
    // From the turn the window fills, the response no longer grows with the conversation.
    const full = sizes.slice(RECENT_MESSAGES / 2 + 1);
    expect(Math.max(...full) - Math.min(...full)).toBeLessThan(300);

    const pages: string[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await get<{ messages: { text: string; position: number }[]; hasEarlier: boolean }>(
        `/api/sessions/${out.sessionId}/messages?limit=25${before !== undefined ? `&before=${before}` : ''}`,
      );
      pages.unshift(...page.body.messages.map((m) => m.text));
      if (!page.body.hasEarlier) break;
      before = page.body.messages[0]!.position;
    }
    expect(pages).toHaveLength(61);
    expect(pages.filter((_, i) => i % 2 === 1)).toEqual(Array.from({ length: 30 }, (_, i) => `Note number ${i + 1} about the buyer`));
    expect((await get(`/api/sessions/${out.sessionId}/messages?limit=500`)).status).toBe(400);
    expect((await get(`/api/sessions/${out.sessionId}/messages?before=x`)).status).toBe(400);
  });

  test('the buying-process map and meeting prep: their turns, changes and replies with provenance', async () => {
    let map = await post('buyingProcess', {});
    map = await post('buyingProcess', { sessionId: map.sessionId, message: 'Scaling Ops Lead', expectedVersion: map.version });
    const mapTurns = (await transcriptOf(map.sessionId)).turns;
    expect(mapTurns[1]!.changes.map((c) => c.field)).toContain('map.persona_name');
    expect(mapTurns[1]!.messages[1]!.writtenBy).toMatchObject({
      prompt: 'buying-process/reply',
      promptVersion: promptVersions(promptDir).get('buying-process/reply')!.version,
    });

    const contact = await server.db.queries.contacts.create({
      workspaceId: server.db.workspaceId,
      input: { name: 'Priya Shah', title: 'COO', company: 'Acme', email: '', linkedinText: '', websiteText: '', enrichment: null, notes: '' },
    });
    let prep = await post('analyzeContact', { patch: { contactId: contact.id } });
    prep = await post('analyzeContact', { sessionId: prep.sessionId, action: 'generate', expectedVersion: prep.version });
    prep = await post('analyzeContact', { sessionId: prep.sessionId, message: 'What should I ask first?', expectedVersion: prep.version });
    const prepTurns = (await transcriptOf(prep.sessionId)).turns;
    expect(prepTurns.map((t) => t.input)).toEqual([{ kind: 'form', fields: ['contactId'] }, { kind: 'action', action: 'generate' }, { kind: 'message' }]);
    expect(prepTurns[0]!.changes).toEqual(expect.arrayContaining([{ field: 'contactId', from: null, to: contact.id }]));
    expect(prepTurns[1]!.calls.map((c) => c.prompt)).toContain('contact/brief');
    expect(prepTurns[2]!.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(prepTurns[2]!.messages[1]!.writtenBy).toMatchObject({ prompt: 'contact/chat', provider: 'offline' });
  });

  test('Markdown export: every message whole, what wrote it, what changed; deleting the session deletes all of it', async () => {
    const said = 'Our buyer is a *Head of Ops*\n\n- hates spreadsheets\n- owns the budget';
    let out = await post('personaDefinition', {});
    out = await post('personaDefinition', { sessionId: out.sessionId, message: said, expectedVersion: out.version });
    const res = await fetch(`${server.url}/api/sessions/${out.sessionId}/transcript?format=md`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(res.headers.get('content-disposition')).toContain(`transcript-${out.sessionId}.md`);
    const md = await res.text();
    expect(md).toContain(
      said
        .split('\n')
        .map((l) => (l ? `> ${l}` : '>'))
        .join('\n'),
    );
    expect(md).toContain(`_Written by persona/reply version ${promptVersions(promptDir).get('persona/reply')!.version} · offline/personaflow`);
    expect(md).toMatch(/## Version 2 · .* · message/);
    expect(md).toContain('- persona.title: (empty) → "');
    expect((await get(`/api/sessions/${out.sessionId}/transcript?format=pdf`)).status).toBe(400);

    const count = async (table: string) =>
      rowsOf<{ n: number }>(await server.db.handle.db.execute(sql.raw(`select count(*)::int as n from ${table} where session_id = '${out.sessionId}'`)))[0]!.n;
    expect(await count('session_messages')).toBe(3);
    const turnIds = (await transcriptOf(out.sessionId)).turns.map((t) => t.id);
    expect((await fetch(`${server.url}/api/sessions/${out.sessionId}`, { method: 'DELETE' })).status).toBe(204);
    expect(await count('session_messages')).toBe(0);
    expect(await count('session_turns')).toBe(0);
    expect((await get(`/api/sessions/${out.sessionId}/transcript`)).status).toBe(404);
    expect((await get(`/api/sessions/${out.sessionId}/messages`)).status).toBe(404);
    // The usage stays (it holds no text); its link to the deleted turns does not.
    const linked = rowsOf<{ n: number }>(
      await server.db.handle.db.execute(sql.raw(`select count(*)::int as n from model_calls where turn_id in (${turnIds.map((id) => `'${id}'`).join(',')})`)),
    )[0]!.n;
    expect(linked).toBe(0);
  });

  test("another workspace's session is not found", async () => {
    const other = { id: await server.db.queries.workspaces.create({ slug: `other-${driver}`, name: 'Other' }) };
    const out = await post('personaDefinition', {});
    await expect(server.db.queries.transcripts.transcript({ workspaceId: other.id, sessionId: out.sessionId })).rejects.toMatchObject({ code: 'not_found' });
    await expect(server.db.queries.transcripts.messages({ workspaceId: other.id, sessionId: out.sessionId, limit: 10 })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

test('the server records every prompt version at startup, once', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-prompts-'));
  chmodSync(dir, 0o755);
  try {
    const env = parseEnv({ DATA_DIR: path.join(dir, 'data'), EMBEDDED_DB: 'pglite' });
    for (let start = 0; start < 2; start++) {
      const services = await startServices(env);
      const rows = rowsOf<{ prompt: string; version: string }>(
        await services.handle.db.execute(sql`select prompt, version from prompt_versions order by prompt`),
      );
      expect(rows).toEqual(
        [...promptVersions(promptDir).values()].map(({ prompt, version }) => ({ prompt, version })).sort((a, b) => a.prompt.localeCompare(b.prompt)),
      );
      await services.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
