import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Suppression } from '../../schemas/email.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { localCaller } from '../helpers/team-client.js';

// Where a suppression came from (issue 12): the recipient's own unsubscribe (the link's page or
// one-click) cannot be removed by anyone using the app, with a 409 that says why; an address added
// by hand can be removed as before. The recipient's unsubscribe takes over a hand-added row.

describe.each(drivers)('suppression sources over HTTP on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(() => server.close());

  const call = localCaller(() => server.url);
  const list = async () => (await call('GET', '/api/suppressions')).body!.suppressions as Suppression[];
  const find = async (email: string) => (await list()).find((s) => s.email === email);

  /** An email log row for `email` (as a campaign send leaves one) and its unsubscribe token. */
  async function tokenFor(email: string) {
    const token = randomBytes(18).toString('base64url');
    await server.db.handle.db.execute(
      sql`insert into email_logs (workspace_id, to_email, from_email, subject, body, headers, status, unsubscribe_token)
          values (${server.db.workspaceId}, ${email}, 'dana@shipwise.test', 'Hi', 'Body', '{}'::jsonb, 'outbox', ${token})`,
    );
    return token;
  }
  const oneClick = (token: string) =>
    fetch(`${server.url}/unsubscribe/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });

  test('added by hand: source manual, listed, removable', async () => {
    const added = await call('POST', '/api/suppressions', { email: 'byhand@example.test', reason: 'asked by phone' });
    expect(added).toMatchObject({ status: 201, body: { suppression: { email: 'byhand@example.test', reason: 'asked by phone', source: 'manual' } } });
    expect(await find('byhand@example.test')).toMatchObject({ source: 'manual' });
    expect((await call('DELETE', '/api/suppressions/byhand@example.test')).status).toBe(204);
    expect(await find('byhand@example.test')).toBeUndefined();
  });

  test('a source cannot be chosen over the API: the input is strict', async () => {
    const res = await call('POST', '/api/suppressions', { email: 'sneaky@example.test', source: 'unsubscribe' });
    expect(res.status).toBe(400);
    expect(await find('sneaky@example.test')).toBeUndefined();
  });

  test('unsubscribed by the recipient (one-click): source unsubscribe, DELETE is a 409 that says why, and it stays', async () => {
    const email = 'leaver@example.test';
    expect((await oneClick(await tokenFor(email))).status).toBe(200);
    const row = await find(email);
    expect(row).toMatchObject({ email, reason: 'unsubscribed', source: 'unsubscribe' });
    const day = row!.createdAt.slice(0, 10);

    const refused = await call('DELETE', `/api/suppressions/${email}`);
    expect(refused.status).toBe(409);
    expect(refused.body!.message).toBe(`${email} unsubscribed themselves on ${day}; only they can subscribe again, so the address stays on the list.`);
    expect(refused.body!.details).toMatchObject({ reason: 'unsubscribed_by_recipient', source: 'unsubscribe' });
    expect(await find(email)).toMatchObject({ source: 'unsubscribe' });

    // Adding it by hand now changes nothing: it stays the recipient's own.
    expect((await call('POST', '/api/suppressions', { email })).body!.suppression).toMatchObject({ source: 'unsubscribe', reason: 'unsubscribed' });
    expect((await call('DELETE', `/api/suppressions/${email}`)).status).toBe(409);
  });

  test("the confirm page's button also counts as the recipient's own; it takes over an address added by hand", async () => {
    const email = 'both@example.test';
    expect((await call('POST', '/api/suppressions', { email, reason: 'bounced' })).body!.suppression).toMatchObject({ source: 'manual' });
    const res = await fetch(`${server.url}/unsubscribe/${await tokenFor(email)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(res.status).toBe(200);
    expect(await find(email)).toMatchObject({ source: 'unsubscribe', reason: 'unsubscribed' });
    expect((await list()).filter((s) => s.email === email)).toHaveLength(1);
    expect((await call('DELETE', `/api/suppressions/${email}`)).status).toBe(409);
  });

  test('an address not on the list is still a 404', async () => {
    expect((await call('DELETE', '/api/suppressions/nobody@example.test')).status).toBe(404);
  });
});
