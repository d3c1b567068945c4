import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { LOCK_FILE } from '../../db/data-dir-lock.js';

// The PGlite data folder's lock (issue 13): a second process on a folder in use is refused; a
// process killed with SIGKILL leaves its lock behind, and the next open takes it over at once
// because its owner is no longer running, instead of waiting for the lock to go stale.

const root = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];

/** tests/helpers/hold-data-dir.ts in a child process; resolves once it has the database open (or was refused). */
function holder(dir: string): Promise<{ child: ChildProcess; line: string; exited: Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/helpers/hold-data-dir.ts'), dir], {
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

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('PGlite data folder lock', () => {
  test('a live owner is refused; after SIGKILL the folder opens again at once, with the dead process’s data', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pf-lock-'));
    try {
      const first = await holder(dir);
      expect(first.line).toMatch(/^open \d+$/);
      const owner = JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
      expect(owner.pid).toBe(first.child.pid);

      // A second process, and this one, are refused while the first is alive.
      const second = await holder(dir);
      expect(second.line).toMatch(new RegExp(`^refused: The data directory .* is in use by another personaflow process \\(pid ${first.child.pid}\\)`));
      expect(await second.exited).toBe('exit 3');
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by another personaflow process/);

      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');

      // Right away: no waiting for the lock to go stale (15 s).
      const t0 = performance.now();
      const handle = await openDatabase({ dataDir: dir });
      const ms = performance.now() - t0;
      try {
        console.log(`reopened after SIGKILL in ${Math.round(ms)} ms`);
        expect(ms).toBeLessThan(5_000);
        const rows = await handle.pglite!.query<{ pid: number }>(`select pid from held`).then((r) => r.rows);
        expect(rows.map((r) => Number(r.pid))).toEqual([first.child.pid]);
        // Now this process owns the folder: a new process is refused.
        const third = await holder(dir);
        expect(third.line).toMatch(new RegExp(`^refused: .*\\(pid ${process.pid}\\)`));
      } finally {
        await handle.close();
      }
      // Released on close: the next process gets it.
      const fourth = await holder(dir);
      expect(fourth.line).toMatch(/^open \d+$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('two processes starting together after a crash: exactly one gets the folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pf-lock-'));
    try {
      const first = await holder(dir);
      first.child.kill('SIGKILL');
      await first.exited;
      const [a, b] = await Promise.all([holder(dir), holder(dir)]);
      expect([a.line, b.line].filter((l) => l.startsWith('open'))).toHaveLength(1);
      expect([a.line, b.line].filter((l) => l.startsWith('refused'))).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
