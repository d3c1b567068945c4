import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('security headers', () => {
  let server: TestServer;
  let https: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
    https = await startTestServer('pglite', { http: { publicUrl: 'https://pf.example.com' } });
  });
  afterAll(async () => {
    await server.close();
    await https.close();
  });

  test.each(['/healthz', '/api/products', '/api/nope', '/api/products/%FF', '/unsubscribe/nope'])('on %s', async (path) => {
    const res = await fetch(`${server.url}${path}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // Plain http: no HSTS, and nothing upgraded.
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  test("the app's pages allow no inline script or style; the unsubscribe page only its inline style", async () => {
    const app = (await fetch(`${server.url}/api/products`)).headers.get('content-security-policy')!;
    expect(app).toMatch(/script-src 'self'(;|$)/);
    expect(app).toMatch(/style-src 'self'(;|$)/);
    const unsub = (await fetch(`${server.url}/unsubscribe/nope`)).headers.get('content-security-policy')!;
    expect(unsub).toMatch(/script-src 'none'/);
    expect(unsub).toMatch(/style-src 'unsafe-inline'/);
    expect(unsub).toContain("frame-ancestors 'none'");
  });

  test('HSTS (and upgrade-insecure-requests) only when PUBLIC_URL is https', async () => {
    const res = await fetch(`${https.url}/healthz`);
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });
});

describe('rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite', { http: { rateLimits: { flowsPerMinute: 3, importsPerMinute: 2, signInsPerMinute: 0 } } });
  });
  afterAll(() => server.close());
  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('flows: the 4th call in a minute is a 429 with Retry-After and a sentence to act on', async () => {
    for (let i = 0; i < 3; i++) expect((await post('/api/flows/personaDefinition', { data: {} })).status).toBe(200);
    const res = await post('/api/flows/personaDefinition', { data: {} });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await res.json()) as { status: string; message: string };
    expect(body.status).toBe('RESOURCE_EXHAUSTED');
    expect(body.message).toMatch(
      new RegExp(`^Too many flow calls from this address: at most 3 a minute\\. Wait ${retryAfter} s and try again .*RATE_LIMIT_FLOWS_PER_MINUTE`),
    );
    // Another flow shares the budget; REST routes do not.
    expect((await post('/api/flows/generatePersona', { data: {} })).status).toBe(429);
    expect((await fetch(`${server.url}/api/products`)).status).toBe(200);
  });

  test('imports have their own limit', async () => {
    const csv = 'name,email,website\nAna,ana@example.com,https://example.com\n';
    expect((await post('/api/leads/import', { csv })).status).toBe(200);
    expect((await post('/api/personas/import', { name: 'Old' })).status).toBeLessThan(429);
    const res = await post('/api/leads/import', { csv });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await res.json()) as { message: string }).message).toMatch(/^Too many imports .*RATE_LIMIT_IMPORTS_PER_MINUTE/);
  });
});
