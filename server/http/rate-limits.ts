import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Scope } from '../../lib/scope.js';
import type { ErrorBody } from '../errors.js';

/**
 * At most `perMinute` requests a minute from one client: the signed-in account in team mode (so
 * colleagues behind one office address do not share a limit), else the address. 429 with
 * Retry-After and a sentence a person can act on. 0 turns it off.
 */
export function perMinuteLimit(opts: {
  perMinute: number;
  what: string;
  setting: string;
  /** For pages people open in a browser (the public survey): an HTML page instead of the JSON error. */
  page?: (limited: { retryAfterSeconds: number; message: string }) => string;
}): RequestHandler {
  if (opts.perMinute <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: opts.perMinute,
    keyGenerator: (req, res) => {
      const userId = (res.locals.scope as Scope | undefined)?.actor.userId;
      return userId ? `account:${userId}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      const retryAfter = Number(res.getHeader('Retry-After')) || 60;
      const who = (res.locals.scope as Scope | undefined)?.actor.userId ? 'this account' : 'this address';
      const message = `Too many ${opts.what} from ${who}: at most ${opts.perMinute} a minute. Wait ${retryAfter} s and try again (the limit is ${opts.setting} in the server's settings).`;
      if (opts.page)
        return void res
          .status(429)
          .type('html')
          .send(opts.page({ retryAfterSeconds: retryAfter, message }));
      res.status(429).json({
        status: 'RESOURCE_EXHAUSTED',
        message,
        details: { retryAfterSeconds: retryAfter, limitPerMinute: opts.perMinute },
      } satisfies ErrorBody);
    },
  });
}
