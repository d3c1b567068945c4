import type { ErrorRequestHandler } from 'express';
import { AppError } from '../../lib/errors.js';
import { describeDbError, frames, loggableError, type DbLikeError } from '../../lib/loggable.js';
import { maskSecrets, maskSecretsDeep } from '../../lib/secrets.js';
import { HttpError } from '../errors.js';

// What leaves the server in an error body, and what reaches the log, goes through here first:
//  - messages and details are masked (a provider's error text can quote the key it was sent);
//  - a database error (Drizzle/pg) is logged by its message and SQLSTATE code only: its `query`,
//    `params` and the message Drizzle builds from them hold personal data (names, emails, text).
// The rules themselves are lib/loggable.ts (the job runner and the sweep log through them too).

export { describeDbError, loggableError } from '../../lib/loggable.js';

/** In front of server/errors.ts's errorHandler: it receives masked errors and logs only safe ones. */
export const safeErrors: ErrorRequestHandler = (err, _req, _res, next) => {
  if (err instanceof HttpError) return next(new HttpError(err.httpStatus, err.status, maskSecrets(err.message), maskSecretsDeep(err.details)));
  if (err instanceof AppError) return next(new AppError(err.code, maskSecrets(err.message), maskSecretsDeep(err.details)));
  // body-parser's own errors (too large, not JSON) are answered without logging; keep them as they are.
  if (typeof err?.type === 'string' && typeof err?.status === 'number') return next(err);
  next(loggableError(err));
};

/** The same masking, in place, for errors that are answered by Genkit's express handler (flows). */
export function maskErrorInPlace<E>(err: E): E {
  if (!(err instanceof Error)) return err;
  const e = err as Error & { originalMessage?: unknown; detail?: unknown };
  e.message = maskSecrets(e.message);
  if (typeof e.originalMessage === 'string') e.originalMessage = maskSecrets(e.originalMessage);
  if (e.detail !== undefined) e.detail = maskSecretsDeep(e.detail);
  if (e.stack) e.stack = maskSecrets(e.stack);
  const db = describeDbError(e as DbLikeError);
  if (db) {
    // A flow that hit the database: Genkit logs message and stack, so neither may carry parameters.
    e.message = maskSecrets(db);
    e.stack = `DatabaseError: ${e.message}\n${frames(e.stack)}`;
    for (const key of ['params', 'query'] as const) if (key in e) (e as unknown as Record<string, unknown>)[key] = undefined;
    const cause = (e as { cause?: Record<string, unknown> }).cause;
    if (cause && typeof cause === 'object') for (const key of ['params', 'query']) if (key in cause) cause[key] = undefined;
  }
  return err;
}
