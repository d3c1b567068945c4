import { Router } from 'express';
import type { StoredSurveyLink } from '../../db/queries/survey-links.js';
import type { AuditLog } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { SurveyLinkOpenSchema, type SurveyLink } from '../../schemas/survey-link.js';
import { validationError } from '../errors.js';
import { recordAudit } from '../http/audit.js';
import { requireOwner, scopeOf } from '../http/request-scope.js';

type SurveyLinks = {
  get(a: { workspaceId: string }): Promise<StoredSurveyLink | null>;
  create(a: { workspaceId: string }): Promise<StoredSurveyLink>;
  setOpen(a: { workspaceId: string; open: boolean }): Promise<StoredSurveyLink | null>;
};

/** The address people answer the survey at (server/routes/survey.ts serves it). */
export const surveyUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/survey/${token}`;

/**
 * GET/POST/PUT /api/survey-link: the workspace's public survey link. Anyone holding it can add
 * responses, so making, replacing, closing and reopening it is for owners, and audited.
 */
export function surveyLinkRoutes(deps: { links: SurveyLinks; audit: AuditLog; publicUrl: string }): Router {
  const router = Router();
  const view = (link: StoredSurveyLink): SurveyLink => ({
    url: surveyUrl(deps.publicUrl, link.token),
    open: link.open,
    createdAt: link.createdAt.toISOString(),
  });

  router.get('/', async (_req, res) => {
    const link = await deps.links.get(scopeOf(res));
    res.json({ link: link ? view(link) : null });
  });

  router.post('/', requireOwner, async (_req, res) => {
    const { workspaceId } = scopeOf(res);
    const had = await deps.links.get({ workspaceId });
    const link = await deps.links.create({ workspaceId });
    await recordAudit(deps.audit, res, {
      action: had ? 'survey_link.regenerated' : 'survey_link.created',
      subjectType: 'survey_link',
      subjectId: null,
      summary: had ? 'Replaced the survey link: the old link no longer works' : 'Created the survey link',
    });
    res.status(201).json({ link: view(link) });
  });

  router.put('/', requireOwner, async (req, res) => {
    const body = SurveyLinkOpenSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const { workspaceId } = scopeOf(res);
    const link = await deps.links.setOpen({ workspaceId, open: body.data.open });
    if (!link) throw new AppError('not_found', 'This workspace has no survey link yet: create it first (POST /api/survey-link).');
    await recordAudit(deps.audit, res, {
      action: link.open ? 'survey_link.reopened' : 'survey_link.closed',
      subjectType: 'survey_link',
      subjectId: null,
      summary: link.open ? 'Reopened the survey: its link takes answers again' : 'Closed the survey: its link takes no more answers',
    });
    res.json({ link: view(link) });
  });
  return router;
}
