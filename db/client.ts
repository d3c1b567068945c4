import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { loggableMessage } from '../lib/loggable.js';
import { lockDataDir } from './data-dir-lock.js';
import * as schema from './schema.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Where the data lives, for the startup log (never includes a password). */
  location: string;
  close(): Promise<void>;
  pg?: pg.Pool;
  pglite?: PGlite;
}

export type DatabaseOptions = { databaseUrl?: string; dataDir: string };

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection must not crash the process.
  pool.on('error', (err) => console.error(`postgres pool error: ${loggableMessage(err)}`));
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  const u = new URL(url);
  return {
    db,
    driver: 'postgres',
    location: `postgres://${u.host}${u.pathname}`,
    pg: pool,
    close: () => pool.end(),
  };
}

export const IN_MEMORY = ':memory:';

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  if (dataDir === IN_MEMORY) {
    const client = await PGlite.create();
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    return { db, driver: 'pglite', location: 'in memory', pglite: client, close: () => client.close() };
  }
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  // Two processes on one PGlite directory lose writes silently: hold an exclusive lock. A lock
  // left by a dead process on this host is taken over at once (db/data-dir-lock.ts).
  const { release } = await lockDataDir(dir, { log: (m) => console.error(m) });
  try {
    const client = await PGlite.create(path.join(dir, 'pglite'));
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    return {
      db,
      driver: 'pglite',
      location: path.join(dir, 'pglite'),
      pglite: client,
      close: async () => {
        await client.close();
        await release();
      },
    };
  } catch (err) {
    await release();
    throw err;
  }
}
