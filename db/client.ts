import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { loggableMessage } from '../lib/loggable.js';
import { registerSecrets } from '../lib/secrets.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { lockDataDir } from './data-dir-lock.js';
import { CLUSTER_DIR, embeddedPostgresUnavailable, hasCluster, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { migrateDatabase } from './migrate.js';
import * as schema from './schema.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Whether statements on `db` can run at once (a Postgres pool), or queue on one connection anyway (PGlite). */
const runsInParallel = (db: Database): boolean => (db as { $client?: unknown }).$client instanceof pg.Pool;

/**
 * `work` on each item in order, two at once on Postgres (the statements are the work, and it has the
 * cores) and one at a time on PGlite (they would only queue). Once `work` answers false, no further item starts.
 */
export async function eachInLanes<T>(db: Database, items: readonly T[], work: (item: T, index: number) => Promise<boolean | void>): Promise<void> {
  let next = 0;
  let stopped = false;
  await Promise.all(
    Array.from({ length: Math.min(runsInParallel(db) ? 2 : 1, items.length) }, async () => {
      while (!stopped && next < items.length) {
        const at = next++;
        if ((await work(items[at]!, at)) === false) stopped = true;
      }
    }),
  );
}

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** The PostgreSQL personaflow started itself in DATA_DIR (driver 'postgres'), not one at DATABASE_URL. */
  embedded?: boolean;
  /** Where the data lives, for the startup log (never includes a password). */
  location: string;
  close(): Promise<void>;
  /**
   * The embedded PostgreSQL's connection URL, password included: what WORKERS=n hands its server
   * processes (server/cluster.ts). Never logged (`location` is for logs).
   */
  connectionUrl?: string;
  pg?: pg.Pool;
  pglite?: PGlite;
}

/** Which embedded database DATA_DIR holds when DATABASE_URL is unset (EMBEDDED_DB). */
export type EmbeddedKind = 'postgres' | 'pglite';

export type DatabaseOptions = {
  databaseUrl?: string;
  dataDir: string;
  /** 'postgres' (the default): a PostgreSQL in DATA_DIR/postgres; 'pglite': PGlite in DATA_DIR/pglite. `:memory:` is always PGlite. */
  embedded?: EmbeddedKind;
  /** Diagnostics (lock takeovers, a PGlite folder moved); stderr by default. */
  log?: (message: string) => void;
};

export const IN_MEMORY = ':memory:';
export const PGLITE_DIR = 'pglite';

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (options.dataDir === IN_MEMORY) return openPgliteInMemory();
  const log = options.log ?? ((m: string) => console.error(m));
  if (options.embedded === 'pglite') return openPglite(options.dataDir, log);
  // A new data folder where PostgreSQL cannot run as this user (e.g. root in /root): the README's
  // start command must still work, so PGlite serves it, saying why and how to get PostgreSQL.
  const root = path.resolve(options.dataDir);
  const unavailable = hasCluster(root) ? null : embeddedPostgresUnavailable(root);
  if (unavailable) {
    log(
      `personaflow: the embedded PostgreSQL cannot start here (${unavailable}); using PGlite in ${path.join(root, PGLITE_DIR)} instead, ` +
        'which can stall under heavy imports. Fix that and restart: the data then moves into PostgreSQL (or set DATABASE_URL).',
    );
    return openPglite(options.dataDir, log);
  }
  return openEmbeddedPostgres(options.dataDir, log);
}

function poolHandle(url: string, location: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection must not crash the process.
  pool.on('error', (err) => console.error(`postgres pool error: ${loggableMessage(err)}`));
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  return { db, driver: 'postgres', location, pg: pool, close: () => pool.end() };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const u = new URL(url);
  return poolHandle(url, `postgres://${u.host}${u.pathname}`);
}

async function openPgliteInMemory(): Promise<DatabaseHandle> {
  const client = await PGlite.create();
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, driver: 'pglite', location: 'in memory', pglite: client, close: () => client.close() };
}

function pgliteHandle(client: PGlite, location: string, close: () => Promise<void>): DatabaseHandle {
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, driver: 'pglite', location, pglite: client, close };
}

/**
 * Takes the data folder's exclusive lock (two processes on one folder would lose writes on PGlite,
 * and must not start two servers on one cluster). A lock left by a dead process on this host is
 * taken over at once (db/data-dir-lock.ts); a live owner is refused.
 */
async function lock(dataDir: string, log: (m: string) => void) {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const { release } = await lockDataDir(dir, { log });
  return { dir, release };
}

async function openPglite(dataDir: string, log: (m: string) => void): Promise<DatabaseHandle> {
  const { dir, release } = await lock(dataDir, log);
  try {
    const client = await PGlite.create(path.join(dir, PGLITE_DIR));
    return pgliteHandle(client, path.join(dir, PGLITE_DIR), async () => {
      await client.close();
      await release();
    });
  } catch (err) {
    await release();
    throw err;
  }
}

async function openEmbeddedPostgres(dataDir: string, log: (m: string) => void): Promise<DatabaseHandle> {
  const { dir, release } = await lock(dataDir, log);
  let server: EmbeddedPostgres | null = null;
  try {
    if (!hasCluster(dir) && existsSync(path.join(dir, PGLITE_DIR))) await moveFromPglite(dir, log);
    server = await startEmbeddedPostgres(dir, { log });
    registerSecrets([decodeURIComponent(new URL(server.url).password)]);
    const handle = poolHandle(server.url, `${server.clusterDir} (127.0.0.1:${server.port})`);
    const running = server;
    return {
      ...handle,
      embedded: true,
      connectionUrl: server.url,
      close: async () => {
        try {
          await handle.close();
          await running.stop();
        } finally {
          await release();
        }
      },
    };
  } catch (err) {
    await server?.stop().catch(() => {});
    await release();
    throw err;
  }
}

/**
 * A data folder from before PostgreSQL was the embedded default (DATA_DIR/pglite, no
 * DATA_DIR/postgres): its rows move into a new cluster through the backup format (db/backup.ts),
 * and the PGlite folder is kept, renamed DATA_DIR/pglite-migrated-<date>. The new cluster is built
 * in DATA_DIR/postgres.migrating and renamed into place only when complete, so a move that fails
 * or is cut off leaves the PGlite folder as it was and is simply done again at the next start.
 * The job queue is not moved (as in a restore): pending lead personas are queued again at start,
 * open sends are settled by the sweep.
 */
async function moveFromPglite(dir: string, log: (m: string) => void): Promise<void> {
  const t0 = performance.now();
  const from = path.join(dir, PGLITE_DIR);
  const staging = path.join(dir, `${CLUSTER_DIR}.migrating`);
  const dump = path.join(dir, 'pglite-export.jsonl');
  await rm(staging, { recursive: true, force: true }); // an earlier move that did not finish
  await rm(`${dump}.partial`, { force: true });

  const client = await PGlite.create(from);
  const source = pgliteHandle(client, from, () => client.close());
  try {
    // Brought to this version's migrations first: a backup restores only at the same migrations.
    await migrateDatabase(source);
    await backupDatabase(source, dump);
  } finally {
    await client.close();
  }

  let counts: Record<string, number>;
  const server = await startEmbeddedPostgres(dir, { clusterDir: staging, log });
  try {
    const target = poolHandle(server.url, staging);
    try {
      counts = await restoreDatabase(target, dump);
    } finally {
      await target.close();
    }
  } finally {
    await server.stop();
  }

  renameSync(staging, path.join(dir, CLUSTER_DIR));
  const day = new Date().toISOString().slice(0, 10);
  let kept = path.join(dir, `${PGLITE_DIR}-migrated-${day}`);
  for (let n = 2; existsSync(kept); n++) kept = path.join(dir, `${PGLITE_DIR}-migrated-${day}-${n}`);
  renameSync(from, kept);
  await rm(dump, { force: true });
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  const tables = Object.keys(counts).length;
  log(
    `personaflow: moved the embedded database from PGlite (${from}) to PostgreSQL (${path.join(dir, CLUSTER_DIR)}): ` +
      `${rows} rows of ${tables} tables in ${((performance.now() - t0) / 1000).toFixed(1)} s; the PGlite folder is kept as ${kept}`,
  );
}
