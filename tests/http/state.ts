import { sql } from 'drizzle-orm';
import type { TestDb } from '../helpers/db.js';

type Rows<T> = { rows: T[] } | T[];
const rowsOf = <T>(r: Rows<T>): T[] => (Array.isArray(r) ? r : r.rows);

/**
 * Every row of every table in the app's schema, hashed per table: equal fingerprints mean nothing
 * was stored, changed or deleted (pg-boss and drizzle keep their tables in their own schemas).
 */
export async function stateFingerprint(db: TestDb): Promise<Record<string, string>> {
  const tables = rowsOf(
    (await db.handle.db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) as Rows<{ tablename: string }>,
  );
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [row] = rowsOf(
      (await db.handle.db.execute(
        sql.raw(`select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from "${tablename}" t`),
      )) as Rows<{ n: number; h: string }>,
    );
    out[tablename] = `${row!.n}:${row!.h}`;
  }
  return out;
}
