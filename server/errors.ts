import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ZodError } from 'zod';
import { APP_ERROR_STATUS, AppError } from '../lib/errors.js';
import { loggableError } from '../lib/loggable.js';
import { describeFieldErrors, fieldErrors } from '../lib/validation.js';

// Every error body has the Genkit callable shape, so the UI reads flows and REST alike:
// { status, message, details? }.
export type ErrorBody = { status: string; message: string; details?: unknown };

export class HttpError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function validationError(error: ZodError, prefix = ''): HttpError {
  const fields = fieldErrors(error, prefix);
  return new HttpError(400, 'INVALID_ARGUMENT', describeFieldErrors(fields), { fields });
}

export const notFoundRoute: RequestHandler = (req, res) => {
  res.status(404).json({ status: 'NOT_FOUND', message: `No route for ${req.method} ${req.path}` } satisfies ErrorBody);
};

export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (res.headersSent) return;
  let status = 500;
  let body: ErrorBody = { status: 'INTERNAL', message: 'Something went wrong on the server. It has been logged; try again.' };
  if (err instanceof HttpError) {
    status = err.httpStatus;
    body = { status: err.status, message: err.message, ...(err.details ? { details: err.details } : {}) };
  } else if (err instanceof AppError) {
    const { http, genkit } = APP_ERROR_STATUS[err.code];
    status = http;
    body = { status: genkit, message: err.message, ...(err.details ? { details: err.details } : {}) };
  } else if (err?.type === 'entity.too.large') {
    status = 413;
    body = { status: 'RESOURCE_EXHAUSTED', message: `The request body is too large (limit ${err.limit} bytes). Send less text at once.` };
  } else if (err?.type === 'entity.parse.failed') {
    status = 400;
    body = { status: 'INVALID_ARGUMENT', message: 'The request body is not valid JSON.' };
  } else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500 && err.expose) {
    status = err.status;
    body = { status: 'INVALID_ARGUMENT', message: String(err.message) };
  } else {
    // safeErrors (server/http/safe-errors.ts) already made it loggable; again here, so this handler never prints parameters or keys by itself.
    console.error(loggableError(err));
  }
  res.status(status).json(body);
};
