// Cold start of the product as `npm start` runs it (UI already built): time to the "ready" log
// line and resident memory of the server process tree, on a fresh and on an existing data folder.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { treeRssKb } from './process-tree.js';

const root = path.resolve(import.meta.dirname, '..');

async function startOnce(dataDir: string): Promise<{ readyMs: number; rssMb: number }> {
  const t0 = performance.now();
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'server/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', GENKIT_ENV: 'prod' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const readyMs = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('is ready at') && resolve(performance.now() - t0));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  await new Promise((r) => setTimeout(r, 1000));
  const rssMb = treeRssKb(child.pid!) / 1024;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { readyMs, rssMb };
}

export async function benchColdStart() {
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-bench-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the `postgres` user when the bench runs as root
  try {
    const fresh = await startOnce(path.join(dir, 'data'));
    const reopen = await startOnce(path.join(dir, 'data'));
    return { fresh, reopen };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
