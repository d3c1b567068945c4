import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import { SuppressionInputSchema } from '../../schemas/email.js';
import { OutboxQuerySchema, type OutboxPage } from '../../schemas/outbox.js';
import { HttpError, validationError } from '../errors.js';
import { uuidParam } from './params.js';
import { recordAudit } from '../http/audit.js';
import { requireOwner, scopeOf } from '../http/request-scope.js';

/** Every email campaigns sent, stored in outbox mode, or failed to send; and the suppression list. */
export function outboxRoutes({ queries, mode }: { queries: Queries; mode: 'smtp' | 'outbox' }): Router {
  const router = Router();
  uuidParam(router, () => 'Email not found');
  router.get('/', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const query = OutboxQuerySchema.safeParse(req.query);
    if (!query.success) throw validationError(query.error, 'query');
    res.json({ mode, ...(await queries.emailLogs.outboxPage({ workspaceId, query: query.data })) } satisfies OutboxPage);
  });
  router.get('/:id/raw', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const raw = await queries.emailLogs.raw({ workspaceId, id: req.params.id! });
    res.type('text/plain; charset=utf-8').setHeader('Content-Disposition', `inline; filename="${req.params.id}.eml"`);
    res.send(raw);
  });
  return router;
}

export function suppressionRoutes({ queries }: { queries: Queries }): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ suppressions: await queries.emailLogs.suppressions({ workspaceId }) });
  });
  router.post('/', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = SuppressionInputSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const suppression = await queries.emailLogs.suppress({ workspaceId, ...body.data, source: 'manual' });
    await recordAudit(queries.audit, res, {
      action: 'suppression.added',
      subjectType: 'suppression',
      subjectId: suppression.email,
      summary: `Suppressed ${suppression.email}`,
    });
    res.status(201).json({ suppression });
  });
  // Only an owner lifts a suppression (one added by hand; the recipient's own unsubscribe stays, see unsuppress).
  router.delete('/:email', requireOwner, async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const email = z.string().trim().toLowerCase().email().safeParse(req.params.email);
    if (!email.success) throw new HttpError(404, 'NOT_FOUND', 'Suppressed address not found');
    await queries.emailLogs.unsuppress({ workspaceId, email: email.data });
    await recordAudit(queries.audit, res, {
      action: 'suppression.removed',
      subjectType: 'suppression',
      subjectId: email.data,
      summary: `Removed the suppression of ${email.data}: it can be emailed again`,
    });
    res.status(204).end();
  });
  return router;
}
