import { maskSecrets } from './secrets.js';

// What an error may say in a log line (and in a message stored for a person to read, such as a
// send's or a lead persona's error): masked with maskSecrets (a provider's or the SMTP server's
// error text can quote the key or the password it was given), and a database error (Drizzle/pg)
// reduced to its message and SQLSTATE code: its `query`, `params` and the message Drizzle builds
// from them ("Failed query: ... params: ...") hold personal data (names, emails, text).
// The HTTP error handler (server/http/safe-errors.ts), the job runner and the sweep use these.

export type DbLikeError = Error & { query?: unknown; params?: unknown; code?: unknown; cause?: unknown; severity?: unknown; routine?: unknown };

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The `at ...` lines of a stack, without its first line (which repeats the message). */
export const frames = (stack: string | undefined) =>
  (stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .join('\n');

/**
 * Drizzle's "Failed query: <sql>\nparams: <values>" (and anything after it) replaced by a marker,
 * for error text that reaches us only as a string (a job's stored output, a driver's message).
 */
export function withoutQueryText(text: string): string {
  return text.replace(/Failed query:[\s\S]*/, 'Failed query (its SQL and parameters are not shown)');
}

/** A value a driver quotes back in its message (`invalid input syntax for type uuid: "dana@example.com"`). */
const withoutQuotedInput = (message: string) => message.replace(/(invalid input (?:syntax|value) for [^:]*: )"[^"]*"/gi, '$1"…"');

/** The part of a database error that is safe to log: the driver's message and its code; null when `err` is no database error. */
export function describeDbError(err: DbLikeError): string | null {
  const cause = err.cause as { message?: unknown; code?: unknown } | undefined;
  const ownCode = typeof err.code === 'string' && SQLSTATE.test(err.code) && ('severity' in err || 'routine' in err);
  const isDb =
    'params' in err || 'query' in err || err.name === 'DrizzleQueryError' || (cause && typeof cause.code === 'string' && SQLSTATE.test(cause.code)) || ownCode;
  if (!isDb) return null;
  const code = typeof cause?.code === 'string' ? cause.code : typeof err.code === 'string' ? err.code : 'unknown';
  const message = typeof cause?.message === 'string' ? cause.message : withoutQueryText(err.message.split('\n')[0]!);
  return `Database error ${code}: ${withoutQuotedInput(withoutQueryText(message))}`;
}

/** An error safe to print: masked, database parameters and query text dropped, frames kept. */
export function loggableError(err: unknown): Error {
  if (!(err instanceof Error)) return new Error(maskSecrets(withoutQueryText(String(err))));
  const db = describeDbError(err as DbLikeError);
  const safe = new Error(maskSecrets(db ?? withoutQueryText(err.message)));
  safe.name = db ? 'DatabaseError' : err.name;
  safe.stack = `${safe.name}: ${safe.message}\n${maskSecrets(frames(err.stack))}`;
  return safe;
}

/** loggableError's message: for a log line, or an error stored for a person to read. */
export const loggableMessage = (err: unknown): string => loggableError(err).message;

/** loggableError's stack (name, message and frames): for a log line that needs to say where. */
export const loggableStack = (err: unknown): string => loggableError(err).stack ?? loggableMessage(err);

/** maskSecrets and withoutQueryText for a log line that is already text. */
export const loggableText = (text: string): string => maskSecrets(withoutQueryText(text));
