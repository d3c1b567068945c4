import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import { diffPersonas } from '../../lib/persona-diff.js';
import { personaToMarkdown } from '../../lib/persona-markdown.js';
import { PersonaUpdateSchema } from '../../schemas/persona.js';
import { HttpError, validationError } from '../errors.js';

const IdParam = z.string().uuid();
const ExportQuery = z.object({ format: z.enum(['md', 'json']).default('md') });

const fileName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'persona';

export function personaRoutes({ queries, workspaceId }: { queries: Queries; workspaceId: string }): Router {
  const router = Router();
  const personas = queries.personas;

  // A malformed id can never name a persona: 404, not a database error.
  router.param('id', (_req, _res, next, id) => {
    next(IdParam.safeParse(id).success ? undefined : new HttpError(404, 'NOT_FOUND', 'Persona not found'));
  });

  router.get('/', async (_req, res) => {
    res.json({ personas: await personas.list({ workspaceId }) });
  });

  router.get('/:id', async (req, res) => {
    const id = req.params.id!;
    const [persona, versions] = await Promise.all([personas.get({ workspaceId, id }), personas.versions({ workspaceId, id })]);
    res.json({
      persona,
      versions: versions.map((v, i) => ({ ...v, changes: diffPersonas(versions[i - 1]?.data ?? null, v.data) })),
    });
  });

  router.put('/:id', async (req, res) => {
    const body = PersonaUpdateSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const persona = await personas.save({ workspaceId, id: req.params.id!, data: body.data.data, source: 'edit', expectedVersion: body.data.expectedVersion });
    res.json({ persona });
  });

  router.delete('/:id', async (req, res) => {
    await personas.delete({ workspaceId, id: req.params.id! });
    res.status(204).end();
  });

  // The stages of this persona's buying-process maps, with their content types and key messages.
  router.get('/:id/buying-stages', async (req, res) => {
    await personas.get({ workspaceId, id: req.params.id! });
    res.json({ stages: await queries.buyingProcesses.stagesForPersona({ workspaceId, personaId: req.params.id! }) });
  });

  router.get('/:id/export', async (req, res) => {
    const query = ExportQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error, 'query');
    const persona = await personas.get({ workspaceId, id: req.params.id! });
    const name = fileName(persona.data.personName);
    if (query.data.format === 'json') {
      res.attachment(`${name}.json`).type('application/json').send(JSON.stringify({ ...persona.data, version: persona.version }, null, 2));
    } else {
      res.attachment(`${name}.md`).type('text/markdown').send(personaToMarkdown(persona.data, persona));
    }
  });

  return router;
}
