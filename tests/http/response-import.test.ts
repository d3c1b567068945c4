import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { localCaller } from '../helpers/team-client.js';

// POST /api/responses/import on both drivers: good rows stored and scored against the personas'
// rules as they arrive, bad rows refused by line with the reason, a file with nothing to read a
// 400 that stores nothing.

describe.each(drivers)('response import on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(driver);
  });
  afterAll(() => server?.close());
  const call = localCaller(() => server.url);

  test('a CSV export: aliases mapped, list cells split on ";", a bad line named, the rest scored', async () => {
    const persona = (
      await call('POST', '/api/personas', {
        data: {
          personName: 'Nurse Nia',
          title: 'Nurse',
          role: 'Ward nurse',
          coreGoal: 'Fewer night shifts',
          painPoints: ['Charting'],
          needForOurProduct: 'Less paperwork',
          industry: 'Healthcare',
          companySize: '1000+',
        },
      })
    ).body.persona;
    await call('PUT', `/api/personas/${persona.id}/mapping-rules`, { data: { occupations: ['nurse'], frustrations: ['charting'] } });
    const csv = [
      'Email Address,Job Title,Challenges,How likely are you to recommend us?,Timestamp,Ward',
      'ana@h.test,Nurse,"Charting; Night shifts, mostly",9,2026-11-30 08:15,ICU',
      'bo@h.test,Nurse,Parking,12,2026-11-30 09:00,A&E',
      'cy@h.test,Porter,Charting,7,2026-11-29,Main',
    ].join('\n');
    const res = await call('POST', '/api/responses/import', { csv });
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(2);
    expect(res.body.rejected).toEqual([{ line: 3, reason: expect.stringMatching(/nps must be from 0 to 10/) }]);
    const { responses } = (await call('GET', '/api/responses')).body;
    const ana = responses.find((r: { respondent: { email: string } }) => r.respondent.email === 'ana@h.test');
    expect(ana).toMatchObject({ occupation: 'Nurse', frustrations: ['Charting', 'Night shifts, mostly'], nps: 9, answers: { Ward: 'ICU' }, source: 'import' });
    const analytics = (await call('GET', `/api/personas/${persona.id}/analytics`)).body;
    expect(analytics).toMatchObject({ totals: { responses: 2, scored: 2 }, distribution: { strong: 1, moderate: 1, weak: 0 } });
  });

  test('JSON rows in the API shape; a file with no known column is a 400 and stores nothing', async () => {
    const res = await call('POST', '/api/responses/import', { json: [{ occupation: 'Nurse', goals: ['Sleep'] }, { age: -3 }] });
    expect(res.body).toMatchObject({ imported: 1, rejected: [{ line: 2, reason: expect.stringMatching(/age/) }] });
    const bad = await call('POST', '/api/responses/import', { csv: 'Colour,Pet\nred,cat\n' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/column/i);
    expect((await call('POST', '/api/responses/import', { csv: '' })).status).toBe(400);
    expect((await call('POST', '/api/responses/import', { csv: 'a', json: [] })).status).toBe(400);
    expect((await call('GET', '/api/responses')).body.total).toBe(3);
  });
});
