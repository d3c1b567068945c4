import { Router } from 'express';
import { z } from 'zod';
import { ExpectedVersionSchema } from '../../schemas/version.js';
import { validationError } from '../errors.js';
import { uuidParam } from './params.js';
import { recordAudit } from '../http/audit.js';
import type { AuditLog } from '../../lib/audit.js';
import { scopeOf } from '../http/request-scope.js';

type Resource<Input, Dto> = {
  list(a: { workspaceId: string }): Promise<Dto[]>;
  get(a: { workspaceId: string; id: string }): Promise<Dto>;
  create(a: { workspaceId: string; input: Input }): Promise<Dto>;
  update(a: { workspaceId: string; id: string; input: Input; expectedVersion: number }): Promise<Dto>;
  delete(a: { workspaceId: string; id: string }): Promise<void>;
};

/** REST for a workspace-scoped resource: list, create, read, update with expectedVersion (409 when stale), delete. */
export function resourceRoutes<Input, Dto extends { id: string; name?: string }>(opts: {
  audit: AuditLog;
  resource: Resource<Input, Dto>;
  inputSchema: z.ZodType<Input, z.ZodTypeDef, unknown>;
  what: string;
  /** The JSON key of one item and of the list, e.g. product / products. */
  one: string;
  many: string;
}): Router {
  const { resource, inputSchema, what, one, many, audit } = opts;
  const router = Router();
  const UpdateSchema = z.object({ data: inputSchema, expectedVersion: ExpectedVersionSchema }).strict();
  uuidParam(router, () => `${what} not found`);
  router.get('/', async (_req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ [many]: await resource.list({ workspaceId }) });
  });
  router.post('/', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = z.object({ data: inputSchema }).strict().safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    res.status(201).json({ [one]: await resource.create({ workspaceId, input: body.data.data as Input }) });
  });
  router.get('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ [one]: await resource.get({ workspaceId, id: req.params.id! }) });
  });
  router.put('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const body = UpdateSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    res.json({ [one]: await resource.update({ workspaceId, id: req.params.id!, input: body.data.data as Input, expectedVersion: body.data.expectedVersion }) });
  });
  router.delete('/:id', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const gone = await resource.get({ workspaceId, id: req.params.id! });
    await resource.delete({ workspaceId, id: req.params.id! });
    await recordAudit(audit, res, {
      action: `${one}.deleted`,
      subjectType: one,
      subjectId: gone.id,
      summary: `Deleted the ${what.toLowerCase()}${gone.name ? ` “${gone.name}”` : ''}`,
    });
    res.status(204).end();
  });
  return router;
}
