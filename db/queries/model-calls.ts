import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { modelCalls } from '../schema.js';
import type { ModelCallRecord } from '../../schemas/model-call.js';

export type UsageRow = {
  flow: string;
  prompt: string;
  provider: string;
  model: string;
  calls: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  avgLatencyMs: number;
};

/** Tokens by model, for pricing (lib/model-cost.ts). */
export type TokensByModel = { model: string; calls: number; inputTokens: number; outputTokens: number; tokensEstimated: boolean };

export function modelCallQueries(db: Database) {
  /** Several calls in one INSERT (the write-behind queue server/services.ts records through). */
  const recordMany = async (calls: ModelCallRecord[]): Promise<void> => {
    if (!calls.length) return;
    await db.insert(modelCalls).values(calls.map((call) => ({ ...call, error: call.error?.slice(0, 500) ?? null })));
  };
  return {
    record: (call: ModelCallRecord): Promise<void> => recordMany([call]),
    recordMany,

    /** Calls, failures, tokens and latency per flow, prompt and model since a date. */
    async usage({ workspaceId, since }: { workspaceId: string; since: Date }): Promise<UsageRow[]> {
      const rows = await db
        .select({
          flow: modelCalls.flow,
          prompt: modelCalls.prompt,
          provider: modelCalls.provider,
          model: modelCalls.model,
          calls: sql<number>`count(*)::int`,
          failures: sql<number>`(count(*) filter (where not ${modelCalls.success}))::int`,
          inputTokens: sql<number>`coalesce(sum(${modelCalls.inputTokens}), 0)::int`,
          outputTokens: sql<number>`coalesce(sum(${modelCalls.outputTokens}), 0)::int`,
          avgLatencyMs: sql<number>`coalesce(round(avg(${modelCalls.latencyMs})), 0)::int`,
        })
        .from(modelCalls)
        .where(and(eq(modelCalls.workspaceId, workspaceId), gte(modelCalls.createdAt, since)))
        .groupBy(modelCalls.flow, modelCalls.prompt, modelCalls.provider, modelCalls.model)
        .orderBy(desc(sql`count(*)`));
      return rows;
    },

    /** What a campaign run's drafts used, by model. */
    async forRun({ workspaceId, runId }: { workspaceId: string; runId: string }): Promise<TokensByModel[]> {
      return db
        .select({
          model: modelCalls.model,
          calls: sql<number>`count(*)::int`,
          inputTokens: sql<number>`coalesce(sum(${modelCalls.inputTokens}), 0)::int`,
          outputTokens: sql<number>`coalesce(sum(${modelCalls.outputTokens}), 0)::int`,
          tokensEstimated: sql<boolean>`coalesce(bool_or(${modelCalls.tokensEstimated}), false)`,
        })
        .from(modelCalls)
        .where(and(eq(modelCalls.workspaceId, workspaceId), eq(modelCalls.runId, runId)))
        .groupBy(modelCalls.model)
        .orderBy(modelCalls.model);
    },

    /** The average tokens of a prompt's last successful calls in a workspace: what one more is likely to take. */
    async recentAverage({ workspaceId, prompt, last }: { workspaceId: string; prompt: string; last: number }): Promise<Omit<TokensByModel, 'model'>> {
      const recent = db
        .select({ inputTokens: modelCalls.inputTokens, outputTokens: modelCalls.outputTokens, tokensEstimated: modelCalls.tokensEstimated })
        .from(modelCalls)
        .where(and(eq(modelCalls.workspaceId, workspaceId), eq(modelCalls.prompt, prompt), eq(modelCalls.success, true)))
        .orderBy(desc(modelCalls.createdAt))
        .limit(last)
        .as('recent');
      const [row] = await db
        .select({
          calls: sql<number>`count(*)::int`,
          inputTokens: sql<number>`coalesce(round(avg(${recent.inputTokens})), 0)::int`,
          outputTokens: sql<number>`coalesce(round(avg(${recent.outputTokens})), 0)::int`,
          tokensEstimated: sql<boolean>`coalesce(bool_or(${recent.tokensEstimated}), false)`,
        })
        .from(recent);
      return row!;
    },
  };
}
