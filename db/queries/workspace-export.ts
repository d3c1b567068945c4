import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { users, workspaceMembers, workspaces } from '../schema.js';
import { rowsOf } from '../rows.js';

/** Columns never exported: an API token's hash is a credential. */
const WITHHELD: Record<string, string[]> = { api_tokens: ['token_hash'] };

export type WorkspaceExport = {
  format: 'personaflow-workspace-export';
  version: 1;
  exportedAt: string;
  workspace: { id: string; name: string };
  people: Array<{ id: string; name: string; email: string }>;
  /** Every row of every table that belongs to the workspace, by table, as stored. */
  tables: Record<string, Array<Record<string, unknown>>>;
};

/** Everything a workspace holds, as JSON: every table with a workspace_id, found from the schema so a new table is never left out. */
export function workspaceExportQueries(db: Database) {
  return {
    async export({ workspaceId }: { workspaceId: string }): Promise<WorkspaceExport> {
      const [workspace] = await db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
      const scoped = rowsOf<{ table_name: string }>(
        await db.execute(sql`
          select c.table_name from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
          where c.table_schema = 'public' and c.column_name = 'workspace_id'
          order by c.table_name`),
      ).map((r) => r.table_name);
      const tables: WorkspaceExport['tables'] = {};
      for (const table of scoped) {
        const rows = rowsOf<{ row: Record<string, unknown> }>(
          await db.execute(sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where t.workspace_id = ${workspaceId} order by 1`),
        ).map(({ row }) => {
          for (const column of WITHHELD[table] ?? []) delete row[column];
          return row;
        });
        tables[table] = rows;
      }
      const people = await db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(workspaceMembers)
        .innerJoin(users, eq(users.id, workspaceMembers.userId))
        .where(eq(workspaceMembers.workspaceId, workspaceId));
      return { format: 'personaflow-workspace-export', version: 1, exportedAt: new Date().toISOString(), workspace: workspace!, people, tables };
    },
  };
}
