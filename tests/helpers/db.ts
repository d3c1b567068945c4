import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { IN_MEMORY, openDatabase, type DatabaseHandle } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { createQueries, type Queries } from '../../db/queries/index.js';

export type TestDb = { handle: DatabaseHandle; queries: Queries; workspaceId: string; label: string; close(): Promise<void> };

/** The drivers the db tests run on: PGlite always, real Postgres when DATABASE_URL is set (CI). */
export const drivers: Array<'pglite' | 'postgres'> = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A migrated database of its own: in-memory PGlite, or a throwaway Postgres database dropped on close. */
export async function createTestDb(driver: 'pglite' | 'postgres' = 'pglite'): Promise<TestDb> {
  if (driver === 'pglite') {
    const handle = await openDatabase({ dataDir: IN_MEMORY });
    return finish(handle, 'pglite', async () => handle.close());
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is not set');
  const name = `pf_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  return finish(handle, 'postgres', async () => {
    await handle.close();
    const drop = new pg.Client({ connectionString: adminUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  });
}

async function finish(handle: DatabaseHandle, label: string, close: () => Promise<void>): Promise<TestDb> {
  await migrateDatabase(handle);
  const queries = createQueries(handle.db);
  const workspaceId = await queries.workspaces.ensureDefault();
  return { handle, queries, workspaceId, label, close };
}
