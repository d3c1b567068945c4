import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import { estimateCostUsd, type Price } from '../../lib/model-prices.js';
import { validationError } from '../errors.js';
import { scopeOf } from '../http/request-scope.js';

const UsageQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }).strict();

/** Model calls per flow and prompt: tokens, latency, failures and an estimated cost. */
export function usageRoutes({
  queries,
  prices,
  usageQueue,
}: {
  queries: Queries;
  prices: Record<string, Price>;
  usageQueue?: { flush(): Promise<void> };
}): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const query = UsageQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error, 'query');
    const since = new Date(Date.now() - query.data.days * 86_400_000);
    // The calls of a turn that has just answered may still be queued: they count too.
    await usageQueue?.flush();
    const rows = await queries.modelCalls.usage({ workspaceId, since });
    const withCost = rows.map((r) => ({ ...r, estimatedCostUsd: estimateCostUsd(prices, r.model, r.inputTokens, r.outputTokens) }));
    const byFlow = new Map<
      string,
      { flow: string; calls: number; failures: number; inputTokens: number; outputTokens: number; estimatedCostUsd: number | null }
    >();
    for (const r of withCost) {
      const f = byFlow.get(r.flow) ?? { flow: r.flow, calls: 0, failures: 0, inputTokens: 0, outputTokens: 0, estimatedCostUsd: 0 };
      f.calls += r.calls;
      f.failures += r.failures;
      f.inputTokens += r.inputTokens;
      f.outputTokens += r.outputTokens;
      f.estimatedCostUsd = f.estimatedCostUsd === null || r.estimatedCostUsd === null ? null : f.estimatedCostUsd + r.estimatedCostUsd;
      byFlow.set(r.flow, f);
    }
    res.json({ since: since.toISOString(), byFlow: [...byFlow.values()], byPrompt: withCost, prices });
  });
  return router;
}
