import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import { validationError } from '../errors.js';
import { uuidParam } from './params.js';
import { recordAudit } from '../http/audit.js';
import { scopeOf } from '../http/request-scope.js';

const ListQuery = z.object({ flow: z.string().min(1).max(60) }).strict();

export function sessionRoutes({ queries }: { queries: Queries }): Router {
  const router = Router();
  const sessions = queries.wizardSessions;

  uuidParam(router, (id) => `Session ${id} not found`);

  router.get('/', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const query = ListQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error, 'query');
    res.json({ sessions: await sessions.list({ workspaceId, flow: query.data.flow }) });
  });

  router.get('/:id/history', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ snapshots: await sessions.history({ workspaceId, sessionId: req.params.id! }) });
  });

  router.delete('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    await sessions.delete({ workspaceId, sessionId: req.params.id! });
    await recordAudit(queries.audit, res, {
      action: 'session.deleted',
      subjectType: 'wizard_session',
      subjectId: req.params.id!,
      summary: 'Deleted a wizard session',
    });
    res.status(204).end();
  });

  return router;
}
