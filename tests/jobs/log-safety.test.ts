import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CAMPAIGN_SEND_QUEUE, type CampaignSendDeps } from '../../campaigns/send.js';
import { JOB_SCHEMA } from '../../db/schema.js';
import { createJobRunner, type JobRunner } from '../../jobs/runner.js';
import { LEAD_PERSONA_QUEUE, type LeadPersonaJobDeps } from '../../jobs/lead-persona.js';
import { clearRegisteredSecrets, registerSecrets } from '../../lib/secrets.js';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';

// The job runner's logs (issue 12), on PGlite and real Postgres: a job that fails with a database
// error (SQL and personal parameters attached) or a provider/SMTP error (a key, a password in a
// URL, a Bearer token) is logged, and its output stored in the job table, with none of them.

const KEY = 'sk-proj-AbCdEf0123456789ghijkl';
const SMTP_PASSWORD = 'pf-own-smtp-pass-77';
const PERSONAL = ['dana@example.com', 'Dana Scully'];
const SECRETS = [KEY, SMTP_PASSWORD, 'eyJhbGciOiJIUzI1NiJ9.e30.sig', 'hunter2x'];

const dbError = () =>
  Object.assign(new Error('Failed query: select * from "leads" where "email" = $1 and "name" = $2\nparams: dana@example.com,Dana Scully'), {
    name: 'DrizzleQueryError',
    query: 'select * from "leads" where "email" = $1 and "name" = $2',
    params: PERSONAL,
    cause: Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014', severity: 'ERROR' }),
  });
const providerError = () =>
  new Error(`Incorrect API key provided: ${KEY}; sent Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig via smtps://dana:hunter2x@smtp.example.com:465`);

describe.each(drivers)('job runner logs on %s', (driver) => {
  let db: TestDb;
  let runner: JobRunner;
  const logged: string[] = [];

  beforeAll(async () => {
    registerSecrets([SMTP_PASSWORD]);
    db = await createTestDb(driver);
    const persona: LeadPersonaJobDeps = {
      getLead: async () => {
        throw providerError();
      },
      generate: async () => {
        throw new Error('unreachable');
      },
      storePersona: async () => true,
      failPersona: async () => {},
    };
    const send = {
      leads: {
        get: async () => {
          throw dbError();
        },
      },
    } as unknown as CampaignSendDeps;
    runner = createJobRunner({ handle: db.handle, concurrency: 2, persona, send, log: (m) => logged.push(m) });
    await runner.start();
  }, 60_000);
  afterAll(async () => {
    await runner?.stop({ graceful: false });
    await db?.close();
    clearRegisteredSecrets();
  });

  const leaks = (text: string) => [...PERSONAL, ...SECRETS, 'select * from'].filter((s) => text.includes(s));

  test('a send job that hits a database error: logged by message and code; its stored output the same', async () => {
    const ids = {
      workspaceId: db.workspaceId,
      campaignId: crypto.randomUUID(),
      stepId: crypto.randomUUID(),
      leadId: crypto.randomUUID(),
      runId: crypto.randomUUID(),
    };
    await runner.enqueueSends([ids]);
    await expect.poll(() => logged.find((l) => l.includes(CAMPAIGN_SEND_QUEUE)) ?? '', { timeout: 20_000, interval: 100 }).toMatch(/failed: DatabaseError/);
    const line = logged.find((l) => l.includes(CAMPAIGN_SEND_QUEUE))!;
    expect(line).toContain('Database error 57014: canceling statement due to statement timeout');
    expect(line).toMatch(/\n\s+at /); // still says where
    expect(leaks(line)).toEqual([]);

    // pg-boss records the output just after the handler returns: wait for it.
    const outputs = async () => {
      const stored = await db.handle.db.execute(
        sql`select output from ${sql.identifier(JOB_SCHEMA)}.job where name = ${CAMPAIGN_SEND_QUEUE} and output is not null`,
      );
      return JSON.stringify((stored as unknown as { rows?: unknown[] }).rows ?? stored);
    };
    await expect.poll(outputs, { timeout: 20_000, interval: 100 }).toContain('Database error 57014');
    expect(leaks(await outputs())).toEqual([]);
  }, 30_000);

  test('a persona job whose provider echoes the key, a Bearer token and an SMTP URL with its password', async () => {
    await runner.enqueuePersonas([{ workspaceId: db.workspaceId, leadId: crypto.randomUUID(), request: 1 }]);
    await expect.poll(() => logged.find((l) => l.includes(LEAD_PERSONA_QUEUE)) ?? '', { timeout: 20_000, interval: 100 }).toMatch(/Incorrect API key/);
    const line = logged.find((l) => l.includes(LEAD_PERSONA_QUEUE))!;
    expect(line).toContain('Incorrect API key provided: [redacted]');
    expect(line).toContain('smtps://dana:[redacted]@smtp.example.com:465');
    expect(leaks(line)).toEqual([]);
    expect(leaks(logged.join('\n'))).toEqual([]);
  }, 30_000);
});
