import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import { buyingProcessToCsv, buyingProcessToMarkdown } from '../formats/buying-process-export.js';
import { HttpError, validationError } from '../errors.js';
import { ExpectedVersionSchema, MAX_VERSION } from '../../schemas/version.js';
import { uuidParam } from './params.js';
import { recordAudit } from '../http/audit.js';
import { scopeOf } from '../http/request-scope.js';

const RestoreSchema = z.object({ expectedVersion: ExpectedVersionSchema.optional() }).strict();
const VersionParam = z.coerce.number().int().min(1).max(MAX_VERSION);
const ExportQuery = z.object({ format: z.enum(['md', 'csv']).default('md') });
const fileName = (name: string) =>
  `buying-process-${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'map'
  }`;

export function buyingProcessRoutes({ queries }: { queries: Queries }): Router {
  const router = Router();
  const maps = queries.buyingProcesses;

  uuidParam(router, () => 'Buying process map not found');

  router.get('/', async (_req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ maps: await maps.list({ workspaceId }) });
  });

  router.get('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json(await maps.get({ workspaceId, id: req.params.id! }));
  });

  router.get('/:id/versions', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    await maps.get({ workspaceId, id: req.params.id! });
    res.json({ versions: await maps.versions({ workspaceId, id: req.params.id! }) });
  });

  // "Restore this version": the map's next version takes the old content; its wizard session must then choose before it changes the map again.
  router.post('/:id/versions/:version/restore', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const version = VersionParam.safeParse(req.params.version);
    if (!version.success) throw new HttpError(404, 'NOT_FOUND', 'Map version not found');
    const body = RestoreSchema.safeParse(req.body ?? {});
    if (!body.success) throw validationError(body.error);
    res.status(201).json(await maps.restore({ workspaceId, id: req.params.id!, version: version.data, ...body.data }));
  });

  // The map is the projection of its wizard session: deleting the session deletes both.
  router.delete('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const { map } = await maps.get({ workspaceId, id: req.params.id! });
    await queries.wizardSessions.delete({ workspaceId, sessionId: req.params.id! });
    await recordAudit(queries.audit, res, {
      action: 'buying_process.deleted',
      subjectType: 'buying_process',
      subjectId: req.params.id!,
      summary: `Deleted the buying-process map${map.persona_name ? ` for “${map.persona_name}”` : ''}`,
    });
    res.status(204).end();
  });

  router.get('/:id/export', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const query = ExportQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error, 'query');
    const { map } = await maps.get({ workspaceId, id: req.params.id! });
    const name = fileName(map.persona_name);
    if (query.data.format === 'csv') res.attachment(`${name}.csv`).type('text/csv').send(buyingProcessToCsv(map));
    else res.attachment(`${name}.md`).type('text/markdown').send(buyingProcessToMarkdown(map));
  });

  return router;
}
