import { execFileSync } from 'node:child_process';

/** A process and all its descendants (the server, its tsx launcher, an embedded Postgres). */
export function treePids(pid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const pids = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [p, pp] of rows) {
      if (pids.has(pp) && !pids.has(p)) {
        pids.add(p);
        grew = true;
      }
    }
  }
  return [...pids];
}

/** Resident memory of a process tree, in kB. */
export function treeRssKb(pid: number): number {
  const pids = new Set(treePids(pid));
  const out = execFileSync('ps', ['-e', '-o', 'pid=,rss='], { encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number])
    .filter(([p]) => pids.has(p))
    .reduce((sum, [, rss]) => sum + rss, 0);
}
