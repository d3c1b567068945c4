import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import { diffPersonas } from '../formats/persona-diff.js';
import { personaToMarkdown } from '../formats/persona-markdown.js';
import { randomUUID } from 'node:crypto';
import { mapLegacyPersona } from '../formats/legacy-persona.js';
import { PersonaSchema, PersonaUpdateSchema, SavedEvidenceSchema, type PersonaField } from '../../schemas/persona.js';
import { ExpectedVersionSchema, MAX_VERSION } from '../../schemas/version.js';
import { LegacyPersonaSchema, type PersonaEvidence } from '../../schemas/persona-generation.js';
import { HttpError, validationError } from '../errors.js';
import { uuidParam } from './params.js';
import { recordAudit } from '../http/audit.js';
import { scopeOf } from '../http/request-scope.js';

const CreatePersonaSchema = z.object({ data: PersonaSchema, evidence: SavedEvidenceSchema.optional() }).strict();
const ManualFitSchema = z
  .object({
    productId: z.string().uuid('productId must be the id of one of your products'),
    valuePropToThem: z.string().trim().min(1, 'Say what the product does for them').max(600),
    alignmentReasoning: z.string().trim().min(1, 'Say why it fits').max(1000),
  })
  .strict();
const RestoreSchema = z.object({ expectedVersion: ExpectedVersionSchema.optional() }).strict();
const VersionParam = z.coerce.number().int().min(1).max(MAX_VERSION);
const ExportQuery = z.object({ format: z.enum(['md', 'json']).default('md') });

const fileName = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'persona';

export function personaRoutes({ queries }: { queries: Queries }): Router {
  const router = Router();
  const personas = queries.personas;
  uuidParam(router, () => 'Persona not found');

  router.get('/', async (_req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ personas: await personas.list({ workspaceId }) });
  });

  // Save a persona written in the builder (source document 000's save step).
  router.post('/', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = CreatePersonaSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const { data, evidence } = body.data;
    const persona = await personas.save({ workspaceId, id: randomUUID(), data, evidence: evidence ?? null, source: evidence ? 'generator' : 'edit' });
    res.status(201).json({ persona });
  });

  // Old-format persona JSON → the current fields, for the builder to complete; nothing is saved.
  router.post('/import', (req, res) => {
    const body = LegacyPersonaSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    res.json(mapLegacyPersona(body.data));
  });

  router.get('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const id = req.params.id!;
    const [persona, versions] = await Promise.all([personas.get({ workspaceId, id }), personas.versions({ workspaceId, id })]);
    res.json({
      persona,
      versions: versions.map((v, i) => ({ ...v, changes: diffPersonas(versions[i - 1]?.data ?? null, v.data) })),
    });
  });

  router.put('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = PersonaUpdateSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const id = req.params.id!;
    const current = await personas.get({ workspaceId, id });
    // A field a person changed no longer rests on the generator's evidence.
    const changed = new Set(diffPersonas(current.data, body.data.data).map((c) => c.field));
    const evidence =
      body.data.evidence ?? (current.evidence ? Object.fromEntries(Object.entries(current.evidence).filter(([f]) => !changed.has(f as PersonaField))) : null);
    const persona = await personas.save({
      workspaceId,
      id,
      data: body.data.data,
      evidence: evidence as PersonaEvidence | null,
      source: 'edit',
      expectedVersion: body.data.expectedVersion,
    });
    res.json({ persona });
  });

  // "Restore this version": a new version with the old content; with expectedVersion, refused (409) if the library moved on.
  router.post('/:id/versions/:version/restore', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const version = VersionParam.safeParse(req.params.version);
    if (!version.success) throw new HttpError(404, 'NOT_FOUND', 'Persona version not found');
    const body = RestoreSchema.safeParse(req.body ?? {});
    if (!body.success) throw validationError(body.error);
    const persona = await personas.restore({ workspaceId, id: req.params.id!, version: version.data, ...body.data });
    await recordAudit(queries.audit, res, {
      action: 'persona.restored',
      subjectType: 'persona',
      subjectId: persona.id,
      summary: `Restored version ${version.data} of “${persona.data.personName}” as version ${persona.version}`,
    });
    res.status(201).json({ persona });
  });

  router.delete('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const persona = await personas.get({ workspaceId, id: req.params.id! });
    await personas.delete({ workspaceId, id: req.params.id! });
    await recordAudit(queries.audit, res, {
      action: 'persona.deleted',
      subjectType: 'persona',
      subjectId: persona.id,
      summary: `Deleted the persona “${persona.data.personName}” (${persona.data.title})`,
    });
    res.status(204).end();
  });

  // The stages of this persona's buying-process maps, with their content types and key messages.
  router.get('/:id/buying-stages', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    await personas.get({ workspaceId, id: req.params.id! });
    res.json({ stages: await queries.buyingProcesses.stagesForPersona({ workspaceId, personaId: req.params.id! }) });
  });

  router.get('/:id/product-fits', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    await personas.get({ workspaceId, id: req.params.id! });
    res.json({ fits: await queries.productFits.forPersona({ workspaceId, personaId: req.params.id! }) });
  });

  // A fit added by hand ("with a way to add one"); the findProductFits flow adds them by analysis.
  router.post('/:id/product-fits', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = ManualFitSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const personaId = req.params.id!;
    await personas.get({ workspaceId, id: personaId });
    await queries.products.get({ workspaceId, id: body.data.productId });
    await queries.productFits.upsert({ workspaceId, personaId, fits: [body.data] });
    res.status(201).json({ fits: await queries.productFits.forPersona({ workspaceId, personaId }) });
  });

  router.delete('/:id/product-fits/:productId', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const removed = await queries.productFits.remove({ workspaceId, personaId: req.params.id!, productId: String(req.params.productId) }).catch(() => false);
    if (!removed) throw new HttpError(404, 'NOT_FOUND', 'Product fit not found');
    res.status(204).end();
  });

  router.get('/:id/export', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const query = ExportQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error, 'query');
    const persona = await personas.get({ workspaceId, id: req.params.id! });
    const name = fileName(persona.data.personName);
    if (query.data.format === 'json') {
      res
        .attachment(`${name}.json`)
        .type('application/json')
        .send(JSON.stringify({ ...persona.data, version: persona.version }, null, 2));
    } else {
      res.attachment(`${name}.md`).type('text/markdown').send(personaToMarkdown(persona.data, persona));
    }
  });

  return router;
}
