import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { localCaller, twoWorkspaces, type TeamClient } from '../helpers/team-client.js';

// Every persona-analytics endpoint over HTTP on both drivers: rules saved and rescored in a job
// with readable progress, scores on request, analytics, evolution, top matches, sync, coverage,
// the unmatched groups and the segment; bad input is a 400 naming the field and changes nothing.

const POLL = { timeout: 30_000, interval: 100 };
const persona = {
  personName: 'Product Pat',
  title: 'Product Manager',
  role: 'Owns the roadmap',
  coreGoal: 'Career growth',
  painPoints: ['Slow software', 'Too many meetings'],
  needForOurProduct: 'Fewer status meetings',
  industry: 'Software',
  companySize: '200-1000 employees',
};
const answers = [
  {
    respondent: { name: 'Ann', email: 'ann@acme.test', consent: true },
    age: 31,
    location: 'London',
    occupation: 'product manager',
    goals: ['Career growth'],
    frustrations: ['Slow software'],
    satisfaction: 4,
    nps: 9,
    trust: 4,
    effort: 2,
  },
  {
    respondent: { name: 'Ben', email: 'ben@acme.test', consent: false },
    age: 45,
    location: 'Leeds',
    occupation: 'Product Manager ',
    goals: ['Work-life balance'],
    frustrations: ['Too many meetings'],
    satisfaction: 3,
    nps: 6,
    trust: 3,
    effort: 4,
  },
  {
    respondent: { email: 'cy@acme.test', consent: true },
    age: 29,
    location: 'London',
    occupation: 'Nurse',
    goals: ['Fewer night shifts'],
    frustrations: ['Charting'],
    satisfaction: 2,
    nps: 3,
    trust: 2,
    effort: 6,
  },
  { age: 38, occupation: 'Nurse', goals: ['Fewer night shifts'], frustrations: ['Charting'], satisfaction: 2, nps: 4, trust: 3, effort: 5 },
];

describe.each(drivers)('persona analytics over HTTP on %s', (driver) => {
  let server: TestServer;
  let personaId = '';
  beforeAll(async () => {
    server = await startTestServer(driver);
    personaId = (await call('POST', '/api/personas', { data: persona })).body.persona.id;
  });
  afterAll(() => server?.close());

  const call = localCaller(() => server.url);
  const p = (rest: string) => `/api/personas/${personaId}${rest}`;

  test('responses in: one at a time, each scored against every persona with rules as it arrives', async () => {
    for (const data of answers) expect((await call('POST', '/api/responses', { data })).status).toBe(201);
    const list = await call('GET', '/api/responses?limit=2');
    expect(list.body.total).toBe(4);
    expect(list.body.responses).toHaveLength(2);
    const bad = await call('POST', '/api/responses', { data: { age: 'old', nps: 11, unknownField: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['data.age', 'data.nps']));
    expect((await call('GET', '/api/responses')).body.total).toBe(4);
  });

  test('no rules yet: analytics say so, a score cannot be asked for, the proposal comes from the persona', async () => {
    const rules = await call('GET', p('/mapping-rules'));
    expect(rules.body).toMatchObject({ rules: {}, version: 0, autoSync: true, lastSyncedAt: null });
    expect(rules.body.proposed).toEqual({ occupations: ['Product Manager'], frustrations: ['Slow software', 'Too many meetings'], goals: ['Career growth'] });
    expect((await call('GET', p('/analytics'))).body).toMatchObject({ hasRules: false, coverage: null, totals: { responses: 4, scored: 0 } });
    const score = await call('POST', p('/match-response'), { data: answers[0] });
    expect(score.status).toBe(400);
    expect(score.body.message).toMatch(/no mapping rules yet/);
    expect((await call('POST', p('/batch-calculate'))).status).toBe(400);
  });

  test('saving rules rescores in a job whose progress is readable; a stale save is a 409 and changes nothing', async () => {
    const bad = await call('PUT', p('/mapping-rules'), { data: { age: { min: 50, max: 20 }, colours: ['red'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['data.age.max']));
    const proposed = (await call('GET', p('/mapping-rules'))).body.proposed;
    const saved = await call('PUT', p('/mapping-rules'), { data: { ...proposed, age: { min: 25, max: 40 } }, expectedVersion: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, job: { kind: 'rescore', status: 'queued', personaId } });
    await vi.waitFor(
      async () => expect((await call('GET', `/api/analytics/jobs/${saved.body.job.id}`)).body.job).toMatchObject({ status: 'done', done: 4 }),
      POLL,
    );
    const stale = await call('PUT', p('/mapping-rules'), { data: {}, expectedVersion: 0 });
    expect(stale.status).toBe(409);
    expect((await call('GET', p('/mapping-rules'))).body.version).toBe(1);
    expect((await call('GET', '/api/analytics/jobs/not-a-job')).status).toBe(404);
  });

  test('analytics, top matches and scores on request', async () => {
    const a = (await call('GET', p('/analytics'))).body;
    // Ann: occupation, goal, frustration, age = 4/4; Ben: occupation, frustration = 2/4; Cy: age = 1/4; the last: age = 1/4.
    expect(a).toMatchObject({
      hasRules: true,
      totals: { responses: 4, scored: 4, matched: 2 },
      distribution: { strong: 1, moderate: 1, weak: 2 },
      coverage: 50,
    });
    expect(a.averageScore).toBe(50);
    expect(a.volume).toHaveLength(30);
    expect(a.volume.at(-1).responses).toBe(2);
    const top = (await call('GET', p('/top-matches?limit=1&offset=0'))).body;
    expect(top).toMatchObject({ total: 4, limit: 1, offset: 0 });
    expect(top.matches[0]).toMatchObject({
      score: 100,
      category: 'strong',
      matched: ['age', 'occupation', 'goals', 'frustrations'],
      unmatched: [],
      response: { respondent: { name: 'Ann' } },
    });
    const second = (await call('GET', p('/top-matches?limit=1&offset=1'))).body.matches[0];
    expect(second).toMatchObject({ score: 50, category: 'moderate', matched: ['occupation', 'frustrations'], unmatched: ['age', 'goals'] });
    expect((await call('GET', p('/top-matches?limit=500'))).status).toBe(400);
    const inline = await call('POST', p('/match-response'), { data: { age: 40, occupation: ' PRODUCT MANAGER', goals: [], frustrations: [] } });
    expect(inline.body).toEqual({ score: 50, category: 'moderate', matched: ['age', 'occupation'], unmatched: ['goals', 'frustrations'] });
    expect((await call('GET', '/api/responses')).body.total).toBe(4);
    const stored = await call('POST', p('/match-response'), { responseId: top.matches[0].response.id });
    expect(stored.body.score).toBe(100);
    expect((await call('POST', p('/match-response'), { responseId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
  });

  test('sync now snapshots today; evolution shows it; auto-sync can be switched off', async () => {
    const sync = await call('POST', p('/sync'));
    expect(sync.status).toBe(200);
    expect(sync.body.snapshot).toMatchObject({ responseCount: 2, metrics: { satisfaction: 3.5, nps: 7.5, trust: 3.5, effort: 3 } });
    expect(sync.body.snapshot.demographics.age).toEqual({ average: 38, min: 31, max: 45 });
    const evolution = (await call('GET', p('/evolution?days=7'))).body;
    expect(evolution.snapshots).toHaveLength(1);
    expect(evolution.volume).toHaveLength(7);
    expect((await call('GET', p('/evolution?days=12'))).status).toBe(400);
    expect((await call('GET', p('/analytics'))).body.latestSnapshot.responseCount).toBe(2);
    expect((await call('PUT', p('/auto-sync'), { autoSync: 'no' })).status).toBe(400);
    expect((await call('PUT', p('/auto-sync'), { autoSync: false })).body).toEqual({ autoSync: false });
    expect((await call('GET', p('/mapping-rules'))).body).toMatchObject({ autoSync: false, version: 1 });
    await call('PUT', p('/auto-sync'), { autoSync: true });
  });

  test('batch-calculate redoes every score in a job', async () => {
    const res = await call('POST', p('/batch-calculate'));
    expect(res.status).toBe(202);
    await vi.waitFor(
      async () => expect((await call('GET', `/api/analytics/jobs/${res.body.job.id}`)).body.job).toMatchObject({ status: 'done', total: 4, done: 4 }),
      POLL,
    );
  });

  test('coverage of every persona, and the unmatched grouped with a draft from their answers', async () => {
    const coverage = (await call('GET', '/api/analytics/coverage')).body;
    expect(coverage).toMatchObject({ totalResponses: 4, anyPersona: 50, unmatched: { share: 50, count: 2 } });
    expect(coverage.personas).toEqual([expect.objectContaining({ id: personaId, hasRules: true, coverage: 50 })]);
    const { groups, unmatched } = (await call('GET', '/api/analytics/unmatched-groups')).body;
    expect(unmatched).toBe(2);
    expect(groups[0]).toMatchObject({
      size: 2,
      attributes: { occupation: 'Nurse' },
      draft: { title: 'Nurse', painPoints: ['Charting'], coreGoal: 'Fewer night shifts' },
    });
  });

  test('the segment: strong matches as CSV, and those who consented added as leads to a campaign', async () => {
    const csv = await call('GET', p('/segment.csv'));
    expect(csv.status).toBe(200);
    const lines = csv.body.text.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"ann@acme.test"');
    const campaign = (await call('POST', '/api/campaigns', { data: { name: 'Survey follow-up', promptContext: { goal: 'Book a call' } } })).body.campaign;
    const added = await call('POST', p('/segment/leads'), { campaignId: campaign.id });
    expect(added.body).toEqual({ added: 1, alreadyLeads: 0, skipped: [] });
    const leads = (await call('GET', '/api/leads')).body.leads;
    expect(leads).toEqual([
      expect.objectContaining({
        name: 'Ann',
        email: 'ann@acme.test',
        position: 'product manager',
        requirement: 'In a survey — Goals: Career growth. Frustrations: Slow software',
      }),
    ]);
    expect((await call('GET', `/api/campaigns/${campaign.id}`)).body.campaign.leadIds).toEqual([leads[0].id]);
    expect((await call('POST', p('/segment/leads'), {})).body).toEqual({ added: 0, alreadyLeads: 1, skipped: [] });
    expect((await call('POST', p('/segment/leads'), { campaignId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
  });

  test('removing the rules empties the scores; deleting a response and a persona keep the counts true', async () => {
    const { version } = (await call('GET', p('/mapping-rules'))).body;
    const cleared = await call('PUT', p('/mapping-rules'), { data: { locations: [] }, expectedVersion: version });
    expect(cleared.body).toMatchObject({ version: version + 1, job: null });
    expect((await call('GET', p('/analytics'))).body).toMatchObject({ hasRules: false, totals: { scored: 0 } });
    expect((await call('GET', '/api/analytics/coverage')).body.unmatched.count).toBe(4);
    const [first] = (await call('GET', '/api/responses?limit=1')).body.responses;
    expect((await call('DELETE', `/api/responses/${first.id}`)).status).toBe(204);
    expect((await call('DELETE', `/api/responses/${first.id}`)).status).toBe(404);
    expect((await call('GET', '/api/analytics/coverage')).body.totalResponses).toBe(3);
    expect((await call('GET', `/api/personas/not-an-id/analytics`)).status).toBe(404);
  });
});

describe('persona analytics between workspaces', () => {
  let server: TestServer;
  let a: TeamClient;
  let b: TeamClient;
  beforeAll(async () => {
    server = await startTestServer('pglite', { team: { openSignup: true } });
    ({ a, b } = await twoWorkspaces(server.url));
  });
  afterAll(() => server?.close());

  test("workspace B gets 404 on every analytics route of A's persona, and sees none of A's responses", async () => {
    const id = (await a.call('POST', '/api/personas', { data: persona })).body!.persona.id as string;
    await a.call('PUT', `/api/personas/${id}/mapping-rules`, { data: { occupations: ['Nurse'] } });
    const response = (await a.call('POST', '/api/responses', { data: answers[2] })).body!.response;
    const routes: [string, string, unknown?][] = [
      ['GET', '/mapping-rules'],
      ['PUT', '/mapping-rules', { data: {} }],
      ['PUT', '/auto-sync', { autoSync: false }],
      ['GET', '/analytics'],
      ['GET', '/evolution'],
      ['POST', '/match-response', { data: answers[0] }],
      ['GET', '/top-matches'],
      ['POST', '/sync'],
      ['POST', '/batch-calculate'],
      ['GET', '/segment.csv'],
      ['POST', '/segment/leads', {}],
    ];
    for (const [method, rest, body] of routes) expect((await b.call(method, `/api/personas/${id}${rest}`, body)).status, `${method} ${rest}`).toBe(404);
    expect((await b.call('GET', `/api/responses/${response.id}`)).status).toBe(404);
    expect((await b.call('DELETE', `/api/responses/${response.id}`)).status).toBe(404);
    expect((await b.call('GET', '/api/responses')).body!.total).toBe(0);
    expect((await b.call('GET', '/api/analytics/coverage')).body).toMatchObject({ totalResponses: 0, personas: [] });
    expect((await b.call('GET', '/api/analytics/unmatched-groups')).body).toMatchObject({ unmatched: 0, groups: [] });
    const job = (await a.call('POST', `/api/personas/${id}/batch-calculate`)).body!.job;
    expect((await b.call('GET', `/api/analytics/jobs/${job.id}`)).status).toBe(404);
    const own = await a.call('GET', `/api/personas/${id}/mapping-rules`);
    expect(own.body).toMatchObject({ rules: { occupations: ['Nurse'] }, autoSync: true });
  });
});
