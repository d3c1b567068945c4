import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { startServer, stopServer, type BenchServer } from '../../bench/campaign-harness.js';

// kill -9 and an immediate restart on the embedded database (issue 13): the real server
// (bench/campaign-server.ts, as `npm start` runs it) is SIGKILLed and started again on the same
// data folder. The restart serves within 5 s in one start: the dead process's lock is taken over
// because its owner is gone. A second server on a folder in use is still refused.

test('PGlite: a second server on the folder is refused; after SIGKILL one start serves again within 5 s', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-restart-'));
  const opts = { dataDir: path.join(dir, 'data'), smtpUrl: 'smtp://127.0.0.1:1', concurrency: 2, modelLatencyMs: 0 };
  let server: BenchServer | null = null;
  try {
    server = await startServer(opts);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    await expect(startServer(opts, { patienceMs: 0 })).rejects.toThrow(/in use by another personaflow process \(pid \d+\)/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    expect(await stopServer(server, 'SIGKILL')).toBe('SIGKILL');
    server = await startServer(opts, { patienceMs: 0 });
    console.log(`PGlite: serving again ${Math.round(server.readyMs)} ms after the SIGKILL (${server.refused} refused starts)`);
    expect(server.refused).toBe(0);
    expect(server.readyMs).toBeLessThan(5_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  } finally {
    if (server) await stopServer(server, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
