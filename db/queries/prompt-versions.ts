import { and, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { promptVersions } from '../schema.js';
import type { PromptVersion } from '../../schemas/transcript.js';

export function promptVersionQueries(db: Database) {
  return {
    /** Records the versions not seen before; a known version is never changed. */
    async record(versions: PromptVersion[]): Promise<void> {
      if (!versions.length) return;
      await db.insert(promptVersions).values(versions).onConflictDoNothing();
    },

    /** The exact template text of one version, or null when it was never recorded. */
    async get({ prompt, version }: { prompt: string; version: string }): Promise<(PromptVersion & { recordedAt: string }) | null> {
      const [row] = await db
        .select()
        .from(promptVersions)
        .where(and(eq(promptVersions.prompt, prompt), eq(promptVersions.version, version)));
      return row ? { prompt: row.prompt, version: row.version, template: row.template, recordedAt: row.recordedAt.toISOString() } : null;
    },
  };
}
