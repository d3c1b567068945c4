import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LOCAL_ACTOR } from '../../lib/scope.js';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';

// The intake's own queries: the status never goes back from done to skipped, and the company
// profile it makes is made once even when many saves race for it.

describe.each(drivers)('intake queries on %s', (driver) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(driver);
  });
  afterAll(() => db?.close());

  test('new, then skipped, then done; a later skip keeps it done', async () => {
    const { intake } = db.queries;
    const workspaceId = db.workspaceId;
    expect(await intake.status({ workspaceId })).toBe('new');
    expect(await intake.markSkipped({ workspaceId, actor: LOCAL_ACTOR })).toBe('skipped');
    await intake.markDone({ workspaceId, actor: LOCAL_ACTOR });
    expect(await intake.markSkipped({ workspaceId, actor: LOCAL_ACTOR })).toBe('done');
    expect(await intake.status({ workspaceId })).toBe('done');
  });

  test('eight racing creations make one company profile, and an existing one is returned untouched', async () => {
    const workspaceId = db.workspaceId;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.queries.intake.createCompanyProfileIfNone({ workspaceId, input: { name: `Racer ${i}`, whatItDoes: 'Racing', market: '', size: '' } }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const [profile] = await db.queries.companyProfiles.list({ workspaceId });
    expect((await db.queries.companyProfiles.list({ workspaceId })).length).toBe(1);
    const again = await db.queries.intake.createCompanyProfileIfNone({ workspaceId, input: { name: 'Other', whatItDoes: 'Else', market: '', size: '' } });
    expect(again).toEqual({ created: false, id: profile!.id });
    expect(await db.queries.companyProfiles.get({ workspaceId, id: profile!.id })).toEqual(profile);
  });
});
