import { and, desc, eq, getTableName, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { notFound, staleVersion } from '../../lib/errors.js';
import type { Database } from '../client.js';

type VersionedTable = PgTable & {
  id: PgColumn;
  workspaceId: PgColumn;
  version: PgColumn;
  updatedAt: PgColumn;
};

/**
 * Create / read / update (with an expected version) / delete for a workspace-scoped resource.
 * Products, contacts and company profiles share this shape; each maps its own row to its DTO.
 */
export function versionedResource<Row extends { id: string; version: number }, Input extends object, Dto>(
  db: Database,
  table: VersionedTable,
  what: string,
  toDto: (row: Row) => Dto,
  toValues: (input: Input) => Record<string, unknown>,
) {
  const scoped = (workspaceId: string, id: string) => and(eq(table.id, id), eq(table.workspaceId, workspaceId));
  // Prepared once: every email draft reads the company profiles, and a campaign send drafts one.
  const name = getTableName(table);
  const listOf = db
    .select()
    .from(table as PgTable)
    .where(eq(table.workspaceId, sql.placeholder('workspaceId')))
    .orderBy(desc(table.updatedAt))
    .prepare(`${name}_list`);
  const byId = db
    .select()
    .from(table as PgTable)
    .where(and(eq(table.id, sql.placeholder('id')), eq(table.workspaceId, sql.placeholder('workspaceId'))))
    .prepare(`${name}_get`);
  return {
    async list({ workspaceId }: { workspaceId: string }): Promise<Dto[]> {
      const rows = (await listOf.execute({ workspaceId })) as Row[];
      return rows.map(toDto);
    },
    async get({ workspaceId, id }: { workspaceId: string; id: string }): Promise<Dto> {
      const [row] = (await byId.execute({ workspaceId, id })) as Row[];
      if (!row) throw notFound(what);
      return toDto(row);
    },
    async create({ workspaceId, input }: { workspaceId: string; input: Input }): Promise<Dto> {
      const [row] = (await db
        .insert(table)
        .values({ workspaceId, ...toValues(input) })
        .returning()) as Row[];
      return toDto(row!);
    },
    async update({ workspaceId, id, input, expectedVersion }: { workspaceId: string; id: string; input: Input; expectedVersion: number }): Promise<Dto> {
      const [row] = (await db
        .update(table)
        .set({ ...toValues(input), version: sql`${table.version} + 1`, updatedAt: new Date() })
        .where(and(scoped(workspaceId, id), eq(table.version, expectedVersion)))
        .returning()) as Row[];
      if (row) return toDto(row);
      const [current] = (await db
        .select()
        .from(table as PgTable)
        .where(scoped(workspaceId, id))) as Row[];
      throw current ? staleVersion(expectedVersion, current.version) : notFound(what);
    },
    async delete({ workspaceId, id }: { workspaceId: string; id: string }): Promise<void> {
      const rows = await db.delete(table).where(scoped(workspaceId, id)).returning({ id: table.id });
      if (rows.length === 0) throw notFound(what);
    },
  };
}
