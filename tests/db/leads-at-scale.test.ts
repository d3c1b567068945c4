import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';

// A segment of up to 100,000 respondents becomes leads in one request: more rows and addresses
// than Postgres binds in one statement (65,535 parameters), so the lead queries go in pieces.
describe.each(drivers)('lead queries past one statement on %s', (driver) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(driver);
  });
  afterAll(() => db.close());

  test('12,000 leads at once, 70,000 addresses looked up, duplicates reported', async () => {
    const lead = (i: number) => ({
      name: `Lead ${i}`,
      position: '',
      requirement: '',
      linkedinUrl: '',
      websiteUrl: 'https://example.com',
      email: `lead${i}@example.test`,
    });
    const first = await db.queries.leads.createMany({ workspaceId: db.workspaceId, inputs: Array.from({ length: 12_000 }, (_, i) => lead(i)) });
    expect(first.created).toHaveLength(12_000);
    expect(first.created[11_999]!.email).toBe('lead11999@example.test');

    const again = await db.queries.leads.createMany({ workspaceId: db.workspaceId, inputs: [lead(5), lead(12_000)] });
    expect(again.created.map((l) => l.email)).toEqual(['lead12000@example.test']);
    expect(again.duplicates).toEqual(['lead5@example.test']);

    const emails = Array.from({ length: 70_000 }, (_, i) => `lead${i}@example.test`);
    const ids = await db.queries.leads.idsByEmail({ workspaceId: db.workspaceId, emails });
    expect(ids.size).toBe(12_001);
    expect(ids.get('lead11999@example.test')).toBe(first.created[11_999]!.id);
  }, 120_000);
});
