import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { modelCalls, sessionMessages } from '../../db/schema.js';
import type { Insights } from '../../schemas/insights.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { localCaller, TeamClient, twoWorkspaces } from '../helpers/team-client.js';

// GET /api/insights (issue 18): feedback joined to the prompt version that wrote each reply (its
// turn's last successful model call); the not-helpful replies with their reasons; the need-more
// formats asked for most; unmet needs grouped by similar words; session ratings by version.

type Turn = { sessionId: string; version: number; state: { messages: { id?: string; role: string }[] } };
type Flow = (name: string, data: unknown) => Promise<{ status: number; body: any }>;

/** A persona-wizard session with two replies whose turns' model calls carry `promptVersion`, the first at `at`. */
async function sessionWritten(server: TestServer, workspaceId: string, flow: Flow, promptVersion: string, at: string) {
  let out = (await flow('personaDefinition', {})).body.result as Turn;
  out = (await flow('personaDefinition', { sessionId: out.sessionId, message: 'She runs operations at a courier firm', expectedVersion: out.version })).body
    .result as Turn;
  const db = server.db.handle.db;
  const replies = await db
    .select()
    .from(sessionMessages)
    .where(and(eq(sessionMessages.sessionId, out.sessionId), eq(sessionMessages.role, 'assistant'), isNotNull(sessionMessages.turnId)))
    .orderBy(sessionMessages.position);
  const base = {
    workspaceId,
    flow: 'personaDefinition',
    provider: 'offline',
    model: 'personaflow',
    inputTokens: 10,
    outputTokens: 5,
    tokensEstimated: true,
    latencyMs: 3,
  };
  for (const [i, m] of replies.entries()) {
    const t = new Date(Date.parse(at) + i * 60_000);
    await db.insert(modelCalls).values([
      { ...base, prompt: 'persona/extract', promptVersion: 'eeeeeeeeeeeeeeee', success: true, turnId: m.turnId, createdAt: t },
      { ...base, prompt: 'persona/reply', promptVersion, success: true, turnId: m.turnId, createdAt: new Date(t.getTime() + 1000) },
      // A failed call after the reply (a retry that lost) writes nothing: it is not the writer.
      { ...base, prompt: 'persona/reply', promptVersion: 'ffffffffffffffff', success: false, turnId: m.turnId, createdAt: new Date(t.getTime() + 2000) },
    ]);
  }
  return { sessionId: out.sessionId, replyIds: replies.map((m) => m.id) };
}

describe.each(drivers)('insights over HTTP on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(() => server?.close());
  const call = localCaller(() => server.url);
  const flow: Flow = (name, data) => call('POST', `/api/flows/${name}`, { data });
  const give = async (data: unknown) => expect((await call('POST', '/api/feedback', { data })).status).toBeLessThan(300);

  test('empty before any feedback', async () => {
    expect((await call('GET', '/api/insights')).body).toEqual({ insights: { flows: [], notHelpful: [], needMore: [], unmetNeeds: [], ratingTrend: [] } });
  });

  test('two prompt versions: replies, reasons, need-more, unmet needs and the rating trend each by the version that wrote them', async () => {
    const ws = server.db.workspaceId;
    const a = await sessionWritten(server, ws, flow, 'aaaaaaaaaaaaaaaa', '2026-01-01T10:00:00Z');
    const b = await sessionWritten(server, ws, flow, 'bbbbbbbbbbbbbbbb', '2026-02-01T10:00:00Z');
    const msg = (id: string) => ({ kind: 'message', id });
    await give({
      target: msg(a.replyIds[1]!),
      helpful: false,
      reasons: ['too_vague', 'invented_facts'],
      needMore: ['script'],
      text: 'Need a call script for the first meeting',
    });
    await give({ target: msg(b.replyIds[0]!), helpful: true, needMore: ['examples'] });
    await give({ target: msg(b.replyIds[1]!), helpful: false, reasons: ['wrong'], needMore: ['script'], text: 'Wrong industry entirely' });
    await give({ target: { kind: 'session', id: a.sessionId }, rating: 2, goalAchieved: 'no', stillNeed: 'A call script for the first meeting!' });
    await give({ target: { kind: 'session', id: b.sessionId }, rating: 5, goalAchieved: 'yes' });

    const res = await call('GET', '/api/insights');
    expect(res.status).toBe(200);
    const insights = res.body.insights as Insights;

    expect(insights.flows.map((f) => f.flow)).toEqual(['personaDefinition']);
    const versions = insights.flows[0]!.versions;
    expect(versions).toHaveLength(2);
    expect(versions.find((v) => v.promptVersion === 'aaaaaaaaaaaaaaaa')).toEqual({
      prompt: 'persona/reply',
      promptVersion: 'aaaaaaaaaaaaaaaa',
      replies: { rated: 1, helpful: 0, notHelpful: 1 },
      reasons: { too_vague: 1, invented_facts: 1 },
      needMore: { script: 1 },
    });
    expect(versions.find((v) => v.promptVersion === 'bbbbbbbbbbbbbbbb')).toEqual({
      prompt: 'persona/reply',
      promptVersion: 'bbbbbbbbbbbbbbbb',
      replies: { rated: 2, helpful: 1, notHelpful: 1 },
      reasons: { wrong: 1 },
      needMore: { examples: 1, script: 1 },
    });

    expect(insights.notHelpful.map((r) => [r.messageId, r.promptVersion, r.notHelpful, r.reasons, r.comments])).toEqual(
      expect.arrayContaining([
        [a.replyIds[1], 'aaaaaaaaaaaaaaaa', 1, { too_vague: 1, invented_facts: 1 }, ['Need a call script for the first meeting']],
        [b.replyIds[1], 'bbbbbbbbbbbbbbbb', 1, { wrong: 1 }, ['Wrong industry entirely']],
      ]),
    );
    expect(insights.notHelpful).toHaveLength(2);
    const transcriptReply = (await call('GET', `/api/sessions/${a.sessionId}/messages`)).body.messages.find((m: { id: string }) => m.id === a.replyIds[1]);
    expect(insights.notHelpful.find((r) => r.messageId === a.replyIds[1])!.text).toBe(transcriptReply.text);

    expect(insights.needMore).toEqual([
      { need: 'script', count: 2 },
      { need: 'examples', count: 1 },
    ]);
    expect(insights.unmetNeeds[0]).toEqual({
      words: ['call', 'first', 'meeting', 'script'],
      count: 2,
      texts: [
        { text: 'Need a call script for the first meeting', from: 'feedback' },
        { text: 'A call script for the first meeting!', from: 'session' },
      ],
    });
    expect(insights.unmetNeeds.slice(1)).toEqual([
      { words: ['entirely', 'industry', 'wrong'], count: 1, texts: [{ text: 'Wrong industry entirely', from: 'feedback' }] },
    ]);

    expect(insights.ratingTrend.map((p) => [p.promptVersion, p.sessions, p.averageRating, p.goalAchieved])).toEqual([
      ['aaaaaaaaaaaaaaaa', 1, 2, { no: 1 }],
      ['bbbbbbbbbbbbbbbb', 1, 5, { yes: 1 }],
    ]);
    expect(insights.ratingTrend[0]!.firstAt! < insights.ratingTrend[1]!.firstAt!).toBe(true);

    // A changed answer changes the insight: the version-b reply now helped.
    await give({ target: msg(b.replyIds[1]!), helpful: true });
    const after = (await call('GET', '/api/insights')).body.insights as Insights;
    expect(after.notHelpful.map((r) => r.messageId)).toEqual([a.replyIds[1]]);
    expect(after.flows[0]!.versions.find((v) => v.promptVersion === 'bbbbbbbbbbbbbbbb')!.replies).toEqual({ rated: 2, helpful: 2, notHelpful: 0 });
  });
});

describe.each(drivers)('insights in team mode on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver, { team: { openSignup: true } });
  });
  afterAll(() => server?.close());

  test("owners only; each person's feedback counts once; another workspace's insights never include it", async () => {
    const { a, b } = await twoWorkspaces(server.url);
    const me = (await a.call('GET', '/api/me')).body!;
    const s = await sessionWritten(server, me.workspace.id, (n, d) => a.flow(n, d), 'aaaaaaaaaaaaaaaa', '2026-01-01T10:00:00Z');

    const inv = await a.call('POST', '/api/workspace/invitations', { email: 'sam@a.test' });
    const sam = new TeamClient(server.url);
    await sam.signUp('Sam Member', 'sam@a.test', { invitationId: inv.body!.invitation.id });
    expect((await sam.call('POST', `/api/invitations/${inv.body!.invitation.id}/accept`, {})).status).toBe(200);

    const target = { kind: 'message', id: s.replyIds[0] };
    expect((await a.call('POST', '/api/feedback', { data: { target, helpful: false, reasons: ['confusing'] } })).status).toBe(201);
    // Sam's is his own: it neither replaces Ann's nor is replaced by it.
    expect((await sam.call('POST', '/api/feedback', { data: { target, helpful: false, reasons: ['wrong'] } })).status).toBe(201);
    expect((await sam.call('POST', '/api/feedback', { data: { target, helpful: false, reasons: ['too_vague'] } })).status).toBe(200);
    expect((await a.call('GET', `/api/feedback?target=message:${s.replyIds[0]}`)).body!.feedback.reasons).toEqual(['confusing']);

    const denied = await sam.call('GET', '/api/insights');
    expect(denied.status).toBe(403);
    expect(denied.body!.message).toMatch(/owner/);

    const insights = (await a.call('GET', '/api/insights')).body!.insights as Insights;
    expect(insights.notHelpful).toEqual([expect.objectContaining({ messageId: s.replyIds[0], notHelpful: 2, reasons: { confusing: 1, too_vague: 1 } })]);
    expect((await b.call('GET', '/api/insights')).body!.insights).toEqual({ flows: [], notHelpful: [], needMore: [], unmetNeeds: [], ratingTrend: [] });
  });
});
