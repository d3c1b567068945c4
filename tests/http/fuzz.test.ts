import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { drivers } from '../helpers/db.js';
import type { LookupFunction } from 'node:net';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { raw } from './raw.js';

// A bounded fuzz of the whole HTTP surface (issue 12 found 239 500s in 10,000 requests): a few
// thousand generated requests, from one fixed seed so a failure can be replayed, against
// 127.0.0.1 only. No 5xx except the documented model 502/503 on flows; and a request refused
// with a 4xx leaves every stored row exactly as it was.

const SEED = Number(process.env.FUZZ_SEED ?? 12);
const FREE_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1500);
const POISONED_REQUESTS = Number(process.env.FUZZ_POISONED ?? 500);

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

const noNameResolves: LookupFunction = (hostname, _options, callback) =>
  (callback as (err: Error) => void)(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));

const FLOWS = [
  'personaDefinition',
  'buyingProcess',
  'generatePersona',
  'findProductFits',
  'analyzeContact',
  'draftEmail',
  'launchCampaign',
  'generateLeadPersona',
];
const ROUTES: Array<[string[], string]> = [
  [['GET', 'POST'], '/api/personas'],
  [['POST'], '/api/personas/import'],
  [['GET', 'PUT', 'DELETE'], '/api/personas/:persona'],
  [['GET', 'POST'], '/api/personas/:persona/product-fits'],
  [['DELETE'], '/api/personas/:persona/product-fits/:product'],
  [['GET'], '/api/personas/:persona/export?format=:word'],
  [['GET'], '/api/personas/:persona/buying-stages'],
  [['GET'], '/api/buying-processes'],
  [['GET', 'DELETE'], '/api/buying-processes/:session'],
  [['GET'], '/api/buying-processes/:session/export?format=:word'],
  [['GET', 'POST'], '/api/company-profiles'],
  [['GET', 'PUT', 'DELETE'], '/api/company-profiles/:company'],
  [['GET', 'POST'], '/api/products'],
  [['GET', 'PUT', 'DELETE'], '/api/products/:product'],
  [['GET', 'POST'], '/api/contacts'],
  [['GET', 'PUT', 'DELETE'], '/api/contacts/:contact'],
  [['GET'], '/api/contacts/:contact/analyses'],
  [['GET'], '/api/contacts/:contact/analysis-session'],
  [['GET'], '/api/sessions?flow=:word'],
  [['GET', 'DELETE'], '/api/sessions/:session'],
  [['GET', 'POST'], '/api/feedback'],
  [['GET'], '/api/feedback?target=:word'],
  [['GET'], '/api/feedback?session=:session'],
  [['GET'], '/api/insights'],
  [['GET'], '/api/sessions/:session/history'],
  [['GET', 'POST'], '/api/leads'],
  [['POST'], '/api/leads/import'],
  [['GET', 'PUT', 'DELETE'], '/api/leads/:lead'],
  [['POST'], '/api/leads/:lead/persona'],
  [['GET', 'POST'], '/api/leads/:lead/research'],
  [['GET', 'POST'], '/api/leads/:lead/drafts'],
  [['GET', 'POST'], '/api/campaigns'],
  [['GET', 'PUT', 'DELETE'], '/api/campaigns/:campaign'],
  [['POST'], '/api/campaigns/:campaign/leads'],
  [['DELETE'], '/api/campaigns/:campaign/leads/:lead'],
  [['GET'], '/api/campaigns/:campaign/preflight?stepId=:word'],
  [['GET'], '/api/campaigns/:campaign/runs'],
  [['GET'], '/api/campaigns/:campaign/runs/:uuid'],
  [['POST'], '/api/campaigns/:campaign/runs/:uuid/retry'],
  [['GET'], '/api/outbox?campaignId=:word'],
  [['GET'], '/api/outbox/:uuid/raw'],
  [['GET', 'POST'], '/api/suppressions'],
  [['DELETE'], '/api/suppressions/:word'],
  [['GET', 'POST'], '/unsubscribe/:word'],
  [['GET', 'POST', 'PUT'], '/api/survey-link'],
  [['GET', 'POST'], '/survey/:word'],
  [['GET'], '/survey/:word/thanks'],
  [['GET'], '/api/usage?days=:word'],
  [['GET'], '/api/memory/prefill/:word'],
  [['GET'], '/api/config'],
  [['GET', 'PUT'], '/api/settings/provider'],
  [['POST'], '/api/settings/provider/test'],
  [['GET'], '/healthz'],
  [['GET'], '/'],
  [['GET'], '/personas/:word'],
  ...FLOWS.map((f): [string[], string] => [['POST', 'GET'], `/api/flows/${f}`]),
];

// Strings that broke something once, or could.
const ODD_STRINGS = [
  '',
  ' ',
  'x',
  'a\u0000b',
  '\ud800',
  '\udc00x',
  '🚚',
  'Zoë',
  '%',
  '%FF',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; drop table leads; --",
  '\u202e',
  'x'.repeat(9000),
  'null',
  '1e308',
  '{{firstName}}',
  'ana@example.com',
  'https://example.com',
];
const ODD_NUMBERS = [0, -1, 1, 2, 1.5, 2147483647, 2147483648, -2147483649, 1e308, Number.MAX_SAFE_INTEGER, 1e-7];
const ODD_PATH_PARTS = [
  '%FF',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%E0%A4%A',
  '%25',
  '..%2F..%2F',
  '%2e%2e',
  '~',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '11111111-1111-4111-8111-111111111111',
  'x'.repeat(300),
  '%F0%9F%9A%9A',
  "';--",
  'null',
];
const KEYS = [
  'data',
  'name',
  'description',
  'email',
  'expectedVersion',
  'sessionId',
  'message',
  'patch',
  'action',
  'enrichment',
  'csv',
  'leadIds',
  'provider',
  'companyId',
  'productId',
  'contactId',
  'leadId',
  'campaignId',
  'subject',
  'body',
  'mode',
  'tone',
  'resume',
  'personName',
  'websiteUrl',
  'steps',
  'sendCapPerMinute',
  'reason',
  '__proto__',
  'constructor',
];

type Ids = Record<string, string[]>;

function value(r: Rng, ids: Ids, depth: number): unknown {
  const k = r.int(depth > 4 ? 6 : 10);
  if (k === 0) return r.pick(ODD_STRINGS);
  if (k === 1) return r.pick(ODD_NUMBERS);
  if (k === 2) return r.pick([true, false, null]);
  if (k === 3) return r.pick(Object.values(ids).flat());
  if (k === 4) return r.pick(['start', 'next', 'back', 'undo', 'finalize', 'confirm', 'generate', 'save', 'hydrate', 'offline', 'gemini', 'formal']);
  if (k === 5) return r.int(100);
  if (k < 8) return Array.from({ length: r.int(4) }, () => value(r, ids, depth + 1));
  return object(r, ids, depth + 1);
}
function object(r: Rng, ids: Ids, depth: number): Record<string, unknown> {
  return Object.fromEntries(Array.from({ length: r.int(5) }, () => [r.pick(KEYS), value(r, ids, depth)]));
}
const nested = (n: number, leaf = '1') => '['.repeat(n) + leaf + ']'.repeat(n);

function randomBody(r: Rng, ids: Ids): string {
  switch (r.int(8)) {
    case 0:
      return JSON.stringify(object(r, ids, 0));
    case 1:
      return JSON.stringify({ data: object(r, ids, 1) });
    case 2:
      return JSON.stringify({ data: object(r, ids, 1), expectedVersion: r.pick(ODD_NUMBERS) });
    case 3:
      return `{"data":{"enrichment":{"a":${nested(r.pick([10, 31, 33, 64, 3000]))}},"name":"n"}}`;
    case 4:
      return r.pick(['{', '[]', '"x"', '1', 'null', '{"data":', '{"data":1e999}', '\u0000', '{"a":"\\u0000"}', '{"a":"\\ud800"}']);
    case 5:
      return JSON.stringify({ data: { sessionId: r.pick(ids.session!), message: r.pick(ODD_STRINGS), expectedVersion: r.pick(ODD_NUMBERS) } });
    case 6:
      return JSON.stringify({ csv: `name,email,website\n${r.pick(ODD_STRINGS)},${r.pick(ODD_STRINGS)},https://example.com\n` });
    default:
      return JSON.stringify({
        data: { name: r.pick(ODD_STRINGS), description: r.pick(ODD_STRINGS), email: r.pick(ODD_STRINGS), websiteUrl: 'https://example.com' },
      });
  }
}

function fillPath(r: Rng, template: string, ids: Ids): string {
  return template.replace(/:([a-z]+)/g, (_m, kind: string) => {
    if (r.chance(0.25)) return r.pick(ODD_PATH_PARTS);
    if (kind === 'word' || kind === 'uuid' || !ids[kind]) return r.pick([...ODD_PATH_PARTS, 'md', 'csv', 'json', '30', 'personaDefinition', 'ana@example.com']);
    return r.pick(ids[kind]!);
  });
}

type Req = { method: string; path: string; headers: Record<string, string>; body?: string };

function randomRequest(r: Rng, ids: Ids): Req {
  const [methods, template] = r.pick(ROUTES);
  const method = r.chance(0.9) ? r.pick(methods) : r.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']);
  let path = r.chance(0.05) ? `/${r.pick(ODD_PATH_PARTS)}/${r.pick(ODD_PATH_PARTS)}` : fillPath(r, template, ids);
  if (r.chance(0.1)) path += `${path.includes('?') ? '&' : '?'}${r.pick(ODD_PATH_PARTS)}=${r.pick(ODD_PATH_PARTS)}`;
  const headers: Record<string, string> = {};
  const hasBody = method !== 'GET' && method !== 'HEAD' && r.chance(0.85);
  if (hasBody)
    headers['content-type'] = r.chance(0.9)
      ? 'application/json'
      : r.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1']);
  if (r.chance(0.05)) headers.accept = 'text/event-stream';
  return { method, path, headers, ...(hasBody ? { body: randomBody(r, ids) } : {}) };
}

/** A request that must be refused, whatever else it carries: one poison among the random parts. */
function poisonedRequest(r: Rng, ids: Ids): Req {
  const base = randomRequest(r, ids);
  const writes = ROUTES.filter(([m]) => m.some((x) => x !== 'GET'));
  const [methods, template] = r.pick(writes);
  const method = r.pick(methods.filter((m) => m !== 'GET'));
  const path = fillPath(r, template, ids).replace(/\?.*$/, '');
  const json = { 'content-type': 'application/json' };
  const body = base.body ?? JSON.stringify({ data: object(r, ids, 1) });
  switch (r.int(8)) {
    case 0:
      return { method, path: `${path}/%FF`, headers: json, body };
    case 1:
      return { method, path: `${path}?x=a%00b`, headers: json, body };
    case 2:
      return { method, path, headers: { ...json, origin: r.pick(['https://evil.example', 'null', 'http://localhost.evil.example']) }, body };
    case 3:
      return { method, path, headers: { ...json, host: r.pick(['evil.example', '127.0.0.1.nip.io', 'attacker.test:3000']) }, body };
    case 4:
      return {
        method,
        path,
        headers: json,
        body: JSON.stringify({
          data: {
            name: 'Dana',
            description: 'ok',
            email: 'dana@example.com',
            websiteUrl: 'https://example.com',
            message: 'x',
            [r.pick(KEYS)]: r.pick(['a\u0000b', '\ud800', '\udfff']),
          },
        }),
      };
    case 5:
      return {
        method,
        path,
        headers: json,
        body: `{"data":{"name":"Dana","description":"ok","websiteUrl":"https://example.com","enrichment":{"a":${nested(40 + r.int(3000))}}}}`,
      };
    case 6:
      return { method, path, headers: { 'content-type': r.pick(['text/plain', 'application/x-www-form-urlencoded']) }, body };
    default:
      return { method, path: path.startsWith('/api/flows/') ? `/api/flows/no${r.int(1e6)}` : path, headers: { ...json, 'sec-fetch-site': 'cross-site' }, body };
  }
}

describe.each(drivers)('fuzz on %s', (driver) => {
  let server: TestServer;
  const ids: Ids = {};
  let fingerprintSql: ReturnType<typeof sql.raw>;
  const fingerprint = async () => {
    const out = (await server.db.handle.db.execute(fingerprintSql)) as unknown as { rows: { t: string; h: string }[] } | { t: string; h: string }[];
    return Object.fromEntries((Array.isArray(out) ? out : out.rows).map((r) => [r.t, r.h]));
  };
  const send = (req: Req) =>
    raw(server.url, req).catch((err: Error) => {
      throw new Error(`${err.message}: ${req.method} ${req.path.slice(0, 120)} ${JSON.stringify(req.headers)} ${(req.body ?? '').slice(0, 160)}`);
    });
  const post = async <T>(path: string, body: unknown) =>
    (await send({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as T;

  beforeAll(async () => {
    // Lead research never leaves the machine here: every name fails to resolve (no DNS query is sent).
    server = await startTestServer(driver, { research: { allowHosts: [], lookup: noNameResolves } });
    const tables = (await server.db.handle.db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) as unknown as
      { rows: { tablename: string }[] } | { tablename: string }[];
    fingerprintSql = sql.raw(
      (Array.isArray(tables) ? tables : tables.rows)
        .map(
          ({ tablename: t }) => `select '${t}' as t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from "${t}" x`,
        )
        .join(' union all '),
    );
    ids.product = [(await post<any>('/api/products', { data: { name: 'Shipwise', description: 'Tracking' } })).product.id];
    ids.company = [(await post<any>('/api/company-profiles', { data: { name: 'Shipwise', whatItDoes: 'Logistics software' } })).companyProfile?.id].filter(
      Boolean,
    );
    ids.contact = [(await post<any>('/api/contacts', { data: { name: 'Dana' } })).contact.id];
    ids.lead = [(await post<any>('/api/leads', { data: { name: 'Ana', email: 'ana@example.com', websiteUrl: 'https://example.com' } })).lead.id];
    ids.campaign = [(await post<any>('/api/campaigns', { data: { name: 'Q1' } })).campaign.id];
    ids.session = [(await post<any>('/api/flows/personaDefinition', { data: {} })).result.sessionId];
    ids.persona = [
      (
        await post<any>('/api/personas', {
          data: {
            personName: 'Ops Lead',
            title: 'Head of Ops',
            role: 'Runs ops',
            coreGoal: 'Scale',
            painPoints: ['Chaos'],
            needForOurProduct: 'Visibility',
            industry: 'Retail',
            companySize: '50-200 employees',
          },
        })
      ).persona?.id,
    ].filter(Boolean);
    for (const [k, v] of Object.entries(ids)) expect(v.length, k).toBe(1);
  }, 60_000);
  afterAll(() => server.close());

  const failures: string[] = [];
  const describeReq = (req: Req, status: number, body: string) =>
    `${req.method} ${req.path.slice(0, 120)} ${JSON.stringify(req.headers)} ${(req.body ?? '').slice(0, 160)} → ${status} ${body.slice(0, 200)}`;

  test(`${FREE_REQUESTS} random requests: no 5xx but a model's 502/503`, async () => {
    const r = rng(SEED);
    const statuses: Record<number, number> = {};
    for (let i = 0; i < FREE_REQUESTS; i++) {
      const req = randomRequest(r, ids);
      const res = await send(req);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const modelFailure = (res.status === 502 || res.status === 503) && req.path.startsWith('/api/flows/');
      if (res.status >= 500 && !modelFailure) failures.push(describeReq(req, res.status, res.body));
    }
    expect(failures).toEqual([]);
    // The generator reaches the routes: successes and refusals both occur.
    expect(Object.keys(statuses).some((s) => Number(s) < 300)).toBe(true);
    expect(statuses[400]).toBeGreaterThan(50);
  }, 60_000);

  test(`${POISONED_REQUESTS} requests that must be refused: each a 4xx, nothing stored, changed or deleted`, async () => {
    // Background work from the first test (lead personas) settles first.
    let before = await fingerprint();
    for (let i = 0; i < 100; i++) {
      await new Promise((res) => setTimeout(res, 100));
      const now = await fingerprint();
      if (JSON.stringify(now) === JSON.stringify(before)) break;
      before = now;
    }
    const r = rng(SEED + 1);
    const problems: string[] = [];
    for (let i = 0; i < POISONED_REQUESTS; i++) {
      const req = poisonedRequest(r, ids);
      const res = await send(req);
      if (res.status < 400 || res.status >= 500) problems.push(describeReq(req, res.status, res.body));
      if (i % 25 === 24 || i === POISONED_REQUESTS - 1) {
        const now = await fingerprint();
        const changed = Object.keys(now).filter((t) => now[t] !== before[t]);
        if (changed.length) problems.push(`after request ${i}: ${changed.join(', ')} changed`);
        before = now;
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
