import { Router } from 'express';
import type { Queries } from '../../db/queries/index.js';
import { requireOwner, scopeOf } from '../http/request-scope.js';

/** GET /api/insights: what the workspace's feedback says, for its owners (it quotes every member's comments). */
export function insightRoutes({ queries }: { queries: Queries }): Router {
  const router = Router();
  router.get('/', requireOwner, async (_req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ insights: await queries.insights.insights({ workspaceId }) });
  });
  return router;
}
