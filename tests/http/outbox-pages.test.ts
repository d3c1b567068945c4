import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emailLogs } from '../../db/schema.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// The outbox pages on the server (issue 15): every email is reachable however many there are
// (the list used to stop at the newest 500), searched, filtered and sorted by the database.

const N = 620;

describe.each(drivers)('outbox pages on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver);
    const base = Date.parse('2026-11-01T09:00:00Z');
    const rows = Array.from({ length: N }, (_, i) => ({
      workspaceId: server.db.workspaceId,
      toEmail: `person${String(i).padStart(3, '0')}@example.test`,
      fromEmail: 'Dana <dana@shipwise.test>',
      subject: i === 7 ? 'Cut 100% of check calls' : i % 10 === 0 ? `Carrier delays, note ${i}` : `Quick idea ${i}`,
      body: 'Hi',
      headers: {},
      status: (i % 5 === 0 ? 'failed' : 'outbox') as 'failed' | 'outbox',
      unsubscribeToken: `tok-${driver}-${i}`,
      createdAt: new Date(base + i * 60_000),
      sentAt: i % 5 === 0 ? null : new Date(base + i * 60_000),
    }));
    for (let i = 0; i < rows.length; i += 200) await server.db.handle.db.insert(emailLogs).values(rows.slice(i, i + 200));
  }, 60_000);
  afterAll(() => server?.close());

  const get = async (qs: string) => {
    const res = await fetch(`${server.url}/api/outbox${qs}`);
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  test('every email is on some page, newest first, none twice', async () => {
    const first = await get('?pageSize=200');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ mode: 'outbox', page: 1, pageSize: 200, pageCount: 4, matched: N, total: N, counts: { delivered: 496, failed: 124 } });
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) seen.push(...((await get(`?pageSize=200&page=${page}`)).body.emails as Array<{ to: string }>).map((e) => e.to));
    expect(seen).toHaveLength(N);
    expect(new Set(seen).size).toBe(N);
    expect(seen[0]).toBe('person619@example.test');
    expect(seen.at(-1)).toBe('person000@example.test');
    // A page past the end shows the last one.
    expect((await get('?pageSize=200&page=99')).body).toMatchObject({ page: 4, pageCount: 4 });
  });

  test('search (every word, LIKE characters literal), filter and sort by the database', async () => {
    const searched = await get('?q=carrier%20NOTE&sort=to');
    expect(searched.body.matched).toBe(62);
    expect(searched.body.emails[0].to).toBe('person000@example.test');
    expect((await get('?q=100%25')).body.emails.map((e: { subject: string }) => e.subject)).toEqual(['Cut 100% of check calls']);
    expect((await get('?q=_')).body.matched).toBe(0);
    const failed = await get('?filter=failed&sort=-subject&pageSize=10');
    expect(failed.body).toMatchObject({ matched: 124, total: N, pageCount: 13 });
    expect(failed.body.emails.every((e: { status: string }) => e.status === 'failed')).toBe(true);
    const subjects = failed.body.emails.map((e: { subject: string }) => e.subject.toLowerCase());
    expect([...subjects].sort().reverse()).toEqual(subjects);
  });

  test('bad parameters are a 400 that names each one', async () => {
    const res = await get('?sort=price&pageSize=5000&page=0&filter=everything&campaignId=nope&limit=3');
    expect(res.status).toBe(400);
    const paths = (res.body.details.fields as Array<{ path: string }>).map((f) => f.path).sort();
    expect(paths).toEqual(['query', 'query.campaignId', 'query.filter', 'query.page', 'query.pageSize', 'query.sort']);
  });
});
