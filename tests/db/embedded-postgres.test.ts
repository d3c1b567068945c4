import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { LOG_FILE, SECRET_FILE, stopLeftoverPostgres } from '../../db/embedded-postgres.js';
import { migrateDatabase } from '../../db/migrate.js';
import { createQueries } from '../../db/queries/index.js';
import type { Persona } from '../../schemas/persona.js';

// The embedded default (issue 13): with DATABASE_URL unset, DATA_DIR holds a real PostgreSQL
// (DATA_DIR/postgres) that personaflow starts and stops itself; a PGlite folder from before moves
// into it on first start. Run as root (as CI is), PostgreSQL runs as the `postgres` user.

const base = mkdtempSync(path.join(tmpdir(), 'pf-edb-'));
chmodSync(base, 0o755); // the `postgres` user must be able to enter it when the tests run as root
afterAll(async () => {
  for (const d of readdirSync(base)) await stopLeftoverPostgres(path.join(base, d));
  rmSync(base, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;
const persona: Persona = {
  personName: 'Head of Operations',
  title: 'VP Operations',
  role: 'Runs the warehouses',
  coreGoal: 'No late deliveries',
  painPoints: ['Spreadsheets', 'Carrier delays'],
  needForOurProduct: 'One view of every shipment',
  industry: 'Logistics',
  companySize: '500-2000 employees',
};

describe('embedded PostgreSQL (the default)', () => {
  test('starts in DATA_DIR/postgres, keeps the data across a close and a restart, and refuses a second open on the folder', async () => {
    const dataDir = path.join(base, 'default', 'nested');
    const logged: string[] = [];
    const first = await openDatabase({ dataDir, log: (m) => logged.push(m) });
    let password: string;
    let sessionId: string;
    let ws: string;
    try {
      expect(first.driver).toBe('postgres');
      expect(first.embedded).toBe(true);
      expect(first.location).toMatch(new RegExp(`^${path.join(dataDir, 'postgres')} \\(127\\.0\\.0\\.1:\\d+\\)$`));
      await migrateDatabase(first);
      const q = createQueries(first.db);
      ws = await q.workspaces.ensureDefault();
      sessionId = (await q.wizardSessions.create({ workspaceId: ws, flow: 'test', phase: 'a', state: { kept: 'ünïcode ✓' } })).sessionId;

      // The password: random, kept beside the data with mode 0600, in no message and not in the location.
      const secret = path.join(dataDir, SECRET_FILE);
      expect(statSync(secret).mode & 0o777).toBe(0o600);
      password = readFileSync(secret, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(24);
      expect(first.location).not.toContain(password);
      // Loopback only, with a password: no unix socket, no trust.
      const settings = await first.pg!.query<{ listen: string; sockets: string; hba: string }>(
        `select current_setting('listen_addresses') as listen, current_setting('unix_socket_directories') as sockets,
           (select string_agg(distinct auth_method, ',') from pg_hba_file_rules) as hba`,
      );
      expect(settings.rows[0]).toEqual({ listen: '127.0.0.1', sockets: '', hba: 'scram-sha-256' });
      if (isRoot) {
        // Postgres does not run as root: it runs as the `postgres` user, who owns the cluster.
        const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
        const cluster = statSync(path.join(dataDir, 'postgres'));
        expect(cluster.uid).toBe(uid);
        expect(cluster.mode & 0o777).toBe(0o700);
        const { rows } = await first.pg!.query<{ usesuper: boolean }>(`select usesuper from pg_user where usename = current_user`);
        expect(rows[0]!.usesuper).toBe(true);
      }

      await expect(openDatabase({ dataDir })).rejects.toThrow(/The data directory .* is in use by another personaflow process \(pid \d+\)/);
    } finally {
      await first.close();
    }
    // Stopped on close: no postmaster left on the folder.
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const again = await openDatabase({ dataDir, log: (m) => logged.push(m) });
    try {
      await migrateDatabase(again);
      const head = await createQueries(again.db).wizardSessions.head({ workspaceId: ws, sessionId, flow: 'test' });
      expect(head.state).toEqual({ kept: 'ünïcode ✓' });
      expect(readFileSync(path.join(dataDir, SECRET_FILE), 'utf8').trim()).toBe(password); // made once
    } finally {
      await again.close();
    }
    expect(logged.join('\n')).not.toContain(password);
    expect(readFileSync(path.join(dataDir, LOG_FILE), 'utf8')).not.toContain(password);
  }, 60_000);
});

describe.runIf(isRoot)('run as root', () => {
  test('a new data folder the postgres user cannot enter is served by PGlite, saying why and how to get PostgreSQL', async () => {
    const closed = mkdtempSync(path.join(tmpdir(), 'pf-edb-closed-')); // mode 0700, owned by root, like /root
    try {
      const dataDir = path.join(closed, 'data');
      const logged: string[] = [];
      const handle = await openDatabase({ dataDir, log: (m) => logged.push(m) });
      try {
        expect(handle.driver).toBe('pglite');
        await migrateDatabase(handle);
        expect(await createQueries(handle.db).workspaces.ensureDefault()).toMatch(/^[0-9a-f-]{36}$/);
      } finally {
        await handle.close();
      }
      expect(logged.join('\n')).toContain(`the \`postgres\` user it runs as (this process runs as root) cannot enter ${closed} (chmod o+x ${closed} lets it)`);
      expect(existsSync(path.join(dataDir, 'personaflow.lock'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'postgres'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'pglite'))).toBe(true);
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  });
});

describe('a PGlite data folder from before (DATA_DIR/pglite, no DATA_DIR/postgres)', () => {
  test('moves into the embedded PostgreSQL on first start, says so in one line, and keeps the PGlite folder renamed', async () => {
    const dataDir = path.join(base, 'from-pglite');
    const old = await openDatabase({ dataDir, embedded: 'pglite' });
    let ws: string;
    let personaId: string;
    try {
      await migrateDatabase(old);
      const q = createQueries(old.db);
      ws = await q.workspaces.ensureDefault();
      personaId = (await q.personas.save({ workspaceId: ws, id: randomUUID(), data: persona, source: 'edit' })).id;
      await q.wizardSessions.create({ workspaceId: ws, flow: 'test', phase: 'a', state: { n: 1 } });
    } finally {
      await old.close();
    }
    // What an earlier, cut-off move left behind is thrown away and the move done again.
    mkdirSync(path.join(dataDir, 'postgres.migrating'));
    writeFileSync(path.join(dataDir, 'postgres.migrating', 'PG_VERSION'), '18\n');

    const logged: string[] = [];
    const moved = await openDatabase({ dataDir, log: (m) => logged.push(m) });
    try {
      expect(moved.embedded).toBe(true);
      const lines = logged.filter((m) => /moved the embedded database/.test(m));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^personaflow: moved the embedded database from PGlite \\(${path.join(dataDir, 'pglite')}\\) to PostgreSQL \\(${path.join(dataDir, 'postgres')}\\): \\d+ rows of \\d+ tables in [\\d.]+ s; the PGlite folder is kept as ${path.join(dataDir, 'pglite-migrated-')}\\d{4}-\\d\\d-\\d\\d$`,
        ),
      );
      await migrateDatabase(moved);
      const q = createQueries(moved.db);
      expect(await q.workspaces.ensureDefault()).toBe(ws);
      expect((await q.personas.get({ workspaceId: ws, id: personaId })).data.personName).toBe(persona.personName);
    } finally {
      await moved.close();
    }
    const entries = readdirSync(dataDir);
    expect(entries).not.toContain('pglite');
    expect(entries).not.toContain('postgres.migrating');
    expect(entries.filter((e) => /^pglite-migrated-\d{4}-\d\d-\d\d$/.test(e))).toHaveLength(1);
    expect(entries.filter((e) => e.endsWith('.jsonl') || e.endsWith('.partial'))).toEqual([]);

    // The next start opens the PostgreSQL as it is: nothing is moved again.
    const logged2: string[] = [];
    const again = await openDatabase({ dataDir, log: (m) => logged2.push(m) });
    try {
      expect(logged2.filter((m) => /moved/.test(m))).toEqual([]);
      expect((await createQueries(again.db).personas.get({ workspaceId: ws, id: personaId })).data.personName).toBe(persona.personName);
    } finally {
      await again.close();
    }
  }, 90_000);
});
