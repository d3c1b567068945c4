import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type EmbeddedKind } from '../../db/client.js';
import { LOCK_FILE } from '../../db/data-dir-lock.js';
import { stopLeftoverPostgres } from '../../db/embedded-postgres.js';

// The data folder's lock (issue 13), on both embedded databases: a second process on a folder in
// use is refused; a process killed with SIGKILL leaves its lock behind (and, on the embedded
// PostgreSQL, its postmaster running), and the next open takes the folder over at once because its
// owner is no longer running, instead of waiting for the lock to go stale.

const root = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];

/** tests/helpers/hold-data-dir.ts in a child process; resolves once it has the database open (or was refused). */
function holder(dir: string, embedded: EmbeddedKind): Promise<{ child: ChildProcess; line: string; exited: Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/helpers/hold-data-dir.ts'), dir, embedded], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = /^(open \d+|refused: .*)$/m.exec(out)?.[1];
      if (line) resolve({ child, line, exited });
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then((how) => reject(new Error(`holder exited (${how}) before opening: ${out}`)));
  });
}

/** Kills the holders still running, then the postmaster a SIGKILLed holder leaves behind, then the folder. */
async function cleanUp(dir: string) {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) {
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await gone;
    }
  }
  await stopLeftoverPostgres(dir);
  rmSync(dir, { recursive: true, force: true });
}

/** A new folder; searchable by others, as the `postgres` user needs when the tests run as root. */
function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-lock-'));
  chmodSync(dir, 0o755);
  return dir;
}

describe.each<EmbeddedKind>(['postgres', 'pglite'])('data folder lock (embedded %s)', (embedded) => {
  test('a live owner is refused; after SIGKILL the folder opens again at once, with the dead process’s data', async () => {
    const dir = tempDir();
    try {
      const first = await holder(dir, embedded);
      expect(first.line).toMatch(/^open \d+$/);
      const owner = JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
      expect(owner.pid).toBe(first.child.pid);

      // A second process, and this one, are refused while the first is alive.
      const second = await holder(dir, embedded);
      expect(second.line).toMatch(new RegExp(`^refused: The data directory .* is in use by another personaflow process \\(pid ${first.child.pid}\\)`));
      expect(await second.exited).toBe('exit 3');
      await expect(openDatabase({ dataDir: dir, embedded })).rejects.toThrow(/in use by another personaflow process/);

      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');

      // Right away: the dead owner's lock is taken over (no waiting for it to go stale, 15 s), and
      // on PostgreSQL the postmaster the dead process left running is stopped first.
      const t0 = performance.now();
      const logged: string[] = [];
      const handle = await openDatabase({ dataDir: dir, embedded, log: (m) => logged.push(m) });
      const ms = performance.now() - t0;
      try {
        console.log(`${embedded}: reopened after SIGKILL in ${Math.round(ms)} ms`);
        expect(logged.join('\n')).toMatch(new RegExp(`took over the lock on .* \\(pid ${first.child.pid}, no longer running\\)`));
        if (embedded === 'postgres') expect(logged.join('\n')).toMatch(/stopped the embedded PostgreSQL \(pid \d+\) that a personaflow process which ended/);
        const result = await handle.db.execute(sql`select pid from held`);
        const rows = ((result as { rows?: Array<{ pid: number }> }).rows ?? (result as unknown as Array<{ pid: number }>)) as Array<{ pid: number }>;
        expect(rows.map((r) => Number(r.pid))).toEqual([first.child.pid]);
        // Now this process owns the folder: a new process is refused.
        const third = await holder(dir, embedded);
        expect(third.line).toMatch(new RegExp(`^refused: .*\\(pid ${process.pid}\\)`));
      } finally {
        await handle.close();
      }
      // Released on close: the next process gets it.
      const fourth = await holder(dir, embedded);
      expect(fourth.line).toMatch(/^open \d+$/);
    } finally {
      await cleanUp(dir);
    }
  }, 60_000);

  test('two processes starting together after a crash: exactly one gets the folder', async () => {
    const dir = tempDir();
    try {
      const first = await holder(dir, embedded);
      first.child.kill('SIGKILL');
      await first.exited;
      const [a, b] = await Promise.all([holder(dir, embedded), holder(dir, embedded)]);
      expect([a.line, b.line].filter((l) => l.startsWith('open'))).toHaveLength(1);
      expect([a.line, b.line].filter((l) => l.startsWith('refused'))).toHaveLength(1);
    } finally {
      await cleanUp(dir);
    }
  }, 60_000);
});
