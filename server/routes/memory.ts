import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../lib/scope.js';
import { MemoryKeySchema, MemoryPutSchema, memoryKeyLabel, type MemoryFact, type MemorySource } from '../../schemas/memory.js';
import { prefillFrom, PrefillFormSchema, type Prefill } from '../../schemas/memory-prefill.js';
import { validationError } from '../errors.js';
import { recordAudit } from '../http/audit.js';
import { scopeOf } from '../http/request-scope.js';

type Memory = {
  list(a: { workspaceId: string }): Promise<MemoryFact[]>;
  get(a: { workspaceId: string; key: string }): Promise<MemoryFact | null>;
  put(a: {
    workspaceId: string;
    key: string;
    value: string;
    source?: Exclude<MemorySource, 'INFERRED'>;
    expectedVersion?: number;
    actor: Actor;
  }): Promise<{ fact: MemoryFact; created: boolean }>;
  delete(a: { workspaceId: string; key: string }): Promise<MemoryFact | null>;
};

const KeyParam = z.object({ key: MemoryKeySchema });
const FormParam = z.object({ form: PrefillFormSchema });

/** The :key of the path, checked: a malformed key is a 400 saying what a key looks like. */
function keyOf(req: Request): string {
  const parsed = KeyParam.safeParse({ key: req.params.key });
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data.key;
}

const factNotFound = (key: string) =>
  new AppError('not_found', `This workspace's memory has no fact “${memoryKeyLabel(key)}” (${key}): it may have been deleted or expired.`);

/**
 * GET|PUT|DELETE /api/memory[/:key]: the workspace's memory as its people see and correct it. Every
 * change is audited. GET /api/memory/prefill/:form: what memory fills a new form with.
 */
export function memoryRoutes(deps: { memory: Memory; audit: AuditLog }): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const { workspaceId } = scopeOf(res);
    res.json({ facts: await deps.memory.list({ workspaceId }) });
  });
  // What a new form starts with (the persona wizard does the same inside its flow), each value with the fact it came from.
  router.get('/prefill/:form', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const form = FormParam.safeParse({ form: req.params.form });
    if (!form.success) throw validationError(form.error);
    const prefill: Prefill = { form: form.data.form, fields: prefillFrom(form.data.form, await deps.memory.list({ workspaceId })) };
    res.json(prefill);
  });
  router.get('/:key', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const key = keyOf(req);
    const fact = await deps.memory.get({ workspaceId, key });
    if (!fact) throw factNotFound(key);
    res.json({ fact });
  });
  router.put('/:key', async (req, res) => {
    const { workspaceId, actor } = scopeOf(res);
    const key = keyOf(req);
    const body = MemoryPutSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const before = await deps.memory.get({ workspaceId, key });
    const { fact, created } = await deps.memory.put({
      workspaceId,
      key,
      value: body.data.data.value,
      source: body.data.data.source,
      expectedVersion: body.data.expectedVersion,
      actor,
    });
    const confirmed = before?.source === 'INFERRED' && before.value === fact.value;
    await recordAudit(deps.audit, res, {
      action: created ? 'memory.created' : 'memory.updated',
      subjectType: 'memory',
      subjectId: key,
      summary: `${created ? 'Added' : confirmed ? 'Confirmed' : 'Changed'} “${fact.label}” in the workspace's memory`,
      details: { key, source: fact.source, previousSource: before?.source ?? null, version: fact.version },
    });
    res.status(created ? 201 : 200).json({ fact });
  });
  router.delete('/:key', async (req, res) => {
    const { workspaceId } = scopeOf(res);
    const key = keyOf(req);
    const gone = await deps.memory.delete({ workspaceId, key });
    if (!gone) throw factNotFound(key);
    await recordAudit(deps.audit, res, {
      action: 'memory.deleted',
      subjectType: 'memory',
      subjectId: key,
      summary: `Deleted “${gone.label}” from the workspace's memory`,
      details: { key, source: gone.source },
    });
    res.status(204).end();
  });
  return router;
}
