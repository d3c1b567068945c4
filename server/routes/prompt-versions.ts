import { Router } from 'express';
import { z } from 'zod';
import type { Queries } from '../../db/queries/index.js';
import { notFound } from '../../lib/errors.js';
import { validationError } from '../errors.js';

const VersionQuery = z
  .object({
    prompt: z.string().regex(/^[\w/-]{1,80}$/, 'prompt is a prompt name such as persona/reply'),
    version: z.string().regex(/^[0-9a-f]{16}$/, 'version is the 16-character hash a transcript shows'),
  })
  .strict();

/** The exact template text behind a transcript's "written by persona/reply version …". */
export function promptVersionRoutes({ queries }: { queries: Queries }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = VersionQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error, 'query');
    const version = await queries.promptVersions.get(query.data);
    if (!version) throw notFound(`Prompt ${query.data.prompt} version ${query.data.version}`);
    res.json(version);
  });
  return router;
}
