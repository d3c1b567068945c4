import { Router } from 'express';
import type { Queries } from '../../db/queries/index.js';
import { scopeOf } from '../http/request-scope.js';
import { uuidParam } from './params.js';

/** Persona analytics across the workspace: coverage of every persona, the unmatched groups, a job's progress. */
export function analyticsRoutes({ queries }: { queries: Queries }): Router {
  const router = Router();
  uuidParam(router, () => 'Job not found');
  router.get('/coverage', async (_req, res) => {
    res.json(await queries.personaAnalytics.coverage({ workspaceId: scopeOf(res).workspaceId }));
  });
  router.get('/unmatched-groups', async (_req, res) => {
    res.json(await queries.unmatchedGroups.list({ workspaceId: scopeOf(res).workspaceId }));
  });
  router.get('/jobs/:id', async (req, res) => {
    res.json({ job: await queries.personaAnalytics.job({ workspaceId: scopeOf(res).workspaceId, id: req.params.id! }) });
  });
  return router;
}
