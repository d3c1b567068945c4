import { runFlow, streamFlow } from 'genkit/beta/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { TeamClient } from '../helpers/team-client.js';

// Team mode over HTTP: sign-up (the first account owns the first workspace, later ones by
// invitation), sign-in and out, 401s, workspaces and switching, invitations and roles, API tokens
// for REST and flows, and the audit log, on both drivers.

test('sign-in attempts are limited per address: 429 with Retry-After and what to do', async () => {
  const server = await startTestServer('pglite', { team: {}, http: { rateLimits: { flowsPerMinute: 0, importsPerMinute: 0, signInsPerMinute: 3 } } });
  try {
    const c = new TeamClient(server.url);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.signIn('nobody@team.test', 'wrong password here')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await c.signIn('nobody@team.test', 'wrong password here');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body!.message).toMatch(/Too many sign-in attempts from this address: at most 3 a minute\. Wait \d+ s/);
  } finally {
    await server.close();
  }
});

describe.each(drivers)('team mode on %s', (driver) => {
  let server: TestServer;
  let owner: TeamClient;
  beforeAll(async () => {
    server = await startTestServer(driver, { team: {} });
    owner = new TeamClient(server.url);
  });
  afterAll(() => server.close());

  test('signed out, the API answers 401 JSON that says what to do; the invitation page is open', async () => {
    const anon = new TeamClient(server.url);
    for (const [method, path] of [
      ['GET', '/api/personas'],
      ['GET', '/api/me'],
      ['POST', '/api/flows/generatePersona'],
      ['GET', '/api/config'],
      ['DELETE', `/api/leads/00000000-0000-4000-8000-000000000001`],
    ] as const) {
      const res = await anon.call(method, path, method === 'GET' || method === 'DELETE' ? undefined : { data: {} });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body).toMatchObject({ status: 'UNAUTHENTICATED', message: expect.stringMatching(/Sign in first/) });
    }
    expect((await anon.call('GET', '/api/invitations/00000000-0000-4000-8000-000000000001')).status).toBe(404);
  });

  test('the first account owns the first workspace; the next sign-up needs an invitation', async () => {
    const up = await owner.signUp('Dana Owner', 'dana@team.test');
    expect(up.status).toBe(200);
    const me = await owner.call('GET', '/api/me');
    expect(me.body).toMatchObject({ mode: 'team', user: { name: 'Dana Owner', email: 'dana@team.test' }, workspace: { role: 'owner' } });
    expect(me.body!.workspaces).toHaveLength(1);

    const stranger = new TeamClient(server.url);
    const refused = await stranger.signUp('Eve', 'eve@elsewhere.test');
    expect(refused.status).toBe(403);
    expect(refused.body!.message).toMatch(/by invitation/);
    expect((await stranger.call('GET', '/api/me')).status).toBe(401);
  });

  test('sign out ends the session; a wrong password is refused; signing in again works', async () => {
    const c = new TeamClient(server.url);
    expect((await c.signIn('dana@team.test', 'not the password at all')).status).toBe(401);
    expect((await c.signIn('dana@team.test')).status).toBe(200);
    expect((await c.call('GET', '/api/personas')).status).toBe(200);
    expect((await c.signOut()).status).toBe(200);
    expect((await c.call('GET', '/api/personas')).status).toBe(401);
  });

  test('invite → sign up with the link → accept: the invitee works only in that workspace, as a member', async () => {
    const made = await owner.call('POST', '/api/workspaces', { name: 'Northwind sales' });
    expect(made.status).toBe(201);
    const northwind = made.body!.workspace.id as string;
    expect((await owner.call('GET', '/api/me')).body!.workspace).toMatchObject({ id: northwind, name: 'Northwind sales', role: 'owner' });
    const persona = await owner.call('POST', '/api/personas', {
      data: {
        personName: 'Ops Olivia',
        title: 'Head of Ops',
        role: 'Ops',
        coreGoal: 'Fewer delays',
        painPoints: ['Spreadsheets'],
        needForOurProduct: 'Live view',
        industry: 'Retail',
        companySize: '50',
      },
    });
    expect(persona.status).toBe(201);

    const inv = await owner.call('POST', '/api/workspace/invitations', { email: 'Sam@Team.test' });
    expect(inv.status).toBe(201);
    expect(inv.body!.invitation).toMatchObject({
      email: 'sam@team.test',
      role: 'member',
      status: 'pending',
      link: expect.stringMatching(/\/invite\/[0-9a-f-]{36}$/),
    });
    const invitationId = inv.body!.invitation.id as string;
    expect((await owner.call('POST', '/api/workspace/invitations', { email: 'not-an-email' })).status).toBe(400);
    // The same address again, in any case, is refused while the first link is open: one seat, one link.
    const twice = await owner.call('POST', '/api/workspace/invitations', { email: 'SAM@team.test', role: 'owner' });
    expect(twice.status).toBe(409);
    expect(twice.body!.message).toMatch(/sam@team\.test was already invited on \d{4}-\d{2}-\d{2} .*copy that link from the list, or cancel it/);
    expect(twice.body!.details).toEqual({ reason: 'already_invited', invitationId });
    const open = (await owner.call('GET', '/api/workspace/members')).body!.invitations as Array<{ email: string; role: string }>;
    expect(open.filter((i) => i.email === 'sam@team.test')).toEqual([expect.objectContaining({ role: 'member' })]);
    // Two owners inviting one address at the same moment: one invitation, one 409.
    const race = await Promise.all([1, 2].map(() => owner.call('POST', '/api/workspace/invitations', { email: 'lee@team.test' })));
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);

    const sam = new TeamClient(server.url);
    const page = await sam.call('GET', `/api/invitations/${invitationId}`);
    expect(page.body!.invitation).toMatchObject({ workspaceName: 'Northwind sales', inviterName: 'Dana Owner', email: 'sam@team.test', status: 'pending' });
    // The invitation opens sign-up for its own address only.
    expect((await sam.signUp('Sam', 'other@team.test', { invitationId })).status).toBe(403);
    expect((await sam.signUp('Sam Member', 'sam@team.test', { invitationId })).status).toBe(200);
    expect((await sam.call('GET', '/api/me')).body!.workspace).toBeNull();
    expect((await sam.call('GET', '/api/personas')).status).toBe(403);
    const accepted = await sam.call('POST', `/api/invitations/${invitationId}/accept`, {});
    expect(accepted.body!.workspace).toMatchObject({ id: northwind, role: 'member' });
    expect((await sam.call('POST', `/api/invitations/${invitationId}/accept`, {})).status).toBe(409);

    const me = await sam.call('GET', '/api/me');
    expect(me.body!.workspaces).toEqual([{ id: northwind, name: 'Northwind sales', role: 'member' }]);
    expect(((await sam.call('GET', '/api/personas')).body!.personas as Array<{ data: { personName: string } }>).map((p) => p.data.personName)).toEqual([
      'Ops Olivia',
    ]);
    // A member cannot switch into a workspace they do not belong to.
    const first = (await owner.call('GET', '/api/me')).body!.workspaces.find((w: { id: string }) => w.id !== northwind).id;
    expect((await sam.call('PUT', '/api/me/workspace', { workspaceId: first })).status).toBe(404);

    // Owner-only actions are refused to a member, with the reason.
    const denied = await sam.call('POST', '/api/workspace/invitations', { email: 'x@team.test' });
    expect(denied.status).toBe(403);
    expect(denied.body!.message).toMatch(/Only an owner/);
    expect((await sam.call('GET', '/api/workspace/audit')).status).toBe(403);
    // Who the workspace's email comes from is set by an owner; a member sees it.
    const sender = { fromName: 'Dana at Northwind', fromEmail: 'dana@northwind.test' };
    expect((await sam.call('PUT', '/api/settings/sender', { data: sender, expectedVersion: 0 })).status).toBe(403);
    expect((await owner.call('PUT', '/api/settings/sender', { data: sender, expectedVersion: 0 })).status).toBe(200);
    expect((await sam.call('GET', '/api/settings/sender')).body!.sender).toMatchObject({ from: 'Dana at Northwind <dana@northwind.test>', source: 'profile' });

    // Roles: the only owner cannot step down; make Sam an owner, then Dana may.
    const members = (await owner.call('GET', '/api/workspace/members')).body!.members as Array<{ userId: string; email: string }>;
    const danaId = members.find((m) => m.email === 'dana@team.test')!.userId;
    const samId = members.find((m) => m.email === 'sam@team.test')!.userId;
    expect((await owner.call('PUT', `/api/workspace/members/${danaId}`, { role: 'member' })).status).toBe(409);
    expect((await owner.call('PUT', `/api/workspace/members/${samId}`, { role: 'owner' })).body!.member).toMatchObject({ role: 'owner' });
    expect((await sam.call('GET', '/api/workspace/audit')).status).toBe(200);
    expect((await owner.call('PUT', `/api/workspace/members/${samId}`, { role: 'member' })).status).toBe(200);

    // Switching back: the owner's first workspace does not hold Northwind's persona.
    expect((await owner.call('PUT', '/api/me/workspace', { workspaceId: first })).status).toBe(200);
    expect((await owner.call('GET', '/api/personas')).body!.personas).toEqual([]);
    expect((await owner.call('PUT', '/api/me/workspace', { workspaceId: northwind })).status).toBe(200);

    // Removing Sam ends their access to it.
    expect((await owner.call('DELETE', `/api/workspace/members/${samId}`)).status).toBe(204);
    expect((await sam.call('GET', '/api/personas')).status).toBe(403);
  });

  test('API tokens: shown once, stored hashed, work for REST and flows in their workspace, and stop when revoked', async () => {
    const made = await owner.call('POST', '/api/workspace/tokens', { name: 'nightly import' });
    expect(made.status).toBe(201);
    const secret = made.body!.secret as string;
    expect(secret).toMatch(/^pf_[A-Za-z0-9_-]{40,}$/);
    const stored = await server.db.handle.db.execute(`select token_hash, prefix from api_tokens where id = '${made.body!.token.id}'`);
    const row = ((stored as unknown as { rows: Array<{ token_hash: string; prefix: string }> }).rows ?? stored)[0]!;
    expect(row.token_hash).not.toContain(secret.slice(3));
    expect(secret.startsWith(row.prefix)).toBe(true);
    const listed = (await owner.call('GET', '/api/workspace/tokens')).body!.tokens;
    expect(JSON.stringify(listed)).not.toContain(secret);

    const script = new TeamClient(server.url);
    script.token = secret;
    expect((await script.call('GET', '/api/personas')).status).toBe(200);
    const flow = await script.flow('generatePersona', {});
    expect(flow.status).toBe(400);
    expect(flow.body!.error?.message ?? flow.body!.message).toMatch(/Company context required/);
    expect((await script.call('GET', '/api/me')).body).toMatchObject({ via: { token: 'nightly import' }, user: { name: 'Dana Owner' } });
    // The Genkit client, with the token in its headers: a wizard turn and a streamed one.
    const url = `${server.url}/api/flows/personaDefinition`;
    const headers = { Authorization: `Bearer ${secret}` };
    const turn = await runFlow<{ sessionId: string; version: number }>({ url, input: { message: 'Heads of operations at online retailers' }, headers });
    const { stream, output } = streamFlow<{ version: number; reply: string }, string>({
      url,
      input: { sessionId: turn.sessionId, message: 'Retail, 50 to 500 people' },
      headers,
    });
    let streamed = '';
    for await (const chunk of stream) streamed += chunk;
    expect((await output).version).toBe(turn.version + 1);
    expect(streamed).toBe((await output).reply);
    await expect(runFlow({ url, input: { message: 'no token' } })).rejects.toThrow(/Sign in first/);
    expect((await script.call('POST', '/api/workspace/tokens', { name: 'from a token' })).status).toBe(403);

    expect((await owner.call('DELETE', `/api/workspace/tokens/${made.body!.token.id}`)).status).toBe(204);
    const after = await script.call('GET', '/api/personas');
    expect(after.status).toBe(401);
    expect(after.body!.message).toMatch(/not valid/);
    script.token = 'pf_made-up';
    expect((await script.call('GET', '/api/personas')).status).toBe(401);
  });

  test('the audit log says who did what, newest first, visible to owners', async () => {
    const persona = ((await owner.call('GET', '/api/personas')).body!.personas as Array<{ id: string }>)[0]!;
    expect((await owner.call('DELETE', `/api/personas/${persona.id}`)).status).toBe(204);
    expect((await owner.call('POST', '/api/suppressions', { email: 'no@team.test', reason: 'Asked by phone' })).status).toBe(201);
    const events = (await owner.call('GET', '/api/workspace/audit?limit=50')).body!.events as Array<{
      action: string;
      actor: { name: string };
      summary: string;
    }>;
    const actions = events.map((e) => e.action);
    for (const a of [
      'workspace.created',
      'member.invited',
      'member.joined',
      'member.role_changed',
      'member.removed',
      'token.created',
      'token.revoked',
      'persona.deleted',
      'suppression.added',
    ])
      expect(actions, a).toContain(a);
    expect(events.find((e) => e.action === 'member.joined')!.actor.name).toBe('Sam Member');
    expect(events.find((e) => e.action === 'token.revoked')!).toMatchObject({
      actor: { name: 'Dana Owner' },
      summary: expect.stringMatching(/nightly import/),
    });
    expect(events.find((e) => e.action === 'persona.deleted')!).toMatchObject({
      actor: { name: 'Dana Owner' },
      summary: 'Deleted the persona “Ops Olivia” (Head of Ops)',
    });
    expect(events[0]!.action).toBe('suppression.added');
    expect((await owner.call('GET', '/api/workspace/audit?limit=0')).status).toBe(400);
    expect((await owner.call('GET', '/api/workspace/audit?before=yesterday')).status).toBe(400);

    // Paging by the last event's id is exact, even for events recorded at the same instant.
    await server.db.handle.db.execute(`update audit_events set at = '2026-12-01T12:00:00Z'`);
    const all = events.length;
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = (await owner.call('GET', `/api/workspace/audit?limit=3${before ? `&before=${before}` : ''}`)).body!.events as Array<{ id: string }>;
      seen.push(...page.map((e) => e.id));
      if (page.length < 3) break;
      before = page.at(-1)!.id;
    }
    expect(seen).toHaveLength(all);
    expect(new Set(seen).size).toBe(all);
  });
});
