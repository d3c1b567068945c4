import type { Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../errors.js';

const Uuid = z.string().uuid();

/** A malformed :id can never name a record: 404 with the record's name, not a database error. */
export function uuidParam(router: Router, notFoundMessage: (id: string) => string): void {
  router.param('id', (_req, _res, next, id: string) => {
    next(Uuid.safeParse(id).success ? undefined : new HttpError(404, 'NOT_FOUND', notFoundMessage(id)));
  });
}
