import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { localCaller, twoWorkspaces, type TeamClient } from '../helpers/team-client.js';

// GET|PUT /api/intake: the first-run questions. Answers land as INTAKE_FORM memory facts; the
// company profile is made from them once, only when the workspace has none, and an existing one is
// never changed; skipping puts the intake away; bad input is a 400 with field messages and nothing
// written; every change is audited; workspaces never see each other's intake (team mode).

type Fields = Array<{ path: string; message: string }>;

const ANSWERS = {
  companyName: 'Shipwise',
  whatItDoes: 'Route planning for “last-mile” couriers',
  product: 'Shipwise Routes',
  market: 'UK last-mile delivery',
  audience: 'Owners of courier firms with 5–50 drivers',
};

describe.each(drivers)('the intake over HTTP on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(() => server?.close());

  const call = localCaller(() => server.url);
  const profiles = async () => (await call('GET', '/api/company-profiles')).body.companyProfiles as Array<Record<string, unknown>>;

  test('a new workspace: five questions, no answers, status new', async () => {
    const got = await call('GET', '/api/intake');
    expect(got.status).toBe(200);
    expect(got.body.status).toBe('new');
    expect(got.body.answers).toEqual({});
    expect(got.body.questions.map((q: { id: string; memoryKey: string }) => [q.id, q.memoryKey])).toEqual([
      ['companyName', 'company.name'],
      ['whatItDoes', 'company.description'],
      ['product', 'product.name'],
      ['market', 'market'],
      ['audience', 'audience'],
    ]);
  });

  test('bad input is a 400 naming the field, and nothing is written', async () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [{ data: { answers: { companyName: 42 } } }, 'data.answers.companyName', /must be text/],
      [{ data: { answers: { companyName: 'x'.repeat(121) } } }, 'data.answers.companyName', /120 characters/],
      [{ data: { answers: { industry: 'Logistics' } } }, 'data.answers', /industry/],
      [{ data: { answers: { companyName: 'Acme' }, skip: true } }, 'data.skip', /not both/],
      [{ data: { answers: { companyName: '   ' } } }, 'data.answers', /at least one question/],
      [{ data: {} }, 'data.answers', /at least one question/],
      [{ data: { skip: 'yes' } }, 'data.skip', /true or false/],
    ];
    for (const [body, path, message] of cases) {
      const res = await call('PUT', '/api/intake', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const fields = res.body.details.fields as Fields;
      expect(fields.find((f) => f.path === path)?.message, JSON.stringify(fields)).toMatch(message);
    }
    expect((await call('GET', '/api/intake')).body).toMatchObject({ status: 'new', answers: {} });
    expect((await call('GET', '/api/memory')).body.facts).toEqual([]);
    expect(await profiles()).toEqual([]);
  });

  test('skip puts the intake away (audited once); a repeated skip changes nothing', async () => {
    const skipped = await call('PUT', '/api/intake', { data: { skip: true } });
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({ status: 'skipped', answers: {}, facts: [] });
    expect((await call('PUT', '/api/intake', { data: { skip: true } })).body.status).toBe('skipped');
    expect((await call('GET', '/api/intake')).body.status).toBe('skipped');
    const events = (await call('GET', '/api/workspace/audit')).body.events as Array<{ action: string }>;
    expect(events.filter((e) => e.action === 'intake.skipped')).toHaveLength(1);
    expect((await call('GET', '/api/memory')).body.facts).toEqual([]);
  });

  test('answers land as INTAKE_FORM facts, whole; an existing company profile is never overwritten', async () => {
    const existing = await call('POST', '/api/company-profiles', { data: { name: 'Acme Old', whatItDoes: 'Old words', market: 'Old market' } });
    expect(existing.status).toBe(201);
    const saved = await call('PUT', '/api/intake', { data: { answers: { ...ANSWERS, companyName: `  ${ANSWERS.companyName}  ` } } });
    expect(saved.status).toBe(200);
    expect(saved.body.status).toBe('done');
    expect(saved.body.answers).toEqual(ANSWERS);
    expect(saved.body.companyProfile).toMatchObject({ created: false, profile: { name: 'Acme Old' } });
    expect(saved.body.companyProfile.message).toMatch(/Kept your company profile “Acme Old”/);
    expect(await profiles()).toEqual([existing.body.companyProfile]);

    const facts = (await call('GET', '/api/memory')).body.facts as Array<Record<string, unknown>>;
    expect(facts.map((f) => [f.key, f.value, f.source])).toEqual([
      ['audience', ANSWERS.audience, 'INTAKE_FORM'],
      ['company.description', ANSWERS.whatItDoes, 'INTAKE_FORM'],
      ['company.name', ANSWERS.companyName, 'INTAKE_FORM'],
      ['market', ANSWERS.market, 'INTAKE_FORM'],
      ['product.name', ANSWERS.product, 'INTAKE_FORM'],
    ]);
    const events = (await call('GET', '/api/workspace/audit')).body.events as Array<{ action: string; subjectId: string }>;
    expect(events.filter((e) => e.action === 'memory.created').map((e) => e.subjectId)).toHaveLength(5);
    expect(events.some((e) => e.action === 'intake.done')).toBe(true);
    expect(events.some((e) => e.action === 'companyProfile.created')).toBe(false);
  });

  test('with no profile, one is made from the name and what it does, once; an unchanged answer keeps its source', async () => {
    const [old] = await profiles();
    expect((await call('DELETE', `/api/company-profiles/${old!.id}`)).status).toBe(204);
    // A person's later edit on the Memory page stays theirs when the same value comes back from the form.
    expect((await call('PUT', '/api/memory/product.name', { data: { value: 'Routes Pro' } })).status).toBe(200);

    const saved = await call('PUT', '/api/intake', { data: { answers: { ...ANSWERS, companyName: 'Shipwise Ltd', product: 'Routes Pro' } } });
    expect(saved.status).toBe(200);
    expect(saved.body.facts).toEqual([{ key: 'company.name', label: 'Company name', created: false }]);
    expect(saved.body.companyProfile).toMatchObject({
      created: true,
      profile: { name: 'Shipwise Ltd', whatItDoes: ANSWERS.whatItDoes, market: ANSWERS.market, size: '' },
    });
    const fact = (name: string) => call('GET', `/api/memory/${name}`).then((r) => r.body.fact);
    expect(await fact('product.name')).toMatchObject({ value: 'Routes Pro', source: 'USER_PROVIDED' });
    expect(await fact('company.name')).toMatchObject({ value: 'Shipwise Ltd', source: 'INTAKE_FORM', version: 2 });

    const again = await call('PUT', '/api/intake', { data: { answers: { companyName: 'Shipwise Group', whatItDoes: 'Something else' } } });
    expect(again.body.companyProfile).toMatchObject({ created: false, profile: { name: 'Shipwise Ltd' } });
    expect((await profiles()).map((p) => [p.name, p.whatItDoes, p.version])).toEqual([['Shipwise Ltd', ANSWERS.whatItDoes, 1]]);
    expect((await call('GET', '/api/intake')).body.answers).toMatchObject({ companyName: 'Shipwise Group', whatItDoes: 'Something else' });

    // Skipping after answering changes nothing.
    expect((await call('PUT', '/api/intake', { data: { skip: true } })).body.status).toBe('done');
    const events = (await call('GET', '/api/workspace/audit')).body.events as Array<{ action: string }>;
    expect(events.filter((e) => e.action === 'companyProfile.created')).toHaveLength(1);
    expect(events.filter((e) => e.action === 'intake.updated')).toHaveLength(2);
  });

  test('an answer changed elsewhere since the form was opened is a 409, and nothing of the save is written', async () => {
    const opened = (await call('GET', '/api/intake')).body;
    expect(opened.versions).toEqual(expect.objectContaining({ market: expect.any(Number), audience: expect.any(Number) }));
    // Someone edits the market on the Memory page meanwhile.
    const edited = await call('PUT', '/api/memory/market', { data: { value: 'Mid-size freight forwarders in the Nordics' } });
    expect(edited.status).toBeLessThan(300);
    const stale = await call('PUT', '/api/intake', {
      data: { answers: { market: 'Freight', audience: 'Heads of operations' }, expectedVersions: opened.versions },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/changed elsewhere since you opened this form/);
    const now = (await call('GET', '/api/intake')).body;
    expect(now.answers.market).toBe('Mid-size freight forwarders in the Nordics');
    expect(now.answers.audience).toBe(opened.answers.audience);
    // From the latest versions, the same answers save.
    const fresh = await call('PUT', '/api/intake', {
      data: { answers: { market: 'Freight', audience: 'Heads of operations' }, expectedVersions: now.versions },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.answers).toMatchObject({ market: 'Freight', audience: 'Heads of operations' });
    expect((await call('PUT', '/api/intake', { data: { answers: { market: 'x' }, expectedVersions: { market: -1 } } })).status).toBe(400);
  });

  test('two saves at once into a workspace with no profile make one profile', async () => {
    for (const p of await profiles()) expect((await call('DELETE', `/api/company-profiles/${p.id}`)).status).toBe(204);
    const [first, second] = await Promise.all(
      ['Racer One', 'Racer Two'].map((companyName) => call('PUT', '/api/intake', { data: { answers: { companyName, whatItDoes: 'Racing' } } })),
    );
    expect([first!.status, second!.status]).toEqual([200, 200]);
    expect([first!.body.companyProfile.created, second!.body.companyProfile.created].sort()).toEqual([false, true]);
    const after = await profiles();
    expect(after).toHaveLength(1);
    expect(['Racer One', 'Racer Two']).toContain(after[0]!.name);
  });
});

describe('the intake between workspaces (team mode)', () => {
  let server: TestServer;
  let a: TeamClient;
  let b: TeamClient;
  beforeAll(async () => {
    server = await startTestServer('pglite', { team: { openSignup: true } });
    ({ a, b } = await twoWorkspaces(server.url));
  });
  afterAll(() => server?.close());

  test("A's answers, profile and status are A's alone; the writer is the signed-in person", async () => {
    const saved = await a.call('PUT', '/api/intake', { data: { answers: { companyName: 'Acme', whatItDoes: 'Anvils' } } });
    expect(saved.status).toBe(200);
    expect((await a.call('GET', '/api/memory/company.name')).body!.fact).toMatchObject({ source: 'INTAKE_FORM', createdBy: { name: 'Ann A' } });

    expect((await b.call('GET', '/api/intake')).body).toMatchObject({ status: 'new', answers: {} });
    expect((await b.call('GET', '/api/company-profiles')).body!.companyProfiles).toEqual([]);
    expect((await b.call('PUT', '/api/intake', { data: { skip: true } })).body!.status).toBe('skipped');
    expect((await a.call('GET', '/api/intake')).body!.status).toBe('done');
    const theirs = await b.call('PUT', '/api/intake', { data: { answers: { companyName: 'B corp', whatItDoes: 'Bolts' } } });
    expect(theirs.body!.companyProfile).toMatchObject({ created: true, profile: { name: 'B corp' } });
    expect((await a.call('GET', '/api/company-profiles')).body!.companyProfiles.map((p: { name: string }) => p.name)).toEqual(['Acme']);
  });
});
