import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { rowsOf } from '../rows.js';
import { buyingProcessMaps, campaigns, companyProfiles, DEFAULT_WORKSPACE_SLUG, leads, personas, products, senderProfiles, workspaces } from '../schema.js';

export type WorkspaceCounts = { company: number; products: number; personas: number; maps: number; leads: number; campaigns: number; sender: number };

export function workspaceQueries(db: Database) {
  return {
    /** The single workspace of local mode, created on first use. */
    async ensureDefault(): Promise<string> {
      await db.insert(workspaces).values({ slug: DEFAULT_WORKSPACE_SLUG, name: 'My workspace' }).onConflictDoNothing({ target: workspaces.slug });
      const [row] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, DEFAULT_WORKSPACE_SLUG));
      if (!row) throw new Error('default workspace could not be created');
      return row.id;
    },

    async name({ id }: { id: string }): Promise<string> {
      const [row] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, id));
      return row?.name ?? '';
    },

    /** How many of each thing the workspace holds, in one statement: the first-run checklist reads it. */
    async counts({ workspaceId }: { workspaceId: string }): Promise<WorkspaceCounts> {
      const n = (
        table: typeof companyProfiles | typeof products | typeof personas | typeof buyingProcessMaps | typeof leads | typeof campaigns | typeof senderProfiles,
      ) => sql`(select count(*)::int from ${table} where ${table.workspaceId} = ${workspaceId})`;
      const [row] = rowsOf<Record<keyof WorkspaceCounts, number>>(
        await db.execute(sql`select ${n(companyProfiles)} as company, ${n(products)} as products, ${n(personas)} as personas,
          ${n(buyingProcessMaps)} as maps, ${n(leads)} as leads, ${n(campaigns)} as campaigns, ${n(senderProfiles)} as sender`),
      );
      return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)])) as WorkspaceCounts;
    },

    async create({ slug, name }: { slug: string; name: string }): Promise<string> {
      const [row] = await db.insert(workspaces).values({ slug, name }).returning({ id: workspaces.id });
      return row!.id;
    },
  };
}
