import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PromptVersion } from '../schemas/transcript.js';

// The version of a prompt is the hash of its template as it runs: the .prompt file with the
// partials it includes ({{>voice}} is _voice.prompt), so a change to either is a new version.

const PARTIAL = /\{\{>\s*([\w-]+)/g;

function promptFiles(dir: string, under = ''): string[] {
  return readdirSync(path.join(dir, under), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(under, entry.name);
    if (entry.isDirectory()) return promptFiles(dir, relative);
    return entry.name.endsWith('.prompt') && !entry.name.startsWith('_') ? [relative] : [];
  });
}

const cache = new Map<string, Map<string, PromptVersion>>();

/** Every prompt in the directory by its name ("persona/reply"), read once per process. */
export function promptVersions(dir: string): Map<string, PromptVersion> {
  const known = cache.get(dir);
  if (known) return known;
  const versions = new Map<string, PromptVersion>();
  for (const file of promptFiles(dir)) {
    const own = readFileSync(path.join(dir, file), 'utf8');
    const partials = [...new Set([...own.matchAll(PARTIAL)].map((m) => m[1]!))].sort();
    const template = [own, ...partials.map((name) => readFileSync(path.join(dir, `_${name}.prompt`), 'utf8'))].join('\n');
    const prompt = file.replace(/\.prompt$/, '');
    versions.set(prompt, { prompt, version: createHash('sha256').update(template).digest('hex').slice(0, 16), template });
  }
  cache.set(dir, versions);
  return versions;
}
