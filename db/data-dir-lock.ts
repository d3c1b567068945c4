import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, rmdir, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

// The exclusive lock on a PGlite data folder: two processes on one folder lose writes without any
// error, so a second process is refused. The lock is one file, `personaflow.lock`, that names its
// owner (pid, host, when the process started). It appears with its content in one step (written
// to a temporary file, then hard-linked into place, which fails if the lock exists), so a reader
// never sees a lock without an owner.
//
// A lock left by a process that died (kill -9, a crash, a power cut) is taken over at once when
// its owner is on this host and no longer alive; a live owner is refused. A lock from another host
// (a folder on a shared volume) cannot be checked, so it is taken over only once it is stale: its
// owner touches it every UPDATE_MS, and STALE_MS without a touch means the owner is gone.

export const LOCK_FILE = 'personaflow.lock';
const STALE_MS = 15_000;
const UPDATE_MS = 5_000;

export type LockOwner = { pid: number; host: string; startedAt: number; token: string };

export class DataDirInUseError extends Error {
  constructor(dir: string, owner: LockOwner | null) {
    const who = owner ? ` (pid ${owner.pid}${owner.host === os.hostname() ? '' : ` on ${owner.host}`})` : '';
    super(`The data directory ${dir} is in use by another personaflow process${who}. Stop it, or set DATA_DIR to another folder.`);
    this.name = 'DataDirInUseError';
  }
}

/** Tokens of the locks this process holds. */
const heldHere = new Set<string>();

/** When this process started, in ms since the epoch. */
const processStartedAt = () => Math.round(Date.now() - process.uptime() * 1000);

/**
 * When `pid` started, in ms since the epoch, from /proc (Linux); null where that is not available.
 * Tells a reused pid from the process that wrote the lock.
 */
function startOfPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot) counts from after the ")" that ends the command name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(btime)) return null;
    return btime * 1000 + (ticks * 1000) / 100; // USER_HZ is 100 on every Linux Node runs on
  } catch {
    return null;
  }
}

/** Whether the process that wrote `owner` is still running. Only meaningful for an owner on this host. */
export function ownerAlive(owner: LockOwner): boolean {
  // Our own pid: alive if this process holds that lock (a second open in one process is refused
  // too); otherwise an earlier process with the same pid, e.g. a container restarted.
  if (owner.pid === process.pid) return heldHere.has(owner.token);
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: a process of another user has that pid; treat it as alive unless it started later.
  }
  const started = startOfPid(owner.pid);
  // The pid was reused by a process started well after the lock's owner: the owner is gone.
  if (started !== null && started > owner.startedAt + 5_000) return false;
  return true;
}

async function readOwner(file: string): Promise<LockOwner | 'directory' | null> {
  try {
    const s = await stat(file);
    if (s.isDirectory()) return 'directory'; // a lock taken by an earlier version (proper-lockfile)
    const parsed = JSON.parse(await readFile(file, 'utf8')) as LockOwner;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? parsed : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return null;
  }
}

async function ageMs(file: string): Promise<number> {
  try {
    return Date.now() - (await stat(file)).mtimeMs;
  } catch {
    return Infinity;
  }
}

export type DataDirLock = { owner: LockOwner; release(): Promise<void> };

/**
 * Takes the folder's lock, or throws DataDirInUseError when a live process holds it. A dead
 * owner's lock is replaced under a short takeover mutex, so two processes starting together
 * after a crash cannot both take it.
 */
export async function lockDataDir(dir: string, opts: { log?: (m: string) => void } = {}): Promise<DataDirLock> {
  const file = path.join(dir, LOCK_FILE);
  const takeover = `${file}.takeover`;
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: processStartedAt(), token: randomBytes(8).toString('hex') };

  for (let attempt = 0; attempt < 20; attempt++) {
    if (await createLock(file, owner)) return held(file, owner, opts.log);
    const current = await readOwner(file);
    if (current === null) {
      // Gone between our attempt and the read (its owner released it), or unreadable: try again.
      if ((await ageMs(file)) === Infinity) continue;
      if ((await ageMs(file)) < STALE_MS) throw new DataDirInUseError(dir, null);
    } else if (current === 'directory') {
      if ((await ageMs(file)) < STALE_MS) throw new DataDirInUseError(dir, null);
    } else if (current.host === owner.host ? ownerAlive(current) : (await ageMs(file)) < STALE_MS) {
      throw new DataDirInUseError(dir, current);
    }
    // The lock's owner is dead (or stale): replace the lock, one taker at a time.
    try {
      await mkdir(takeover);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // Another process is taking over; a takeover mutex older than a few seconds is itself left by a crash.
      if ((await ageMs(takeover)) > 5_000) await rmdir(takeover).catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    try {
      // Still the lock we inspected (not one a live process took meanwhile)?
      if (sameLock(await readOwner(file), current)) {
        // Moved aside first, so that nobody ever deletes a lock they did not inspect.
        const aside = `${file}.dead-${owner.token}`;
        await rename(file, aside).catch(() => {});
        await rm(aside, { recursive: true, force: true });
        const was =
          current === null
            ? 'an unreadable lock'
            : current === 'directory'
              ? 'a stale lock'
              : `pid ${current.pid}${current.host === owner.host ? ', no longer running' : ` on ${current.host}, stale`}`;
        opts.log?.(`personaflow: took over the lock on ${dir} (${was})`);
      }
      if (await createLock(file, owner)) return held(file, owner, opts.log);
    } finally {
      await rmdir(takeover).catch(() => {});
    }
  }
  throw new DataDirInUseError(dir, null);
}

const sameLock = (a: LockOwner | 'directory' | null, b: LockOwner | 'directory' | null) =>
  a === null || b === null || a === 'directory' || b === 'directory' ? a === b : a.token === b.token;

/** Creates the lock file with its content in one step; false if a lock is there. */
async function createLock(file: string, owner: LockOwner): Promise<boolean> {
  const tmp = `${file}.${owner.token}.tmp`;
  await writeFile(tmp, `${JSON.stringify(owner)}\n`);
  try {
    await link(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

function held(file: string, owner: LockOwner, log?: (m: string) => void): DataDirLock {
  // Touched while held, so that a process on another host can tell a dead owner by staleness.
  const timer = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch((err: Error) => log?.(`personaflow: could not refresh the data folder lock: ${err.message}`));
  }, UPDATE_MS);
  timer.unref();
  heldHere.add(owner.token);
  let released = false;
  return {
    owner,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      heldHere.delete(owner.token);
      const current = await readOwner(file);
      if (current && current !== 'directory' && current.token === owner.token) await unlink(file).catch(() => {});
    },
  };
}
