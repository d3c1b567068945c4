import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { parseEnv } from '../../env.js';
import { createAi } from '../../genkit.config.js';
import { writeBehind } from '../../lib/write-behind.js';
import type { ModelCallRecord } from '../../schemas/model-call.js';
import { startServices } from '../../server/services.js';
import { drivers } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Usage records are written behind the model call (lib/write-behind.ts), not inside the turn:
// every call of a burst of turns still gets its row, the usage endpoint counts calls that have
// only just answered, and the server's shutdown writes what is still queued.
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: T[] }).rows ?? [])) as T[];

describe.each(drivers)('usage records on %s', (driver) => {
  let server: TestServer;
  // A delay no test waits for: rows reach the table only when something flushes the queue.
  const queue = { current: undefined as ReturnType<typeof writeBehind<ModelCallRecord>> | undefined };
  beforeAll(async () => {
    server = await startTestServer(driver, {
      ai: (db) => {
        queue.current = writeBehind({ write: db.queries.modelCalls.recordMany, what: 'usage record', delayMs: 600_000 });
        return createAi({ provider: { kind: 'offline', model: 'personaflow' }, resilience: { record: queue.current.add } });
      },
      usageQueue: { flush: () => queue.current!.flush(), pending: () => queue.current!.pending() },
    });
  });
  afterAll(() => server?.close());

  const turn = async (data: unknown) => {
    const res = await fetch(`${server.url}/api/flows/personaDefinition`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { result: { sessionId: string; version: number } }).result;
  };

  test('a burst of concurrent turns: every model call has its row, and /api/usage counts them right after the turns', async () => {
    const sessions = 20;
    const messages = ['Enterprise CMO', 'Chief Marketing Officer', 'Owns brand and demand generation'];
    await Promise.all(
      Array.from({ length: sessions }, async () => {
        let out = await turn({});
        for (const message of messages) out = await turn({ sessionId: out.sessionId, message, expectedVersion: out.version });
      }),
    );
    // Each start is one reply; each message turn an extract and a reply. Every turn has answered
    // while all its records were still queued (fewer than a batch, and a delay no test waits for).
    const expected = { extract: sessions * messages.length, reply: sessions * (messages.length + 1) };
    expect(queue.current!.pending()).toBe(expected.extract + expected.reply);
    const usage = (await (await fetch(`${server.url}/api/usage`)).json()) as {
      byFlow: { flow: string; calls: number; failures: number }[];
      byPrompt: { prompt: string; calls: number }[];
    };
    expect(usage.byFlow).toEqual([expect.objectContaining({ flow: 'personaDefinition', calls: expected.extract + expected.reply, failures: 0 })]);
    expect(Object.fromEntries(usage.byPrompt.map((p) => [p.prompt, p.calls]))).toEqual({
      'persona/extract': expected.extract,
      'persona/reply': expected.reply,
    });
    expect(queue.current!.pending()).toBe(0);
    const stored = rowsOf<{ prompt: string; n: number }>(
      await server.db.handle.db.execute(sql`select prompt, count(*)::int as n from model_calls group by prompt order by prompt`),
    );
    expect(stored).toEqual([
      { prompt: 'persona/extract', n: expected.extract },
      { prompt: 'persona/reply', n: expected.reply },
    ]);
  });
});

test("the server's shutdown writes the usage records still queued", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-usage-'));
  chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  try {
    const services = await startServices(parseEnv({ DATA_DIR: dataDir, EMBEDDED_DB: 'pglite' }));
    const wizard = services.appDeps.flows.personaDefinition!.flow as (input: unknown) => Promise<{ sessionId: string; version: number }>;
    const start = await wizard({});
    await wizard({ sessionId: start.sessionId, message: 'Enterprise CMO', expectedVersion: start.version });
    expect(services.appDeps.usageQueue!.pending()).toBeGreaterThan(0);
    await services.close();

    const reopened = await openDatabase({ dataDir, embedded: 'pglite' });
    try {
      const rows = rowsOf<{ prompt: string }>(await reopened.db.execute(sql`select prompt from model_calls order by prompt`));
      expect(rows.map((r) => r.prompt)).toEqual(['persona/extract', 'persona/reply', 'persona/reply']);
    } finally {
      await reopened.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
