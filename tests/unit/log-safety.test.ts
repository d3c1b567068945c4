import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { INTERRUPTED } from '../../campaigns/send.js';
import { settlementFor } from '../../campaigns/sweep.js';
import { describeDbError, loggableError, loggableMessage, loggableText, withoutQueryText } from '../../lib/loggable.js';
import { clearRegisteredSecrets, maskSecrets, registerSecrets } from '../../lib/secrets.js';
import { classifySendError } from '../../mail/mailer.js';
import { errorHandler } from '../../server/errors.js';
import { safeErrors } from '../../server/http/safe-errors.js';

// What logs (and errors stored for a person) may say (issue 12): no keys, SMTP or database
// passwords, Bearer tokens; and a database error by its message and code, never its SQL parameters.

describe('maskSecrets: SMTP URLs, Bearer tokens, SMTP AUTH, short passwords', () => {
  test.each([
    ['smtps://dana:p4ssw0rd@smtp.example.com:465', 'smtps://dana:[redacted]@smtp.example.com:465'],
    // An unencoded @ in the password: masked whole, the host stays readable.
    ['connect smtp://dana:p@ss@smtp.example.com:587 failed', 'connect smtp://dana:[redacted]@smtp.example.com:587 failed'],
    // No user, only a password.
    ['smtps://:onlypass@smtp.example.com', 'smtps://:[redacted]@smtp.example.com'],
    ['smtp://user%40gmail.com:s3cr%2Ft@smtp.gmail.com:465', 'smtp://user%40gmail.com:[redacted]@smtp.gmail.com:465'],
    // A user called "apikey" is not a key rule's cue to swallow the host.
    ['Invalid login: smtps://apikey:SG.abcdefghijklmnop.qrstuvwxyz@smtp.sendgrid.net:465', 'Invalid login: smtps://apikey:[redacted]@smtp.sendgrid.net:465'],
    ['postgres://postgres:pw@127.0.0.1:5432/test', 'postgres://postgres:[redacted]@127.0.0.1:5432/test'],
    ['headers: { Authorization: "Bearer abc.def-123" }', 'headers: { Authorization: "Bearer [redacted]" }'],
    ['bearer abcdefghijk was refused', 'bearer [redacted] was refused'],
    ['C: AUTH PLAIN AGRhbmEAcDRzc3cwcmQ=', 'C: AUTH PLAIN [redacted]'],
    ['host=db password=abc12 user=pf', 'host=db password=[redacted] user=pf'],
    ['{"user":"dana","pass":"x1"}', '{"user":"dana","pass":"[redacted]"}'],
    // Nothing secret: unchanged.
    ['http://localhost:3000/api and mail@x.com', 'http://localhost:3000/api and mail@x.com'],
    ['535 Username and Password not accepted', '535 Username and Password not accepted'],
    ['smtp://dana@smtp.example.com:587', 'smtp://dana@smtp.example.com:587'],
  ])('%s', (input, output) => {
    expect(maskSecrets(input)).toBe(output);
  });
});

describe('database errors: message and code, never the query or its parameters', () => {
  const drizzleError = () =>
    Object.assign(new Error('Failed query: insert into "leads" ("name", "email") values ($1, $2)\nparams: Dana Scully,dana@example.com'), {
      name: 'DrizzleQueryError',
      query: 'insert into "leads" ("name", "email") values ($1, $2)',
      params: ['Dana Scully', 'dana@example.com'],
      cause: Object.assign(new Error('duplicate key value violates unique constraint "leads_workspace_email_uq"'), {
        code: '23505',
        severity: 'ERROR',
        detail: 'Key (workspace_id, email)=(…, dana@example.com) already exists.',
      }),
    });
  const leaks = (text: string) => ['dana@example.com', 'Dana Scully', 'insert into'].filter((s) => text.includes(s));

  test('a Drizzle query error', () => {
    const safe = loggableError(drizzleError());
    expect(safe.message).toBe('Database error 23505: duplicate key value violates unique constraint "leads_workspace_email_uq"');
    expect(safe.name).toBe('DatabaseError');
    expect(leaks(`${safe.stack}`)).toEqual([]);
    expect(Object.keys(safe)).not.toContain('params');
    expect(Object.keys(safe)).not.toContain('query');
    expect(Object.keys(safe)).not.toContain('cause');
  });

  test("a driver's own error (pg / PGlite: a SQLSTATE code and a severity), and a value it quotes back", () => {
    const pgError = Object.assign(new Error('invalid input syntax for type uuid: "dana@example.com"'), {
      code: '22P02',
      severity: 'ERROR',
      routine: 'string_to_uuid',
    });
    expect(describeDbError(pgError)).toBe('Database error 22P02: invalid input syntax for type uuid: "…"');
    expect(loggableMessage(pgError)).not.toContain('dana@example.com');
    // An Error with a code that is no SQLSTATE (ECONNREFUSED) is not taken for one.
    expect(describeDbError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBeNull();
  });

  test('a query error that arrives as text (a stored job output, a wrapped message) loses its SQL and parameters', () => {
    const text = `Drafting failed: ${drizzleError().message}`;
    expect(withoutQueryText(text)).toBe('Drafting failed: Failed query (its SQL and parameters are not shown)');
    expect(leaks(loggableText(text))).toEqual([]);
    const wrapped = new Error(`The lead could not be loaded: ${drizzleError().message}`);
    expect(leaks(`${loggableError(wrapped).message}\n${loggableError(wrapped).stack}`)).toEqual([]);
    expect(leaks(loggableMessage('thrown as a string: ' + drizzleError().message))).toEqual([]);
  });

  test('a database error that quotes a connection URL is masked too', () => {
    const err = Object.assign(new Error('x'), { cause: Object.assign(new Error('could not connect to postgres://pf:s3cret@db:5432/pf'), { code: '08006' }) });
    expect(loggableMessage(err)).toBe('Database error 08006: could not connect to postgres://pf:[redacted]@db:5432/pf');
  });
});

describe('what the sends and the sweep store for a person to read', () => {
  const OWN = 'pf-smtp-password-9f3';
  beforeAll(() => registerSecrets([OWN]));
  afterAll(() => clearRegisteredSecrets());

  test('an SMTP error that quotes the connection URL or the password', () => {
    const err = Object.assign(new Error(`Connection closed by smtps://dana:${OWN}@smtp.example.com:465 (AUTH PLAIN AGRhbmEAcDRzc3cwcmQ=)`), {});
    const failure = classifySendError(err);
    expect(failure.message).not.toContain(OWN);
    expect(failure.message).not.toContain('AGRhbmEAcDRzc3cwcmQ=');
    expect(failure.message).toContain('smtp.example.com');
    expect(classifySendError(Object.assign(new Error(`Invalid login for ${OWN}`), { code: 'EAUTH' })).message).toBe(
      'SMTP login failed (check SMTP_URL): Invalid login for [redacted]',
    );
  });

  test("the sweep quotes a dead job's last error masked and without SQL parameters", () => {
    const s = settlementFor({
      workspaceId: 'w',
      id: 'r',
      runId: null,
      status: 'pending',
      job: { state: 'failed', retryCount: 2, error: `Failed query: select 1 where email = $1\nparams: dana@example.com; key sk-proj-AbCdEf0123456789` },
    });
    expect(s.reason).not.toContain('dana@example.com');
    expect(s.reason).not.toContain('sk-proj');
    expect(s.reason).toMatch(/gave up after 3 attempts \(last: Failed query \(its SQL and parameters are not shown\)\)/);
    expect(settlementFor({ workspaceId: 'w', id: 'r', runId: null, status: 'sending', job: null }).reason).toBe(INTERRUPTED);
  });
});

describe("the HTTP error handlers' log", () => {
  const dbError = () =>
    Object.assign(new Error('Failed query: update "leads" set "name" = $1 where "email" = $2\nparams: Dana Scully,dana@example.com'), {
      name: 'DrizzleQueryError',
      query: 'update "leads" set "name" = $1 where "email" = $2',
      params: ['Dana Scully', 'dana@example.com'],
      cause: Object.assign(new Error('deadlock detected'), { code: '40P01', severity: 'ERROR' }),
    });

  /** What console.error printed while `fn` ran, as Node would print it (util.inspect of each argument). */
  async function printed(fn: () => void): Promise<string> {
    const { inspect } = await import('node:util');
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.map((a) => inspect(a)).join(' ')));
    try {
      fn();
    } finally {
      spy.mockRestore();
    }
    return lines.join('\n');
  }
  const res = () => {
    const r = {
      headersSent: false,
      statusCode: 0,
      body: undefined as unknown,
      status: (n: number) => ((r.statusCode = n), r),
      json: (b: unknown) => ((r.body = b), r),
    };
    return r;
  };
  const leaks = (text: string) => ['Dana Scully', 'dana@example.com', 'update "leads"'].filter((s) => text.includes(s));

  test('safeErrors then errorHandler (as server/app.ts mounts them): the code and message, a 500, no parameters', async () => {
    const r = res();
    const out = await printed(() => safeErrors(dbError(), {} as never, r as never, (e?: unknown) => errorHandler(e, {} as never, r as never, () => {})));
    expect(out).toContain('Database error 40P01: deadlock detected');
    expect(leaks(out)).toEqual([]);
    expect(r.statusCode).toBe(500);
    expect(leaks(JSON.stringify(r.body))).toEqual([]);
  });

  test('errorHandler on its own does not print them either', async () => {
    const r = res();
    const out = await printed(() => errorHandler(dbError(), {} as never, r as never, () => {}));
    expect(out).toContain('Database error 40P01: deadlock detected');
    expect(leaks(out)).toEqual([]);
    expect(r.statusCode).toBe(500);
  });
});
