import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { rowsOf } from '../rows.js';
import { acceptedDrafts, campaigns } from '../schema.js';

/**
 * The email tones a workspace's people chose, newest first: the tone of each draft they accepted,
 * and of each campaign whose sample drafts they approved (when they approved it). What memory
 * learns the workspace's usual tone from (flows/tone-habit.ts).
 */
export function toneChoiceQueries(db: Database) {
  return {
    async recent({ workspaceId, limit }: { workspaceId: string; limit: number }): Promise<string[]> {
      const result = await db.execute(sql`
        select tone from (
          select ${acceptedDrafts.tone} as tone, ${acceptedDrafts.createdAt} as chosen_at
            from ${acceptedDrafts} where ${acceptedDrafts.workspaceId} = ${workspaceId}
          union all
          select ${campaigns.promptJson} ->> 'tone' as tone, ${campaigns.approvedAt} as chosen_at
            from ${campaigns} where ${campaigns.workspaceId} = ${workspaceId} and ${campaigns.approvedAt} is not null
        ) choices
        where tone is not null
        order by chosen_at desc
        limit ${limit}`);
      return rowsOf<{ tone: string }>(result).map((r) => r.tone);
    },
  };
}
