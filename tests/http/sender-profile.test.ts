import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { localCaller } from '../helpers/team-client.js';

// Settings → Sender over HTTP: the server default until a profile is saved, field messages for
// what is wrong, a stale save refused with 409 and nothing changed, and the pre-flight's check.

describe.each(drivers)('the sender profile on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(() => server?.close());

  const call = localCaller(() => server.url);
  const good = {
    fromName: 'Dana Reyes',
    fromEmail: 'dana@routepilot.test',
    replyTo: '',
    signature: 'Dana Reyes\nHead of Growth',
    postalAddress: '12 Harbour St, Leith',
  };

  test('without a profile: the server default, and the pre-flight says to set one', async () => {
    const res = await call('GET', '/api/settings/sender');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ profile: null, sender: { from: 'Dana from Shipwise <dana@shipwise.test>', source: 'server', postalAddress: '' } });
    const campaign = (await call('POST', '/api/campaigns', { data: { name: 'Check', promptContext: { goal: 'Book a demo' } } })).body.campaign;
    const pre = (await call('GET', `/api/campaigns/${campaign.id}/preflight`)).body;
    expect(pre.sender.source).toBe('server');
    expect(pre.sender.warnings.join(' ')).toMatch(/Settings → Sender/);
    expect(pre.sender.warnings.join(' ')).toMatch(/postal address/);
  });

  test('bad input gets field messages and stores nothing', async () => {
    const res = await call('PUT', '/api/settings/sender', {
      data: { fromName: 'Dana\r\nBcc: all@x.test', fromEmail: 'not an address', replyTo: 'also bad', postalAddress: 'line one\nline two' },
      expectedVersion: 0,
    });
    expect(res.status).toBe(400);
    const paths = (res.body.details.fields as Array<{ path: string; message: string }>).map((f) => f.path).sort();
    expect(paths).toEqual(['data.fromEmail', 'data.fromName', 'data.postalAddress', 'data.replyTo']);
    expect(res.body.details.fields.find((f: { path: string }) => f.path === 'data.fromEmail').message).toMatch(/email address/);
    expect((await call('PUT', '/api/settings/sender', { data: good })).status).toBe(400);
    expect((await call('GET', '/api/settings/sender')).body.profile).toBeNull();
  });

  test('first save, then an edit from a stale version is refused (409) and the stored profile stays', async () => {
    const first = await call('PUT', '/api/settings/sender', { data: good, expectedVersion: 0 });
    expect(first.status).toBe(200);
    expect(first.body.profile).toMatchObject({ ...good, version: 1 });
    expect(first.body.sender).toMatchObject({ from: 'Dana Reyes <dana@routepilot.test>', signOff: 'Dana Reyes', source: 'profile' });
    // The end of every email, as it will be sent (no company profile in this workspace: the footer says "us").
    expect(first.body.endOfEmail).toBe(
      'Dana Reyes\nHead of Growth\n\n--\n12 Harbour St, Leith\nIf you would rather not hear from us again, unsubscribe here: <their unsubscribe link>\n',
    );
    // A second "first save" (another tab) does not overwrite it.
    expect((await call('PUT', '/api/settings/sender', { data: { ...good, fromName: 'Other' }, expectedVersion: 0 })).status).toBe(409);
    const second = await call('PUT', '/api/settings/sender', { data: { ...good, replyTo: 'replies@routepilot.test' }, expectedVersion: 1 });
    expect(second.body.profile).toMatchObject({ replyTo: 'replies@routepilot.test', version: 2 });
    const stale = await call('PUT', '/api/settings/sender', { data: { ...good, fromName: 'Stale' }, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/changed elsewhere/);
    expect((await call('GET', '/api/settings/sender')).body.profile).toMatchObject({ fromName: 'Dana Reyes', version: 2 });
    const audit = (await call('GET', '/api/workspace/audit')).body.events as Array<{ action: string; summary: string }>;
    expect(audit.filter((e) => e.action === 'sender.updated')).toHaveLength(2);
  });

  test('with a complete profile the pre-flight shows it and has nothing to warn about', async () => {
    const campaign = (await call('POST', '/api/campaigns', { data: { name: 'Check 2', promptContext: { goal: 'Book a demo' } } })).body.campaign;
    const pre = (await call('GET', `/api/campaigns/${campaign.id}/preflight`)).body;
    expect(pre.sender).toEqual({ from: 'Dana Reyes <dana@routepilot.test>', replyTo: 'replies@routepilot.test', source: 'profile', warnings: [] });
  });
});
