import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { api, importLeads, startServer, stopServer, type BenchServer } from '../../bench/campaign-harness.js';
import { stopLeftoverPostgres } from '../../db/embedded-postgres.js';

// kill -9 and an immediate restart on the embedded database (issue 13): the real server
// (bench/campaign-server.ts, as `npm start` runs it) is SIGKILLed and started again on the same
// data folder. One start serves again: the dead process's lock is taken over because its owner is
// gone, and on the embedded PostgreSQL (the default) the postmaster the dead process left running
// is stopped before a new one starts. A second server on a folder in use is still refused. The
// time to serve again is logged, not asserted (README, "Figures").

describe.each(['postgres', 'pglite'] as const)('embedded %s', (embedded) => {
  test('a second server on the folder is refused; after SIGKILL one start serves again, with the data', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pf-restart-'));
    chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the `postgres` user when the tests run as root
    const opts = { dataDir: path.join(dir, 'data'), embedded, smtpUrl: 'smtp://127.0.0.1:1', concurrency: 2, modelLatencyMs: 0 };
    let server: BenchServer | null = null;
    try {
      server = await startServer(opts);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const leadIds = await importLeads(server.url, 3);
      expect(leadIds).toHaveLength(3);

      await expect(startServer(opts, { patienceMs: 0 })).rejects.toThrow(/in use by another personaflow process \(pid \d+\)/);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      const killedPid = server.child.pid;
      expect(await stopServer(server, 'SIGKILL')).toBe('SIGKILL');
      server = await startServer(opts, { patienceMs: 0 });
      console.log(`${embedded}: serving again ${Math.round(server.readyMs)} ms after the SIGKILL, in one start (${server.refused} refused starts)`);
      expect(server.refused).toBe(0);
      const output = server.output.join('');
      expect(output).toMatch(new RegExp(`took over the lock on .* \\(pid ${killedPid}, no longer running\\)`));
      if (embedded === 'postgres')
        expect(output).toMatch(/stopped the embedded PostgreSQL \(pid \d+\) that a personaflow process which ended without stopping it/);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const { leads } = await api<{ leads: Array<{ id: string }> }>(server.url, 'GET', '/api/leads');
      expect(leads.map((l) => l.id)).toEqual(expect.arrayContaining(leadIds));

      // A graceful stop stops the embedded PostgreSQL too.
      expect(await stopServer(server, 'SIGTERM')).toBe('exit 0');
      server = null;
      if (embedded === 'postgres') expect(existsSync(path.join(opts.dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    } finally {
      if (server) await stopServer(server, 'SIGTERM');
      await stopLeftoverPostgres(opts.dataDir);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
