import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type pg from 'pg';
import type { DatabaseHandle } from './client.js';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// Any constant shared by every replica; it only has to be unique among this app's advisory locks.
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Runs `fn` while holding the cluster-wide migration lock (a Postgres advisory lock on a
 * connection of its own): schema changes that replicas starting together would race on. On PGlite,
 * which one process holds, `fn` simply runs.
 */
export async function withMigrationLock<T>(handle: DatabaseHandle, fn: (client?: pg.PoolClient) => Promise<T>): Promise<T> {
  if (handle.pglite) return fn();
  if (!handle.pg) throw new Error('withMigrationLock: no connection');
  const client = await handle.pg.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await fn(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.pglite) {
    await migratePglite(drizzlePglite(handle.pglite), { migrationsFolder });
    return;
  }
  // Drizzle's migrator takes no lock: replicas starting together would race on a fresh database.
  await withMigrationLock(handle, (client) => migratePg(drizzlePg(client!), { migrationsFolder }));
}
