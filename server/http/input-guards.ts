import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { HttpError } from '../errors.js';

// Input every route refuses the same way, checked once on the way in, before any route, Zod
// schema, JSON.stringify or the database sees it (each of these was a 500 before):
//  - the URL: malformed percent-encoding (%FF), a NUL (%00) in the path or a query parameter;
//  - the JSON body: nesting deeper than MAX_JSON_DEPTH, a NUL or a lone UTF-16 surrogate in any
//    string or key (Postgres refuses NUL; a lone surrogate would be stored as U+FFFD);
//  - a body that is not JSON on a JSON route: 415.

/** Objects and arrays inside one another, counting the body itself as level 1. */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const invalid = (message: string, path: string, fieldMessage = message) =>
  new HttpError(400, 'INVALID_ARGUMENT', message, { fields: [{ path, message: fieldMessage }] });

/** What is wrong with one string, as the end of a sentence, or null. */
export function badText(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored: remove it';
  if (LONE_SURROGATE.test(s)) return 'contains a lone UTF-16 surrogate (half of an emoji or other character): send the whole character, or remove it';
  return null;
}

const fieldPath = (parts: Array<string | number>) => parts.join('.') || '(body)';

/**
 * The first problem in a parsed JSON value, walked once without recursion (a body nested thousands
 * deep must not overflow the stack here either).
 */
export function checkJsonValue(root: unknown, prefix: Array<string | number> = []): HttpError | null {
  const stack: Array<{ value: unknown; path: Array<string | number>; depth: number }> = [{ value: root, path: prefix, depth: 1 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = badText(value);
      if (problem) return invalid(`${fieldPath(path)} ${problem}.`, fieldPath(path), `${problem[0]!.toUpperCase()}${problem.slice(1)}`);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      const where = fieldPath(path.slice(0, prefix.length + MAX_JSON_DEPTH - 1));
      return invalid(
        `${where} is nested too deeply: at most ${MAX_JSON_DEPTH} levels of objects and arrays are accepted. Flatten it, or leave the deepest parts out.`,
        where,
        `Nested more than ${MAX_JSON_DEPTH} levels deep`,
      );
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i], depth: depth + 1 });
    } else {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const problem = badText(key);
        if (problem) return invalid(`A field name in ${fieldPath(path)} ${problem}.`, fieldPath(path), `A field name ${problem}`);
        stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key], depth: depth + 1 });
      }
    }
  }
  return null;
}

/** After express.json: the parsed body, checked once. */
export const jsonBodyGuard: RequestHandler = (req, _res, next) => {
  if (req.body === undefined || req.body === null || typeof req.body !== 'object') return next();
  next(checkJsonValue(req.body) ?? undefined);
};

const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));

/** The path and every query parameter must decode, and hold no NUL. */
export const urlGuard: RequestHandler = (req, _res, next) => {
  const raw = req.originalUrl ?? req.url;
  const q = raw.indexOf('?');
  const rawPath = q === -1 ? raw : raw.slice(0, q);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return next(
      new HttpError(
        400,
        'INVALID_ARGUMENT',
        `The address ${rawPath.slice(0, 200)} has malformed percent-encoding: each % must start a valid UTF-8 escape such as %20 (a space) or %C3%A9 (é). Encode a literal % as %25.`,
      ),
    );
  }
  const pathProblem = badText(path);
  if (pathProblem) return next(new HttpError(400, 'INVALID_ARGUMENT', `The address ${pathProblem}.`));
  if (q === -1) return next();
  for (const pair of raw.slice(q + 1).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    let name: string;
    let value: string;
    try {
      name = decode(rawName);
      value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    } catch {
      const shown = rawName.slice(0, 60);
      return next(
        invalid(
          `The query parameter ${shown} has malformed percent-encoding: each % must start a valid UTF-8 escape such as %20 (a space). Encode a literal % as %25.`,
          `query.${shown}`,
          'Malformed percent-encoding',
        ),
      );
    }
    const problem = badText(name) ?? badText(value);
    if (problem) {
      const shown = name.replace(/[\0\uD800-\uDFFF]/g, '?').slice(0, 60);
      return next(invalid(`The query parameter ${shown} ${problem}.`, `query.${shown}`, `${problem[0]!.toUpperCase()}${problem.slice(1)}`));
    }
  }
  next();
};

const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * A state-changing request with a body must send JSON: text/plain and form bodies are refused with
 * 415 (they are also what a web page on another site can send without asking the browser first).
 * `except` lists path prefixes that take other bodies (the unsubscribe form).
 */
export function requireJsonBody(except: string[] = []): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || !hasBody(req)) return next();
    if (except.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return next();
    if (req.is('application/json')) return next();
    const sent = req.headers['content-type'] ? `Content-Type: ${String(req.headers['content-type']).slice(0, 80)}` : 'no Content-Type';
    next(new HttpError(415, 'INVALID_ARGUMENT', `This route takes a JSON body (the request had ${sent}): send JSON with Content-Type: application/json.`));
  };
}

/** URIError (a route parameter Express could not decode) → 400 instead of a 500. */
export const uriErrorHandler: ErrorRequestHandler = (err, _req, _res, next) => {
  if (err instanceof URIError) {
    return next(
      new HttpError(
        400,
        'INVALID_ARGUMENT',
        'The address has malformed percent-encoding: each % must start a valid UTF-8 escape such as %20. Encode a literal % as %25.',
      ),
    );
  }
  next(err);
};
