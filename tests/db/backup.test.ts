import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backupDatabase, restoreDatabase, RestoreRefused } from '../../db/backup.js';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';
import { throwawayDatabase } from '../../bench/campaign-harness.js';
import { createRunningRun } from '../helpers/campaign-seed.js';

// `npm run db:backup` / `db:restore` (issue 13): a backup of one driver restores into the other
// (PGlite → Postgres and Postgres → PGlite when DATABASE_URL is set, else PGlite → PGlite) and
// every table has the same rows, compared as Postgres' own JSON of each row. The data has what is
// easy to lose: a snapshot chain whose rows reference each other out of insertion order, jsonb,
// unicode and newlines, microsecond timestamps, nulls, integers near 2^31.

const targets = (from: 'pglite' | 'postgres') => (drivers.includes('postgres') ? (from === 'pglite' ? 'postgres' : 'pglite') : 'pglite');
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: T[] }).rows ?? [])) as T[];

/** Every row of every table of the app's schema, as sorted JSON text per table. */
async function contents(handle: DatabaseHandle): Promise<Record<string, string[]>> {
  return handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    const tables = rowsOf<{ table_name: string }>(
      await tx.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`),
    );
    const out: Record<string, string[]> = {};
    for (const { table_name } of tables) {
      out[table_name] = rowsOf<{ r: string }>(await tx.execute(sql.raw(`select to_jsonb(x)::text as r from "${table_name}" x order by 1`))).map((r) => r.r);
    }
    return out;
  });
}

async function seed(db: TestDb) {
  const ws = db.workspaceId;
  const q = db.queries;
  const exec = (s: ReturnType<typeof sql>) => db.handle.db.execute(s);
  const lead = await q.leads.create({
    workspaceId: ws,
    input: {
      name: 'Zoë "Q" Ångström',
      position: 'COO\nand CFO',
      requirement: 'emoji 🚚, quotes \' " and a backslash \\',
      linkedinUrl: '',
      websiteUrl: 'https://z.test',
      email: 'zoe@example.test',
    },
  });
  const ref = await q.leads.requestPersona({ workspaceId: ws, id: lead.id });
  await q.leads.storePersona({
    ...ref,
    persona: {
      title: 'COO',
      industry: 'Retail',
      painPoints: ['a', 'b'],
      priorities: [],
      icebreakerHooks: [],
      openingLines: [],
      companyContext: '',
      keyTakeaways: '',
    },
  });
  const other = await q.leads.create({
    workspaceId: ws,
    input: { name: 'Ola', position: '', requirement: '', linkedinUrl: '', websiteUrl: 'https://o.test', email: '' },
  });
  const campaign = await q.campaigns.create({
    workspaceId: ws,
    input: {
      name: 'Spring',
      promptContext: { productId: null, tone: 'friendly', goal: 'g', callToAction: 'c', personaId: null, stageName: null },
      sendCapPerMinute: 60,
      steps: [
        { name: 'One', promptConfig: { instructions: '', tone: null }, delayDays: 0 },
        { name: 'Two', promptConfig: { instructions: 'x', tone: 'direct' }, delayDays: 3 },
      ],
    },
  });
  await q.campaigns.addLeads({ workspaceId: ws, id: campaign.id, leadIds: [lead.id, other.id] });
  const run = await createRunningRun(q, { workspaceId: ws, campaign, leadIds: [lead.id, other.id], sendCapPerMinute: 60 });
  const log = await q.emailLogs.open({
    workspaceId: ws,
    campaignId: campaign.id,
    stepId: campaign.steps[0]!.id,
    leadId: lead.id,
    runId: run.id,
    to: lead.email,
    from: 'Dana <d@x.test>',
  });
  await exec(
    sql`update email_logs set status = 'sent', raw = ${'From: d@x.test\r\nSubject: =?utf-8?Q?Hi?=\r\n\r\nBody\r\n'}, sent_at = '2026-03-01T10:00:00.123456Z', headers = ${JSON.stringify({ 'List-Unsubscribe': '<http://u>' })}::jsonb where id = ${log.id}`,
  );
  await q.emailLogs.suppress({ workspaceId: ws, email: 'gone@example.test', reason: 'Unsubscribed', source: 'unsubscribe' });
  // A wizard session whose snapshot chain references rows stored after it: an UPDATE moves a row
  // to the end of its table, so the parent (updated last) is read, and restored, after its children.
  await exec(
    sql`insert into wizard_sessions (id, workspace_id, flow, version, head_snapshot_id, title) values ('00000000-0000-4000-8000-00000000a001', ${ws}, 'personaDefinition', 3, '00000000-0000-4000-8000-00000000b003', null)`,
  );
  const snap = (n: number, state: unknown) =>
    exec(
      sql`insert into wizard_snapshots (id, workspace_id, session_id, parent_id, version, phase, state) values (${`00000000-0000-4000-8000-00000000b00${n}`}, ${ws}, '00000000-0000-4000-8000-00000000a001', null, ${n}, ${`phase ${n}`}, ${JSON.stringify(state)}::jsonb)`,
    );
  await snap(1, { n: 1 });
  await snap(2, {});
  await snap(3, { nested: { list: [1, 2.5, null, 'ü'] } });
  await exec(sql`update wizard_snapshots set parent_id = '00000000-0000-4000-8000-00000000b001' where id = '00000000-0000-4000-8000-00000000b002'`);
  await exec(sql`update wizard_snapshots set parent_id = '00000000-0000-4000-8000-00000000b002' where id = '00000000-0000-4000-8000-00000000b003'`);
  await exec(
    sql`update wizard_snapshots set phase = 'start', state = '{"big": 12345678901234567890, "exact": 0.1000000000000000055511151231257827}'::jsonb where id = '00000000-0000-4000-8000-00000000b001'`,
  );
  await q.modelCalls.record({
    workspaceId: ws,
    flow: 'draftEmail',
    prompt: 'email/draft',
    provider: 'offline',
    model: 'personaflow',
    inputTokens: 2_147_483_000,
    outputTokens: 0,
    tokensEstimated: true,
    latencyMs: 12,
    success: false,
    error: 'timeout\n(twice)',
  });
}

describe.each(drivers)('backup from %s, restore into the other driver', (from) => {
  const to = targets(from);
  let source: TestDb;
  let dir: string;
  beforeAll(async () => {
    source = await createTestDb(from);
    await seed(source);
    dir = mkdtempSync(path.join(tmpdir(), 'pf-backup-'));
  }, 60_000);
  afterAll(async () => {
    await source?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An empty target of the other driver: a new PGlite folder, or a new Postgres database. */
  async function emptyTarget(): Promise<{ handle: DatabaseHandle; close(): Promise<void> }> {
    if (to === 'pglite') {
      const handle = await openDatabase({ dataDir: mkdtempSync(path.join(dir, 'data-')), embedded: 'pglite' });
      return { handle, close: () => handle.close() };
    }
    const pgdb = await throwawayDatabase(process.env.DATABASE_URL!, 'pf_restore');
    const handle = await openDatabase({ databaseUrl: pgdb.url, dataDir: '' });
    return {
      handle,
      close: async () => {
        await handle.close();
        await pgdb.drop();
      },
    };
  }

  test(`round trip ${from} → ${to}: every table has the same rows; gzip too`, async () => {
    const before = await contents(source.handle);
    for (const file of [path.join(dir, 'b.jsonl'), path.join(dir, 'b.jsonl.gz')]) {
      const counts = await backupDatabase(source.handle, file);
      expect(counts).toEqual(Object.fromEntries(Object.entries(before).map(([t, rows]) => [t, rows.length])));
      const target = await emptyTarget();
      try {
        const restored = await restoreDatabase(target.handle, file);
        expect(restored).toEqual(counts);
        const after = await contents(target.handle);
        expect(Object.keys(after)).toEqual(Object.keys(before));
        for (const t of Object.keys(before)) expect(after[t], t).toEqual(before[t]);
      } finally {
        await target.close();
      }
    }
    const filled = Object.entries(before)
      .filter(([, rows]) => rows.length > 0)
      .map(([t]) => t);
    expect(filled).toEqual(
      expect.arrayContaining([
        'workspaces',
        'leads',
        'campaigns',
        'campaign_leads',
        'sequences',
        'campaign_runs',
        'email_logs',
        'suppressions',
        'wizard_sessions',
        'wizard_snapshots',
        'model_calls',
      ]),
    );
    // The file is one format whatever the driver: a header, one line per row, a trailer.
    const lines = readFileSync(path.join(dir, 'b.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'personaflow-backup', version: 1, source: from });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true });
  }, 120_000);

  test('refused: a database that has rows, a cut-off file, a file that is not a backup', async () => {
    const file = path.join(dir, 'c.jsonl');
    await backupDatabase(source.handle, file);
    await expect(restoreDatabase(source.handle, file)).rejects.toThrow(/is not empty \(\d+ tables have rows, e\.g\. .*\)\. Restore into an empty one/);

    const cut = path.join(dir, 'cut.jsonl');
    writeFileSync(cut, readFileSync(file, 'utf8').trim().split('\n').slice(0, -3).join('\n'));
    const notBackup = path.join(dir, 'x.jsonl');
    writeFileSync(notBackup, 'name,email\n');
    const target = await emptyTarget();
    try {
      await expect(restoreDatabase(target.handle, cut)).rejects.toThrow(/incomplete.*nothing was restored/);
      // Nothing was left behind by the failed restore: it can be run again.
      expect(Object.values(await contents(target.handle)).every((rows) => rows.length === 0)).toBe(true);
      await expect(restoreDatabase(target.handle, notBackup)).rejects.toBeInstanceOf(RestoreRefused);
      expect(await restoreDatabase(target.handle, file)).toMatchObject({ leads: 2 });
    } finally {
      await target.close();
    }
  }, 120_000);
});
