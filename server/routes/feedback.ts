import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import { FeedbackPostSchema, FeedbackTargetParamSchema } from '../../schemas/feedback.js';
import { validationError } from '../errors.js';
import { scopeOf } from '../http/request-scope.js';

const MineQuery = z
  .object({
    target: FeedbackTargetParamSchema.optional(),
    session: z.string().uuid('session must be a session id (a uuid)').optional(),
  })
  .strict()
  .refine((q) => (q.target === undefined) !== (q.session === undefined), {
    message: 'Ask for one target (?target=kind:id) or one session (?session=<id>)',
    path: ['target'],
  });

/** POST /api/feedback: the caller's feedback on a target (a second one replaces it); GET: theirs. */
export function feedbackRoutes({ queries }: { queries: Queries }): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const { workspaceId, actor } = scopeOf(res);
    const body = FeedbackPostSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const { feedback, created } = await queries.feedback.give({ workspaceId, actor, input: body.data.data });
    res.status(created ? 201 : 200).json({ feedback });
  });

  router.get('/', async (req, res) => {
    const { workspaceId, actor } = scopeOf(res);
    const query = MineQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error, 'query');
    const { target, session } = query.data;
    if (target) res.json({ feedback: await queries.feedback.mine({ workspaceId, actor, target }) });
    else res.json({ feedback: await queries.feedback.mineInSession({ workspaceId, actor, sessionId: session! }) });
  });

  return router;
}
