import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import { ResponseImportInputSchema, SurveyResponseInputSchema } from '../../schemas/survey-response.js';
import { parseResponseImport } from '../formats/response-import.js';
import { validationError } from '../errors.js';
import { recordAudit } from '../http/audit.js';
import { scopeOf } from '../http/request-scope.js';
import { uuidParam } from './params.js';

const CreateSchema = z.object({ data: SurveyResponseInputSchema }).strict();
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1, 'limit must be from 1 to 200').max(200, 'limit must be from 1 to 200').default(50),
  offset: z.coerce.number().int().min(0, 'offset cannot be negative').max(10_000_000).default(0),
});

/** Survey responses (source document 003): one at a time, listed, deleted; each scored against every persona as it arrives. */
export function responseRoutes({ queries }: { queries: Queries }): Router {
  const router = Router();
  const responses = queries.surveyResponses;
  uuidParam(router, () => 'Response not found');

  router.get('/', async (req, res) => {
    const query = ListQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error);
    res.json(await responses.list({ workspaceId: scopeOf(res).workspaceId, ...query.data }));
  });

  router.post('/', async (req, res) => {
    const body = CreateSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    res.status(201).json({ response: await responses.add({ workspaceId: scopeOf(res).workspaceId, input: body.data.data, source: 'api' }) });
  });

  // A CSV (by header, aliases accepted) or JSON rows: good rows stored and scored, bad ones named by line with the reason.
  router.post('/import', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = ResponseImportInputSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const { rows, rejected } = parseResponseImport(body.data);
    const imported = await responses.addMany({ workspaceId, inputs: rows.map((r) => r.data), source: 'import' });
    if (imported > 0) {
      await recordAudit(queries.audit, res, {
        action: 'responses.imported',
        subjectType: 'response',
        subjectId: null,
        summary: `Imported ${imported} survey responses`,
      });
    }
    res.json({ imported, rejected });
  });

  router.get('/:id', async (req, res) => {
    res.json({ response: await responses.get({ workspaceId: scopeOf(res).workspaceId, id: req.params.id! }) });
  });

  router.delete('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    await responses.delete({ workspaceId, id: req.params.id! });
    await recordAudit(queries.audit, res, {
      action: 'response.deleted',
      subjectType: 'response',
      subjectId: req.params.id!,
      summary: 'Deleted a survey response',
    });
    res.status(204).end();
  });
  return router;
}
