import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { acceptedDrafts, contactAnalyses, contacts, emailLogs, feedback, leads, personas } from '../../db/schema.js';
import type { ContactBrief } from '../../schemas/contact-analysis.js';
import type { Persona } from '../../schemas/persona.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { localCaller, twoWorkspaces, type TeamClient } from '../helpers/team-client.js';

// POST|GET /api/feedback (issue 18): a person's word on a reply, brief, draft, persona or session;
// one per person per target (a second answer replaces the first); the target must be in the
// caller's workspace; bad input is a 400 with field messages and nothing stored.

type Fields = Array<{ path: string; message: string }>;
type Turn = { sessionId: string; version: number; state: { messages: { id?: string; role: string; text: string }[] } };

/** The records a person can give feedback on, made in one workspace: a wizard session with a reply, a brief, drafts, a persona. */
async function seedTargets(server: TestServer, workspaceId: string, flow: (name: string, data: unknown) => Promise<{ status: number; body: any }>) {
  let out = (await flow('personaDefinition', {})).body.result as Turn;
  out = (await flow('personaDefinition', { sessionId: out.sessionId, message: 'She runs operations at a courier firm', expectedVersion: out.version })).body
    .result as Turn;
  const reply = out.state.messages.findLast((m) => m.role === 'assistant')!;
  const own = out.state.messages.findLast((m) => m.role === 'user')!;
  const db = server.db.handle.db;
  const [persona] = await db
    .insert(personas)
    .values({ workspaceId, version: 1, personName: 'Olivia Ops', data: { personName: 'Olivia Ops' } as Persona })
    .returning();
  const [contact] = await db
    .insert(contacts)
    .values({ workspaceId, name: 'Sam', title: 'COO', company: 'Rapid', email: 'sam@rapid.test', linkedinText: '', websiteText: '', notes: '' })
    .returning();
  const [brief] = await db
    .insert(contactAnalyses)
    .values({ workspaceId, contactId: contact!.id, version: 1, brief: {} as ContactBrief })
    .returning();
  const [lead] = await db
    .insert(leads)
    .values({ workspaceId, name: 'Lee', position: 'CTO', requirement: '', linkedinUrl: '', websiteUrl: '', email: `lee-${randomUUID()}@x.test` })
    .returning();
  const [accepted] = await db.insert(acceptedDrafts).values({ workspaceId, leadId: lead!.id, tone: 'friendly', subject: 'Hi', body: 'Hello Lee' }).returning();
  const [logged] = await db
    .insert(emailLogs)
    .values({
      workspaceId,
      leadId: lead!.id,
      toEmail: 'lee@x.test',
      fromEmail: 'dana@shipwise.test',
      subject: 'Hi',
      body: 'Hello',
      headers: {},
      status: 'outbox',
      unsubscribeToken: randomUUID(),
    })
    .returning();
  return {
    sessionId: out.sessionId,
    replyId: reply.id!,
    ownMessageId: own.id!,
    personaId: persona!.id,
    briefId: brief!.id,
    acceptedDraftId: accepted!.id,
    emailLogId: logged!.id,
  };
}

describe.each(drivers)('feedback over HTTP on %s', (driver) => {
  let server: TestServer;
  let t: Awaited<ReturnType<typeof seedTargets>>;
  beforeAll(async () => {
    server = await startTestServer(driver);
    const call = localCaller(() => server.url);
    t = await seedTargets(server, server.db.workspaceId, (name, data) => call('POST', `/api/flows/${name}`, { data }));
  });
  afterAll(() => server?.close());
  const call = localCaller(() => server.url);

  test('feedback on every kind of target is stored and read back as mine', async () => {
    const targets = [
      { kind: 'message', id: t.replyId },
      { kind: 'brief', id: t.briefId },
      { kind: 'draft', id: t.acceptedDraftId },
      { kind: 'draft', id: t.emailLogId },
      { kind: 'persona', id: t.personaId },
    ];
    for (const target of targets) {
      expect((await call('GET', `/api/feedback?target=${target.kind}:${target.id}`)).body).toEqual({ feedback: null });
      const given = await call('POST', '/api/feedback', { data: { target, helpful: true, needMore: ['examples'] } });
      expect(given.status, JSON.stringify(target)).toBe(201);
      expect(given.body.feedback).toMatchObject({ target, helpful: true, reasons: [], needMore: ['examples'], text: null, rating: null });
      expect((await call('GET', `/api/feedback?target=${target.kind}:${target.id}`)).body.feedback).toEqual(given.body.feedback);
    }
    const session = await call('POST', '/api/feedback', {
      data: { target: { kind: 'session', id: t.sessionId }, rating: 4, goalAchieved: 'partly', stillNeed: '  A call script for the first meeting  ' },
    });
    expect(session.status).toBe(201);
    expect(session.body.feedback).toMatchObject({ helpful: null, rating: 4, goalAchieved: 'partly', stillNeed: 'A call script for the first meeting' });
    // The chat reads all of mine in a session at once: the reply's and the session's.
    const inSession = await call('GET', `/api/feedback?session=${t.sessionId}`);
    expect(inSession.body.feedback.map((f: { target: { kind: string } }) => f.target.kind).sort()).toEqual(['message', 'session']);
  });

  test('one per person per target: a second answer replaces the first (200), the row count stays one', async () => {
    const target = { kind: 'message', id: t.replyId };
    const words = 'It invented a\nfleet size she never gave — “200 vans”.';
    const changed = await call('POST', '/api/feedback', {
      data: { target, helpful: false, reasons: ['invented_facts', 'wrong', 'wrong'], needMore: ['steps', 'script'], text: words },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.feedback).toMatchObject({ helpful: false, reasons: ['invented_facts', 'wrong'], needMore: ['steps', 'script'], text: words });
    expect(changed.body.feedback.updatedAt >= changed.body.feedback.createdAt).toBe(true);
    const again = await call('POST', '/api/feedback', { data: { target, helpful: true } });
    expect(again.status).toBe(200);
    expect(again.body.feedback).toMatchObject({ helpful: true, reasons: [], needMore: [], text: null });
    const rows = await server.db.handle.db.select().from(feedback);
    expect(rows.filter((r) => r.targetId === t.replyId)).toHaveLength(1);
    expect(rows.find((r) => r.targetId === t.replyId)).toMatchObject({ personKey: 'local', userId: null, sessionId: t.sessionId });
  });

  test('bad input is a 400 with field messages, and nothing is stored', async () => {
    const before = await server.db.handle.db.select().from(feedback);
    const message = { kind: 'message', id: t.replyId };
    const cases: Array<[unknown, string]> = [
      [{ data: { target: message } }, 'data.helpful'],
      [{ data: { target: message, helpful: 'yes' } }, 'data.helpful'],
      [{ data: { target: { kind: 'lead', id: t.replyId }, helpful: true } }, 'data.target.kind'],
      [{ data: { target: { kind: 'message', id: 'abc' }, helpful: true } }, 'data.target.id'],
      [{ data: { target: message, helpful: false, reasons: ['rude'] } }, 'data.reasons.0'],
      [{ data: { target: message, helpful: false, needMore: ['video'] } }, 'data.needMore.0'],
      [{ data: { target: message, helpful: true, reasons: ['wrong'] } }, 'data.reasons'],
      [{ data: { target: message, helpful: false, text: 'x'.repeat(2001) } }, 'data.text'],
      [{ data: { target: message, helpful: false, rating: 3 } }, 'data.rating'],
      [{ data: { target: message, helpful: false, person: 'someone else' } }, 'data'],
      [{ data: { target: { kind: 'session', id: t.sessionId } } }, 'data.rating'],
      [{ data: { target: { kind: 'session', id: t.sessionId }, rating: 6 } }, 'data.rating'],
      [{ data: { target: { kind: 'session', id: t.sessionId }, rating: 3, goalAchieved: 'maybe' } }, 'data.goalAchieved'],
      [{ target: message, helpful: true }, 'data'],
    ];
    for (const [body, path] of cases) {
      const res = await call('POST', '/api/feedback', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        (res.body.details.fields as Fields).map((f) => f.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    // Feedback is on what personaflow wrote, not on the person's own message.
    const own = await call('POST', '/api/feedback', { data: { target: { kind: 'message', id: t.ownMessageId }, helpful: false } });
    expect(own.status).toBe(400);
    expect(own.body.message).toMatch(/your own/);
    for (const q of ['', '?target=message', '?target=message:nope', `?target=lead:${t.replyId}`, `?target=message:${t.replyId}&session=${t.sessionId}`]) {
      const res = await call('GET', `/api/feedback${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.details.fields.length).toBeGreaterThan(0);
    }
    expect(await server.db.handle.db.select().from(feedback)).toEqual(before);
  });

  test('a target that does not exist is a 404 naming it', async () => {
    const missing = randomUUID();
    for (const kind of ['message', 'brief', 'draft', 'persona', 'session']) {
      const res = await call('POST', '/api/feedback', { data: { target: { kind, id: missing }, helpful: false, rating: kind === 'session' ? 2 : undefined } });
      expect(res.status, kind).toBe(404);
      expect(res.body.message).toContain(missing);
      expect((await call('GET', `/api/feedback?target=${kind}:${missing}`)).status).toBe(404);
    }
  });

  test("deleting a session takes its replies' and its own feedback with it", async () => {
    const call2 = localCaller(() => server.url);
    const other = await seedTargets(server, server.db.workspaceId, (name, data) => call2('POST', `/api/flows/${name}`, { data }));
    await call('POST', '/api/feedback', { data: { target: { kind: 'message', id: other.replyId }, helpful: false } });
    await call('POST', '/api/feedback', { data: { target: { kind: 'session', id: other.sessionId }, rating: 1 } });
    expect((await call('DELETE', `/api/sessions/${other.sessionId}`)).status).toBeLessThan(300);
    const rows = await server.db.handle.db.select().from(feedback);
    expect(rows.filter((r) => r.targetId === other.replyId || r.targetId === other.sessionId)).toEqual([]);
  });
});

describe.each(drivers)('feedback in team mode on %s', (driver) => {
  let server: TestServer;
  let a: TeamClient;
  let b: TeamClient;
  beforeAll(async () => {
    server = await startTestServer(driver, { team: { openSignup: true } });
    ({ a, b } = await twoWorkspaces(server.url));
  });
  afterAll(() => server?.close());

  test("the person is the signed-in one; another workspace's targets are 404s and its feedback is never seen", async () => {
    const me = await a.call('GET', '/api/me');
    const ta = await seedTargets(server, me.body!.workspace.id, (name, data) => a.flow(name, data));
    const given = await a.call('POST', '/api/feedback', { data: { target: { kind: 'message', id: ta.replyId }, helpful: false, reasons: ['too_vague'] } });
    expect(given.status).toBe(201);
    const [row] = await server.db.handle.db.select().from(feedback);
    expect(row).toMatchObject({ personKey: `user:${me.body!.user.id}`, userId: me.body!.user.id });

    for (const target of [
      { kind: 'message', id: ta.replyId },
      { kind: 'session', id: ta.sessionId },
      { kind: 'persona', id: ta.personaId },
      { kind: 'brief', id: ta.briefId },
      { kind: 'draft', id: ta.acceptedDraftId },
      { kind: 'draft', id: ta.emailLogId },
    ]) {
      const res = await b.call('POST', '/api/feedback', { data: { target, helpful: true, rating: target.kind === 'session' ? 5 : undefined } });
      expect(res.status, JSON.stringify(target)).toBe(404);
      expect((await b.call('GET', `/api/feedback?target=${target.kind}:${target.id}`)).status).toBe(404);
    }
    expect((await b.call('GET', `/api/feedback?session=${ta.sessionId}`)).status).toBe(404);
    expect(await server.db.handle.db.select().from(feedback)).toHaveLength(1);
    expect((await a.call('GET', `/api/feedback?target=message:${ta.replyId}`)).body!.feedback).toMatchObject({ helpful: false, reasons: ['too_vague'] });
  });
});
