import { Router, type RequestHandler } from 'express';
import type { Action } from 'genkit';
import type { z } from 'zod';
import { validationError } from '../errors.js';
import { expressHandler } from '../genkit-express.js';

export type FlowRoute = { flow: Action<z.ZodTypeAny, z.ZodTypeAny, z.ZodTypeAny>; inputSchema: z.ZodTypeAny };

/**
 * Validates `{data}` with the flow's Zod schema before Genkit sees it: Genkit's own JSON-schema
 * error echoes the whole schema and the input back, which is noise to a person.
 */
function validateFlowInput(schema: z.ZodTypeAny): RequestHandler {
  return (req, _res, next) => {
    const data = (req.body as { data?: unknown } | undefined)?.data ?? {};
    const parsed = schema.safeParse(data);
    if (!parsed.success) return next(validationError(parsed.error));
    req.body = { ...req.body, data: parsed.data };
    next();
  };
}

export function flowRoutes(flows: Record<string, FlowRoute>): Router {
  const router = Router();
  for (const [name, { flow, inputSchema }] of Object.entries(flows)) {
    router.post(`/${name}`, validateFlowInput(inputSchema), expressHandler(flow));
  }
  return router;
}
