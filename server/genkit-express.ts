import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { RequestHandler, Response } from 'express';
import type { Action } from 'genkit';
import type { z } from 'zod';
import { maskErrorInPlace } from './http/safe-errors.js';

// @genkit-ai/express 1.42 lists "default" before "import" in its exports map, so a plain ESM
// import loads the CJS build and a second copy of genkit: `instanceof GenkitError` then fails
// and every error becomes a 500. Load its own ESM build explicitly.
type ExpressModule = typeof import('@genkit-ai/express');

const resolved = createRequire(import.meta.url).resolve('@genkit-ai/express');
const mod = (await import(pathToFileURL(resolved.replace(/index\.js$/, 'index.mjs')).href)) as ExpressModule;

/**
 * Genkit's handler for one flow, with the flow's errors masked (lib/secrets.ts) before Genkit logs
 * them or writes them to the response, streamed or not: provider text can quote a key.
 */
/**
 * `contextOf` gives the Genkit context of each call from the request's response locals (the
 * request's scope, set by the auth middleware): the flow reads its workspace and actor there.
 */
export function expressHandler(
  action: Action<z.ZodTypeAny, z.ZodTypeAny, z.ZodTypeAny>,
  contextOf: (res: Response) => Record<string, unknown>,
): RequestHandler {
  const masked = Object.create(action) as typeof action;
  masked.run = (async (...args: Parameters<typeof action.run>) => {
    try {
      return await action.run(...args);
    } catch (err) {
      const masked = maskErrorInPlace(err);
      // A streamed error reaches genkit's browser client as "STATUS: message\n${details}": an object
      // would arrive as "[object Object]", so it is sent as JSON text (e.g. a library conflict's copy).
      const streaming = typeof (args[1] as { onChunk?: unknown } | undefined)?.onChunk === 'function';
      const detail = (masked as { detail?: unknown } | null)?.detail;
      if (streaming && detail && typeof detail === 'object') (masked as { detail: unknown }).detail = JSON.stringify(detail);
      throw masked;
    }
  }) as typeof action.run;
  return (req, res, next) => {
    const context = contextOf(res);
    return mod.expressHandler(masked, { contextProvider: () => context })(req, res, next);
  };
}
