import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildIfStale, isStale } from '../../scripts/build-if-stale.js';

// A project of its own in a temporary folder: a server whose main imports a module that finds a
// file beside itself through import.meta.url, as genkit.config.ts and db/migrate.ts do.
const root = mkdtempSync(path.join(tmpdir(), 'pf-build-'));
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
/** Sets a file's modification time `seconds` before now. */
const age = (file: string, seconds: number) => {
  const at = new Date(Date.now() - seconds * 1000);
  utimesSync(path.join(root, file), at, at);
};
/** The last server build happened a minute ago: whatever is saved now is newer. */
const buildAMinuteAgo = () => age('dist/server/build.json', 60);
const mainJs = path.join(root, 'dist/server/main.js');
const run = () => execFileSync(process.execPath, [mainJs], { encoding: 'utf8' }).trim();

beforeAll(() => {
  write('package.json', '{ "type": "module" }');
  write('package-lock.json', '{}');
  write('lib/greeting.ts', "export const greeting: string = 'hello';\nexport const here = new URL('.', import.meta.url).href;\n");
  write('server/main.ts', "import { greeting, here } from '../lib/greeting.js';\nconsole.log(greeting, here);\n");
  write('ui/src/main.tsx', 'export {};\n');
  write('schemas/x.ts', 'export {};\n');
  write('vite.config.ts', 'export default {};\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm start builds the server only when a source is newer than the build', () => {
  test('no build yet: it builds, and the built server runs with each module finding its files beside its source', async () => {
    expect(isStale('server', root)).toBe(true);
    expect(await buildIfStale(['server'], root)).toEqual(['server']);
    expect(run()).toBe(`hello ${pathToFileURL(path.join(root, 'lib')).href}/`);
  });

  test('nothing changed: it builds nothing and leaves the build as it was', async () => {
    const before = statSync(mainJs).mtimeMs;
    expect(isStale('server', root)).toBe(false);
    expect(await buildIfStale(['server'], root)).toEqual([]);
    expect(statSync(mainJs).mtimeMs).toBe(before);
  });

  test('a source saved after the build: it builds again, with the change', async () => {
    buildAMinuteAgo();
    write('lib/greeting.ts', "export const greeting: string = 'hello again';\nexport const here = new URL('.', import.meta.url).href;\n");
    expect(isStale('server', root)).toBe(true);
    expect(await buildIfStale(['server'], root)).toEqual(['server']);
    expect(run()).toMatch(/^hello again /);
    expect(isStale('server', root)).toBe(false);
  });

  test('the lockfile changed (bundled packages may have): it builds again', async () => {
    buildAMinuteAgo();
    age('package-lock.json', 0);
    expect(isStale('server', root)).toBe(true);
    expect(await buildIfStale(['server'], root)).toEqual(['server']);
  });

  test('a file the last build read is gone: it builds again', async () => {
    buildAMinuteAgo();
    write('lib/extra.ts', "export const extra = 'x';\n");
    write(
      'server/main.ts',
      "import { greeting, here } from '../lib/greeting.js';\nimport { extra } from '../lib/extra.js';\nconsole.log(greeting, here, extra);\n",
    );
    expect(await buildIfStale(['server'], root)).toEqual(['server']);
    expect(JSON.parse(readFileSync(path.join(root, 'dist/server/build.json'), 'utf8')).inputs).toContain('lib/extra.ts');
    expect(isStale('server', root)).toBe(false);
    rmSync(path.join(root, 'lib/extra.ts'));
    expect(isStale('server', root)).toBe(true);
  });
});

describe('and the UI only when ui/, schemas/ or the Vite config is newer than dist/ui', () => {
  test('no build, then a build newer than every source, then a UI source saved after it, then a schema', () => {
    expect(isStale('ui', root)).toBe(true);
    for (const source of ['ui/src/main.tsx', 'schemas/x.ts', 'vite.config.ts']) age(source, 120);
    write('dist/ui/index.html', '<!doctype html>');
    age('dist/ui/index.html', 60);
    expect(isStale('ui', root)).toBe(false);
    age('ui/src/main.tsx', 0);
    expect(isStale('ui', root)).toBe(true);
    age('ui/src/main.tsx', 120);
    age('schemas/x.ts', 0);
    expect(isStale('ui', root)).toBe(true);
  });
});
