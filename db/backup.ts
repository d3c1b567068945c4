import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database, DatabaseHandle } from './client.js';
import { migrateDatabase, migrationsFolder } from './migrate.js';
import { rowsOf } from './rows.js';

// `npm run db:backup` / `npm run db:restore FILE`: every row of every table of the app's schema
// (`public`), in one JSON-lines file that is the same for both drivers, so a backup of the embedded
// PGlite restores into PostgreSQL and back. Read and written through the app's own database handle.
//
// Line 1 is the header (format, version, the schema migrations it was made at, the tables in an
// order where every table comes after the tables it references, with their columns); then one
// line per row, `{"t":"<table>","r":<the row as Postgres' to_jsonb>}`; the last line counts the
// rows of each table, so a cut-off file is refused instead of restored in part. Rows are written
// and read as Postgres' own JSON text (never parsed into JavaScript numbers or dates), so nothing
// is rounded; timestamps are written in UTC.
//
// Not included: pg-boss's schema (`pgboss`). Its jobs are derived from the app's rows and rebuilt
// from them: lead personas still pending are queued again at start, and sends still open are
// settled by the sweep (interrupted or failed, retryable, never resent by themselves). Restoring
// its queue instead would resume, on the restored server, sends that the original server may have
// made after the backup; and its tables belong to the pg-boss version, which creates them itself.
// Drizzle's migration journal is not copied either: a restore migrates the new database itself
// and checks that the backup was made at the same migrations.

export const BACKUP_FORMAT = 'personaflow-backup';
const VERSION = 1;

type TableInfo = { name: string; columns: string[] };
type Header = { format: string; version: number; createdAt: string; source: string; migrations: string[]; tables: TableInfo[] };
export type BackupCounts = Record<string, number>;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The app's tables, each after the tables it references; their columns, primary keys and self-references. */
async function schemaOf(db: Pick<Database, 'execute'>) {
  const columns = rowsOf<{ table_name: string; column_name: string }>(
    await db.execute(sql`
      select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' and c.is_generated = 'NEVER'
      order by c.table_name, c.ordinal_position`),
  );
  const constraints = rowsOf<{ child: string; parent: string | null; kind: string; cols: string }>(
    await db.execute(sql`
      select ch.relname::text as child, pa.relname::text as parent, c.contype::text as kind,
        (select string_agg(a.attname::text, ',' order by k.i) from unnest(c.conkey) with ordinality as k(n, i)
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n) as cols
      from pg_constraint c
      join pg_class ch on ch.oid = c.conrelid
      join pg_namespace n on n.oid = ch.relnamespace
      left join pg_class pa on pa.oid = c.confrelid
      where n.nspname = 'public' and c.contype in ('f', 'p')`),
  );
  const tables = new Map<string, { columns: string[]; primaryKey: string[]; selfRefs: string[]; parents: Set<string> }>();
  for (const c of columns) {
    if (!tables.has(c.table_name)) tables.set(c.table_name, { columns: [], primaryKey: [], selfRefs: [], parents: new Set() });
    tables.get(c.table_name)!.columns.push(c.column_name);
  }
  for (const c of constraints) {
    const t = tables.get(c.child);
    if (!t) continue;
    const cols = c.cols.split(',');
    if (c.kind === 'p') t.primaryKey = cols;
    else if (c.parent === c.child) t.selfRefs.push(...cols);
    else if (c.parent) t.parents.add(c.parent);
  }
  // Each table after its parents (Kahn's algorithm, names in order for a stable file).
  const order: string[] = [];
  const left = new Set([...tables.keys()].sort());
  while (left.size) {
    const next = [...left].find((name) => [...tables.get(name)!.parents].every((p) => !left.has(p) || !tables.has(p)));
    if (!next) throw new Error(`The tables ${[...left].join(', ')} reference each other in a cycle: a backup cannot order them.`);
    order.push(next);
    left.delete(next);
  }
  return order.map((name) => ({ name, ...tables.get(name)! }));
}

async function appliedMigrations(db: Pick<Database, 'execute'>): Promise<string[]> {
  try {
    return rowsOf<{ hash: string }>(await db.execute(sql`select hash from drizzle.__drizzle_migrations order by created_at, id`)).map((r) => r.hash);
  } catch {
    return [];
  }
}

async function write(out: Writable, line: string) {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

/**
 * Writes every row of the database to `file` (gzipped when it ends in .gz), from one consistent
 * snapshot. Written to a temporary file first: a failed backup leaves no file that looks whole.
 */
export async function backupDatabase(handle: DatabaseHandle, file: string): Promise<BackupCounts> {
  const tmp = `${file}.partial`;
  const fileOut = createWriteStream(tmp);
  const gzip = file.endsWith('.gz') ? createGzip() : null;
  if (gzip) gzip.pipe(fileOut);
  const out: Writable = gzip ?? fileOut;
  const counts: BackupCounts = {};
  try {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      await tx.execute(sql`set local timezone = 'UTC'`);
      const tables = await schemaOf(tx);
      const header: Header = {
        format: BACKUP_FORMAT,
        version: VERSION,
        createdAt: new Date().toISOString(),
        source: handle.driver,
        migrations: await appliedMigrations(tx),
        tables: tables.map((t) => ({ name: t.name, columns: t.columns })),
      };
      await write(out, JSON.stringify(header));
      for (const t of tables) {
        counts[t.name] = 0;
        const prefix = `{"t":${JSON.stringify(t.name)},"r":`;
        await tx.execute(sql.raw(`declare pf_backup no scroll cursor for select to_jsonb(x)::text as r from ${q(t.name)} x`));
        for (;;) {
          const rows = rowsOf<{ r: string }>(await tx.execute(sql.raw('fetch 1000 from pf_backup')));
          for (const row of rows) await write(out, `${prefix}${row.r}}`);
          counts[t.name]! += rows.length;
          if (rows.length < 1000) break;
        }
        await tx.execute(sql.raw('close pf_backup'));
      }
      await write(out, JSON.stringify({ end: true, counts }));
    });
    out.end();
    await once(fileOut, 'close');
    await rename(tmp, file);
    return counts;
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
}

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

/** Tables of the app's schema that have rows: a restore goes only into a database with none. */
export async function tablesWithRows(db: Pick<Database, 'execute'>): Promise<string[]> {
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
  );
  const full: string[] = [];
  for (const { table_name } of tables) {
    const [row] = rowsOf<{ any: boolean }>(await db.execute(sql.raw(`select exists (select 1 from ${q(table_name)}) as any`)));
    if (row?.any) full.push(table_name);
  }
  return full;
}

function lines(file: string): AsyncIterable<string> {
  let input: Readable = createReadStream(file);
  if (file.endsWith('.gz')) input = input.pipe(createGunzip());
  return createInterface({ input, crlfDelay: Infinity });
}

const ROW_LINE = /^\{"t":("(?:[^"\\]|\\.)*"),"r":/;

/**
 * Loads a backup into an empty database (no rows in any table; a new PGlite folder or a new
 * PostgreSQL database): migrates it, then inserts every row in one transaction, so a failed
 * restore leaves it empty. Refuses (RestoreRefused) a database that has rows, a file that is not
 * a backup or is cut off, and a backup made at other schema migrations than this version's.
 */
export async function restoreDatabase(handle: DatabaseHandle, file: string): Promise<BackupCounts> {
  const full = await tablesWithRows(handle.db);
  if (full.length) {
    throw new RestoreRefused(
      `The ${handle.driver === 'pglite' || handle.embedded ? 'data folder' : 'database'} at ${handle.location} is not empty (${full.length === 1 ? `the table ${full[0]} has rows` : `${full.length} tables have rows, e.g. ${full.slice(0, 3).join(', ')}`}). ` +
        `Restore into an empty one: ${handle.driver === 'pglite' || handle.embedded ? 'set DATA_DIR to a new folder' : 'create a new database and point DATABASE_URL at it'}.`,
    );
  }
  const iterator = lines(file)[Symbol.asyncIterator]();
  const first = await iterator.next();
  let header: Header;
  try {
    header = JSON.parse(first.done ? '' : first.value) as Header;
  } catch {
    throw new RestoreRefused(`${file} is not a personaflow backup (its first line is not the backup header).`);
  }
  if (header.format !== BACKUP_FORMAT) throw new RestoreRefused(`${file} is not a personaflow backup.`);
  if (header.version !== VERSION)
    throw new RestoreRefused(`${file} is a backup of format version ${header.version}; this version of personaflow reads version ${VERSION}.`);
  const ours = readMigrationFiles({ migrationsFolder }).map((m) => m.hash);
  if (header.migrations.length !== ours.length || header.migrations.some((h, i) => h !== ours[i])) {
    throw new RestoreRefused(
      `${file} was made by a version of personaflow at other schema migrations (${header.migrations.length} in the backup, ${ours.length} here): restore it with the version that made it, then upgrade.`,
    );
  }

  await migrateDatabase(handle);
  const tables = new Map((await schemaOf(handle.db)).map((t) => [t.name, t]));
  for (const t of header.tables) {
    const here = tables.get(t.name);
    if (!here) throw new RestoreRefused(`The backup has a table ${t.name} that this database does not.`);
    const missing = t.columns.filter((c) => !here.columns.includes(c));
    if (missing.length) throw new RestoreRefused(`The backup's table ${t.name} has columns this database does not (${missing.join(', ')}).`);
  }

  const counts: BackupCounts = {};
  let trailer: { end: true; counts: BackupCounts } | null = null;
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    await tx.execute(sql.raw('create temporary table pf_restore_self_refs (t text not null, data jsonb not null) on commit drop'));
    const load = async (name: string, batch: string[]) => {
      if (batch.length === 0) return;
      const info = header.tables.find((t) => t.name === name)!;
      const self = tables.get(name)!.selfRefs;
      const cols = info.columns.map(q).join(', ');
      // A row may reference a row of its own table that comes later: those references are set after the table is loaded.
      const values = info.columns.map((c) => (self.includes(c) ? 'null' : `s.${q(c)}`)).join(', ');
      const json = `[${batch.join(',')}]`;
      await tx.execute(
        sql`${sql.raw(`insert into ${q(name)} (${cols}) select ${values} from jsonb_populate_recordset(null::${q(name)}, `)}${json}::jsonb${sql.raw(') s')}`,
      );
      if (self.length) await tx.execute(sql`insert into pf_restore_self_refs (t, data) select ${name}, jsonb_array_elements(${json}::jsonb)`);
      counts[name] = (counts[name] ?? 0) + batch.length;
    };
    const fixSelfRefs = async (name: string) => {
      const t = tables.get(name)!;
      if (!t.selfRefs.length) return;
      const set = t.selfRefs.map((c) => `${q(c)} = (f.r).${q(c)}`).join(', ');
      const match = t.primaryKey.map((c) => `x.${q(c)} = (f.r).${q(c)}`).join(' and ');
      const update: SQL = sql.raw(
        `update ${q(name)} x set ${set} from (select jsonb_populate_record(null::${q(name)}, data) as r from pf_restore_self_refs where t = '${name.replace(/'/g, "''")}') f where ${match}`,
      );
      await tx.execute(update);
    };

    let current: string | null = null;
    let batch: string[] = [];
    let bytes = 0;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const line = next.value;
      if (!line) continue;
      const m = ROW_LINE.exec(line);
      if (!m) {
        trailer = JSON.parse(line) as { end: true; counts: BackupCounts };
        break;
      }
      const name = JSON.parse(m[1]!) as string;
      if (!tables.has(name) || !header.tables.some((t) => t.name === name))
        throw new RestoreRefused(`The backup has rows for a table its header does not list (${name}).`);
      if (name !== current) {
        if (current) await load(current, batch);
        current = name;
        batch = [];
        bytes = 0;
      }
      const row = line.slice(m[0].length, -1);
      batch.push(row);
      bytes += row.length;
      if (batch.length >= 500 || bytes > 4_000_000) {
        await load(current, batch);
        batch = [];
        bytes = 0;
      }
    }
    if (current) await load(current, batch);
    const end = trailer as { end: true; counts: BackupCounts } | null;
    if (!end?.end) throw new RestoreRefused(`${file} is incomplete (it ends before its last line): nothing was restored.`);
    for (const t of header.tables) {
      if ((counts[t.name] ?? 0) !== (end.counts[t.name] ?? 0)) {
        throw new RestoreRefused(
          `${file} is damaged: ${t.name} has ${counts[t.name] ?? 0} rows, its last line says ${end.counts[t.name] ?? 0}. Nothing was restored.`,
        );
      }
    }
    // Only once the file is known to be whole: a cut-off file is refused as such, not as a broken reference.
    for (const t of header.tables) await fixSelfRefs(t.name);
    // Sequences (serial columns) continue after the restored rows.
    const sequences = rowsOf<{ table_name: string; column_name: string; seq: string }>(
      await tx.execute(sql`
        select table_name, column_name, pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) as seq
        from information_schema.columns where table_schema = 'public'
          and pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) is not null`),
    );
    for (const s of sequences) {
      await tx.execute(
        sql.raw(`select setval('${s.seq.replace(/'/g, "''")}', coalesce((select max(${q(s.column_name)}) from ${q(s.table_name)}), 0) + 1, false)`),
      );
    }
  });
  return Object.fromEntries(header.tables.map((t) => [t.name, counts[t.name] ?? 0]));
}
