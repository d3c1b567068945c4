import { runFlow } from 'genkit/beta/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { raw } from './raw.js';
import { stateFingerprint } from './state.js';

// Local mode has no sign-in: a web page must not be able to read or drive the API, neither by
// DNS rebinding (a foreign Host) nor by a cross-site POST (a foreign Origin).

describe.each(drivers)('local mode: Host and Origin checks on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver, { http: { allowedHosts: ['pf.internal.example', '.team.example'] } });
  });
  afterAll(() => server.close());
  const json = { 'content-type': 'application/json' };
  const product = JSON.stringify({ data: { name: 'Shipwise', description: 'Tracking' } });

  test.each([
    ['localhost', 200],
    ['localhost:49152', 200],
    ['127.0.0.1', 200],
    ['[::1]:3000', 200],
    ['LOCALHOST.', 200],
    ['personaflow.test', 200], // the mail PUBLIC_URL's host
    ['pf.internal.example:8443', 200],
    ['a.team.example', 200], // ALLOWED_HOSTS, with a subdomain rule
    ['evil.example', 421],
    ['127.0.0.1.evil.example', 421],
    ['localhost.evil.example', 421],
    ['internal.example', 421],
  ] as const)('Host %s → %i', async (host, status) => {
    const res = await raw(server.url, { path: '/api/products', headers: { host } });
    expect(res.status).toBe(status);
    if (status === 421) {
      expect(res.json()).toMatchObject({ status: 'PERMISSION_DENIED', message: expect.stringMatching(/does not answer to the host name ".+".*ALLOWED_HOSTS/) });
    }
  });

  test('a rebound page gets neither the UI nor the API; /healthz stays open to any Host', async () => {
    expect((await raw(server.url, { path: '/', headers: { host: 'evil.example' } })).status).toBe(421);
    const before = await stateFingerprint(server.db);
    expect((await raw(server.url, { method: 'POST', path: '/api/products', headers: { host: 'evil.example', ...json }, body: product })).status).toBe(421);
    expect(await stateFingerprint(server.db)).toEqual(before);
    expect((await raw(server.url, { path: '/healthz', headers: { host: '10.0.0.7:3000' } })).status).toBe(200);
  });

  test.each([
    ['Origin of another site', { origin: 'https://evil.example' }, 403],
    ['Origin null (sandboxed frame, file://)', { origin: 'null' }, 403],
    ['Origin that only starts like localhost', { origin: 'http://localhost.evil.example' }, 403],
    ['no Origin, Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, 403],
    ['same origin', { origin: 'http://127.0.0.1:3000' }, 201],
    ['another loopback origin (the Vite dev server)', { origin: 'http://localhost:5173' }, 201],
    ['an ALLOWED_HOSTS origin', { origin: 'https://pf.internal.example' }, 201],
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:3000' }, 201],
    ['curl: neither header', {}, 201],
  ] as const)('a POST with %s → %i', async (_what, headers, status) => {
    const before = await stateFingerprint(server.db);
    const res = await fetch(`${server.url}/api/products`, { method: 'POST', headers: { ...json, ...headers }, body: product });
    expect(res.status).toBe(status);
    if (status === 403) {
      expect(await res.json()).toMatchObject({
        status: 'PERMISSION_DENIED',
        message: expect.stringMatching(/^Refused: .*other sites may not change anything here/),
      });
      expect(await stateFingerprint(server.db)).toEqual(before);
    }
  });

  test('PUT and DELETE from another origin are refused too; GET from another origin is only read by the browser', async () => {
    const created = (await (await fetch(`${server.url}/api/products`, { method: 'POST', headers: json, body: product })).json()) as { product: { id: string } };
    const url = `${server.url}/api/products/${created.product.id}`;
    expect((await fetch(url, { method: 'DELETE', headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await fetch(url, { method: 'PUT', headers: { ...json, origin: 'https://evil.example' }, body: product })).status).toBe(403);
    expect((await fetch(url, { headers: { origin: 'https://evil.example' } })).status).toBe(200);
    // No CORS headers: the foreign page cannot read that answer.
    expect((await fetch(url, { headers: { origin: 'https://evil.example' } })).headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(204);
  });

  test('a flow from another origin is refused; the Genkit client (no Origin) works', async () => {
    const url = `${server.url}/api/flows/personaDefinition`;
    const res = await fetch(url, { method: 'POST', headers: { ...json, origin: 'https://evil.example' }, body: JSON.stringify({ data: {} }) });
    expect(res.status).toBe(403);
    const out = await runFlow<{ version: number }>({ url, input: {} });
    expect(out.version).toBe(1);
  });

  test('the one-click unsubscribe POST works from anywhere (its token authorises it)', async () => {
    const res = await fetch(`${server.url}/unsubscribe/unknown-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example', 'sec-fetch-site': 'cross-site' },
      body: 'List-Unsubscribe=One-Click',
    });
    // An unknown token: the page says so; it was not refused for its origin.
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/unsubscribe link is not recognised/);
    // Other routes under /unsubscribe do not share the exemption.
    expect((await fetch(`${server.url}/unsubscribe/a/b`, { method: 'POST', headers: { origin: 'https://evil.example' } })).status).toBe(403);
  });
});
