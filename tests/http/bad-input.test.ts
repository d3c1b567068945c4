import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_JSON_DEPTH } from '../../server/http/input-guards.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { stateFingerprint } from './state.js';

// Each of these was a 500 (issue 12, found by fuzzing). Now: a 4xx that names what to fix, and
// nothing stored.

type Case = {
  name: string;
  method: string;
  path: string | ((ids: Ids) => string);
  body?: string | ((ids: Ids) => string);
  headers?: Record<string, string>;
  status: number;
  message: RegExp;
  field?: string;
  allow?: string;
};
type Ids = { product: string; contact: string; lead: string; campaign: string; persona: string; session: string };

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const json = (v: unknown) => JSON.stringify(v);
const product = { name: 'Shipwise Live', description: 'Live shipment tracking' };

const cases: Case[] = [
  { name: 'malformed percent-encoding in the path', method: 'GET', path: '/api/products/%FF', status: 400, message: /malformed percent-encoding.*%25/ },
  { name: 'malformed percent-encoding in a UI path', method: 'GET', path: '/leads/%E0%A4%A', status: 400, message: /malformed percent-encoding/ },
  {
    name: 'malformed percent-encoding in the query',
    method: 'GET',
    path: '/api/usage?days=%FF',
    status: 400,
    message: /query parameter days has malformed/,
    field: 'query.days',
  },
  { name: 'an encoded lone surrogate in the path', method: 'GET', path: '/api/products/%ED%A0%80', status: 400, message: /malformed percent-encoding/ },
  { name: 'a NUL in the path', method: 'GET', path: '/api/products/a%00b', status: 400, message: /NUL character/ },
  {
    name: 'a NUL in a query parameter',
    method: 'GET',
    path: '/api/sessions?flow=a%00b',
    status: 400,
    message: /query parameter flow contains a NUL/,
    field: 'query.flow',
  },
  {
    name: 'a NUL in a JSON text field',
    method: 'POST',
    path: '/api/products',
    body: json({ data: { ...product, name: 'a\u0000b' } }),
    status: 400,
    message: /^data\.name contains a NUL/,
    field: 'data.name',
  },
  {
    name: 'a NUL in a flow message',
    method: 'POST',
    path: '/api/flows/personaDefinition',
    body: json({ data: { message: 'CMO\u0000' } }),
    status: 400,
    message: /data\.message contains a NUL/,
    field: 'data.message',
  },
  {
    name: 'a NUL in a JSON field name',
    method: 'POST',
    path: '/api/contacts',
    body: json({ data: { name: 'Dana', enrichment: { 'a\u0000': 1 } } }),
    status: 400,
    message: /field name in data\.enrichment contains a NUL/,
  },
  {
    name: 'a NUL deep in stored JSON',
    method: 'POST',
    path: '/api/contacts',
    body: json({ data: { name: 'Dana', enrichment: { org: { tags: ['ok', 'x\u0000'] } } } }),
    status: 400,
    message: /data\.enrichment\.org\.tags\.1 contains a NUL/,
    field: 'data.enrichment.org.tags.1',
  },
  {
    name: 'a lone surrogate in a text field',
    method: 'POST',
    path: '/api/products',
    body: json({ data: { ...product, description: 'ok \ud800 no' } }),
    status: 400,
    message: /data\.description contains a lone UTF-16 surrogate/,
    field: 'data.description',
  },
  {
    name: 'a lone low surrogate in a JSON-stored field',
    method: 'POST',
    path: '/api/contacts',
    body: json({ data: { name: 'Dana', enrichment: { bio: '\udc00' } } }),
    status: 400,
    message: /lone UTF-16 surrogate/,
    field: 'data.enrichment.bio',
  },
  {
    name: 'a lone surrogate in a flow patch',
    method: 'POST',
    path: '/api/flows/personaDefinition',
    body: json({ data: { patch: { industry: '\ud83d' } } }),
    status: 400,
    message: /lone UTF-16 surrogate/,
    field: 'data.patch.industry',
  },
  {
    name: 'expectedVersion 2147483648 on a flow',
    method: 'POST',
    path: '/api/flows/personaDefinition',
    body: (ids) => json({ data: { sessionId: ids.session, message: 'x', expectedVersion: 2147483648 } }),
    status: 400,
    message: /expectedVersion must be at most 2147483647/,
    field: 'expectedVersion',
  },
  {
    name: 'expectedVersion 1e308 on a flow',
    method: 'POST',
    path: '/api/flows/personaDefinition',
    body: (ids) => `{"data":{"sessionId":"${ids.session}","expectedVersion":1e308}}`,
    status: 400,
    message: /expectedVersion must be at most/,
    field: 'expectedVersion',
  },
  {
    name: 'expectedVersion 2147483648 on a product PUT',
    method: 'PUT',
    path: (ids) => `/api/products/${ids.product}`,
    body: json({ data: product, expectedVersion: 2147483648 }),
    status: 400,
    message: /expectedVersion must be at most/,
    field: 'expectedVersion',
  },
  {
    name: 'expectedVersion 1e308 on a contact PUT',
    method: 'PUT',
    path: (ids) => `/api/contacts/${ids.contact}`,
    body: '{"data":{"name":"Dana"},"expectedVersion":1e308}',
    status: 400,
    message: /expectedVersion must be at most/,
    field: 'expectedVersion',
  },
  {
    name: 'expectedVersion 2147483648 on a lead PUT',
    method: 'PUT',
    path: (ids) => `/api/leads/${ids.lead}`,
    body: json({ data: { name: 'Ana', email: 'ana@example.com', websiteUrl: 'https://example.com' }, expectedVersion: 2147483648 }),
    status: 400,
    message: /expectedVersion must be at most/,
    field: 'expectedVersion',
  },
  {
    name: 'expectedVersion 1e308 on a campaign PUT',
    method: 'PUT',
    path: (ids) => `/api/campaigns/${ids.campaign}`,
    body: '{"data":{"name":"Q1"},"expectedVersion":1e308}',
    status: 400,
    message: /expectedVersion must be at most/,
    field: 'expectedVersion',
  },
  {
    name: 'expectedVersion 2147483648 on a persona PUT',
    method: 'PUT',
    path: (ids) => `/api/personas/${ids.persona}`,
    body: json({ data: {}, expectedVersion: 2147483648 }),
    status: 400,
    message: /expectedVersion must be at most/,
    field: 'expectedVersion',
  },
  {
    name: 'a contact enrichment nested 5,000 deep',
    method: 'POST',
    path: '/api/contacts',
    body: `{"data":{"name":"Dana","enrichment":{"a":${deep(5000)}}}}`,
    status: 400,
    message: new RegExp(`nested too deeply: at most ${MAX_JSON_DEPTH} levels`),
  },
  {
    name: 'a generatePersona enrichment nested 5,000 deep',
    method: 'POST',
    path: '/api/flows/generatePersona',
    body: `{"data":{"enrichment":{"a":${deep(5000)}}}}`,
    status: 400,
    message: new RegExp(`at most ${MAX_JSON_DEPTH} levels`),
  },
  { name: 'a body nested 40,000 deep', method: 'POST', path: '/api/products', body: deep(40_000), status: 400, message: /nested too deeply/ },
  {
    name: 'a text/plain body on a flow',
    method: 'POST',
    path: '/api/flows/personaDefinition',
    body: json({ data: {} }),
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    status: 415,
    message: /send JSON with Content-Type: application\/json/,
  },
  {
    name: 'a form-encoded body on a REST route',
    method: 'POST',
    path: '/api/products',
    body: 'name=x&description=y',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    message: /send JSON with Content-Type: application\/json/,
  },
  {
    name: 'a body without a Content-Type',
    method: 'PUT',
    path: (ids) => `/api/products/${ids.product}`,
    body: json({ data: product, expectedVersion: 1 }),
    headers: { 'content-type': '' },
    status: 415,
    message: /no Content-Type.*send JSON/,
  },
  { name: 'GET on a flow', method: 'GET', path: '/api/flows/personaDefinition', status: 405, message: /POST \/api\/flows\/personaDefinition/, allow: 'POST' },
  { name: 'DELETE on a flow', method: 'DELETE', path: '/api/flows/draftEmail', status: 405, message: /POST \/api\/flows\/draftEmail/, allow: 'POST' },
  {
    name: 'an unknown flow',
    method: 'POST',
    path: '/api/flows/nope',
    body: json({ data: {} }),
    status: 404,
    message: /no flow at \/api\/flows\/nope.*\/api\/flows\/personaDefinition/,
  },
  { name: 'an unknown flow, by GET', method: 'GET', path: '/api/flows/nope/deeper', status: 404, message: /no flow at \/api\/flows\/nope\/deeper/ },
];

describe.each(drivers)('bad input is a 4xx naming what to fix, on %s', (driver) => {
  let server: TestServer;
  let ids: Ids;
  const call = (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const h: Record<string, string> = { 'content-type': 'application/json', ...headers };
    if (h['content-type'] === '') delete h['content-type'];
    // A Blob body carries no Content-Type of its own, so an absent header stays absent.
    return fetch(`${server.url}${path}`, { method, headers: h, body: body === undefined ? undefined : new Blob([body]) });
  };
  const created = async <T>(method: string, path: string, body: unknown): Promise<T> => {
    const res = await call(method, path, JSON.stringify(body));
    expect(res.status, path).toBeLessThan(300);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    server = await startTestServer(driver);
    const p = await created<{ product: { id: string } }>('POST', '/api/products', { data: product });
    const c = await created<{ contact: { id: string } }>('POST', '/api/contacts', { data: { name: 'Dana' } });
    const l = await created<{ lead: { id: string } }>('POST', '/api/leads', {
      data: { name: 'Ana', email: 'ana@example.com', websiteUrl: 'https://example.com' },
    });
    const k = await created<{ campaign: { id: string } }>('POST', '/api/campaigns', { data: { name: 'Q1' } });
    const s = await created<{ result: { sessionId: string } }>('POST', '/api/flows/personaDefinition', { data: {} });
    const fin = await created<{ result: { state: { savedPersonaId: string } } }>('POST', '/api/flows/personaDefinition', {
      data: {
        sessionId: s.result.sessionId,
        patch: {
          personName: 'Scaling Ops Lead',
          title: 'Head of Operations',
          role: 'Keeps fulfilment running',
          coreGoal: 'Scale without chaos',
          painPoints: ['Spreadsheets everywhere'],
          needForOurProduct: 'One dashboard',
          industry: 'E-commerce',
          companySize: '50-200 employees',
        },
        action: 'finalize',
      },
    });
    const session = await created<{ result: { sessionId: string } }>('POST', '/api/flows/personaDefinition', { data: {} });
    ids = {
      product: p.product.id,
      contact: c.contact.id,
      lead: l.lead.id,
      campaign: k.campaign.id,
      persona: fin.result.state.savedPersonaId,
      session: session.result.sessionId,
    };
    expect(ids.persona).toMatch(/^[0-9a-f-]{36}$/);
    // The lead's persona job runs in the background: let it finish so the state stands still.
    for (let i = 0; i < 100; i++) {
      const lead = (await (await call('GET', `/api/leads/${ids.lead}`)).json()) as { lead: { personaStatus?: string } };
      if (lead.lead.personaStatus !== 'pending') break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(() => server.close());

  test.each(cases)('$name → $status', async (c) => {
    const before = await stateFingerprint(server.db);
    const path = typeof c.path === 'function' ? c.path(ids) : c.path;
    const body = typeof c.body === 'function' ? c.body(ids) : c.body;
    const res = await call(c.method, path, body, c.headers);
    expect(res.status).toBe(c.status);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const out = (await res.json()) as { status: string; message: string; details?: { fields?: { path: string; message: string }[] } };
    expect(out.message).toMatch(c.message);
    expect(typeof out.status).toBe('string');
    if (c.field) expect(out.details?.fields?.map((f) => f.path.replace(/^data\./, c.field!.startsWith('data.') ? 'data.' : ''))).toContain(c.field);
    if (c.allow) expect(res.headers.get('allow')).toBe(c.allow);
    expect(await stateFingerprint(server.db)).toEqual(before);
  });

  test('the unsubscribe POST still takes a form body (mail clients send one)', async () => {
    const res = await call('POST', '/unsubscribe/not-a-token', 'List-Unsubscribe=One-Click', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/html/);
  });

  test('a POST with no body and no Content-Type still works (retry, regenerate, connection test)', async () => {
    const res = await fetch(`${server.url}/api/leads/${ids.lead}/persona`, { method: 'POST' });
    expect(res.status).toBe(202);
  });

  test('JSON nested to the limit is accepted', async () => {
    // The body is level 1, data 2, enrichment 3: MAX_JSON_DEPTH - 3 more levels fit.
    const inner = MAX_JSON_DEPTH - 3;
    const res = await call('POST', '/api/contacts', `{"data":{"name":"Deep","enrichment":{"a":${deep(inner)}}}}`);
    expect(res.status).toBe(201);
    const over = await call('POST', '/api/contacts', `{"data":{"name":"Deep","enrichment":{"a":${deep(inner + 1)}}}}`);
    expect(over.status).toBe(400);
  });

  test('emoji and other well-formed characters are stored as sent', async () => {
    const res = await call('POST', '/api/products', JSON.stringify({ data: { name: 'Ship 🚚 wise', description: 'Zoë’s ✓ 中文' } }));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { product: { name: string } }).product.name).toBe('Ship 🚚 wise');
  });
});
