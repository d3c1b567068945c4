// `npm start`: builds what is stale (scripts/build-if-stale.ts), then runs the built server
// (dist/server/main.js) in this process. Plain Node 22: no TypeScript is transpiled at start, and
// V8's compile cache (dist/compile-cache) spares recompiling the same JavaScript on every start.
import { enableCompileCache } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, projectRoot } from './build-if-stale.ts';

await buildIfStale();
enableCompileCache?.(path.join(projectRoot, 'dist/compile-cache'));
await import(pathToFileURL(path.join(projectRoot, 'dist/server/main.js')).href);
