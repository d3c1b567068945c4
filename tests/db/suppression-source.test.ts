import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, expect, test } from 'vitest';
import { IN_MEMORY, openDatabase } from '../../db/client.js';
import { migrationsFolder } from '../../db/migrate.js';
import { migrationsBefore } from '../helpers/migrations-before.js';

// Migration 0007 gives suppressions a source: rows stored before it are inferred from their reason
// (the unsubscribe page stored 'unsubscribed'), everything else was added by hand.

const dir = mkdtempSync(path.join(tmpdir(), 'pf-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('existing suppressions get their source from what is stored: unsubscribed → unsubscribe, anything else → manual', async () => {
  // The migrations as they were before 0007.
  migrationsBefore('0007_suppression_source', dir);

  const handle = await openDatabase({ dataDir: IN_MEMORY });
  try {
    const db = drizzle(handle.pglite!);
    await migrate(db, { migrationsFolder: dir });
    await db.execute(sql`insert into workspaces (slug, name) values ('w', 'W')`);
    await db.execute(sql`
      insert into suppressions (workspace_id, email, reason)
      select id, e.email, e.reason from workspaces, (values ('left@example.test', 'unsubscribed'), ('byhand@example.test', 'added by hand'),
        ('phone@example.test', 'asked by phone')) as e(email, reason)`);

    await migrate(db, { migrationsFolder });
    const rows = (await db.execute(sql`select email, source from suppressions order by email`)) as unknown as {
      rows: Array<{ email: string; source: string }>;
    };
    expect(rows.rows).toEqual([
      { email: 'byhand@example.test', source: 'manual' },
      { email: 'left@example.test', source: 'unsubscribe' },
      { email: 'phone@example.test', source: 'manual' },
    ]);
  } finally {
    await handle.close();
  }
});
