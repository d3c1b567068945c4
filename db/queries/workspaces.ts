import { eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { DEFAULT_WORKSPACE_SLUG, workspaces } from '../schema.js';

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

    async create({ slug, name }: { slug: string; name: string }): Promise<string> {
      const [row] = await db.insert(workspaces).values({ slug, name }).returning({ id: workspaces.id });
      return row!.id;
    },
  };
}
