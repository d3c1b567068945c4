import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { createQueries } from '../../db/queries/index.js';
import { personaVersions, wizardSnapshots } from '../../db/schema.js';
import type { Persona } from '../../schemas/persona.js';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';

const persona: Persona = {
  personName: 'Enterprise CMO',
  title: 'CMO',
  role: 'Owns marketing',
  coreGoal: 'Grow pipeline',
  painPoints: ['Attribution'],
  needForOurProduct: 'ROI view',
  industry: 'Fintech',
  companySize: '200-500 employees',
};

describe.each(drivers)('queries on %s', (driver) => {
  let db: TestDb;
  let otherWorkspace: string;
  beforeAll(async () => {
    db = await createTestDb(driver);
    otherWorkspace = await db.queries.workspaces.create({ slug: 'other', name: 'Other' });
  });
  afterAll(() => db.close());

  const newSession = () => db.queries.wizardSessions.create({ workspaceId: db.workspaceId, flow: 'test', phase: 'a', state: { n: 0 } });

  test('commits chain snapshots and bump the version', async () => {
    const s = db.queries.wizardSessions;
    const first = await newSession();
    const second = await s.commit({
      workspaceId: db.workspaceId,
      sessionId: first.sessionId,
      expectedVersion: 1,
      parentId: first.id,
      phase: 'b',
      state: { n: 1 },
    });
    expect(second).toMatchObject({ version: 2, parentId: first.id, phase: 'b', state: { n: 1 } });
    expect(await s.head({ workspaceId: db.workspaceId, sessionId: first.sessionId, flow: 'test' })).toEqual(second);
    expect((await s.history({ workspaceId: db.workspaceId, sessionId: first.sessionId })).map((h) => h.version)).toEqual([2, 1]);
  });

  test('two writers from the same version: exactly one wins, the other gets a conflict and writes nothing', async () => {
    const s = db.queries.wizardSessions;
    const first = await newSession();
    const attempt = (n: number) =>
      s.commit({ workspaceId: db.workspaceId, sessionId: first.sessionId, expectedVersion: 1, parentId: first.id, phase: 'x', state: { n } });
    const results = await Promise.allSettled([attempt(1), attempt(2)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'conflict', details: { expectedVersion: 1, currentVersion: 2 } });
    const [{ value }] = (await db.handle.db.select({ value: count() }).from(wizardSnapshots).where(eq(wizardSnapshots.sessionId, first.sessionId))) as [
      { value: number },
    ];
    expect(value).toBe(2);
  });

  test('a stale commit does not run its effects', async () => {
    const first = await newSession();
    const personaId = crypto.randomUUID();
    await expect(
      db.queries.wizardSessions.commit({
        workspaceId: db.workspaceId,
        sessionId: first.sessionId,
        expectedVersion: 7,
        parentId: first.id,
        phase: 'x',
        state: {},
        effects: [{ kind: 'savePersona', personaId, data: persona, source: 'wizard' }],
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(db.queries.personas.get({ workspaceId: db.workspaceId, id: personaId })).rejects.toMatchObject({ code: 'not_found' });
  });

  test('deleting a session removes every snapshot of it', async () => {
    const first = await newSession();
    await db.queries.wizardSessions.commit({
      workspaceId: db.workspaceId,
      sessionId: first.sessionId,
      expectedVersion: 1,
      parentId: first.id,
      phase: 'b',
      state: {},
    });
    await db.queries.wizardSessions.delete({ workspaceId: db.workspaceId, sessionId: first.sessionId });
    const [{ value }] = (await db.handle.db.select({ value: count() }).from(wizardSnapshots).where(eq(wizardSnapshots.sessionId, first.sessionId))) as [
      { value: number },
    ];
    expect(value).toBe(0);
    await expect(db.queries.wizardSessions.delete({ workspaceId: db.workspaceId, sessionId: first.sessionId })).rejects.toMatchObject({ code: 'not_found' });
  });

  test('another workspace can neither read, change nor delete a session', async () => {
    const first = await newSession();
    const s = db.queries.wizardSessions;
    await expect(s.head({ workspaceId: otherWorkspace, sessionId: first.sessionId, flow: 'test' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      s.commit({ workspaceId: otherWorkspace, sessionId: first.sessionId, expectedVersion: 1, parentId: first.id, phase: 'x', state: {} }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(s.delete({ workspaceId: otherWorkspace, sessionId: first.sessionId })).rejects.toMatchObject({ code: 'not_found' });
    expect((await s.list({ workspaceId: otherWorkspace, flow: 'test' })).map((x) => x.id)).not.toContain(first.sessionId);
  });

  test('personas keep every version; a stale editor gets a conflict; delete removes the versions', async () => {
    const p = db.queries.personas;
    const id = crypto.randomUUID();
    await p.save({ workspaceId: db.workspaceId, id, data: persona, source: 'wizard' });
    const v2 = await p.save({ workspaceId: db.workspaceId, id, data: { ...persona, title: 'Chief Marketing Officer' }, source: 'edit', expectedVersion: 1 });
    expect(v2.version).toBe(2);
    await expect(p.save({ workspaceId: db.workspaceId, id, data: persona, source: 'edit', expectedVersion: 1 })).rejects.toMatchObject({ code: 'conflict' });
    expect((await p.versions({ workspaceId: db.workspaceId, id })).map((v) => [v.version, v.data.title, v.source])).toEqual([
      [1, 'CMO', 'wizard'],
      [2, 'Chief Marketing Officer', 'edit'],
    ]);
    await expect(p.get({ workspaceId: otherWorkspace, id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(p.save({ workspaceId: otherWorkspace, id, data: persona, source: 'edit', expectedVersion: 2 })).rejects.toMatchObject({ code: 'not_found' });
    await p.delete({ workspaceId: db.workspaceId, id });
    const [{ value }] = (await db.handle.db.select({ value: count() }).from(personaVersions).where(eq(personaVersions.personaId, id))) as [{ value: number }];
    expect(value).toBe(0);
  });

  test('migrations are idempotent', async () => {
    await migrateDatabase(db.handle);
    await migrateDatabase(db.handle);
    expect(await db.queries.workspaces.ensureDefault()).toBe(db.workspaceId);
  });
});

describe('embedded PGlite on disk (EMBEDDED_DB=pglite)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('creates missing parent folders, keeps data across restarts, and refuses a second process on the same folder', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const first = await openDatabase({ dataDir, embedded: 'pglite' });
    await migrateDatabase(first);
    const q = createQueries(first.db);
    const ws = await q.workspaces.ensureDefault();
    const snap = await q.wizardSessions.create({ workspaceId: ws, flow: 'test', phase: 'a', state: { kept: true } });

    await expect(openDatabase({ dataDir, embedded: 'pglite' })).rejects.toThrow(/is in use by another personaflow process/);

    await first.close();
    const again = await openDatabase({ dataDir, embedded: 'pglite' });
    await migrateDatabase(again);
    const head = await createQueries(again.db).wizardSessions.head({ workspaceId: ws, sessionId: snap.sessionId, flow: 'test' });
    expect(head.state).toEqual({ kept: true });
    await again.close();
  });
});

describe.runIf(process.env.DATABASE_URL)('PostgreSQL', () => {
  test('replicas migrating a fresh database at the same time both succeed', async () => {
    const db = await createTestDb('postgres');
    try {
      // createTestDb already migrated; a second fresh database shows the race.
      const { randomBytes } = await import('node:crypto');
      const pg = (await import('pg')).default;
      const name = `pf_race_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      const a = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
      const b = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
      await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
      expect(await createQueries(a.db).workspaces.ensureDefault()).toBe(await createQueries(b.db).workspaces.ensureDefault());
      await a.close();
      await b.close();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    } finally {
      await db.close();
    }
  });
});
