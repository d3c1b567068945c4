import { Router } from 'express';
import type { Queries } from '../../db/queries/index.js';
import { HttpError } from '../errors.js';
import { scopeOf } from '../http/request-scope.js';
import { z } from 'zod';

const JobId = z.string().uuid();

/** Persona analytics across the workspace: coverage of every persona, the unmatched groups, a job's progress. */
export function analyticsRoutes({ queries }: { queries: Queries }): Router {
  const router = Router();
  router.get('/coverage', async (_req, res) => {
    res.json(await queries.personaAnalytics.coverage({ workspaceId: scopeOf(res).workspaceId }));
  });
  router.get('/unmatched-groups', async (_req, res) => {
    res.json(await queries.unmatchedGroups.list({ workspaceId: scopeOf(res).workspaceId }));
  });
  router.get('/jobs/:jobId', async (req, res) => {
    if (!JobId.safeParse(req.params.jobId).success) throw new HttpError(404, 'NOT_FOUND', 'Job not found');
    res.json({ job: await queries.personaAnalytics.job({ workspaceId: scopeOf(res).workspaceId, id: req.params.jobId }) });
  });
  return router;
}
