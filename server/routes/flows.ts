import { Router, type RequestHandler } from 'express';
import type { Action } from 'genkit';
import type { z } from 'zod';
import { HttpError, validationError } from '../errors.js';
import { expressHandler } from '../genkit-express.js';
import { scopeOf } from '../http/request-scope.js';
import { scopeContext, type Scope } from '../../lib/scope.js';

export type FlowRoute = {
  flow: Action<z.ZodTypeAny, z.ZodTypeAny, z.ZodTypeAny>;
  inputSchema: z.ZodTypeAny;
  /**
   * Checks the turn can apply (session exists, version is current) before Genkit starts: once a
   * stream has begun, an error can only travel as an event in an HTTP 200 response.
   */
  precheck?: (input: never, scope: Scope) => Promise<void>;
};

/**
 * Validates `{data}` with the flow's Zod schema before Genkit sees it: Genkit's own JSON-schema
 * error echoes the whole schema and the input back, which is noise to a person.
 */
function validateFlowInput({ inputSchema, precheck }: FlowRoute): RequestHandler {
  return async (req, res, next) => {
    const data = (req.body as { data?: unknown } | undefined)?.data ?? {};
    const parsed = inputSchema.safeParse(data);
    if (!parsed.success) return next(validationError(parsed.error));
    // Only a streamed call needs it: otherwise the flow's own check answers with the right status,
    // and checking here too would load the session twice on every turn.
    if (precheck && req.accepts(['application/json', 'text/event-stream']) === 'text/event-stream') await precheck(parsed.data as never, scopeOf(res));
    req.body = { ...req.body, data: parsed.data };
    next();
  };
}

const notFound = (name: string, names: string[]) =>
  new HttpError(404, 'NOT_FOUND', `There is no flow at /api/flows/${name.slice(0, 100)}. The flows are: ${names.map((n) => `/api/flows/${n}`).join(', ')}.`);

export function flowRoutes(flows: Record<string, FlowRoute>): Router {
  const router = Router();
  for (const [name, route] of Object.entries(flows)) {
    router.post(
      `/${name}`,
      validateFlowInput(route),
      expressHandler(route.flow, (res) => scopeContext(scopeOf(res))),
    );
  }
  const names = Object.keys(flows).sort();
  // A flow is called with POST only; anything else names what to do instead.
  router.all('/:name', (req, res, next) => {
    const name = req.params.name!;
    if (Object.hasOwn(flows, name)) {
      res.setHeader('Allow', 'POST');
      return next(
        new HttpError(
          405,
          'INVALID_ARGUMENT',
          `Call the ${name} flow with POST /api/flows/${name} and a JSON body {"data": ...}; ${req.method} is not supported.`,
        ),
      );
    }
    next(notFound(name, names));
  });
  router.all('/{*rest}', (req, _res, next) => next(notFound(req.path.slice(1), names)));
  return router;
}
