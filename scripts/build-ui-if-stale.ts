// `npm start` builds the UI only when dist/ui is missing or older than its sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const builtAt = (() => {
  const index = path.join(root, 'dist/ui/index.html');
  return existsSync(index) ? statSync(index).mtimeMs : 0;
})();

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestIn(path.join(root, 'ui')), newestIn(path.join(root, 'schemas')), statSync(path.join(root, 'vite.config.ts')).mtimeMs);
if (sources > builtAt) {
  console.log('personaflow: building the UI…');
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
