import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { PERSONA_SYNC_QUEUE } from '../../jobs/persona-analytics.js';
import { createJobRunner } from '../../jobs/runner.js';
import { createTestDb } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// The daily persona sync as a pg-boss schedule, run here every minute (the shortest a cron
// expression fires): personas with auto-sync on get today's snapshot, one switched off does not;
// without a cron the schedule is removed.

const persona = (personName: string) => ({
  personName,
  title: 'Nurse',
  role: 'Cares for patients',
  coreGoal: 'Fewer night shifts',
  painPoints: ['Charting'],
  needForOurProduct: 'Less paperwork',
  industry: 'Healthcare',
  companySize: '1000+ employees',
});

describe('the persona sync schedule', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite', { personaSyncCron: '* * * * *' });
  });
  afterAll(() => server?.close());
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as Record<string, any>;
  };

  test('snapshots every persona whose auto-sync is on, on the schedule, and no other', async () => {
    const [on, off] = [
      (await call('POST', '/api/personas', { data: persona('On') })).persona.id,
      (await call('POST', '/api/personas', { data: persona('Off') })).persona.id,
    ];
    for (const id of [on, off]) await call('PUT', `/api/personas/${id}/mapping-rules`, { data: { occupations: ['Nurse'] } });
    await call('PUT', `/api/personas/${off}/auto-sync`, { autoSync: false });
    await call('POST', '/api/responses', { data: { occupation: 'nurse', satisfaction: 4 } });
    expect(await server.outreach.jobs.boss.getSchedules(PERSONA_SYNC_QUEUE)).toEqual([
      expect.objectContaining({ name: PERSONA_SYNC_QUEUE, cron: '* * * * *' }),
    ]);
    await vi.waitFor(async () => expect((await call('GET', `/api/personas/${on}/analytics`)).latestSnapshot).toMatchObject({ responseCount: 1 }), {
      timeout: 100_000,
      interval: 500,
    });
    expect((await call('GET', `/api/personas/${on}/analytics`)).lastSyncedAt).not.toBeNull();
    expect((await call('GET', `/api/personas/${off}/analytics`)).latestSnapshot).toBeNull();
  }, 120_000);
});

describe('with the sync switched off', () => {
  test('a start without a cron (ENABLE_PERSONA_SYNC=false) removes the schedule an earlier start made', async () => {
    const db = await createTestDb('pglite');
    // Nothing is queued, so the persona and send workers never run: only the schedule is looked at.
    const runner = (syncCron: string | null) =>
      createJobRunner({
        handle: db.handle,
        concurrency: 1,
        persona: {} as never,
        send: {} as never,
        analytics: { analytics: db.queries.personaAnalytics, syncCron },
      });
    try {
      const first = runner('0 2 * * *');
      await first.start();
      expect(await first.boss.getSchedules(PERSONA_SYNC_QUEUE)).toEqual([expect.objectContaining({ cron: '0 2 * * *', timezone: 'UTC' })]);
      await first.stop();
      const second = runner(null);
      await second.start();
      expect(await second.boss.getSchedules(PERSONA_SYNC_QUEUE)).toEqual([]);
      await second.stop();
    } finally {
      await db.close();
    }
  });
});
